"""In-place ops (`x.add_(y)`, `x += y`, `x[i] = v`, `zero_`, `fill_`, `copy_`): each runs its
out-of-place op and writes the result into the tensor's memory, recording a node that saw the old
value when autograd needs one, and counts the change on the tensor's version counter."""

import builtins

import numpy as np

from ..engine.grad_mode import _GradMode
from ..engine.tensor import Tensor
from ..messages import message
from .ops import add, index_put, mul


def inplace(self, fn, *args):
    """Apply `fn` out of place, then write the result into `self`, as PyTorch's `x.op_()` does
    (`x.add_(y)`, `x += y`, `x[i] = v`)."""
    records = _GradMode.enabled and (
        self._requires_grad or builtins.any(isinstance(a, Tensor) and a._requires_grad
                                            for a in args))
    if not records:
        _GradMode.enabled, previous = False, _GradMode.enabled
        try:
            new = fn(self, *args)
        finally:
            _GradMode.enabled = previous
        _write_into(self, new)
        self._counter()[0] += 1
        return self
    if self.grad_fn is None and self._requires_grad:
        raise RuntimeError(_inplace_leaf_error(fn, args))
    if self._base is not None:
        raise RuntimeError(message("inplace_view"))
    # The op's node must see the old value, which is about to be overwritten: give it a copy
    # that carries self's history.
    before = Tensor._make(self._data.copy())
    before.grad_fn, before._requires_grad = self.grad_fn, self._requires_grad
    new = fn(before, *args)
    _write_into(self, new)
    self._counter()[0] += 1
    self.grad_fn, self._requires_grad = new.grad_fn, new._requires_grad
    return self


_OPERATOR_SYMBOLS = {"add": "+", "sub": "-", "mul": "*", "div": "/"}


def _inplace_leaf_error(fn, args):
    """PyTorch's error, with the out-of-place form of this very op as the fix (`a = a.sin()`
    for `a.sin_()`, `x = x + y` for `x += y`)."""
    name = getattr(fn, "__name__", "<lambda>")
    if name in _OPERATOR_SYMBOLS:
        symbol = _OPERATOR_SYMBOLS[name]
        return message("inplace_leaf_op", out_of_place=f"x = x {symbol} y",
                       in_place=f"x {symbol}= y")
    if not name.isidentifier() or name.startswith("_"):
        return message("inplace_leaf")
    call = "(...)" if args else "()"
    return message("inplace_leaf_op", out_of_place=f"a = a.{name}{call}",
                   in_place=f"a.{name}_{call}")


def _write_into(self, new):
    """Copy the out-of-place result into self's memory; PyTorch's errors where it cannot."""
    out, result = self._data, new._data
    if result.shape != out.shape:
        raise RuntimeError(message("inplace_shape", out=list(out.shape),
                                   result=list(result.shape)))
    if not np.can_cast(result.dtype, out.dtype, "same_kind"):
        raise RuntimeError(message("inplace_dtype", got=new.dtype, want=self.dtype))
    np.copyto(out, result, casting="same_kind")


def setitem(self, index, value):
    inplace(self, lambda t, v: index_put(t, index, v), value)


def zero_(self):
    """Set every element to 0 in place (e.g. `x.grad.zero_()` between backward calls)."""
    if _GradMode.enabled and self._requires_grad:  # recorded (or refused, on a leaf)
        return inplace(self, lambda t: mul(t, 0))
    self._data.fill(0)
    self._counter()[0] += 1
    return self


def fill_(self, value):
    return inplace(self, lambda t: add(mul(t, 0), value))


def copy_(self, src):
    return inplace(self, lambda t, s: add(mul(t, 0), s), src)
