"""Making tensors: from data (`tensor`) and PyTorch's factory functions (`arange`, `zeros`...)."""

import builtins
import numbers

import numpy as np

from ..engine import dtypes
from ..engine.nodes import mark_inference
from ..engine.tensor import Tensor, to_array
from ..messages import message
from . import _cephes
from .arguments import _size, _size_of
from .device import check as check_device
from .device import device as Device


def tensor(data, dtype=None, device=None, requires_grad=False, pin_memory=False):
    """A new tensor holding a copy of `data` (a number, nested lists, a NumPy array, a tensor)."""
    if device is not None:
        check_device(device, factory=False)  # PyTorch copies the data there: `.to`'s errors
    t = mark_inference(Tensor._make(to_array(data, dtype)))
    t.requires_grad = requires_grad
    return t


def as_tensor(data, dtype=None, device=None):
    if device is not None:
        check_device(device, factory=False)
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
    t = mark_inference(Tensor._make(array))
    t.requires_grad = requires_grad
    return t


def _dtype(dtype, default=None):
    """The NumPy dtype of a new tensor: `dtype`, else `default`, else the default float dtype.
    A factory makes its array in this dtype straight away: made in float64 and then cast, a
    float32 tensor would briefly cost three times its size."""
    if dtype is not None:
        return dtypes.to_numpy(dtype)
    return dtypes.default_float() if default is None else np.dtype(default)


def arange(start, end=None, step=1, *, dtype=None, device=None, requires_grad=False):
    """`arange(4.0)` gives tensor([0., 1., 2., 3.]); ints give int64, any float gives the default
    float dtype (float32)."""
    if device is not None:
        check_device(device)
    if end is None:
        start, end = 0, start
    values = (_data(start), _data(end), _data(step))
    if values[2] == 0:
        raise RuntimeError(message("arange_step_zero"))
    if (values[1] - values[0]) * values[2] < 0:
        raise RuntimeError(message("arange_step_sign", start=values[0], end=values[1],
                                   step=values[2]))
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


def linspace(start, end, steps, *, dtype=None, device=None, requires_grad=False):
    """`steps` evenly spaced values from `start` to `end`, computed as PyTorch computes them, so
    that the values (and what is computed from them) agree to the last bit: the step in the
    dtype itself, the first half counted up from `start` and the second half down from `end`,
    each value one fused multiply-add (`_cephes.fma_multiples`, a few NumPy calls per half)."""
    if device is not None:
        check_device(device)
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
    halfway = steps // 2
    up = _cephes.fma_multiples(step, np.arange(halfway, dtype=np.float64), first, compute)
    down = _cephes.fma_multiples(-step, np.arange(steps - 1 - halfway, -1, -1, dtype=np.float64),
                                 last, compute)
    values = np.concatenate((up, down))
    if d.kind in "iub":
        values = np.trunc(values)
    return _finish(values, d, requires_grad)


def zeros(*size, dtype=None, device=None, requires_grad=False, **kwargs):
    """`zeros(2, 3)`, `zeros((2, 3))` or `zeros(size=(2, 3))`, as in PyTorch."""
    if device is not None:
        check_device(device)
    shape = _size("zeros", size, kwargs.pop("size", None))
    if kwargs:
        raise TypeError(message("unexpected_kwarg", fn="zeros", name=next(iter(kwargs))))
    return _finish(np.zeros(shape, _dtype(dtype)), dtype, requires_grad)


def ones(*size, dtype=None, device=None, requires_grad=False, **kwargs):
    """`ones(2, 3)`, `ones((2, 3))` or `ones(size=(2, 3))`, as in PyTorch."""
    if device is not None:
        check_device(device)
    shape = _size("ones", size, kwargs.pop("size", None))
    if kwargs:
        raise TypeError(message("unexpected_kwarg", fn="ones", name=next(iter(kwargs))))
    return _finish(np.ones(shape, _dtype(dtype)), dtype, requires_grad)


def full(size, fill_value, *, dtype=None, device=None, requires_grad=False):
    if device is not None:
        check_device(device)
    if dtype is None:
        default = (np.bool_ if isinstance(fill_value, builtins.bool) else
                   np.int64 if isinstance(fill_value, numbers.Integral) else None)
    else:
        default = None
    d = _dtype(dtype, default)
    return _finish(np.full(_size("full", (size,)), fill_value, d), d, requires_grad)


def eye(n, m=None, *, dtype=None, device=None, requires_grad=False):
    if device is not None:
        check_device(device)
    return _finish(np.eye(n, m, dtype=_dtype(dtype)), dtype, requires_grad)


def _like(fn, input, dtype, requires_grad, device=None):
    if device is not None:
        check_device(device)
    d = input._data.dtype if dtype is None else dtypes.to_numpy(dtype)
    return _finish(fn(input._data.shape, d), d, requires_grad)


def zeros_like(input, *, dtype=None, device=None, requires_grad=False):
    return _like(np.zeros, input, dtype, requires_grad, device)


def ones_like(input, *, dtype=None, device=None, requires_grad=False):
    return _like(np.ones, input, dtype, requires_grad, device)


def full_like(input, fill_value, *, dtype=None, device=None, requires_grad=False):
    return _like(lambda shape, d: np.full(shape, fill_value, d), input, dtype, requires_grad,
                 device)


def empty(*size, dtype=None, device=None, requires_grad=False, **kwargs):
    """An uninitialised tensor in PyTorch; here filled with zeros, so that a notebook that
    prints one shows the same output on every run."""
    if device is not None:
        check_device(device)
    shape = _size("empty", size, kwargs.pop("size", None))
    if kwargs:
        raise TypeError(message("unexpected_kwarg", fn="empty", name=next(iter(kwargs))))
    return _finish(np.zeros(shape, _dtype(dtype)), dtype, requires_grad)


def empty_like(input, *, dtype=None, device=None, requires_grad=False):
    return _like(np.zeros, input, dtype, requires_grad, device)


# ---------------------------------------------------------------- new_* methods

def _new(fn, input, size, dtype, requires_grad, fill, device=None):
    """What `new_zeros`, `new_ones`, `new_full` and `new_empty` (`fn`, named in their errors)
    share."""
    if device is not None:
        check_device(device)
    d = input._data.dtype if dtype is None else dtypes.to_numpy(dtype)
    out = mark_inference(Tensor._make(np.full(_size_of(fn, size), fill, dtype=d)))
    out.requires_grad = requires_grad
    return out


def new_zeros(input, *size, dtype=None, device=None, requires_grad=False):
    """Zeros of `size`, with `input`'s dtype unless `dtype` is given."""
    return _new("new_zeros", input, size, dtype, requires_grad, 0, device)


def new_ones(input, *size, dtype=None, device=None, requires_grad=False):
    return _new("new_ones", input, size, dtype, requires_grad, 1, device)


def new_full(input, size, fill_value, *, dtype=None, device=None, requires_grad=False):
    """`fill_value` everywhere, in a tensor of `size` (a tuple, as in PyTorch)."""
    if isinstance(size, builtins.int | np.integer):
        raise TypeError(message("size_type", fn="new_full", type=type(size).__name__))
    return _new("new_full", input, (size,), dtype, requires_grad, fill_value, device)


def new_empty(input, *size, dtype=None, device=None, requires_grad=False):
    """Zeros here (PyTorch leaves the memory uninitialised), so that outputs are reproducible."""
    return _new("new_empty", input, size, dtype, requires_grad, 0, device)


def new_tensor(input, data, *, dtype=None, device=None, requires_grad=False):
    """A new tensor holding a copy of `data`, with `input`'s dtype unless `dtype` is given."""
    if device is not None:
        check_device(device, factory=False)
    out = mark_inference(Tensor._make(to_array(data, input.dtype if dtype is None else dtype)))
    out.requires_grad = requires_grad
    return out


# ---------------------------------------------------------------- the legacy constructors

class _LegacyType(type):
    """The type of `ad.FloatTensor` and friends, PyTorch's legacy constructors: calling one
    makes a tensor of its dtype, and `isinstance(t, ad.FloatTensor)` asks for that dtype, as in
    PyTorch."""

    def __instancecheck__(cls, obj):
        return isinstance(obj, Tensor) and obj._data.dtype == cls.dtype.dtype

    def __call__(cls, *args, device=None):
        """`FloatTensor(2, 3)` or `FloatTensor(size)`: that size (zeros here; PyTorch leaves
        the memory uninitialised); `FloatTensor([1, 2])`: that data; `FloatTensor()`: empty."""
        if device is not None and check_device(device, raises=False) is None:
            raise RuntimeError(message("legacy_device", type=Device(device).type))
        if not args:
            return _finish(np.zeros(0), cls.dtype, False)
        first = args[0]
        if builtins.all(isinstance(a, numbers.Integral) for a in args):
            if builtins.min(args) < 0:
                raise RuntimeError(message("negative_size", dim=builtins.min(args),
                                           size=list(args)))
            return _finish(np.zeros(args), cls.dtype, False)
        if len(args) == 1 and isinstance(first, Tensor):
            if first._data.dtype != cls.dtype.dtype:
                raise TypeError(message("legacy_tensor_dtype", name=cls.__name__,
                                        wanted=cls.dtype, dtype=first.dtype))
            return first
        if len(args) == 1 and type(first).__name__ == "Size":
            return _finish(np.zeros(tuple(first)), cls.dtype, False)
        if len(args) == 1 and isinstance(first, list | tuple | np.ndarray):
            return tensor(first, dtype=cls.dtype)
        raise TypeError(message("legacy_data", name=cls.__name__, type=type(first).__name__))


def _legacy(name, dtype):
    return _LegacyType(name, (), {"dtype": dtype, "__doc__": f"{name}: tensors of {dtype}."})


FloatTensor = _legacy("FloatTensor", dtypes.float32)
DoubleTensor = _legacy("DoubleTensor", dtypes.float64)
HalfTensor = _legacy("HalfTensor", dtypes.float16)
LongTensor = _legacy("LongTensor", dtypes.int64)
IntTensor = _legacy("IntTensor", dtypes.int32)
ShortTensor = _legacy("ShortTensor", dtypes.int16)
CharTensor = _legacy("CharTensor", dtypes.int8)
ByteTensor = _legacy("ByteTensor", dtypes.uint8)
BoolTensor = _legacy("BoolTensor", dtypes.bool)
