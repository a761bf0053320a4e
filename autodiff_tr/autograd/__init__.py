"""`autodiff_tr.autograd`, like `torch.autograd`: the user-facing names of autograd in one place.

Nothing is implemented here. Where to read how it works: `derivatives.py` (how each op
differentiates), `nodes.py` (how an op records its node: `record`), `engine.py` (how backward
walks the graph: `run_backward`). `autograd.function` has `Function`, a function with a backward
of your own (`function.py`); `autograd.functional` has PyTorch's Jacobians, Hessians and their
products with vectors (`functional.py`).
"""

from ..engine import backward, grad
from ..grad_mode import (
    enable_grad,
    inference_mode,
    is_grad_enabled,
    is_inference_mode_enabled,
    no_grad,
    set_grad_enabled,
)
from ..gradcheck import GradcheckError, gradcheck
from ..nodes import Node
from . import function, functional
from .function import Function

__all__ = [
    "backward", "grad", "no_grad", "enable_grad", "set_grad_enabled", "is_grad_enabled", "Node",
    "gradcheck", "GradcheckError", "inference_mode", "is_inference_mode_enabled",
    "functional", "function", "Function",
]
