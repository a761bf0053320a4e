"""Stochastic gradient descent, with PyTorch's momentum, dampening, Nesterov and weight decay."""

from ..messages import message
from ..tensor_api import creation
from .optimizer import Optimizer, changed, values_of


class SGD(Optimizer):
    """p <- p - lr * d, where d is the gradient (plus weight_decay * p), or with momentum the
    buffer b <- momentum * b + (1 - dampening) * d (b = d on the first step); with nesterov,
    d + momentum * b. PyTorch's formulas, in PyTorch's order."""

    def __init__(self, params, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False,
                 *, maximize=False, foreach=None, differentiable=False, fused=None):
        if lr < 0.0:
            raise ValueError(message("optim_lr", value=lr))
        if momentum < 0.0:
            raise ValueError(message("optim_momentum", value=momentum))
        if weight_decay < 0.0:
            raise ValueError(message("optim_weight_decay", value=weight_decay))
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError(message("optim_nesterov"))
        defaults = {"lr": lr, "momentum": momentum, "dampening": dampening,
                    "weight_decay": weight_decay, "nesterov": nesterov, "maximize": maximize,
                    "foreach": foreach, "differentiable": differentiable, "fused": fused}
        super().__init__(params, defaults)

    def step(self, closure=None):
        """Update every parameter that has a gradient; returns `closure()`'s loss if given."""
        loss = self._closure_loss(closure)
        for group in self.param_groups:
            lr, momentum = group["lr"], group["momentum"]
            dampening, weight_decay = group["dampening"], group["weight_decay"]
            for param in group["params"]:
                if param.grad is None:
                    continue
                grad = values_of(param.grad)
                weights = values_of(param)
                if group["maximize"]:
                    grad = -grad
                if weight_decay != 0:
                    grad = grad + weight_decay * weights
                if momentum != 0:
                    state = self.state[param]
                    if state.get("momentum_buffer") is None:
                        state["momentum_buffer"] = creation.tensor(grad)  # a copy
                        buf = values_of(state["momentum_buffer"])
                    else:
                        buf = values_of(state["momentum_buffer"])
                        buf *= momentum
                        buf += grad if dampening == 0 else (1 - dampening) * grad
                        changed(state["momentum_buffer"])
                    grad = grad + momentum * buf if group["nesterov"] else buf
                weights += -lr * grad
                changed(param)
        return loss
