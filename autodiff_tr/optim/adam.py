"""Adam (Kingma and Ba, 2015), with PyTorch's bias correction and placement of eps."""

from ..autograd import no_grad
from ..messages import message
from ..tensor_api import creation
from .optimizer import Optimizer


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
        """Update every parameter that has a gradient; returns `closure()`'s loss if given.
        PyTorch's `_single_tensor_adam`, line for line, with public in-place ops."""
        loss = self._closure_loss(closure)
        with no_grad():
            for group in self.param_groups:
                beta1, beta2 = group["betas"]
                lr, eps, weight_decay = group["lr"], group["eps"], group["weight_decay"]
                for param in group["params"]:
                    if param.grad is None:
                        continue
                    grad = param.grad if not group["maximize"] else -param.grad
                    state = self.state[param]
                    if not state:
                        state["step"] = creation.tensor(0.0)
                        state["exp_avg"] = creation.zeros_like(param)
                        state["exp_avg_sq"] = creation.zeros_like(param)
                    exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
                    step_t = state["step"]
                    step_t += 1
                    if weight_decay != 0:
                        grad = grad.add(param, alpha=weight_decay)
                    exp_avg.lerp_(grad, 1 - beta1)
                    exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
                    step = step_t.item()
                    bias_correction1 = 1 - beta1**step
                    bias_correction2 = 1 - beta2**step
                    step_size = lr / bias_correction1
                    bias_correction2_sqrt = bias_correction2**0.5
                    denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps)
                    param.addcdiv_(exp_avg, denom, value=-step_size)
        return loss
