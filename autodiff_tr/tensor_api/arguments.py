"""The argument checks the tensor API shares: a tensor where one is required, an operand of
arithmetic, dims (PyTorch's `dim`/`keepdim` and NumPy's `axis`/`keepdims`), shapes and sizes,
lists of tensors, indices. Each refuses bad input with PyTorch's exception type and a message
that says what to do."""

import builtins
import operator

import numpy as np

from ..engine.tensor import Tensor
from ..messages import message

_PY_SCALARS = (builtins.bool, builtins.int, builtins.float)


def _array_of(value, fn, name="input"):
    """The array behind a tensor argument; a clear TypeError for anything else."""
    if isinstance(value, Tensor):
        return value._data
    raise TypeError(message("bad_argument", fn=fn, name=name, type=type(value).__name__))


def operand(value):
    """An operand of arithmetic: a Tensor, or a number/array taken as a constant; else None."""
    if type(value) in _PY_SCALARS or isinstance(value, Tensor):
        return value
    if isinstance(value, np.generic):  # NumPy scalars behave like Python numbers, as in PyTorch
        return value.item()  # (first: np.float64 is a subclass of float, but not weak in NumPy)
    if isinstance(value, _PY_SCALARS):
        return value
    if isinstance(value, np.ndarray):
        return value
    return None


def _dims(dim, ndim):
    """`dim` (int or tuple, negative allowed) as a sorted tuple of non-negative axes."""
    dims = (dim,) if isinstance(dim, builtins.int) else tuple(dim)
    out = []
    for d in dims:
        if not -builtins.max(ndim, 1) <= d < builtins.max(ndim, 1):
            raise IndexError(message("dim_range", low=-builtins.max(ndim, 1),
                                     high=builtins.max(ndim, 1) - 1, dim=d))
        if d % builtins.max(ndim, 1) in out:
            raise RuntimeError(message("dim_repeated", dim=d % builtins.max(ndim, 1)))
        out.append(d % builtins.max(ndim, 1))
    return tuple(sorted(out))


def _numpy_names(fn, dim, keepdim, axis, keepdims):
    """PyTorch also takes NumPy's names for these arguments: `axis=` for `dim=` and `keepdims=`
    for `keepdim=` (d2l writes `X.sum(1, keepdims=True)`)."""
    if axis is not None:
        if dim is not None:
            raise TypeError(message("dim_and_axis", fn=fn))
        dim = axis
    return dim, keepdim if keepdims is None else keepdims


def _all_dims(x, dim):
    """`dim` as a sorted tuple of non-negative axes; None (or `()`) means every axis."""
    if dim is None or x.ndim == 0:
        if dim is not None:
            _dims(dim, 0)  # a 0-d tensor still takes 0 and -1, and refuses other dims
        return tuple(range(x.ndim))
    return _dims(dim, x.ndim) or tuple(range(x.ndim))


def _one_dim(x, dim):
    """One dim as a non-negative axis; for a 0-d tensor (which takes 0 and -1), None."""
    (d,) = _dims(dim, x.ndim)
    return d if x.ndim else None


def _required_dim(fn, dim):
    if dim is None:
        raise TypeError(message("dim_required", fn=fn))
    return dim


def _shape_arg(shape):
    if len(shape) == 1 and not isinstance(shape[0], builtins.int | np.integer):
        shape = tuple(shape[0])
    return tuple(builtins.int(s) for s in shape)


def _tensor_list(fn, tensors):
    tensors = list(tensors)
    if not tensors:
        error = ValueError if fn == "cat" else RuntimeError  # PyTorch's types
        raise error(message("cat_empty", fn=fn))
    return tensors, [_array_of(t, fn, "tensors") for t in tensors]


def _index_arg(index):
    """A Python/NumPy index with Tensors replaced by their arrays."""
    if isinstance(index, tuple):
        return tuple(_index_arg(i) for i in index)
    if isinstance(index, Tensor):  # a 0-d integer tensor indexes like an int (SelectBackward0)
        return index._data.item() if index._data.ndim == 0 and index._data.dtype.kind in "iu" \
            else index._data
    if isinstance(index, list):
        return np.asarray(index)
    return index


def _size(fn, size, kwargs_size=None):
    """Sizes given as `f(2, 3)`, `f((2, 3))` or `f(size=(2, 3))`."""
    if kwargs_size is not None:
        if size:
            raise TypeError(message("size_args", fn=fn, args=size))
        size = (kwargs_size,)
    if len(size) == 1 and not _is_whole(size[0]):
        if isinstance(size[0], builtins.float | builtins.bool | builtins.str) or not hasattr(
                size[0], "__iter__"):
            raise TypeError(message("size_type", fn=fn, type=type(size[0]).__name__))
        size = tuple(size[0])
    for position, s in enumerate(size, 1):
        if not _is_whole(s):
            raise TypeError(message("size_element_type", fn=fn, pos=position,
                                    type=type(s).__name__))
    shape = tuple(operator.index(s) for s in size)
    if builtins.any(s < 0 for s in shape):
        raise RuntimeError(message("size_negative", fn=fn, size=list(shape)))
    return shape


def _is_whole(s):
    """An int, NumPy int or 0-d integer tensor (what `operator.index` takes), not a bool."""
    return hasattr(type(s), "__index__") and not isinstance(s, builtins.bool | np.bool_)


def _size_of(fn, size):
    """`size` given as integers or one sequence of them, as a tuple; PyTorch's TypeError (naming
    `fn`) for anything else."""
    if len(size) == 1 and not isinstance(size[0], builtins.int | np.integer):
        if not isinstance(size[0], list | tuple | np.ndarray):
            raise TypeError(message("size_type", fn=fn, type=type(size[0]).__name__))
        size = tuple(size[0])
    for s in size:
        if not isinstance(s, builtins.int | np.integer) or isinstance(s, builtins.bool):
            raise TypeError(message("size_type", fn=fn, type=type(s).__name__))
    return tuple(builtins.int(s) for s in size)
