"""TensorFlow's eager API on this engine: `import autodiff_tr.compat.tensorflow as tf` runs the
chapter's TensorFlow code.

What TensorFlow does differently from PyTorch, and this layer reproduces:
- operations are recorded only inside `with tf.GradientTape() as tape:`, and only those on
  trainable `tf.Variable`s or on tensors passed to `tape.watch`;
- `tape.gradient(target, sources)` returns the gradients (nothing is stored on the variables),
  differentiating the sum of a non-scalar target; a source the target does not depend on gets
  None;
- a tape answers one `gradient` call unless made with `persistent=True`;
- Python integers give int32 tensors, Python floats float32;
- tensors print as `<tf.Tensor: shape=(4,), dtype=float32, numpy=array([...], dtype=float32)>`.
"""

import builtins
import math as _math
from types import SimpleNamespace

import numpy

from .. import autograd as _autograd
from ..autograd import no_grad as _no_grad
from ..engine.tensor import Tensor as _EngineTensor
from ..messages import message as _message
from ..nn import functional as _functional
from ..tensor_api import creation as _creation
from ..tensor_api import ops as _ops
from ..tensor_api import random as _random
from ._wrapper import Wrapped, unwrap


class DType:
    """A TensorFlow dtype (`tf.float32`), standing for a NumPy dtype."""

    def __init__(self, name, numpy_dtype):
        self.name = name
        self.as_numpy_dtype = numpy_dtype
        self.is_floating = numpy.dtype(numpy_dtype).kind == "f"

    def __repr__(self):
        return f"tf.{self.name}"


float16, float32, float64 = (DType(n, getattr(numpy, n)) for n in ("float16", "float32",
                                                                    "float64"))
int8, int16, int32, int64 = (DType(n, getattr(numpy, n)) for n in ("int8", "int16", "int32",
                                                                    "int64"))
uint8 = DType("uint8", numpy.uint8)
bool = DType("bool", numpy.bool_)  # noqa: A001 - TensorFlow's name
_DTYPES = {numpy.dtype(d.as_numpy_dtype): d for d in (float16, float32, float64, int8, int16,
                                                       int32, int64, uint8, bool)}


def _numpy_dtype(dtype):
    return None if dtype is None else numpy.dtype(getattr(dtype, "as_numpy_dtype", dtype))


_TAPES = []  # the tapes whose `with` block is running: operations record while there is one


class Tensor(Wrapped):
    """An eager TensorFlow tensor: a value; operations on it record only inside a tape."""

    __slots__ = ()

    @classmethod
    def _recording(cls):
        return builtins.bool(_TAPES)

    @classmethod
    def _wrap(cls, value):
        if isinstance(value, _EngineTensor):
            return Tensor(value)
        if isinstance(value, tuple):
            return tuple(cls._wrap(v) for v in value)
        return value

    @property
    def dtype(self):
        return _DTYPES[self._numpy().dtype]

    def numpy(self):
        return self._numpy().copy()

    def __repr__(self):
        value = self._numpy()
        text = str(value[()]) if value.ndim == 0 else repr(value)
        return f"<tf.Tensor: shape={self.shape}, dtype={self.dtype.name}, numpy={text}>"

    def __str__(self):
        return f"tf.Tensor({self._numpy()}, shape={self.shape}, dtype={self.dtype.name})"


class Variable(Tensor):
    """A trainable value: a tape watches it, and `assign` changes it in place."""

    __slots__ = ("name", "trainable")

    def __init__(self, initial_value, trainable=True, name=None, dtype=None):
        value = convert_to_tensor(initial_value, dtype)
        t = value._t.detach().clone()
        super().__init__(t.requires_grad_() if trainable and t.is_floating_point() else t)
        self.trainable = trainable
        self.name = ("Variable" if name is None else name) + ":0"  # eager TF: no numbering

    def __repr__(self):
        value = self._numpy()
        text = str(value[()]) if value.ndim == 0 else repr(value)
        return (f"<tf.Variable '{self.name}' shape={self.shape} dtype={self.dtype.name},"
                f" numpy={text}>")

    def assign(self, value):
        """Replace the value: TensorFlow refuses a value of another shape (no broadcasting)."""
        new = unwrap(convert_to_tensor(value))
        if tuple(new.shape) != tuple(self._t.shape):
            raise ValueError(_message("tf_assign_shape", name=self.name, want=tuple(self.shape),
                                      got=tuple(new.shape)))
        with _no_grad():
            self._t.copy_(new)
        return self

    def assign_add(self, delta):
        with _no_grad():
            self._t.add_(unwrap(convert_to_tensor(delta)))
        return self

    def assign_sub(self, delta):
        with _no_grad():
            self._t.sub_(unwrap(convert_to_tensor(delta)))
        return self

    def read_value(self):
        return Tensor._run(lambda t: t.clone(), self)

    value = read_value


class GradientTape:
    """Records the operations run inside its `with` block; `gradient` differentiates them."""

    def __init__(self, persistent=False, watch_accessed_variables=True):
        self.persistent = persistent
        self._used = False

    def __enter__(self):
        _TAPES.append(self)
        return self

    def __exit__(self, *exc):
        _TAPES.remove(self)

    def watch(self, tensor):
        """Record operations on a tensor that is not a Variable (e.g. a `tf.constant`)."""
        for t in tensor if isinstance(tensor, list | tuple) else [tensor]:
            if not isinstance(t, Variable) and t._t.is_floating_point() \
                    and not t._t.requires_grad:
                t._t = t._t.detach().requires_grad_()

    def gradient(self, target, sources, output_gradients=None, unconnected_gradients="none"):
        """d(sum of target)/d(source) for each source, in the structure `sources` was given."""
        if self._used and not self.persistent:
            raise RuntimeError(_message("tape_used"))
        self._used = True
        targets = list(target) if isinstance(target, list | tuple) else [target]
        flat = list(sources) if isinstance(sources, list | tuple) else [sources]
        if output_gradients is not None:
            weights = list(output_gradients) if isinstance(output_gradients, list | tuple) \
                else [output_gradients]
        else:
            weights = [None] * len(targets)
        pairs = [(unwrap(t), w) for t, w in zip(targets, weights) if unwrap(t).requires_grad]
        wanted = [i for i, s in enumerate(flat) if s._t.requires_grad]
        grads = [None] * len(flat)
        if pairs and wanted:
            found = _autograd.grad(
                [t for t, _ in pairs], [flat[i]._t for i in wanted],
                [_creation.ones_like(t) if w is None else unwrap(convert_to_tensor(w))
                 for t, w in pairs],
                retain_graph=self.persistent, allow_unused=True)
            for i, g in zip(wanted, found):
                grads[i] = None if g is None else Tensor(g)
        if unconnected_gradients in ("zero", "ZERO"):
            grads = [zeros_like(s) if g is None else g for s, g in zip(flat, grads)]
        if isinstance(sources, list | tuple):
            return type(sources)(grads)
        return grads[0]


class UnconnectedGradients:
    NONE = "none"
    ZERO = "zero"


# ---------------------------------------------------------------- making tensors

def _from_python(value, dtype):
    """TensorFlow's dtypes: ints int32, floats float32; NumPy arrays keep theirs."""
    if isinstance(value, numpy.ndarray | numpy.generic):
        array = numpy.asarray(value)
    else:
        array = numpy.asarray(unwrap_python(value))
        if array.dtype == numpy.float64:
            array = array.astype(numpy.float32)
        elif array.dtype.kind in "iu":
            array = array.astype(numpy.int32)
    if dtype is not None:
        array = array.astype(_numpy_dtype(dtype))
    return Tensor(_creation.tensor(array))


def unwrap_python(value):
    if isinstance(value, Wrapped):
        return value._numpy()
    if isinstance(value, list | tuple):
        return [unwrap_python(v) for v in value]
    return value


def constant(value, dtype=None, shape=None, name=None):
    t = _from_python(value, dtype)
    return reshape(t, shape) if shape is not None else t


def convert_to_tensor(value, dtype=None, name=None):
    if isinstance(value, Tensor):
        return value if dtype is None or value.dtype is dtype else cast(value, dtype)
    return _from_python(value, dtype)


def range(start, limit=None, delta=1, dtype=None, name="range"):  # noqa: A001 - TF's name
    """`tf.range(4)` gives int32 values, `tf.range(4.0)` or `dtype=tf.float32` floats."""
    if limit is None:
        start, limit = 0, start
    is_float = builtins.any(isinstance(v, float) for v in (start, limit, delta))
    values = numpy.arange(start, limit, delta)
    default = numpy.float32 if is_float else numpy.int32
    return Tensor(_creation.tensor(values.astype(_numpy_dtype(dtype) or default)))


def zeros(shape, dtype=float32, name=None):
    return Tensor(_creation.tensor(numpy.zeros(shape, _numpy_dtype(dtype))))


def ones(shape, dtype=float32, name=None):
    return Tensor(_creation.tensor(numpy.ones(shape, _numpy_dtype(dtype))))


def zeros_like(input, dtype=None, name=None):
    return Tensor(_creation.tensor(numpy.zeros(input.shape, _numpy_dtype(dtype)
                                               or input._numpy().dtype)))


def ones_like(input, dtype=None, name=None):
    return Tensor(_creation.tensor(numpy.ones(input.shape, _numpy_dtype(dtype)
                                              or input._numpy().dtype)))


def linspace(start, stop, num, name=None, axis=0):
    return Tensor(_creation.tensor(numpy.linspace(start, stop, num, dtype=numpy.float32)))


def cast(x, dtype, name=None):
    target = _numpy_dtype(dtype)
    return Tensor._run(lambda t: t.to(_EngineTensor._make(numpy.zeros((), target)).dtype),
                       convert_to_tensor(x))


def identity(input, name=None):
    return Tensor._run(lambda t: t.clone(), convert_to_tensor(input))


def stop_gradient(input, name=None):
    """The same values, with no gradient flowing back through them."""
    return Tensor(convert_to_tensor(input)._t.detach())


# ---------------------------------------------------------------- operations

def _run(fn, *args):
    return Tensor._run(fn, *[convert_to_tensor(a) if not isinstance(a, Tensor) else a
                             for a in args])


def _axes(axis):
    return tuple(axis) if isinstance(axis, list | tuple) else axis


def _reduction(how):
    def reduce(input_tensor, axis=None, keepdims=False, name=None):
        def fn(t):
            if axis is None:
                result = getattr(t, how)()
                return result.reshape((1,) * t.dim()) if keepdims else result
            result = getattr(t, how)(_axes(axis), keepdims)
            return result.values if how in ("max", "min") else result
        return _run(fn, input_tensor)

    reduce.__name__ = f"reduce_{how}"
    return reduce


reduce_sum, reduce_mean = _reduction("sum"), _reduction("mean")
reduce_max, reduce_min = _reduction("max"), _reduction("min")


def tensordot(a, b, axes):
    """Sum over the last `axes` dims of a and the first `axes` dims of b (or the listed axes)."""
    a, b = convert_to_tensor(a), convert_to_tensor(b)
    if isinstance(axes, int):
        a_axes = list(builtins.range(a.ndim - axes, a.ndim))
        b_axes = list(builtins.range(axes))
    else:
        a_axes, b_axes = ([x] if isinstance(x, int) else list(x) for x in axes)

    def fn(x, y):
        if x.dim() == 1 and y.dim() == 1 and a_axes == [0] and b_axes == [0]:
            return _ops.dot(x, y)
        a_free = [d for d in builtins.range(x.dim()) if d not in a_axes]
        b_free = [d for d in builtins.range(y.dim()) if d not in b_axes]
        x2 = x.permute(*a_free, *a_axes).reshape(
            _math.prod(x.shape[d] for d in a_free), _math.prod(x.shape[d] for d in a_axes))
        y2 = y.permute(*b_axes, *b_free).reshape(
            _math.prod(y.shape[d] for d in b_axes), _math.prod(y.shape[d] for d in b_free))
        shape = [x.shape[d] for d in a_free] + [y.shape[d] for d in b_free]
        return (x2 @ y2).reshape(*shape)

    return _run(fn, a, b)


def matmul(a, b, transpose_a=False, transpose_b=False, name=None):
    def fn(x, y):
        x = x.transpose(-2, -1) if transpose_a else x
        y = y.transpose(-2, -1) if transpose_b else y
        return x @ y

    return _run(fn, a, b)


def norm(tensor, ord="euclidean", axis=None, keepdims=None, name=None):  # noqa: A002
    """The Euclidean norm, of all elements or along `axis`."""
    if ord not in ("euclidean", "fro", 2, 2.0):
        raise NotImplementedError(_message("norm_p", p=ord))
    return _run(lambda t: _ops.norm(t, dim=_axes(axis), keepdim=builtins.bool(keepdims)), tensor)


def reshape(tensor, shape, name=None):
    return _run(lambda t: t.reshape(*shape), tensor)


def transpose(a, perm=None, name=None):
    return _run(lambda t: t.permute(*(perm or builtins.range(t.dim() - 1, -1, -1))), a)


def _elementwise(name):
    def fn(x, name=None):
        return _run(lambda t: getattr(t, name_)(), x)

    name_ = name
    fn.__name__ = name
    return fn


exp, log, sqrt, abs = (_elementwise(n) for n in ("exp", "log", "sqrt", "abs"))  # noqa: A001
sin, cos, tan, tanh = (_elementwise(n) for n in ("sin", "cos", "tan", "tanh"))
sigmoid = _elementwise("sigmoid")


def square(x, name=None):
    return _run(lambda t: t * t, x)


def add(x, y, name=None):
    return _run(lambda a, b: a + b, x, y)


def subtract(x, y, name=None):
    return _run(lambda a, b: a - b, x, y)


def multiply(x, y, name=None):
    return _run(lambda a, b: a * b, x, y)


def divide(x, y, name=None):
    return _run(lambda a, b: a / b, x, y)


def maximum(x, y, name=None):
    return _run(lambda a, b: _ops.where(a >= b, a, b), x, y)


def minimum(x, y, name=None):
    return _run(lambda a, b: _ops.where(a <= b, a, b), x, y)


def _seeded(shape, fn, dtype):
    shape = tuple(shape) if isinstance(shape, list | tuple) else (shape,)
    return Tensor(fn(shape).to(_EngineTensor._make(numpy.zeros((), _numpy_dtype(dtype))).dtype))


def _normal(shape, mean=0.0, stddev=1.0, dtype=float32, seed=None, name=None):
    """Normal samples from the engine's generator (seed it with `tf.random.set_seed`)."""
    return _seeded(shape, lambda s: _random.randn(s) * stddev + mean, dtype)


def _uniform(shape, minval=0, maxval=None, dtype=float32, seed=None, name=None):
    high = 1.0 if maxval is None else maxval
    return _seeded(shape, lambda s: _random.rand(s) * (high - minval) + minval, dtype)


random = SimpleNamespace(normal=_normal, uniform=_uniform,
                         set_seed=lambda seed: _random.manual_seed(seed))
math = SimpleNamespace(exp=exp, log=log, sqrt=sqrt, abs=abs, sin=sin, cos=cos, tan=tan,
                       tanh=tanh, sigmoid=sigmoid, square=square, add=add, subtract=subtract,
                       multiply=multiply, divide=divide, maximum=maximum, minimum=minimum,
                       reduce_sum=reduce_sum, reduce_mean=reduce_mean, reduce_max=reduce_max,
                       reduce_min=reduce_min)
nn = SimpleNamespace(relu=lambda features, name=None: _run(_ops.relu, features),
                     sigmoid=sigmoid,
                     softmax=lambda logits, axis=-1, name=None: _run(
                         lambda t: _functional.softmax(t, axis), logits))
