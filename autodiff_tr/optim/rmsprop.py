"""RMSprop (Hinton's lecture 6e), with PyTorch's placement of eps, centering and momentum."""

from ..engine.grad_mode import no_grad
from ..messages import message
from ..tensor_api import creation
from .optimizer import Optimizer


class RMSprop(Optimizer):
    """A running average v of the squared gradient, v <- alpha v + (1 - alpha) g**2, divides
    each step: p <- p - lr g / (sqrt(v) + eps). With `centered`, the running average of g is
    subtracted first (v - mean(g)**2, the gradient's variance); with `momentum`, a buffer
    b <- momentum b + g / (sqrt(v) + eps) is the step. PyTorch's `_single_tensor_rmsprop`."""

    def __init__(
        self,
        params,
        lr=1e-2,
        alpha=0.99,
        eps=1e-8,
        weight_decay=0,
        momentum=0,
        centered=False,
        capturable=False,
        foreach=None,
        maximize=False,
        differentiable=False,
    ):
        if not 0.0 <= lr:
            raise ValueError(message("optim_invalid_lr", value=lr))
        if not 0.0 <= eps:
            raise ValueError(message("optim_invalid_eps", value=eps))
        if not 0.0 <= momentum:
            raise ValueError(message("optim_invalid_momentum", value=momentum))
        if not 0.0 <= weight_decay:
            raise ValueError(message("optim_invalid_weight_decay", value=weight_decay))
        if not 0.0 <= alpha:
            raise ValueError(message("optim_invalid_alpha", value=alpha))
        defaults = {
            "lr": lr,
            "momentum": momentum,
            "alpha": alpha,
            "eps": eps,
            "centered": centered,
            "weight_decay": weight_decay,
            "capturable": capturable,
            "foreach": foreach,
            "maximize": maximize,
            "differentiable": differentiable,
        }
        super().__init__(params, defaults)

    def step(self, closure=None):
        """Update every parameter that has a gradient; returns `closure()`'s loss if given."""
        loss = self._closure_loss(closure)
        with no_grad():
            for group in self.param_groups:
                lr, alpha, eps = group["lr"], group["alpha"], group["eps"]
                weight_decay, momentum = group["weight_decay"], group["momentum"]
                for param in group["params"]:
                    if param.grad is None:
                        continue
                    state = self.state[param]
                    if not state:
                        state["step"] = creation.tensor(0.0)
                        state["square_avg"] = creation.zeros_like(param)
                        if momentum > 0:
                            state["momentum_buffer"] = creation.zeros_like(param)
                        if group["centered"]:
                            state["grad_avg"] = creation.zeros_like(param)
                    grad = param.grad if not group["maximize"] else -param.grad
                    square_avg = state["square_avg"]
                    state["step"] += 1
                    if weight_decay != 0:
                        grad = grad.add(param, alpha=weight_decay)
                    square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
                    if group["centered"]:
                        grad_avg = state["grad_avg"]
                        grad_avg.lerp_(grad, 1 - alpha)
                        avg = square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()
                    else:
                        avg = square_avg.sqrt()
                    avg = avg.add_(eps)
                    if momentum > 0:
                        buf = state["momentum_buffer"]
                        buf.mul_(momentum).addcdiv_(grad, avg)
                        param.add_(buf, alpha=-lr)
                    else:
                        param.addcdiv_(grad, avg, value=-lr)
        return loss
