"""`autodiff_tr.autograd`, like `torch.autograd`: the user-facing names of autograd in one place.

Nothing is implemented here. Where to read how it works: `derivatives.py` (how each op
differentiates), `nodes.py` (how an op records its node: `record`), `engine.py` (how backward
walks the graph: `run_backward`). `autograd.functional` has PyTorch's Jacobians, Hessians and
their products with vectors (`functional.py`).
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
from . import functional
from .gradcheck import GradcheckError, gradcheck

__all__ = [
    "backward", "grad", "no_grad", "enable_grad", "set_grad_enabled", "is_grad_enabled", "Node",
    "gradcheck", "GradcheckError", "inference_mode", "is_inference_mode_enabled",
    "functional",
]
