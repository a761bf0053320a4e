"""`mxnet.numpy.ndarray`: an engine tensor with MXNet's `attach_grad`, `grad` and `backward`."""

import re
import weakref

import numpy

from ... import autograd as engine_autograd
from ...autograd import no_grad
from ...messages import message
from ...tensor_api import creation, ops
from .._wrapper import Wrapped, unwrap

# The arrays that have a gradient buffer. `backward` writes into those its head depends on; held
# weakly, so a dropped array drops out (by id: arrays compare elementwise, so no WeakSet).
_ATTACHED = weakref.WeakValueDictionary()


class _State:
    """The scope `autograd.record()` / `pause()` / `train_mode()` sets (autograd.py), kept here,
    below autograd.py, so that imports run one way."""

    recording = False
    training = False


class ndarray(Wrapped):  # noqa: N801 - MXNet's name
    """An n-dimensional array of MXNet's NumPy interface."""

    __slots__ = ("_grad", "_grad_req")

    def __init__(self, tensor):
        super().__init__(tensor)
        self._grad = None
        self._grad_req = "null"

    @classmethod
    def _recording(cls):
        return _State.recording

    # ------------------------------------------------------------ gradients
    def attach_grad(self, grad_req="write", stype=None):
        """Allocate `self.grad` (zeros) and mark self as a variable to differentiate by."""
        if grad_req not in ("write", "add", "null"):
            raise ValueError(message("mxnet_grad_req", req=grad_req))
        self._t = self._t.detach().requires_grad_(grad_req != "null")
        self._grad = ndarray(creation.zeros_like(self._t))
        self._grad_req = grad_req
        _ATTACHED[id(self)] = self

    @property
    def grad(self):
        return self._grad

    def backward(self, out_grad=None, retain_graph=False, train_mode=True):
        """Write d(sum of self)/d(x) into `x.grad` of every attached x (out_grad weights it)."""
        _backward([self], None if out_grad is None else [out_grad], retain_graph)

    def detach(self):
        return ndarray(self._t.detach())

    # ------------------------------------------------------------ values
    @property
    def dtype(self):
        return self._numpy().dtype

    @property
    def T(self):  # noqa: N802 - NumPy's name
        return self._run(lambda t: t.permute(*range(t.dim() - 1, -1, -1)), self)

    def asnumpy(self):
        return self._numpy().copy()

    def item(self):
        return self._t.item()

    def tolist(self):
        return self._t.tolist()

    def copy(self):
        return self._run(lambda t: t.clone(), self)

    def astype(self, dtype, copy=True):
        return self._run(lambda t: creation.tensor(t.detach().numpy().astype(dtype)), self)

    def __setitem__(self, index, value):
        with no_grad():
            self._t[unwrap(index)] = unwrap(value)

    def __repr__(self):
        text = repr(self._numpy())
        return re.sub(r",\s*dtype=float32\)$", ")", text)  # float32 is MXNet's default

    def __str__(self):
        return str(self._numpy())

    # ------------------------------------------------------------ methods NumPy arrays have
    def sum(self, axis=None, dtype=None, out=None, keepdims=False):
        return self._run(_reduce, self, "sum", axis, keepdims)

    def mean(self, axis=None, dtype=None, out=None, keepdims=False):
        return self._run(_reduce, self, "mean", axis, keepdims)

    def max(self, axis=None, out=None, keepdims=False):
        return self._run(_extreme, self, "max", axis, keepdims)

    def min(self, axis=None, out=None, keepdims=False):
        return self._run(_extreme, self, "min", axis, keepdims)

    def reshape(self, *shape, **kwargs):
        if len(shape) == 1 and isinstance(shape[0], tuple | list):
            shape = tuple(shape[0])
        return self._run(lambda t: t.reshape(*shape), self)

    def transpose(self, *axes):
        axes = tuple(axes[0]) if len(axes) == 1 and isinstance(axes[0], tuple | list) else axes
        return self._run(lambda t: t.permute(*(axes or range(t.dim() - 1, -1, -1))), self)

    def dot(self, other):
        return dot(self, other)

    def exp(self):
        return self._run(lambda t: t.exp(), self)

    def log(self):
        return self._run(lambda t: t.log(), self)

    def sqrt(self):
        return self._run(lambda t: t.sqrt(), self)

    def abs(self):
        return self._run(lambda t: t.abs(), self)


def _reduce(t, how, axis, keepdims):
    if axis is None:
        return getattr(t, how)(tuple(range(t.dim())), keepdims) if keepdims else getattr(t, how)()
    return getattr(t, how)(axis, keepdims)


def _extreme(t, how, axis, keepdims):
    if axis is None:
        result = getattr(t, how)()
        return result.reshape((1,) * t.dim()) if keepdims else result
    return getattr(t, how)(axis, keepdims).values


def _backward(heads, head_grads, retain_graph):
    """MXNet's backward: the heads' gradient (ones for each element: the implicit sum) flows to
    every attached array it depends on, and is written into (or, with grad_req='add', added to)
    that array's `.grad`. The engine's `autograd.grad` computes it."""
    for head in heads:
        if head._t.grad_fn is None:
            raise RuntimeError(message("mxnet_not_recorded"))
    variables = [a for a in list(_ATTACHED.values()) if a._t.requires_grad]
    if not variables:
        raise RuntimeError(message("mxnet_no_variables"))
    outputs = [h._t for h in heads]
    grad_outputs = [
        creation.ones_like(t) if g is None else unwrap(g)
        for t, g in zip(outputs, head_grads or [None] * len(heads))
    ]
    grads = engine_autograd.grad(
        outputs,
        [a._t for a in variables],
        grad_outputs,
        retain_graph=retain_graph,
        allow_unused=True,
    )
    with no_grad():
        for variable, grad in zip(variables, grads):
            if grad is None:
                continue
            buffer = variable._grad._t
            if variable._grad_req == "add":
                buffer.add_(grad)
            else:
                buffer.copy_(grad)


def dot(a, b):
    """NumPy's dot: the inner product of vectors, the matrix product of matrices."""
    a = a if isinstance(a, ndarray) else array(a)
    b = b if isinstance(b, ndarray) else array(b)
    if a.ndim == 0 or b.ndim == 0:
        return a * b
    return ndarray._run(ops.matmul, a, b)


def array(object, dtype=None, ctx=None):
    """An ndarray from data (a list, a NumPy array, a number); float32 unless told otherwise."""
    if isinstance(object, ndarray):
        data = object._numpy()
    else:
        data = numpy.asarray(object)
    if dtype is None:
        dtype = data.dtype if isinstance(object, numpy.ndarray | ndarray) else numpy.float32
        if numpy.dtype(dtype) == numpy.float64 and not isinstance(object, numpy.ndarray):
            dtype = numpy.float32
    return ndarray(creation.tensor(numpy.array(data, dtype=dtype)))
