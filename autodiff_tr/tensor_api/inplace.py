"""In-place ops (`p.add_(g, alpha=-lr)`, `x += y`, `x[i] = v`, `zero_`, `fill_`, `copy_`), by
one of two paths:

- recorded (grad mode is on and a tensor involved requires grad): the out-of-place op runs on a
  copy of the old values that carries self's history, and its result is written into self
  (`inplace`);
- direct, when nothing is recorded (an optimizer step under no_grad, a running average): NumPy
  writes the result straight into self's memory (`ufunc(..., out=self._data)`, `ops._write`). This
  is only a speed trick: it saves the new array and the copy back, which for a 784 x 256 weight
  cost more than the update itself.

Both count the change with `Tensor._increment_version`.
"""

import builtins

import numpy as np

from ..engine import forward
from ..engine.forward import DUAL_LEVELS
from ..engine.grad_mode import _modes
from ..engine.tensor import Tensor
from ..messages import message
from .ops import (
    _broadcast_checked,
    _inplace_shape_error,
    _lerp_arrays,
    _operand_of,
    _scaled,
    _three_tensors,
    _value_times,
    _write,
    add,
    addcdiv,
    addcmul,
    div,
    index_put,
    lerp,
    mul,
    sub,
)


def _records(self, args):
    """Whether an in-place op on `self` with `args` records a node: grad mode is on and a tensor
    involved requires grad; or forward mode is on and a tensor involved has a tangent (which the
    out-of-place op then computes for self's new values)."""
    return _modes.grad_enabled and (
        self._requires_grad or builtins.any(isinstance(a, Tensor) and a._requires_grad
                                            for a in args)) or (
        DUAL_LEVELS and _has_tangent(self, args))


def _has_tangent(self, args):
    return builtins.any(isinstance(t, Tensor) and forward.tangent_of(t) is not None
                        for t in (self, *args))


def inplace(self, fn, *args):
    """Apply `fn` out of place, then write the result into `self`, as PyTorch's `x.op_()` does
    (`x.add_(y)`, `x += y`, `x[i] = v`): the recorded path of every in-place op, and the direct
    path of those without a NumPy function of their own."""
    if not _records(self, args):
        _write_into(self, fn(self, *args))
        self._increment_version()
        return self
    records_grad = _modes.grad_enabled and (  # for backward (not for forward mode alone)
        self._requires_grad or builtins.any(isinstance(a, Tensor) and a._requires_grad
                                            for a in args))
    if records_grad:
        if self.grad_fn is None and self._requires_grad:
            raise RuntimeError(_inplace_leaf_error(fn, args))
        if self._base is not None:
            raise RuntimeError(message("inplace_view"))
    # The op's node must see the old value, which is about to be overwritten: give it a copy
    # that carries self's history.
    before = Tensor._make(self._data.copy())
    before.grad_fn, before._requires_grad = self.grad_fn, self._requires_grad
    if DUAL_LEVELS:  # and its tangent
        _move_tangent(self, before)
    new = fn(before, *args)
    _write_into(self, new)
    self._increment_version()
    if records_grad:
        self.grad_fn, self._requires_grad = new.grad_fn, new._requires_grad
    if DUAL_LEVELS:
        _move_tangent(new, self)
    return self


def _move_tangent(source, target):
    """Give `target` the tangent of `source` (forward mode), or none if it has none."""
    tangent = forward.tangent_of(source)
    if tangent is None:
        forward.forget_tangent(target)
    else:
        forward.set_tangent(target, tangent)


_OPERATOR_SYMBOLS = {"add": "+", "sub": "-", "mul": "*", "div": "/"}


def _inplace_leaf_error(fn, args):
    """PyTorch's error, with the out-of-place form of this very op as the fix (`a = a.sin()`
    for `a.sin_()`, `x = x + y` for `x += y`)."""
    name = getattr(fn, "__name__", "<lambda>")
    if name in _OPERATOR_SYMBOLS:
        symbol = _OPERATOR_SYMBOLS[name]
        other = repr(args[0]) if args and isinstance(args[0], int | float) else "y"
        return message("inplace_leaf_op", out_of_place=f"x = x {symbol} {other}",
                       in_place=f"x {symbol}= {other}")
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


def add_(self, other, *, alpha=1):
    """self += alpha * other."""
    __tracebackhide__ = True  # an error shows the caller's line and the raising one
    if _records(self, (other,)):
        return inplace(self, add if alpha == 1 else lambda t, o: add(t, o, alpha=alpha), other)
    b = _operand_of("add_", other)
    return _write(self, np.add, self._data,
                  b if alpha == 1 else _scaled("add_", b, alpha, self._data))


def sub_(self, other, *, alpha=1):
    """self -= alpha * other."""
    __tracebackhide__ = True  # (see add_)
    if _records(self, (other,)):
        return inplace(self, sub if alpha == 1 else lambda t, o: sub(t, o, alpha=alpha), other)
    b = _operand_of("sub_", other)
    return _write(self, np.subtract, self._data,
                  b if alpha == 1 else _scaled("sub_", b, alpha, self._data))


def mul_(self, other):
    __tracebackhide__ = True  # (see add_)
    if _records(self, (other,)):
        return inplace(self, mul, other)
    return _write(self, np.multiply, self._data, _operand_of("mul_", other))


def div_(self, other):
    __tracebackhide__ = True  # (see add_)
    if _records(self, (other,)):
        return inplace(self, div, other)
    return _write(self, np.true_divide, self._data, _operand_of("div_", other))


def unary_inplace(fn, ufunc):
    """`x.exp_()` and the like: `fn` recorded, or `ufunc` straight into x's memory."""

    def method(self):
        __tracebackhide__ = True  # (see add_)
        if _modes.grad_enabled and self._requires_grad or DUAL_LEVELS and _has_tangent(self, ()):
            return inplace(self, fn)
        return _write(self, ufunc, self._data)

    method.__name__ = method.__qualname__ = fn.__name__ + "_"
    return method


def addcmul_(self, tensor1, tensor2, *, value=1):
    """self += value * tensor1 * tensor2."""
    if _records(self, (tensor1, tensor2)):
        return inplace(self, lambda t, a, b: addcmul(t, a, b, value=value), tensor1, tensor2)
    x, a, b = _three_tensors("addcmul_", self, tensor1, tensor2)
    return _write(self, np.add, x, _value_times(np.multiply, a, value, b))


def addcdiv_(self, tensor1, tensor2, *, value=1):
    """self += value * tensor1 / tensor2."""
    if _records(self, (tensor1, tensor2)):
        return inplace(self, lambda t, a, b: addcdiv(t, a, b, value=value), tensor1, tensor2)
    x, a, b = _three_tensors("addcdiv_", self, tensor1, tensor2)
    return _write(self, np.add, x, _value_times(np.true_divide, a, value, b))


def lerp_(self, end, weight):
    """self += weight * (end - self), as `lerp` computes it (a running average:
    `avg.lerp_(x, 0.1)`)."""
    if _records(self, (end, weight)) or isinstance(weight, Tensor):
        return inplace(self, lerp, end, weight)
    x, e, w = _lerp_arrays("lerp_", self, end, weight)
    diff = _broadcast_checked(np.subtract, e, x)
    if builtins.abs(w) < 0.5:
        diff *= w
        return _write(self, np.add, x, diff)
    diff *= 1 - w
    return _write(self, np.subtract, e, diff)


def setitem(self, index, value):
    inplace(self, lambda t, v: index_put(t, index, v), value)


def zero_(self):
    """Set every element to 0 in place (e.g. `x.grad.zero_()` between backward calls)."""
    # recorded (or refused, on a leaf)
    if _modes.grad_enabled and self._requires_grad or DUAL_LEVELS and _has_tangent(self, ()):
        return inplace(self, lambda t: mul(t, 0))
    self._data.fill(0)
    self._increment_version()
    return self


def fill_(self, value):
    """Every element set to `value` (a number, or a 0-d tensor), converted to self's dtype."""
    if _records(self, (value,)) or (isinstance(value, Tensor) and value._data.ndim):
        return inplace(self, lambda t: add(mul(t, 0), value))
    self._data.fill(_operand_of("fill_", value, "value"))
    self._increment_version()
    return self


def copy_(self, src):
    """self's values replaced by `src`'s, broadcast to self's shape and converted to its dtype
    (a float copied into an integer tensor is truncated, as in PyTorch)."""
    if _records(self, (src,)):
        return inplace(self, lambda t, s: add(mul(t, 0), s), src)
    out, values = self._data, _operand_of("copy_", src, "src")
    try:
        np.copyto(out, values, casting="unsafe")
    except ValueError:
        raise _inplace_shape_error(out, (out, values)) from None
    self._increment_version()
    return self
