"""The Tensor: a NumPy array plus what autograd needs (requires_grad, grad, grad_fn, a version).

The math (`+`, `sin`, `sum`, ...) lives in `ops.py`, which also attaches it here as methods.
"""

import numpy as np

from . import autograd, dtypes
from ._format import format_tensor
from .messages import message


class Size(tuple):
    """A tensor's shape: a tuple that prints like PyTorch's `torch.Size([2, 3])`."""

    __slots__ = ()

    def __repr__(self):
        return f"autodiff_tr.Size({list(self)})"

    def numel(self):
        return int(np.prod(self, dtype=np.int64))


class Tensor:
    """An n-dimensional array that can record the operations applied to it for backpropagation."""

    __slots__ = ("_data", "_requires_grad", "grad_fn", "_grad", "_version_box", "_accumulator",
                 "_retains_grad", "_base", "__weakref__")
    # _base: for a view, (the tensor whose memory it shares, the version it was made at)
    __array_priority__ = 1000  # NumPy scalars and arrays defer to our operators

    def __init__(self, data, requires_grad=False):
        from .creation import tensor

        t = tensor(data)
        self._init(t._data)
        self.requires_grad = requires_grad

    def _init(self, data):
        self._data = data
        self._requires_grad = False
        self.grad_fn = None
        self._grad = None
        self._version_box = None  # made by _counter() on first use
        self._accumulator = None
        self._retains_grad = False
        self._base = None

    @staticmethod
    def _make(data):
        """Wrap a result array without copying (the fast path every op takes; a static method
        and `_new`, because they cost less than a class method on every op)."""
        t = _new(Tensor)
        t._data = data if type(data) is _ndarray else np.asarray(data)
        t._requires_grad = False
        t.grad_fn = None
        t._grad = None
        t._version_box = None
        t._accumulator = None
        t._retains_grad = False
        t._base = None
        return t

    @staticmethod
    def _from_node(data, node):
        """A tensor standing for the output of `node` (for formulas that read `result`)."""
        t = Tensor._make(data)
        t.grad_fn = node
        t._requires_grad = True
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
        return 0 if self._version_box is None else self._version_box[0]

    def _counter(self):
        """The version counter: a one-element list that every in-place change increments, shared
        with views and detached copies, as in PyTorch. Made on first use, since most tensors are
        never saved for backward, shared or changed."""
        if self._version_box is None:
            self._version_box = [0]
        return self._version_box

    # ------------------------------------------------------------ autograd
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

    def requires_grad_(self, requires_grad=True):
        self.requires_grad = requires_grad
        return self

    @property
    def grad(self):
        if self.grad_fn is not None and not self._retains_grad and self._grad is None:
            autograd.warn_nonleaf_grad()
        return self._grad

    @grad.setter
    def grad(self, value):
        self._grad = value

    def retain_grad(self):
        """Keep `.grad` for this non-leaf tensor too (leaves always get theirs)."""
        if not self._requires_grad:
            raise RuntimeError(message("retain_grad_no_grad"))
        if self.grad_fn is None or self._retains_grad:
            return
        import weakref

        node = self.grad_fn
        node._retained = (node._retained or ()) + (weakref.ref(self),)
        self._retains_grad = True

    @property
    def retains_grad(self):
        return self._retains_grad

    def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
        """Add d(self)/d(leaf) into `.grad` of every leaf that requires grad.

        A non-scalar tensor needs `gradient` (the vector v of the vector-Jacobian product v^T J).
        """
        if inputs is not None:
            raise NotImplementedError(message("backward_inputs"))
        autograd.backward(self, gradient, retain_graph, create_graph)

    def detach(self):
        """The same values (shared memory, shared version counter) without history."""
        t = Tensor._make(self._data)
        t._version_box = self._counter()
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
        if self._requires_grad:
            raise RuntimeError(message("numpy_requires_grad"))
        return self._data

    def __array__(self, dtype=None, copy=None):
        if self._requires_grad:
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
        return float(self.item())

    def __int__(self):
        return int(self.item())

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

    def __hash__(self):
        return id(self)

    def __repr__(self):
        suffixes = []
        if self.grad_fn is not None:
            suffixes.append(f"grad_fn=<{self.grad_fn.name()}>")
        elif self._requires_grad:
            suffixes.append("requires_grad=True")
        npdtype = self._data.dtype
        default = npdtype in (np.float32, np.int64, np.bool_)
        return format_tensor(self._data, dtype_name=None if default else repr(self.dtype),
                             suffixes=suffixes)

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


def _rebuild(data, requires_grad):
    t = Tensor._make(data)
    t._requires_grad = requires_grad
    return t


autograd.Tensor = Tensor
