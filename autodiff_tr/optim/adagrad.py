"""Adagrad (Duchi, Hazan and Singer, 2011), with PyTorch's learning-rate decay and eps."""

from ..engine.grad_mode import no_grad
from ..messages import message
from ..tensor_api import creation
from .optimizer import Optimizer


class Adagrad(Optimizer):
    """The sum s of all squared gradients so far divides each step, so often-updated parameters
    slow down: s <- s + g**2, p <- p - clr g / (sqrt(s) + eps), with clr = lr / (1 + (t - 1)
    lr_decay) at step t. PyTorch's `_single_tensor_adagrad`; the state (s starts at
    `initial_accumulator_value`) is made for every parameter when the optimizer is."""

    def __init__(
        self,
        params,
        lr=1e-2,
        lr_decay=0,
        weight_decay=0,
        initial_accumulator_value=0,
        eps=1e-10,
        foreach=None,
        *,
        maximize=False,
        differentiable=False,
        fused=None,
    ):
        if not 0.0 <= lr:
            raise ValueError(message("optim_invalid_lr", value=lr))
        if not 0.0 <= lr_decay:
            raise ValueError(message("optim_invalid_lr_decay", value=lr_decay))
        if not 0.0 <= weight_decay:
            raise ValueError(message("optim_invalid_weight_decay", value=weight_decay))
        if not 0.0 <= initial_accumulator_value:
            raise ValueError(
                message("optim_invalid_initial_accumulator", value=initial_accumulator_value)
            )
        if not 0.0 <= eps:
            raise ValueError(message("optim_invalid_eps", value=eps))
        if fused:
            raise NotImplementedError(message("optim_unsupported", fn="Adagrad", name="fused"))
        defaults = {
            "lr": lr,
            "lr_decay": lr_decay,
            "eps": eps,
            "weight_decay": weight_decay,
            "initial_accumulator_value": initial_accumulator_value,
            "foreach": foreach,
            "maximize": maximize,
            "differentiable": differentiable,
            "fused": fused,
        }
        super().__init__(params, defaults)
        for group in self.param_groups:
            for param in group["params"]:
                self._init_state(param)

    def _init_state(self, param):
        state = self.state[param]
        if not state:
            state["step"] = creation.tensor(0.0)
            state["sum"] = creation.full_like(param, self.defaults["initial_accumulator_value"])

    def step(self, closure=None):
        """Update every parameter that has a gradient; returns `closure()`'s loss if given."""
        loss = self._closure_loss(closure)
        with no_grad():
            for group in self.param_groups:
                lr, lr_decay = group["lr"], group["lr_decay"]
                weight_decay, eps = group["weight_decay"], group["eps"]
                for param in group["params"]:
                    if param.grad is None:
                        continue
                    self._init_state(param)  # a parameter of a group added later
                    state = self.state[param]
                    state["step"] += 1
                    step = state["step"].item()
                    grad = param.grad if not group["maximize"] else -param.grad
                    if weight_decay != 0:
                        grad = grad.add(param, alpha=weight_decay)
                    clr = lr / (1 + (step - 1) * lr_decay)
                    state_sum = state["sum"]
                    state_sum.addcmul_(grad, grad, value=1)
                    std = state_sum.sqrt().add_(eps)
                    param.addcdiv_(grad, std, value=-clr)
        return loss
