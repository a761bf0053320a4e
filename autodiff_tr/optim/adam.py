"""Adam (Kingma and Ba, 2015), with PyTorch's bias correction and placement of eps."""

import math

import numpy

from ..messages import message
from ..tensor_api import creation
from .optimizer import Optimizer, changed, values_of


class Adam(Optimizer):
    """Running averages m of the gradient and v of its square; the step is
    lr / (1 - beta1**t) * m / (sqrt(v) / sqrt(1 - beta2**t) + eps). PyTorch's formulas, in
    PyTorch's order; `weight_decay` adds weight_decay * p to the gradient (L2, not AdamW)."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0,
                 amsgrad=False, *, foreach=None, maximize=False, capturable=False,
                 differentiable=False, fused=None, decoupled_weight_decay=False):
        if not 0.0 <= lr:
            raise ValueError(message("optim_lr", value=lr))
        if not 0.0 <= eps:
            raise ValueError(message("optim_eps", value=eps))
        for i in (0, 1):
            if not 0.0 <= betas[i] < 1.0:
                raise ValueError(message("optim_beta", index=i, value=betas[i]))
        if not 0.0 <= weight_decay:
            raise ValueError(message("optim_weight_decay", value=weight_decay))
        for name, flag in (("amsgrad", amsgrad), ("decoupled_weight_decay",
                                                  decoupled_weight_decay)):
            if flag:
                raise NotImplementedError(message("optim_unsupported", fn="Adam", name=name))
        defaults = {"lr": lr, "betas": betas, "eps": eps, "weight_decay": weight_decay,
                    "amsgrad": amsgrad, "maximize": maximize, "foreach": foreach,
                    "capturable": capturable, "differentiable": differentiable, "fused": fused,
                    "decoupled_weight_decay": decoupled_weight_decay}
        super().__init__(params, defaults)

    def step(self, closure=None):
        """Update every parameter that has a gradient; returns `closure()`'s loss if given."""
        loss = self._closure_loss(closure)
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            lr, eps, weight_decay = group["lr"], group["eps"], group["weight_decay"]
            for param in group["params"]:
                if param.grad is None:
                    continue
                grad = values_of(param.grad)
                weights = values_of(param)
                if group["maximize"]:
                    grad = -grad
                state = self.state[param]
                if not state:
                    state["step"] = creation.tensor(0.0)
                    state["exp_avg"] = creation.zeros_like(param)
                    state["exp_avg_sq"] = creation.zeros_like(param)
                exp_avg, exp_avg_sq = values_of(state["exp_avg"]), values_of(state["exp_avg_sq"])
                values_of(state["step"])[...] += 1
                if weight_decay != 0:
                    grad = grad + weight_decay * weights
                # exp_avg.lerp_(grad, 1 - beta1): PyTorch's formula for a weight below 0.5
                exp_avg += (1 - beta1) * (grad - exp_avg)
                exp_avg_sq *= beta2
                exp_avg_sq += (1 - beta2) * grad * grad
                step = state["step"].item()
                bias_correction1 = 1 - beta1**step
                bias_correction2 = 1 - beta2**step
                step_size = lr / bias_correction1
                denom = numpy.sqrt(exp_avg_sq) / math.sqrt(bias_correction2) + eps
                weights += -step_size * exp_avg / denom
                for changed_tensor in (param, state["step"], state["exp_avg"],
                                       state["exp_avg_sq"]):
                    changed(changed_tensor)
        return loss
