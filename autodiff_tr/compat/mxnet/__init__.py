"""MXNet's NumPy interface on this engine: `from autodiff_tr.compat.mxnet import autograd, np,
npx` runs the chapter's MXNet code.

What MXNet does differently from PyTorch, and this layer reproduces:
- operations are recorded only inside `with autograd.record():`;
- `x.attach_grad()` allocates `x.grad` as zeros;
- `y.backward()` WRITES the gradient into `x.grad` (it does not add to it), and for a
  non-scalar `y` it differentiates the sum of its elements;
- arrays print as NumPy's do (`array([0., 1., 2., 3.])`), float32 by default.
"""

from . import autograd, np, npx
from .ndarray import ndarray

__all__ = ["autograd", "ndarray", "np", "npx"]
