"""What the MXNet and TensorFlow layers share: an array object that holds one engine `Tensor`.

Both frameworks record only inside a scope (`autograd.record()`, `tf.GradientTape()`), so every
operation on a wrapped array goes through `Wrapped._run`, which calls the engine's own function
with recording switched on or off as that framework's scope says. The graph, the derivatives and
the backward pass are the engine's; a wrapper adds only the framework's names and printing.
"""

import numpy as np

from ..autograd import set_grad_enabled
from ..engine.tensor import Tensor


class Wrapped:
    """An array of framework X holding the engine tensor `_t`. Subclasses say when operations
    record (`_recording`) and how results are wrapped (`_wrap`)."""

    __slots__ = ("_t", "__weakref__")

    def __init__(self, tensor):
        self._t = tensor

    # ------------------------------------------------------------ plumbing
    @classmethod
    def _recording(cls):
        raise NotImplementedError

    @classmethod
    def _wrap(cls, value):
        if isinstance(value, Tensor):
            return cls(value)
        if isinstance(value, tuple):
            return tuple(cls._wrap(v) for v in value)
        return value

    @classmethod
    def _run(cls, fn, *args, **kwargs):
        """fn on the engine tensors behind `args`, recorded only inside the framework's scope."""
        with set_grad_enabled(cls._recording()):
            result = fn(*[unwrap(a) for a in args], **{k: unwrap(v) for k, v in kwargs.items()})
        return cls._wrap(result)

    # ------------------------------------------------------------ values
    @property
    def shape(self):
        return tuple(self._t.shape)

    @property
    def ndim(self):
        return self._t.dim()

    @property
    def size(self):
        return self._t.numel()

    def _numpy(self):
        return self._t.detach().numpy()

    def __array__(self, dtype=None, copy=None):
        array = self._numpy()
        return array if dtype is None else array.astype(dtype)

    def __bool__(self):
        return bool(self._t)

    def __float__(self):
        return float(self._t)

    def __int__(self):
        return int(self._t)

    def __index__(self):
        return self._t.__index__()

    def __len__(self):
        return len(self._t)

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def __hash__(self):
        return id(self)

    def __format__(self, spec):
        return format(self._numpy().item() if self.ndim == 0 else self._numpy(), spec)

    # ------------------------------------------------------------ arithmetic (recorded)
    def __getitem__(self, index):
        return self._run(lambda t: t[unwrap(index)], self)

    def __neg__(self):
        return self._run(lambda t: -t, self)

    def __abs__(self):
        return self._run(lambda t: t.abs(), self)


def unwrap(value):
    """The engine tensor behind a wrapped array (also inside tuples and lists)."""
    if isinstance(value, Wrapped):
        return value._t
    if isinstance(value, tuple):
        return tuple(unwrap(v) for v in value)
    if isinstance(value, list):
        return [unwrap(v) for v in value]
    return value


def _binary(name, reflected=False):
    def operator(self, other):
        if isinstance(other, Wrapped):
            return self._run(lambda a, b: getattr(a, name)(b), self, other)
        if not isinstance(other, int | float | bool | np.ndarray | np.generic):
            return NotImplemented
        return self._run(lambda a: getattr(a, name)(other), self)

    operator.__name__ = name
    return operator


for _name in (
    "__add__",
    "__radd__",
    "__sub__",
    "__rsub__",
    "__mul__",
    "__rmul__",
    "__truediv__",
    "__rtruediv__",
    "__pow__",
    "__rpow__",
    "__matmul__",
    "__rmatmul__",
    "__eq__",
    "__ne__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__and__",
    "__or__",
):
    setattr(Wrapped, _name, _binary(_name))
Wrapped.__hash__ = lambda self: id(self)  # defining __eq__ removes it
