"""Making tensors: from data (`tensor`) and PyTorch's factory functions (`arange`, `zeros`...)."""

import builtins
import numbers

import numpy as np

from ..engine import dtypes
from ..engine.tensor import Tensor, to_array
from ..messages import message
from . import _cephes
from .arguments import _shape_arg, _size


def tensor(data, dtype=None, requires_grad=False):
    """A new tensor holding a copy of `data` (a number, nested lists, a NumPy array, a tensor)."""
    t = Tensor._make(to_array(data, dtype))
    t.requires_grad = requires_grad
    return t


def as_tensor(data, dtype=None):
    if isinstance(data, Tensor) and dtype is None:
        return data
    return tensor(data, dtype=dtype)


def from_numpy(array):
    """A tensor sharing memory with the NumPy `array`."""
    dtypes.from_numpy(array.dtype)
    return Tensor._make(array)


def _finish(array, dtype, requires_grad, default=None):
    """`array` as a new tensor of `dtype`, else of `default`, else of the default float dtype."""
    array = array.astype(_dtype(dtype, default), copy=False)
    t = Tensor._make(array)
    t.requires_grad = requires_grad
    return t


def _dtype(dtype, default=None):
    """The NumPy dtype of a new tensor: `dtype`, else `default`, else the default float dtype.
    A factory makes its array in this dtype straight away: made in float64 and then cast, a
    float32 tensor would briefly cost three times its size."""
    if dtype is not None:
        return dtypes.to_numpy(dtype)
    return dtypes.default_float() if default is None else np.dtype(default)


def arange(start, end=None, step=1, *, dtype=None, requires_grad=False):
    """`arange(4.0)` gives tensor([0., 1., 2., 3.]); ints give int64, any float gives the default
    float dtype (float32)."""
    if end is None:
        start, end = 0, start
    values = (_data(start), _data(end), _data(step))
    is_float = builtins.any(isinstance(v, builtins.float | np.floating) for v in values)
    array = np.arange(*values, dtype=np.float64 if is_float else np.int64)
    target = (dtypes.default_float() if is_float else np.dtype(np.int64)) if dtype is None else (
        dtypes.to_numpy(dtype))
    start, step = builtins.float(values[0]), builtins.float(values[2])
    last = start + step * (array.size - 1)
    # Whole numbers (`arange(4.0)`, the chapter's) are exact however they are computed, so
    # NumPy's values are PyTorch's; only others need PyTorch's rounding, which costs 10x more.
    exact = (start.is_integer() and step.is_integer()
             and builtins.max(builtins.abs(start), builtins.abs(last)) <= 2**24)
    if target in (np.float32, np.float64) and array.size and not exact:
        array = _arange_values(start, step, array.size, target)
    return _finish(array, dtype, requires_grad, None if is_float else np.int64)


def _arange_values(start, step, n, dtype):
    """The values of a float arange as PyTorch's CPU kernel rounds them, so that they agree to
    the last bit: blocks of 4 (float64) or 8 (float32) values counted from a block start
    `start + step * i`, the block's values `base + k * step` (fused multiply-adds in float64),
    and the last values, which fill no two whole blocks, one by one."""
    width = 4 if dtype == np.float64 else 8
    blocked = n - n % (2 * width)
    i = np.arange(n, dtype=np.float64)
    steps, starts = np.full(n, step), np.full(n, start)
    base = _cephes.fma64(steps, i - i % width, starts)
    if dtype == np.float64:
        values = _cephes.fma64(i % width, steps, base)
    else:  # float32: the block start rounded to float32, its values computed in float64
        values = base.astype(np.float32).astype(np.float64) + (i % width) * step
    alone = _cephes.fma64(steps, i, starts)
    return np.where(i < blocked, values, alone).astype(dtype)


def _data(value):
    return value._data.item() if isinstance(value, Tensor) else value


def linspace(start, end, steps, *, dtype=None, requires_grad=False):
    """`steps` evenly spaced values from `start` to `end`, computed as PyTorch computes them, so
    that the values (and what is computed from them) agree to the last bit: the step in the
    dtype itself, the first half counted up from `start` and the second half down from `end`,
    each value one fused multiply-add (`_cephes`)."""
    steps = builtins.int(steps)
    if steps < 0:
        raise RuntimeError(message("linspace_steps", steps=steps))
    d = dtypes.default_float() if dtype is None else dtypes.to_numpy(dtype)
    start, end = _data(start), _data(end)
    if steps <= 1:
        return _finish(np.full(steps, start), d, requires_grad)
    compute = d.type if d.kind == "f" and d != np.float16 else np.float64
    first, last = compute(start), compute(end)
    if d.kind in "iub":
        first, last = compute(builtins.int(start)), compute(builtins.int(end))
    step = (last - first) / compute(steps - 1)
    i = np.arange(steps)
    fma = _cephes.fma32 if compute is np.float32 else _cephes.fma64
    up = fma(np.full(steps, step, compute), i.astype(compute), np.full(steps, first, compute))
    down = fma(np.full(steps, -step, compute), (steps - 1 - i).astype(compute),
               np.full(steps, last, compute))
    values = np.where(i < steps // 2, up, down)
    if d.kind in "iub":
        values = np.trunc(values)
    return _finish(values, d, requires_grad)


def zeros(*size, dtype=None, requires_grad=False, **kwargs):
    """`zeros(2, 3)`, `zeros((2, 3))` or `zeros(size=(2, 3))`, as in PyTorch."""
    shape = _size("zeros", size, kwargs.pop("size", None))
    if kwargs:
        raise TypeError(message("unexpected_kwarg", fn="zeros", name=next(iter(kwargs))))
    return _finish(np.zeros(shape, _dtype(dtype)), dtype, requires_grad)


def ones(*size, dtype=None, requires_grad=False, **kwargs):
    """`ones(2, 3)`, `ones((2, 3))` or `ones(size=(2, 3))`, as in PyTorch."""
    shape = _size("ones", size, kwargs.pop("size", None))
    if kwargs:
        raise TypeError(message("unexpected_kwarg", fn="ones", name=next(iter(kwargs))))
    return _finish(np.ones(shape, _dtype(dtype)), dtype, requires_grad)


def full(size, fill_value, *, dtype=None, requires_grad=False):
    if dtype is None:
        default = (np.bool_ if isinstance(fill_value, builtins.bool) else
                   np.int64 if isinstance(fill_value, numbers.Integral) else None)
    else:
        default = None
    d = _dtype(dtype, default)
    return _finish(np.full(_size("full", (size,)), fill_value, d), d, requires_grad)


def eye(n, m=None, *, dtype=None, requires_grad=False):
    return _finish(np.eye(n, m, dtype=_dtype(dtype)), dtype, requires_grad)


def _like(fn, input, dtype, requires_grad):
    d = input._data.dtype if dtype is None else dtypes.to_numpy(dtype)
    return _finish(fn(input._data.shape, d), d, requires_grad)


def zeros_like(input, *, dtype=None, requires_grad=False):
    return _like(np.zeros, input, dtype, requires_grad)


def ones_like(input, *, dtype=None, requires_grad=False):
    return _like(np.ones, input, dtype, requires_grad)


def full_like(input, fill_value, *, dtype=None, requires_grad=False):
    return _like(lambda shape, d: np.full(shape, fill_value, d), input, dtype, requires_grad)


# ---------------------------------------------------------------- new_* methods

def _new(fn, input, size, dtype, requires_grad, fill):
    d = input._data.dtype if dtype is None else dtypes.to_numpy(dtype)
    out = Tensor._make(np.full(_shape_arg(size), fill, dtype=d))
    out.requires_grad = requires_grad
    return out


def new_zeros(input, *size, dtype=None, requires_grad=False):
    """Zeros of `size`, with `input`'s dtype unless `dtype` is given."""
    return _new("new_zeros", input, size, dtype, requires_grad, 0)


def new_ones(input, *size, dtype=None, requires_grad=False):
    return _new("new_ones", input, size, dtype, requires_grad, 1)


def new_full(input, size, fill_value, *, dtype=None, requires_grad=False):
    return _new("new_full", input, (size,), dtype, requires_grad, fill_value)


def new_tensor(input, data, *, dtype=None, requires_grad=False):
    """A new tensor holding a copy of `data`, with `input`'s dtype unless `dtype` is given."""
    out = Tensor._make(to_array(data, input.dtype if dtype is None else dtype))
    out.requires_grad = requires_grad
    return out
