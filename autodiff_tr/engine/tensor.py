"""The Tensor: a NumPy array plus what autograd needs (requires_grad, grad, grad_fn, a version).

This module holds the storage, the metadata and the conversions. What a tensor computes (`+`,
`sin`, `sum`, `backward` ...) is attached to the class in one place, `methods.py`, because those
methods need the ops and the engine, which are built on top of this module.
"""

import builtins
import numbers
import warnings

import numpy as np

from ..messages import message
from . import dtypes
from ._format import format_tensor
from .grad_mode import _modes


class Size(tuple):
    """A tensor's shape: a tuple that prints like PyTorch's `torch.Size([2, 3])`."""

    __slots__ = ()

    def __repr__(self):
        return f"autodiff_tr.Size({list(self)})"

    def numel(self):
        return int(np.prod(self, dtype=np.int64))


class Tensor:
    """An n-dimensional array that can record the operations applied to it for backpropagation.

    - `_data`: the NumPy array holding the values;
    - `_requires_grad`, `grad_fn` (the node that made it, None for a leaf), `_grad`;
    - `_version_counter`: a one-element list that every in-place change increments, shared with
      views and detached copies, as in PyTorch (made on first use: most tensors never need one);
    - `_accumulator`: a weak reference to a leaf's AccumulateGrad node;
    - `_base`: for a view, (the tensor whose memory it shares, the version it was made at).
    """

    __slots__ = (
        "_data",
        "_requires_grad",
        "grad_fn",
        "_grad",
        "_version_counter",
        "_accumulator",
        "_retains_grad",
        "_base",
        "__weakref__",
    )
    __array_priority__ = 1000  # NumPy scalars and arrays defer to our operators

    def __init__(self, data, requires_grad=False):
        """`Tensor(data)` converts `data` as `tensor(data)` does."""
        _fill(self, to_array(data))
        self.requires_grad = requires_grad

    @staticmethod
    def _make(data):
        """A tensor wrapping the array `data` without copying: how every op makes its result
        (without `__init__`, whose call costs more than all of this, on every op)."""
        t = _new(Tensor)
        t._data = data if type(data) is _ndarray else np.asarray(data)
        t._requires_grad = False
        t.grad_fn = None
        t._grad = None
        t._version_counter = None
        t._accumulator = None
        t._retains_grad = False
        t._base = None
        return t

    # ------------------------------------------------------------ metadata
    @property
    def shape(self):
        return Size(self._data.shape)

    def size(self, dim=None):
        return self.shape if dim is None else self._data.shape[dim]

    @property
    def dtype(self):
        return dtypes.from_numpy(self._data.dtype)

    @property
    def ndim(self):
        return self._data.ndim

    def dim(self):
        return self._data.ndim

    def numel(self):
        return self._data.size

    def is_floating_point(self):
        return self._data.dtype.kind == "f"

    @property
    def is_leaf(self):
        return self.grad_fn is None

    @property
    def _version(self):
        return 0 if self._version_counter is None else self._version_counter[0]

    def _counter(self):
        """The version counter (see the class docstring), made on first use."""
        if self._version_counter is None:
            self._version_counter = [0]
        return self._version_counter

    def _increment_version(self):
        """Count one in-place change of the values: every in-place op, and nothing else, calls
        this (PyTorch's `torch.autograd.graph.increment_version`). A node that saved this tensor
        then refuses to backward with the changed values."""
        counter = self._version_counter
        if counter is None:  # nothing shares a counter yet: start one
            self._version_counter = [1]
        else:
            counter[0] += 1

    # ------------------------------------------------------------ autograd state
    @property
    def requires_grad(self):
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, flag):
        if self.grad_fn is not None:
            if flag:  # a computed tensor that requires grad already does: nothing to change
                return
            raise RuntimeError(message("requires_grad_non_leaf"))
        if flag and self._data.dtype.kind != "f":
            raise RuntimeError(message("requires_grad_dtype", dtype=self.dtype))
        self._requires_grad = bool(flag)

    def is_inference(self):
        """Whether this tensor was made inside `inference_mode` (see `InferenceTensor`)."""
        return False

    def requires_grad_(self, requires_grad=True):
        self.requires_grad = requires_grad
        return self

    @property
    def grad(self):
        if self.grad_fn is not None and not self._retains_grad and self._grad is None:
            warnings.warn(message("nonleaf_grad_warning"), UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value):
        self._grad = value

    @property
    def retains_grad(self):
        return self._retains_grad

    def detach(self):
        """The same values (shared memory, shared version counter) without history."""
        t = Tensor._make(self._data)
        t._version_counter = self._counter()
        return t

    def detach_(self):
        if self._base is not None and self._requires_grad:
            raise RuntimeError(message("inplace_view"))
        self.grad_fn = None
        self._requires_grad = False
        return self

    @property
    def data(self):
        """The values without history (shared memory, but a version counter of its own)."""
        return Tensor._make(self._data)

    @data.setter
    def data(self, value):
        self._data = value._data if isinstance(value, Tensor) else np.asarray(value)

    # ------------------------------------------------------------ conversions
    def numpy(self):
        # as PyTorch: refused only where autograd could record, so under no_grad (a backward
        # marked once_differentiable, a plot) the values may leave
        if self._requires_grad and _modes.grad_enabled:
            raise RuntimeError(message("numpy_requires_grad"))
        return self._data

    def __array__(self, dtype=None, copy=None):
        if self._requires_grad and _modes.grad_enabled:
            raise RuntimeError(message("numpy_requires_grad"))
        if copy:
            return np.array(self._data, dtype=dtype, copy=True)
        return self._data if dtype is None else self._data.astype(dtype, copy=False)

    def item(self):
        if self._data.size != 1:
            raise RuntimeError(message("item_numel", n=self._data.size))
        return self._data.item()

    def tolist(self):
        return self._data.tolist()

    def __float__(self):
        if self._data.size != 1:
            raise ValueError(message("scalar_numel_float", n=self._data.size))
        return float(self._data.item())

    def __int__(self):
        if self._data.size != 1:
            raise ValueError(message("scalar_numel", n=self._data.size, to="int"))
        return int(self._data.item())

    def __index__(self):
        if self._data.dtype.kind not in "iub" or self._data.size != 1:
            raise TypeError(message("index_non_integer"))
        return int(self._data.item())

    def __bool__(self):
        if self._data.size != 1:
            raise RuntimeError(message("bool_numel"))
        return bool(self._data.item())

    def __len__(self):
        if self._data.ndim == 0:
            raise TypeError(message("len_0d"))
        return self._data.shape[0]

    def __iter__(self):
        if self._data.ndim == 0:
            raise TypeError(message("iter_0d"))
        return (self[i] for i in range(self._data.shape[0]))

    def __hash__(self):  # by identity, as PyTorch (methods.py attaches __eq__ elementwise)
        return id(self)

    def __repr__(self):
        suffixes = []
        if self.grad_fn is not None:
            # PyTorch prints the class name: the last part of a name like "torch::autograd::Error"
            suffixes.append(f"grad_fn=<{self.grad_fn.name().rsplit('::', 1)[-1]}>")
        elif self._requires_grad:
            suffixes.append("requires_grad=True")
        if TANGENTS and tangent_of(self) is not None:  # forward mode (forward.py), as PyTorch
            suffixes.append(f"tangent={tangent_of(self)}")  # (0-d: the number, as PyTorch)
        npdtype = self._data.dtype
        default = npdtype in (dtypes.default_float(), np.int64, np.bool_)
        return format_tensor(
            self._data, dtype_name=None if default else repr(self.dtype), suffixes=suffixes
        )

    __str__ = __repr__

    def __format__(self, spec):
        if self._data.ndim == 0:
            return self._data.item().__format__(spec)
        return object.__format__(self, spec)

    def __reduce_ex__(self, protocol):
        """Pickling, copy.copy and copy.deepcopy (matplotlib copies what it plots): a leaf's
        values and requires_grad, as PyTorch has it; a computed tensor must be detached first."""
        if self.grad_fn is not None:
            raise RuntimeError(message("copy_non_leaf"))
        return (_rebuild, (self._data, self._requires_grad))


_new, _ndarray = object.__new__, np.ndarray


def _fill(t, data):
    """Give `t` (made by `Tensor(data)`, or by a subclass such as `nn.Parameter`) the fields
    `Tensor._make(data)` gives a new tensor, with `data` as its values (not copied)."""
    t._data = data
    t._requires_grad = False
    t.grad_fn = None
    t._grad = None
    t._version_counter = None
    t._accumulator = None
    t._retains_grad = False
    t._base = None


def _rebuild(data, requires_grad):
    t = Tensor._make(data)
    t._requires_grad = requires_grad
    return t


# Forward mode's tangents (engine/forward.py), kept here beside the tensors rather than in them,
# so that a tensor pays nothing for forward mode unless it is used: id(tensor) -> (a weak
# reference to the tensor, its tangent). A tensor's repr shows its tangent, as PyTorch's does.
TANGENTS = {}


def tangent_of(tensor):
    """The tangent of `tensor` at the open dual level, or None."""
    entry = TANGENTS.get(id(tensor))
    if entry is not None and entry[0]() is tensor:
        return entry[1]
    return None


def is_tensor(obj):
    """Whether `obj` is a Tensor (PyTorch's `torch.is_tensor`)."""
    return isinstance(obj, Tensor)


# ---------------------------------------------------------------- data -> array


def to_array(data, dtype=None):
    """A new NumPy array holding a copy of `data` (a number, nested lists, a NumPy array, a
    tensor), with PyTorch's dtype unless `dtype` says otherwise."""
    if type(data) is builtins.float and dtype is None:  # the common `tensor(0.3)`, made quick
        return np.array(data, dtype=dtypes.default_float())
    if isinstance(data, Tensor):
        return np.array(data._data, dtype=None if dtype is None else dtypes.to_numpy(dtype))
    if isinstance(data, np.ndarray | np.generic):
        dtypes.from_numpy(data.dtype)  # refuses object/str arrays with a clear message
        return np.array(data, dtype=None if dtype is None else dtypes.to_numpy(dtype))
    target = _infer_dtype(data) if dtype is None else dtypes.to_numpy(dtype)
    return np.array(_unwrap(data), dtype=target)


def _infer_dtype(data):
    """PyTorch's rule: floats give the default dtype (float32 unless `set_default_dtype` says
    otherwise), ints int64, bools bool; NumPy arrays keep theirs."""
    kinds = set()

    def walk(item, dim):
        if isinstance(item, Tensor):
            kinds.add(item._data.dtype.kind)
            return list(item.shape)
        if isinstance(item, np.ndarray):
            kinds.add(item.dtype.kind)
            return list(item.shape)
        if isinstance(item, builtins.bool | np.bool_):
            kinds.add("b")
            return []
        if isinstance(item, numbers.Integral):
            kinds.add("i")
            return []
        if isinstance(item, numbers.Real):
            kinds.add("f")
            return []
        if isinstance(item, list | tuple):
            shapes = [walk(x, dim + 1) for x in item]
            for got in shapes[1:]:
                if got != shapes[0]:
                    raise ValueError(
                        message(
                            "ragged",
                            n=shapes[0][0] if shapes[0] else 0,
                            dim=dim + 1,
                            got=got[0] if got else 0,
                        )
                    )
            return [len(item)] + (shapes[0] if shapes else [])
        if isinstance(item, str):
            raise TypeError(message("invalid_data_type", type="str"))
        if isinstance(item, complex):
            raise RuntimeError(message("complex_data"))
        raise RuntimeError(message("infer_dtype", type=type(item).__name__))

    walk(data, 0)
    if "f" in kinds:
        return dtypes.default_float()
    if kinds & {"i", "u"}:
        return np.int64
    return np.bool_ if kinds else dtypes.default_float()


def _unwrap(data):
    if isinstance(data, Tensor):
        return data._data
    if isinstance(data, list | tuple):
        return [_unwrap(x) for x in data]
    return data
