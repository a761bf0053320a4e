"""`autodiff_tr.autograd`, like `torch.autograd`: the user-facing names of autograd in one place.

Where to read how it works: `engine/derivatives.py` (how each op differentiates),
`engine/nodes.py` (how an op records its node: `record`), `engine/backward.py` (how backward
walks the graph: `run_backward`). `autograd.function` has `Function`, a function with a backward
of your own (`function.py`); `autograd.functional` has PyTorch's Jacobians, Hessians and their
products with vectors (`functional.py`); `gradcheck.py` checks analytic first and second
derivatives against finite differences.
"""

from ..engine.backward import backward, grad
from ..engine.grad_mode import (
    enable_grad,
    inference_mode,
    is_grad_enabled,
    is_inference_mode_enabled,
    no_grad,
    set_grad_enabled,
)
from ..engine.nodes import Node
from . import forward_ad, function, functional
from .function import Function
from .gradcheck import GradcheckError, gradcheck, gradgradcheck

__all__ = [
    "backward", "grad", "no_grad", "enable_grad", "set_grad_enabled", "is_grad_enabled", "Node",
    "gradcheck", "gradgradcheck", "GradcheckError", "inference_mode", "is_inference_mode_enabled",
    "functional", "function", "Function", "forward_ad",
]
