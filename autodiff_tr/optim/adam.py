"""Adam (Kingma and Ba, 2015) and AdamW, with PyTorch's bias correction and placement of eps."""

from ..autograd import no_grad
from ..messages import message
from ..tensor_api import creation
from .optimizer import Optimizer


class Adam(Optimizer):
    """Running averages m of the gradient and v of its square; the step is
    lr / (1 - beta1**t) * m / (sqrt(v) / sqrt(1 - beta2**t) + eps). PyTorch's formulas, in
    PyTorch's order; `weight_decay` adds weight_decay * p to the gradient (L2), or with
    `decoupled_weight_decay=True` (AdamW) multiplies p by 1 - lr * weight_decay first."""

    def __init__(
        self,
        params,
        lr=1e-3,
        betas=(0.9, 0.999),
        eps=1e-8,
        weight_decay=0,
        amsgrad=False,
        *,
        foreach=None,
        maximize=False,
        capturable=False,
        differentiable=False,
        fused=None,
        decoupled_weight_decay=False,
    ):
        if not 0.0 <= lr:
            raise ValueError(message("optim_invalid_lr", value=lr))
        if not 0.0 <= eps:
            raise ValueError(message("optim_invalid_eps", value=eps))
        for i in (0, 1):
            if not 0.0 <= betas[i] < 1.0:
                raise ValueError(message("optim_invalid_beta", index=i, value=betas[i]))
        if not 0.0 <= weight_decay:
            raise ValueError(message("optim_invalid_weight_decay", value=weight_decay))
        if amsgrad:
            raise NotImplementedError(
                message("optim_unsupported", fn=type(self).__name__, name="amsgrad")
            )
        defaults = {
            "lr": lr,
            "betas": betas,
            "eps": eps,
            "weight_decay": weight_decay,
            "amsgrad": amsgrad,
            "maximize": maximize,
            "foreach": foreach,
            "capturable": capturable,
            "differentiable": differentiable,
            "fused": fused,
            "decoupled_weight_decay": decoupled_weight_decay,
        }
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
                        if group["decoupled_weight_decay"]:  # AdamW: shrink the weights
                            param.mul_(1 - lr * weight_decay)
                        else:  # L2: the penalty's gradient joins the gradient
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


class AdamW(Adam):
    """Adam with decoupled weight decay (Loshchilov and Hutter, 2019): each step first shrinks
    the parameters, p <- p (1 - lr * weight_decay), then takes Adam's step without the decay in
    the running averages. PyTorch's defaults: weight_decay=1e-2."""

    def __init__(
        self,
        params,
        lr=1e-3,
        betas=(0.9, 0.999),
        eps=1e-8,
        weight_decay=1e-2,
        amsgrad=False,
        *,
        maximize=False,
        foreach=None,
        capturable=False,
        differentiable=False,
        fused=None,
    ):
        super().__init__(
            params,
            lr,
            betas,
            eps,
            weight_decay,
            amsgrad,
            foreach=foreach,
            maximize=maximize,
            capturable=capturable,
            differentiable=differentiable,
            fused=fused,
            decoupled_weight_decay=True,
        )
