"""Making tensors: from data (`tensor`) and PyTorch's factory functions (`arange`, `zeros`...)."""

import builtins
import numbers

import numpy as np

from . import dtypes
from .messages import message
from .tensor import Tensor, to_array


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


def _size(fn, size, kwargs_size=None):
    """Sizes given as `f(2, 3)`, `f((2, 3))` or `f(size=(2, 3))`."""
    if kwargs_size is not None:
        if size:
            raise TypeError(message("size_args", fn=fn, args=size))
        size = (kwargs_size,)
    if len(size) == 1 and not isinstance(size[0], numbers.Integral):
        size = tuple(size[0])
    return tuple(builtins.int(s) for s in size)


def _finish(array, dtype, requires_grad, default=np.float32):
    array = array.astype(default if dtype is None else dtypes.to_numpy(dtype), copy=False)
    t = Tensor._make(array)
    t.requires_grad = requires_grad
    return t


def arange(start, end=None, step=1, *, dtype=None, requires_grad=False):
    """`arange(4.0)` gives tensor([0., 1., 2., 3.]); ints give int64, any float gives float32."""
    if end is None:
        start, end = 0, start
    values = (_data(start), _data(end), _data(step))
    is_float = builtins.any(isinstance(v, builtins.float | np.floating) for v in values)
    array = np.arange(*values, dtype=np.float64 if is_float else np.int64)
    return _finish(array, dtype, requires_grad, np.float32 if is_float else np.int64)


def _data(value):
    return value._data.item() if isinstance(value, Tensor) else value


def linspace(start, end, steps, *, dtype=None, requires_grad=False):
    return _finish(np.linspace(_data(start), _data(end), steps), dtype, requires_grad)


def zeros(*size, dtype=None, requires_grad=False, **kwargs):
    """`zeros(2, 3)`, `zeros((2, 3))` or `zeros(size=(2, 3))`, as in PyTorch."""
    shape = _size("zeros", size, kwargs.pop("size", None))
    if kwargs:
        raise TypeError(message("unexpected_kwarg", fn="zeros", name=next(iter(kwargs))))
    return _finish(np.zeros(shape), dtype, requires_grad)


def ones(*size, dtype=None, requires_grad=False, **kwargs):
    """`ones(2, 3)`, `ones((2, 3))` or `ones(size=(2, 3))`, as in PyTorch."""
    shape = _size("ones", size, kwargs.pop("size", None))
    if kwargs:
        raise TypeError(message("unexpected_kwarg", fn="ones", name=next(iter(kwargs))))
    return _finish(np.ones(shape), dtype, requires_grad)


def full(size, fill_value, *, dtype=None, requires_grad=False):
    if dtype is None:
        default = (np.bool_ if isinstance(fill_value, builtins.bool) else
                   np.int64 if isinstance(fill_value, numbers.Integral) else np.float32)
    else:
        default = None
    return _finish(np.full(_size("full", (size,)), fill_value), dtype, requires_grad,
                   default or np.float32)


def eye(n, m=None, *, dtype=None, requires_grad=False):
    return _finish(np.eye(n, m), dtype, requires_grad)


def _like(fn, input, dtype, requires_grad):
    d = input._data.dtype if dtype is None else dtypes.to_numpy(dtype)
    return _finish(fn(input._data.shape), d, requires_grad)


def zeros_like(input, *, dtype=None, requires_grad=False):
    return _like(np.zeros, input, dtype, requires_grad)


def ones_like(input, *, dtype=None, requires_grad=False):
    return _like(np.ones, input, dtype, requires_grad)


def full_like(input, fill_value, *, dtype=None, requires_grad=False):
    return _like(lambda shape: np.full(shape, fill_value), input, dtype, requires_grad)
