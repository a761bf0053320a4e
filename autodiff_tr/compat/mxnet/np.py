"""`mxnet.np`: NumPy's functions on MXNet arrays (float32 unless a dtype is given).

Each function runs the engine's operation through `ndarray._run`, so it is recorded inside
`autograd.record()` and not outside, as in MXNet.
"""

import math
from types import SimpleNamespace

import numpy

from ...messages import message
from ...tensor_api import creation, ops
from ...tensor_api import random as engine_random
from .ndarray import array, dot, ndarray  # noqa: F401 - dot is np.dot, defined beside ndarray.dot

float16, float32, float64 = numpy.float16, numpy.float32, numpy.float64
int8, int32, int64, uint8, bool_ = numpy.int8, numpy.int32, numpy.int64, numpy.uint8, numpy.bool_
pi, e, inf, nan, newaxis = math.pi, math.e, math.inf, math.nan, None

_run = ndarray._run


def _made(tensor_fn, dtype):
    """A new array from a creation function; float32 unless `dtype` says otherwise."""
    t = tensor_fn()
    return ndarray(
        t
        if dtype is None and t.is_floating_point()
        else creation.tensor(t.numpy().astype(dtype or numpy.float32))
    )


def asarray(a, dtype=None):
    return a if isinstance(a, ndarray) and dtype is None else array(a, dtype)


def arange(start, stop=None, step=1, dtype=None, ctx=None):
    """`np.arange(4.0)` or `np.arange(4)`: float32 values, MXNet's default, unless `dtype`."""
    values = numpy.arange(start, stop, step) if stop is not None else numpy.arange(start)
    return ndarray(creation.tensor(values.astype(dtype or numpy.float32)))


def zeros(shape, dtype=None, ctx=None):
    return ndarray(creation.tensor(numpy.zeros(shape, dtype or numpy.float32)))


def ones(shape, dtype=None, ctx=None):
    return ndarray(creation.tensor(numpy.ones(shape, dtype or numpy.float32)))


def full(shape, fill_value, dtype=None, ctx=None):
    return ndarray(creation.tensor(numpy.full(shape, fill_value, dtype or numpy.float32)))


def zeros_like(a, dtype=None):
    return ndarray(creation.tensor(numpy.zeros(a.shape, dtype or a.dtype)))


def ones_like(a, dtype=None):
    return ndarray(creation.tensor(numpy.ones(a.shape, dtype or a.dtype)))


def eye(N, M=None, k=0, dtype=None):  # noqa: N803 - NumPy's names
    return ndarray(creation.tensor(numpy.eye(N, M, k, dtype=dtype or numpy.float32)))


def linspace(start, stop, num=50, endpoint=True, dtype=None):
    return ndarray(
        creation.tensor(numpy.linspace(start, stop, num, endpoint, dtype=dtype or numpy.float32))
    )


def matmul(a, b):
    return _run(ops.matmul, asarray(a), asarray(b))


def sum(a, axis=None, dtype=None, out=None, keepdims=False):  # noqa: A001 - NumPy's name
    return asarray(a).sum(axis=axis, keepdims=keepdims)


def mean(a, axis=None, dtype=None, out=None, keepdims=False):
    return asarray(a).mean(axis=axis, keepdims=keepdims)


def max(a, axis=None, out=None, keepdims=False):  # noqa: A001 - NumPy's name
    return asarray(a).max(axis=axis, keepdims=keepdims)


def min(a, axis=None, out=None, keepdims=False):  # noqa: A001 - NumPy's name
    return asarray(a).min(axis=axis, keepdims=keepdims)


def _elementwise(name):
    def fn(x):
        return _run(lambda t: getattr(t, name)(), asarray(x))

    fn.__name__ = name
    return fn


exp, log, sqrt, abs = (_elementwise(n) for n in ("exp", "log", "sqrt", "abs"))  # noqa: A001
sin, cos, tan, tanh = (_elementwise(n) for n in ("sin", "cos", "tan", "tanh"))


def square(x):
    return asarray(x) * asarray(x)


def maximum(x1, x2):
    x1, x2 = asarray(x1), asarray(x2)
    return _run(lambda a, b: ops.where(a >= b, a, b), x1, x2)


def minimum(x1, x2):
    x1, x2 = asarray(x1), asarray(x2)
    return _run(lambda a, b: ops.where(a <= b, a, b), x1, x2)


def where(condition, x, y):
    return _run(ops.where, asarray(condition), x, y)


def reshape(a, newshape):
    return asarray(a).reshape(newshape)


def transpose(a, axes=None):
    return asarray(a).transpose(*(axes or ()))


def concatenate(seq, axis=0):
    return _run(lambda *ts: ops.cat(ts, axis), *[asarray(a) for a in seq])


def stack(arrays, axis=0):
    return _run(lambda *ts: ops.stack(ts, axis), *[asarray(a) for a in arrays])


def _norm(x, ord=None, axis=None, keepdims=False):  # noqa: A002 - NumPy's name
    """The 2-norm (Frobenius for matrices), of everything or along `axis`."""
    if ord not in (None, 2, "fro"):
        raise NotImplementedError(message("norm_p", p=ord))
    return _run(lambda t: ops.norm(t, dim=axis, keepdim=keepdims), asarray(x))


linalg = SimpleNamespace(norm=_norm)


def _normal(loc=0.0, scale=1.0, size=None, dtype=None, ctx=None):
    """Normal samples from the engine's generator; `size=None` gives one value (shape ())."""
    shape = () if size is None else (size,) if isinstance(size, int) else tuple(size)
    values = (
        engine_random.randn(*shape) * scale + loc
        if shape
        else engine_random.randn(()) * scale + loc
    )
    return _made(lambda: values, dtype)


def _uniform(low=0.0, high=1.0, size=None, dtype=None, ctx=None):
    shape = () if size is None else (size,) if isinstance(size, int) else tuple(size)
    return _made(lambda: engine_random.rand(shape) * (high - low) + low, dtype)


def _randint(low, high=None, size=None, dtype=None, ctx=None):
    shape = () if size is None else (size,) if isinstance(size, int) else tuple(size)
    return ndarray(engine_random.randint(low, high, shape))


def _seed(seed):
    engine_random.manual_seed(seed)


random = SimpleNamespace(normal=_normal, uniform=_uniform, randint=_randint, seed=_seed)
