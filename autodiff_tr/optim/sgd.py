"""Stochastic gradient descent, with PyTorch's momentum, dampening, Nesterov and weight decay."""

from ..autograd import no_grad
from ..messages import message
from .optimizer import Optimizer


class SGD(Optimizer):
    """p <- p - lr * d, where d is the gradient (plus weight_decay * p), or with momentum the
    buffer b <- momentum * b + (1 - dampening) * d (b = d on the first step); with nesterov,
    d + momentum * b. PyTorch's formulas, in PyTorch's order."""

    def __init__(
        self,
        params,
        lr=1e-3,
        momentum=0,
        dampening=0,
        weight_decay=0,
        nesterov=False,
        *,
        maximize=False,
        foreach=None,
        differentiable=False,
        fused=None,
    ):
        if lr < 0.0:
            raise ValueError(message("optim_invalid_lr", value=lr))
        if momentum < 0.0:
            raise ValueError(message("optim_invalid_momentum", value=momentum))
        if weight_decay < 0.0:
            raise ValueError(message("optim_invalid_weight_decay", value=weight_decay))
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError(message("optim_nesterov"))
        defaults = {
            "lr": lr,
            "momentum": momentum,
            "dampening": dampening,
            "weight_decay": weight_decay,
            "nesterov": nesterov,
            "maximize": maximize,
            "foreach": foreach,
            "differentiable": differentiable,
            "fused": fused,
        }
        super().__init__(params, defaults)

    def step(self, closure=None):
        """Update every parameter that has a gradient; returns `closure()`'s loss if given.
        PyTorch's `_single_tensor_sgd`, line for line, with public in-place ops."""
        loss = self._closure_loss(closure)
        with no_grad():
            for group in self.param_groups:
                lr, momentum = group["lr"], group["momentum"]
                dampening, weight_decay = group["dampening"], group["weight_decay"]
                for param in group["params"]:
                    if param.grad is None:
                        continue
                    grad = param.grad if not group["maximize"] else -param.grad
                    if weight_decay != 0:
                        grad = grad.add(param, alpha=weight_decay)
                    if momentum != 0:
                        state = self.state[param]
                        buf = state.get("momentum_buffer")
                        if buf is None:
                            buf = state["momentum_buffer"] = grad.detach().clone()
                        else:
                            buf.mul_(momentum).add_(grad, alpha=1 - dampening)
                        grad = grad.add(buf, alpha=momentum) if group["nesterov"] else buf
                    param.add_(grad, alpha=-lr)
        return loss
