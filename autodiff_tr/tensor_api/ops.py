"""The forward pass of every op, vectorized with NumPy.

Each function checks its arguments (so that mistakes get PyTorch's exception type and a message
saying what to do), computes its result on the arrays, and hands it to `nodes.record`, with its
inputs and the non-tensor arguments its derivative formulas read (`derivatives.py`).

Adding an op: its row in `derivatives.DERIVATIVES` (the formula for each input), its forward here
(ending in `record("name", result, inputs, params)`), its export in `__init__.py` and its method in
`methods.py`. An elementwise op of two operands is one line: `_function("name", np.ufunc, "name")`.
"""

import builtins
import re
import warnings
from collections import namedtuple

import numpy as np

from ..engine import derivatives, dtypes
from ..engine.derivatives import scatter_add
from ..engine.dtypes import TYPE_NAMES, default_float, to_numpy, torch_type_name
from ..engine.dtypes import dtype as dtype_class
from ..engine.grad_mode import _modes
from ..engine.nodes import InferenceTensor, make_inference, record
from ..engine.tensor import Tensor
from ..messages import message
from .arguments import (
    _PY_SCALARS,
    _all_dims,
    _array_of,
    _dims,
    _index_arg,
    _numpy_names,
    _one_dim,
    _required_dim,
    _shape_arg,
    _tensor_list,
    operand,
)
from .device import CPU as CPU_DEVICE
from .device import not_compiled, parse_to

# ---------------------------------------------------------------- operands

_ndarray = np.ndarray
_F64 = np.dtype(np.float64)


def _default_float(result, a, b=None):
    """PyTorch's promotion where NumPy's differs: an integer tensor with a Python float (or an
    integer true division, or int64 with float32) gives the default float dtype (float32 unless
    `set_default_dtype` says otherwise), not float64."""
    if result.dtype is _F64 and not (
            getattr(a, "dtype", None) is _F64 or getattr(b, "dtype", None) is _F64):
        return result.astype(default_float(), copy=False)
    return result


def _data(value):
    return value._data if isinstance(value, Tensor) else value


def _broadcast_error(a, b):
    sa, sb = np.shape(a), np.shape(b)
    n = builtins.max(len(sa), len(sb))
    pa, pb = (1,) * (n - len(sa)) + sa, (1,) * (n - len(sb)) + sb
    for dim in range(n - 1, -1, -1):
        if pa[dim] != pb[dim] and 1 not in (pa[dim], pb[dim]):
            return RuntimeError(message("broadcast", a=pa[dim], b=pb[dim], dim=dim,
                                        shape_a=tuple(sa), shape_b=tuple(sb)))
    return RuntimeError(message("broadcast", a="?", b="?", dim="?", shape_a=sa, shape_b=sb))


def elementwise(op, ufunc, reflected=False):
    """The one implementation of an elementwise op of two operands, behind `t + 2`, `2 + t`,
    `ad.add(t, 2)` and the comparisons `t < 2` (`op` None: no gradient). Either operand may be a
    tensor or a constant (a number or an array); for anything else the op gives NotImplemented,
    so that Python can try the other operand's operator (`_function` makes it a TypeError).
    `reflected`: the operator of the right operand (`2 / t`)."""

    def binary(input, other):
        # (type(x) is Tensor first: it costs less than isinstance, and holds nearly always)
        if type(input) is Tensor or isinstance(input, Tensor):
            a = input._data
        else:
            a = input = operand(input)
            if input is None:
                return NotImplemented
        if type(other) is Tensor or isinstance(other, Tensor):
            b = other._data
        elif type(other) in _PY_SCALARS:
            b = other
        else:
            b = other = operand(other)
            if other is None:
                return NotImplemented
        try:
            result = ufunc(a, b)
        except ValueError:
            raise _broadcast_error(a, b) from None
        if op is None:
            return Tensor._make(result)
        if result.dtype is _F64:
            result = _default_float(result, a, b)
        return record(op, result, (input, other))

    if reflected:
        return lambda self, other: binary(other, self)
    return binary


def _function(op, ufunc, fn):
    """`ad.add` and the like: `elementwise`, with a TypeError for an operand of another type."""
    binary = elementwise(op, ufunc)

    def function(input, other):
        out = binary(input, other)
        if out is NotImplemented:
            name, bad = ("input", input) if operand(input) is None else ("other", other)
            raise TypeError(message("bad_argument", fn=fn, name=name, type=type(bad).__name__))
        return out

    function.__name__ = function.__qualname__ = fn
    return function


# ---------------------------------------------------------------- arithmetic

def _with_alpha(op, ufunc, fn):
    """`ad.add` and `ad.sub`: `_function`, with PyTorch's `alpha` (input + alpha * other)."""
    plain = _function(op, ufunc, fn)

    def function(input, other, *, alpha=1):
        if alpha == 1 and type(alpha) is not builtins.bool:
            return plain(input, other)
        a, b = _operand_of(fn, input, "input"), _operand_of(fn, other)
        scaled = _scaled(fn, b, alpha, a)
        result = _broadcast_checked(ufunc, a, scaled)
        if result.dtype is _F64:
            result = _default_float(result, a, b)
        return record(op + "_alpha", result, (operand(input), operand(other)), {"alpha": alpha})

    function.__name__ = function.__qualname__ = fn
    return function


add = _with_alpha("add", np.add, "add")
sub = _with_alpha("sub", np.subtract, "sub")
_subtract = elementwise("sub", np.subtract)
mul = _function("mul", np.multiply, "mul")
div = _function("div", np.true_divide, "div")


def neg(input):
    return record("neg", np.negative(_array_of(input, "neg")), (input,))


def rsub(input, other):
    """`other - input` (PyTorch's `rsub`, behind `2 - t`). A number `other` records an op of the
    tensor alone (RsubBackward1), as PyTorch does; a tensor or an array is `sub(other, input)`."""
    constant = operand(other)
    if constant is None:
        return NotImplemented
    if isinstance(constant, Tensor | np.ndarray):
        return _subtract(constant, input)
    x = input._data
    return record("rsub", _default_float(np.subtract(constant, x), x), (input,))


def pow(input, exponent):
    """`input ** exponent`; either side may be a number."""
    if not isinstance(input, Tensor):  # number ** tensor
        base = operand(input)
        if base is None or not isinstance(exponent, Tensor):
            raise TypeError(message("bad_argument", fn="pow", name="input",
                                    type=type(input).__name__))
        result = _default_float(np.power(base, exponent._data), exponent._data)
        return record("rpow", result, (exponent,), {"self": base})
    if isinstance(exponent, Tensor):
        try:
            result = _default_float(np.power(input._data, exponent._data), input._data,
                                    exponent._data)
        except ValueError:
            raise _broadcast_error(input._data, exponent._data) from None
        return record("pow_tensor", result, (input, exponent))
    e = operand(exponent)
    if e is None:
        raise TypeError(message("bad_argument", fn="pow", name="exponent",
                                type=type(exponent).__name__))
    if isinstance(e, np.ndarray):
        return pow(input, Tensor._make(e))
    data = input._data
    if data.dtype.kind in "iub" and isinstance(e, builtins.int) and e < 0:
        raise RuntimeError(message("pow_negative_int"))
    return record("pow", _default_float(np.power(data, e), data), (input,), {"exponent": e})


# ---------------------------------------------------------------- elementwise functions

def _unary(op, ufunc):
    def fn(input):
        if type(input) is not Tensor and not isinstance(input, Tensor):
            _array_of(input, op)  # raises the TypeError
        x = input._data
        result = ufunc(x)
        if result.dtype is not x.dtype and x.dtype.kind in "biu" and result.dtype.kind == "f":
            result = ufunc(x.astype(default_float()))  # sin of an int: the default float
        return record(op, result, (input,))

    fn.__name__ = fn.__qualname__ = op
    fn.__doc__ = f"Elementwise `{op}`; its derivative is in `derivatives.DERIVATIVES['{op}']`."
    return fn


exp = _unary("exp", np.exp)
log = _unary("log", np.log)
sqrt = _unary("sqrt", np.sqrt)
abs = _unary("abs", np.abs)
sin = _unary("sin", np.sin)
cos = _unary("cos", np.cos)
tan = _unary("tan", np.tan)
tanh = _unary("tanh", np.tanh)
log1p = _unary("log1p", np.log1p)


def _rounded_from_float64(ufunc):
    """`ufunc` on float32 values computed in float64 and rounded: NumPy's own float32 log10
    gives log10(100) = 2.0000002, PyTorch (and the float64 route) 2."""
    def fn(x):
        if x.dtype == np.float32:
            return ufunc(x.astype(np.float64)).astype(np.float32)
        return ufunc(x)
    return fn


log10 = _unary("log10", _rounded_from_float64(np.log10))
log2 = _unary("log2", _rounded_from_float64(np.log2))
expm1 = _unary("expm1", np.expm1)
erf = _unary("erf", derivatives.erf)


def square(input):
    """input ** 2 (PowBackward0, as in PyTorch)."""
    _array_of(input, "square")
    return pow(input, 2)


def sign(input):
    """-1, 0 or 1 by the sign of each element; its gradient is 0."""
    x = _array_of(input, "sign")
    return record("sign", x.copy() if x.dtype == np.bool_ else np.sign(x), (input,))


def sigmoid(input):
    x = _array_of(input, "sigmoid")
    with np.errstate(over="ignore"):  # exp overflow just means a result of 0
        result = 1 / (1 + np.exp(-x))
    dtype = x.dtype if x.dtype.kind == "f" else default_float()  # (an int tensor: floats)
    return record("sigmoid", result.astype(dtype, copy=False), (input,))


def relu(input):
    x = _array_of(input, "relu")
    return record("relu", np.maximum(x, 0).astype(x.dtype, copy=False), (input,))


def clamp(input, min=None, max=None):
    x = _array_of(input, "clamp")
    if min is None and max is None:
        raise RuntimeError(message("clamp_no_bounds"))
    if builtins.any(isinstance(b, Tensor) and b._requires_grad for b in (min, max)):
        # the bounds would get no gradient (PyTorch's ClampBackward0 gives them one): refuse
        raise NotImplementedError(message("clamp_bound_requires_grad"))
    low, high = _data(min), _data(max)
    result = _default_float(np.clip(x, low, high), x, low if high is None else high)
    passed = np.ones(x.shape, dtype=builtins.bool)
    if low is not None:
        passed &= x >= low
    if high is not None:
        passed &= x <= high
    return record("clamp", result, (input,), {"passed": passed})


clip = clamp


def where(condition, input, other):
    cond = _array_of(condition, "where", "condition")
    a, b = operand(input), operand(other)
    if a is None or b is None:
        bad, name = (input, "input") if a is None else (other, "other")
        raise TypeError(message("bad_argument", fn="where", name=name, type=type(bad).__name__))
    try:
        result = _default_float(np.where(cond, _data(a), _data(b)), _data(a), _data(b))
    except ValueError:
        raise _broadcast_error(_data(a), _data(b)) from None
    return record("where", result, (a, b), {"condition": cond})


def clone(input):
    return record("clone", _array_of(input, "clone").copy(), (input,))


# ---------------------------------------------------------------- reductions

def sum(input, dim=None, keepdim=False, *, dtype=None, axis=None, keepdims=None):
    x = _array_of(input, "sum")
    if axis is not None or keepdims is not None:
        dim, keepdim = _numpy_names("sum", dim, keepdim, axis, keepdims)
    if x.dtype.kind in "bui" and dtype is None:
        x = x.astype(np.int64)
    if dtype is not None:
        x = x.astype(to_numpy(dtype))
    if dim is None:
        return record("sum", np.add.reduce(x, axis=None), (input,))
    dims = (_dims(dim, x.ndim) if x.ndim else ()) or tuple(range(x.ndim))  # dim=(): all
    return record("sum_dim", np.sum(x, axis=dims, keepdims=keepdim), (input,),
                      {"dim": dims, "keepdim": keepdim})


def mean(input, dim=None, keepdim=False, *, axis=None, keepdims=None):
    x = _array_of(input, "mean")
    if axis is not None or keepdims is not None:
        dim, keepdim = _numpy_names("mean", dim, keepdim, axis, keepdims)
    if x.dtype.kind != "f":
        raise RuntimeError(message("mean_dtype", dtype=input.dtype))
    # The mean of nothing is nan, quietly, as in PyTorch; the gradient of an empty input is empty
    # whatever `count` the formula divides by, so it gets at least 1.
    with np.errstate(invalid="ignore", divide="ignore"):
        if dim is None:
            result = np.divide(np.add.reduce(x, axis=None), x.size, dtype=x.dtype)
            return record("mean", result, (input,), {"count": builtins.max(x.size, 1)})
        dims = (_dims(dim, x.ndim) if x.ndim else ()) or tuple(range(x.ndim))  # dim=(): all
        count = int(np.prod([x.shape[d] for d in dims])) if x.ndim else 1
        result = np.divide(np.add.reduce(x, axis=dims, keepdims=keepdim), count, dtype=x.dtype)
    return record("mean_dim", result, (input,),
                      {"dim": dims, "keepdim": keepdim, "count": builtins.max(count, 1)})


def _return_type(name):
    """A named tuple (values, indices) printed as PyTorch prints `torch.return_types.max`."""

    def __repr__(self):
        fields = ",\n".join(f"{k}={v!r}" for k, v in zip(self._fields, self))
        return f"autodiff_tr.return_types.{name}(\n{fields})"

    cls = type(name, (namedtuple(name, ["values", "indices"]),),
               {"__slots__": (), "__repr__": __repr__})
    cls.__module__ = "autodiff_tr.return_types"
    return cls


max_result, min_result = _return_type("max"), _return_type("min")


def _extreme(op, input, dim, keepdim, pick, argpick, result_type):
    x = _array_of(input, op)
    if isinstance(dim, Tensor):  # PyTorch's elementwise max(input, other): maximum
        return (maximum if op == "max" else minimum)(input, dim)
    if dim is None:
        if x.size == 0:
            raise RuntimeError(message("empty_max", fn=op))
        value = pick(x)
        hits = x == value
        share = hits / np.count_nonzero(hits) if x.dtype.kind == "f" else hits
        return record(op, value, (input,), {"share": share.astype(x.dtype, copy=False)})
    (d,) = _dims(dim, x.ndim) if x.ndim else (0,)
    if x.ndim == 0:
        return result_type(record(op + "_dim", x.copy(), (input,), {
            "share": np.ones((), x.dtype), "dim": (), "keepdim": True}),
            Tensor._make(np.zeros((), np.int64)))
    if x.shape[d] == 0:
        raise IndexError(message("empty_reduction_dim", fn=op, dim=d))
    indices = np.expand_dims(argpick(x, axis=d), d)
    values = np.take_along_axis(x, indices, axis=d)
    share = np.zeros(x.shape, dtype=x.dtype)
    np.put_along_axis(share, indices, 1, axis=d)
    if not keepdim:
        values, indices = np.squeeze(values, d), np.squeeze(indices, d)
    out = record(op + "_dim", values, (input,), {"share": share, "dim": (d,),
                                                         "keepdim": keepdim})
    return result_type(out, Tensor._make(indices.astype(np.int64)))


def max(input, dim=None, keepdim=False, *, axis=None, keepdims=None):
    """The largest value; with `dim` the named tuple (values, indices) along that dim; with a
    tensor `other` in place of `dim`, the elementwise `maximum`."""
    if axis is not None or keepdims is not None:
        dim, keepdim = _numpy_names("max", dim, keepdim, axis, keepdims)
    return _extreme("max", input, dim, keepdim, np.max, np.argmax, max_result)


def min(input, dim=None, keepdim=False, *, axis=None, keepdims=None):
    """The smallest value; with `dim` the named tuple (values, indices) along that dim; with a
    tensor `other` in place of `dim`, the elementwise `minimum`."""
    if axis is not None or keepdims is not None:
        dim, keepdim = _numpy_names("min", dim, keepdim, axis, keepdims)
    return _extreme("min", input, dim, keepdim, np.min, np.argmin, min_result)


def _argextreme(fn, pick, input, dim, keepdim, axis, keepdims):
    x = _array_of(input, fn)
    dim, keepdim = _numpy_names(fn, dim, keepdim, axis, keepdims)
    if dim is None:
        if x.size == 0:
            raise IndexError(message("empty_argmax", fn=fn))
        index = np.asarray(pick(x.reshape(-1)), dtype=np.int64)
        return Tensor._make(index.reshape((1,) * x.ndim) if keepdim else index)
    d = _one_dim(x, dim)
    if d is None:
        return Tensor._make(np.zeros((), np.int64))
    if x.shape[d] == 0:
        raise IndexError(message("empty_reduction_dim", fn=fn, dim=d))
    return Tensor._make(pick(x, axis=d, keepdims=keepdim).astype(np.int64, copy=False))


def argmax(input, dim=None, keepdim=False, *, axis=None, keepdims=None):
    """The position of the largest value (of the flattened tensor, or along `dim`)."""
    return _argextreme("argmax", np.argmax, input, dim, keepdim, axis, keepdims)


def argmin(input, dim=None, keepdim=False, *, axis=None, keepdims=None):
    """The position of the smallest value (of the flattened tensor, or along `dim`)."""
    return _argextreme("argmin", np.argmin, input, dim, keepdim, axis, keepdims)


def numel(input):
    """The number of elements."""
    return _array_of(input, "numel").size


def _pairwise(op, ufunc):
    """An elementwise op of two tensors that broadcast (`maximum`, `minimum`); with `out=`, the
    result is written into that tensor's memory (nothing recorded, as in PyTorch)."""

    def fn(input, other, *, out=None):
        a, b = _array_of(input, op), _array_of(other, op, "other")
        if out is not None:
            return _into_out(op, ufunc, out, (input, other), a, b)
        try:
            result = ufunc(a, b)
        except ValueError:
            raise _broadcast_error(a, b) from None
        if result.dtype is _F64:
            result = _default_float(result, a, b)
        return record(op, result, (input, other))

    fn.__name__ = fn.__qualname__ = op
    fn.__doc__ = f"Elementwise `{op}` of two tensors; a tie shares the gradient evenly."
    return fn


def _into_out(fn, ufunc, out, inputs, *arrays):
    """`fn(..., out=out)`: the result computed into `out`'s memory (`_write`). PyTorch records no
    graph for `out=`, and refuses it where one would be needed."""
    if not isinstance(out, Tensor):
        raise TypeError(message("bad_argument", fn=fn, name="out", type=type(out).__name__))
    if _modes.grad_enabled and builtins.any(t._requires_grad for t in (*inputs, out)):
        raise RuntimeError(message("out_requires_grad", fn=fn))
    return _write(out, ufunc, *arrays)


def _write(self, ufunc, *operands):
    """The direct path: `ufunc(*operands)` computed into self's memory, with PyTorch's errors
    where the result does not fit there (another shape, a dtype self cannot hold)."""
    out = self._data
    try:
        ufunc(*operands, out=out)
    except ValueError:
        if not out.flags.writeable:
            raise
        raise _inplace_shape_error(out, operands) from None
    except TypeError:  # NumPy's UFuncTypeError: the result's dtype cannot be cast to self's
        got = Tensor._make(_default_float(ufunc(*operands), *operands[:2]))  # (only to name it)
        raise RuntimeError(message("inplace_dtype", got=got.dtype, want=self.dtype)) from None
    self._increment_version()
    return self


def _inplace_shape_error(out, operands):
    shapes = [np.shape(o) for o in operands]
    try:
        shape = np.broadcast_shapes(*shapes)
    except ValueError:
        return _broadcast_error(*operands[:2])
    return RuntimeError(message("inplace_shape", out=list(out.shape), result=list(shape)))



maximum = _pairwise("maximum", np.maximum)
minimum = _pairwise("minimum", np.minimum)


def _float_only(fn, x, kernel):
    """Softmax and friends work on floats only, as in PyTorch (NotImplementedError)."""
    if x.dtype.kind != "f":
        raise NotImplementedError(message("kernel_dtype", kernel=kernel, fn=fn,
                                          dtype=torch_type_name(x.dtype)))


def _shifted(x, d):
    """`x` minus its largest value along `d` (where that is finite): exp() of it cannot
    overflow, and softmax and logsumexp are the same for it."""
    m = np.max(x, axis=d, keepdims=True, initial=-np.inf)
    return x - np.where(np.isfinite(m), m, 0)


def _softmax_input(fn, input, dim, dtype, axis):
    """What softmax and log_softmax check alike: the values (in `dtype` if given, floating point
    only) and the one dim they normalise along (None for a 0-d input)."""
    x = _array_of(input, fn)
    dim, _ = _numpy_names(fn, dim, False, axis, None)
    x = x if dtype is None else x.astype(to_numpy(dtype))
    _float_only(fn, x, f"{fn}_lastdim_kernel_impl")
    return x, _one_dim(x, _required_dim(fn, dim))


def softmax(input, dim=None, dtype=None, *, axis=None):
    """exp(x) / exp(x).sum(dim): each slice along `dim` becomes positive and sums to 1."""
    x, d = _softmax_input("softmax", input, dim, dtype, axis)
    if d is None:  # 0-d: the one value is the whole slice
        return record("softmax", np.ones_like(x), (input,), {"dim": ()})
    e = np.exp(_shifted(x, d))
    with np.errstate(invalid="ignore"):
        result = e / np.sum(e, axis=d, keepdims=True)
    return record("softmax", result, (input,), {"dim": d})


def log_softmax(input, dim=None, dtype=None, *, axis=None):
    """x - logsumexp(x, dim): the logarithm of softmax, without rounding small values to 0."""
    x, d = _softmax_input("log_softmax", input, dim, dtype, axis)
    if d is None:
        return record("log_softmax", np.zeros_like(x), (input,), {"dim": ()})
    shifted = _shifted(x, d)
    with np.errstate(divide="ignore"):
        result = shifted - np.log(np.sum(np.exp(shifted), axis=d, keepdims=True))
    return record("log_softmax", result, (input,), {"dim": d})


def logsumexp(input, dim=None, keepdim=False, *, axis=None, keepdims=None):
    """log(exp(x).sum(dim)), without overflow for large x."""
    x = _array_of(input, "logsumexp")
    dim, keepdim = _numpy_names("logsumexp", dim, keepdim, axis, keepdims)
    x = x if x.dtype.kind == "f" else x.astype(default_float())
    dims = _all_dims(x, _required_dim("logsumexp", dim))
    m = np.max(x, axis=dims, keepdims=True, initial=-np.inf)
    m = np.where(np.isfinite(m), m, 0)
    with np.errstate(divide="ignore"):
        result = np.log(np.sum(np.exp(x - m), axis=dims, keepdims=True)) + m
    if not keepdim:
        result = np.squeeze(result, dims)
    return record("logsumexp", result, (input,), {"dim": dims, "keepdim": keepdim})


def prod(input, dim=None, keepdim=False, *, dtype=None, axis=None, keepdims=None):
    """The product of all values, or along one `dim`."""
    x = _array_of(input, "prod")
    dim, keepdim = _numpy_names("prod", dim, keepdim, axis, keepdims)
    if dtype is not None:
        x = x.astype(to_numpy(dtype))
    elif x.dtype.kind in "bui":
        x = x.astype(np.int64)
    if dim is None:
        return record("prod", np.prod(x), (input,))
    d = _one_dim(x, dim)
    if d is None:
        return record("prod_dim", x.copy(), (input,), {"dim": (), "keepdim": True})
    return record("prod_dim", np.prod(x, axis=d, keepdims=keepdim), (input,),
                  {"dim": (d,), "keepdim": keepdim})


def cumsum(input, dim=None, *, dtype=None, axis=None):
    """Running sums along `dim`: element i is the sum of elements 0..i."""
    x = _array_of(input, "cumsum")
    dim, _ = _numpy_names("cumsum", dim, False, axis, None)
    if dtype is not None:
        x = x.astype(to_numpy(dtype))
    elif x.dtype.kind in "bui":
        x = x.astype(np.int64)
    d = _one_dim(x, _required_dim("cumsum", dim))
    result = x.copy() if d is None else np.cumsum(x, axis=d)
    return record("cumsum", result, (input,), {"dim": d})


def flip(input, dims):
    """The values in reverse order along each of `dims`."""
    x = _array_of(input, "flip")
    dims = _dims(dims, x.ndim) if x.ndim else (_dims(dims, 0) and ())
    return record("flip", np.flip(x, dims).copy(), (input,), {"dims": dims})


def _spread(fn, input, dim, unbiased, keepdim, correction, axis, keepdims):
    """What var and std share: the arguments in PyTorch's forms, the dims, the count, the
    variance itself."""
    x = _array_of(input, fn)
    dim, keepdim = _numpy_names(fn, dim, keepdim, axis, keepdims)
    if isinstance(dim, builtins.bool):  # var(unbiased)
        dim, unbiased = None, dim
    if x.dtype.kind != "f":
        raise RuntimeError(message("var_dtype", fn=fn, dtype=torch_type_name(x.dtype)))
    if correction is None:
        correction = 0 if unbiased is False else 1
    dims = _all_dims(x, dim)
    count = builtins.int(np.prod([x.shape[d] for d in dims]))
    if count - correction <= 0:
        warnings.warn(message("var_dof", fn=fn), UserWarning, stacklevel=3)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.sum(x, axis=dims, keepdims=True) / builtins.max(count, 1)
        variance = np.sum((x - mean) ** 2, axis=dims, keepdims=keepdim) / np.asarray(
            count - correction, x.dtype)
    return x, variance.astype(x.dtype, copy=False), {
        "dim": dims, "keepdim": keepdim, "correction": correction, "count": builtins.max(count, 1)}


def var(input, dim=None, unbiased=None, keepdim=False, *, correction=None, axis=None,
        keepdims=None):
    """The variance, with Bessel's correction (divided by N - 1) unless `unbiased=False` or
    `correction=0`."""
    _, variance, params = _spread("var", input, dim, unbiased, keepdim, correction, axis, keepdims)
    return record("var", variance, (input,), params)


def std(input, dim=None, unbiased=None, keepdim=False, *, correction=None, axis=None,
        keepdims=None):
    """The standard deviation: the square root of `var` (same arguments)."""
    _, variance, params = _spread("std", input, dim, unbiased, keepdim, correction, axis, keepdims)
    return record("std", np.sqrt(variance), (input,), params)


def norm(input, p="fro", dim=None, keepdim=False):
    """The Euclidean (2-)norm, of everything or along `dim`."""
    x = _array_of(input, "norm")
    if p not in ("fro", 2, 2.0):
        raise NotImplementedError(message("norm_p", p=p))
    if dim is None and not keepdim:
        result = np.sqrt(np.vdot(x, x))  # (vdot flattens; for real values, the sum of squares)
        return record("norm", result, (input,), {"dim": None, "keepdim": False})
    dims = tuple(range(x.ndim)) if dim is None else _dims(dim, x.ndim)  # keepdim=True, all dims
    result = np.sqrt(np.sum(x * x, axis=dims, keepdims=keepdim))
    return record("norm", result, (input,), {"dim": dims, "keepdim": keepdim})


# ---------------------------------------------------------------- products
# A product of matrices or vectors does not mix dtypes (PyTorch has no type promotion there):
# each refuses with the words PyTorch's kernel for that case uses.

def dot(input, tensor):
    a, b = _array_of(input, "dot"), _array_of(tensor, "dot", "tensor")
    if a.ndim != 1 or b.ndim != 1:
        raise RuntimeError(message("dot_ndim", a=a.ndim, b=b.ndim))
    if a.dtype != b.dtype:
        raise RuntimeError(message("dot_dtype", a=dtypes.torch_type_name(a.dtype),
                                   b=dtypes.torch_type_name(b.dtype)))
    if a.shape != b.shape:
        raise RuntimeError(message("dot_shape", n=a.shape[0], m=b.shape[0]))
    return record("dot", np.dot(a, b), (input, tensor))


def mm(input, mat2):
    a, b = _array_of(input, "mm"), _array_of(mat2, "mm", "mat2")
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[0]:
        raise _mm_shape_error(a, b)
    _check_mm_dtypes(a, b)
    return record("mm", a @ b, (input, mat2), {"mat2_layout": _layout(b)})


def _layout(matrix):
    """"F" for a column-major matrix (`weight.t()`), else "C": the layout its gradient gets."""
    return "F" if matrix.flags.f_contiguous and not matrix.flags.c_contiguous else "C"


def addmm(input, mat1, mat2, *, beta=1, alpha=1):
    """beta * input + alpha * (mat1 @ mat2), `input` broadcasting over the product's rows: what
    `nn.Linear` computes (`addmm(bias, x, weight.t())`), recorded as one AddmmBackward0."""
    x, a, b = (_array_of(input, "addmm"), _array_of(mat1, "addmm", "mat1"),
               _array_of(mat2, "addmm", "mat2"))
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[0]:
        raise _mm_shape_error(a, b)
    _check_mm_dtypes(a, b)
    product = a @ b
    if alpha != 1:
        product = np.multiply(product, alpha)
    addend = x if beta == 1 else np.multiply(x, beta)
    try:
        if addend.dtype == product.dtype:  # added into the product's array, which is ours
            result = np.add(product, addend, out=product)
        else:
            result = product + addend
    except ValueError:  # (also where `input` would make the result larger, as in PyTorch)
        raise _broadcast_error(addend, product) from None
    return record("addmm", result, (input, mat1, mat2),
                  {"beta": beta, "alpha": alpha, "mat2_layout": _layout(b)})


def _mm_shape_error(a, b):
    return RuntimeError(message("mm_shape", a="x".join(map(str, a.shape)),
                                b="x".join(map(str, b.shape)), cols=a.shape[-1] if a.ndim else 1,
                                rows=b.shape[-2] if b.ndim > 1 else b.shape[0] if b.ndim else 1))


def _check_mm_dtypes(a, b):
    if a.dtype != b.dtype:
        raise RuntimeError(message("mm_dtype", a=dtypes.cpp_type_name(a.dtype),
                                   b=dtypes.cpp_type_name(b.dtype)))


def _check_mv_dtypes(a, v):
    if a.dtype != v.dtype:
        vec = dtypes.torch_type_name(v.dtype)
        raise RuntimeError(message("mv_dtype", vec=vec, mat=dtypes.torch_type_name(a.dtype)))


def mv(input, vec):
    a, v = _array_of(input, "mv"), _array_of(vec, "mv", "vec")
    if a.ndim != 2 or v.ndim != 1 or a.shape[1] != v.shape[0]:
        raise RuntimeError(message("mv_shape", n=a.shape[0] if a.ndim else 0,
                                   a="x".join(map(str, a.shape)), m=v.shape[0] if v.ndim else 0))
    _check_mv_dtypes(a, v)
    return record("mv", a @ v, (input, vec))


def matmul(input, other):
    """Matrix product with PyTorch's rules: dot, mv, mm, or a broadcast batch of mm."""
    __tracebackhide__ = True  # an error shows the caller's line and the raising product's
    a, b = _array_of(input, "matmul"), _array_of(other, "matmul", "other")
    if a.ndim == 0 or b.ndim == 0:
        raise RuntimeError(message("matmul_0d", a=a.ndim, b=b.ndim))
    if a.ndim == 1 and b.ndim == 1:
        return dot(input, other)
    if a.ndim == 2 and b.ndim == 1:
        return mv(input, other)
    if a.ndim == 2 and b.ndim == 2:
        return mm(input, other)
    if a.ndim == 1:  # a row vector times a (batch of) matrices
        return squeeze(matmul(unsqueeze(input, 0), other), -2)
    if b.ndim == 1:
        _check_mv_dtypes(a, b)
        return squeeze(matmul(input, unsqueeze(other, -1)), -1)
    if a.shape[-1] != b.shape[-2]:
        raise _mm_shape_error(a, b)
    if b.ndim == 2:  # PyTorch folds the batch into one mm
        _check_mm_dtypes(a, b)
    elif a.dtype != b.dtype:
        raise RuntimeError(message("scalar_type", expected=dtypes.torch_type_name(a.dtype),
                                   got=dtypes.torch_type_name(b.dtype)))
    try:
        result = a @ b
    except ValueError:
        raise _broadcast_error(a[..., 0, 0], b[..., 0, 0]) from None
    return record("matmul", result, (input, other))


# ---------------------------------------------------------------- shapes

def _view_of(out, input):
    """Mark `out` as sharing memory (and the version counter) with `input`, like PyTorch views."""
    if np.shares_memory(out._data, input._data):
        if type(input) is not Tensor and isinstance(input, InferenceTensor):
            return make_inference(out)  # a view of one is one, and has no version counter
        if type(out) is not Tensor:  # made inside inference_mode: a view of an ordinary
            out.__class__ = Tensor   # tensor stays ordinary, as in PyTorch
        counter = out._version_counter = input._counter()
        # The base and the version the view was made at: once the memory changes, the view's
        # values no longer match its history, and autograd refuses to use it (see record).
        out._base = (input if input._base is None else input._base[0], counter[0])
    return out


def reshape(input, *shape):
    x = _array_of(input, "reshape")
    shape = _shape_arg(shape)
    try:
        result = x.reshape(shape)
    except ValueError:
        if list(shape).count(-1) > 1:
            raise RuntimeError(message("infer_one_dim")) from None
        raise RuntimeError(message("view_shape", shape=list(shape), size=x.size)) from None
    return _view_of(record("view", result, (input,)), input)


view = reshape


def reshaped_result(input, shape, op):
    """`input` reshaped, recorded as `op` ("view", "unsafe_view" or "squeeze_dim_"), but not
    marked as a view: for an op's own intermediate result that nobody else holds, so that in-place
    ops may follow, as on PyTorch's results (`F.linear` of a 1-D or 3-D input)."""
    return record(op, _array_of(input, op).reshape(shape), (input,))


def flatten(input, start_dim=0, end_dim=-1):
    x = _array_of(input, "flatten")
    if x.ndim == 0:
        return reshape(input, 1)
    start, end = start_dim % x.ndim, end_dim % x.ndim
    if start == end:  # nothing to flatten: PyTorch returns the input itself
        return input
    shape = x.shape[:start] + (-1,) + x.shape[end + 1:]
    return reshape(input, shape)


def transpose(input, dim0, dim1):
    x = _array_of(input, "transpose")
    d0, d1 = (_dims(d, x.ndim)[0] for d in (dim0, dim1)) if x.ndim else (0, 0)
    if x.ndim == 0:
        return _view_of(record("transpose", x, (input,), {"dim0": 0, "dim1": 0}), input)
    return _view_of(record("transpose", np.swapaxes(x, d0, d1), (input,),
                               {"dim0": d0, "dim1": d1}), input)


def permute(input, *dims):
    x = _array_of(input, "permute")
    dims = tuple(d % builtins.max(x.ndim, 1) for d in _shape_arg(dims))
    if sorted(dims) != list(range(x.ndim)):
        raise RuntimeError(message("permute_dims", dims=dims, last=x.ndim - 1))
    return _view_of(record("permute", np.transpose(x, dims), (input,), {"dims": dims}), input)


def transposed(input):
    """`t.T`: the dims in reverse order."""
    x = input._data
    return permute(input, tuple(range(x.ndim - 1, -1, -1)))


def t(input):
    """The transpose of a matrix; a vector (or 0-d tensor) as it is (a view, as in PyTorch)."""
    x = _array_of(input, "t")
    if x.ndim > 2:
        raise RuntimeError(message("t_ndim", ndim=x.ndim))
    return _view_of(record("t", np.transpose(x), (input,)), input)


def squeeze(input, dim=None):
    x = _array_of(input, "squeeze")
    if dim is None:
        return _view_of(record("squeeze", np.squeeze(x), (input,)), input)
    dims = tuple(d for d in _dims(dim, x.ndim) if x.ndim and x.shape[d] == 1)
    return _view_of(record("squeeze_dim", np.squeeze(x, dims), (input,)), input)


def unsqueeze(input, dim):
    x = _array_of(input, "unsqueeze")
    (d,) = _dims(dim, x.ndim + 1)
    return _view_of(record("unsqueeze", np.expand_dims(x, d), (input,)), input)


def expand(input, *sizes):
    x = _array_of(input, "expand")
    sizes = _shape_arg(sizes)
    lead = len(sizes) - x.ndim
    target = tuple(x.shape[i - lead] if s == -1 else s for i, s in enumerate(sizes))
    try:
        result = np.broadcast_to(x, target)
    except ValueError:
        raise RuntimeError(message("expand_shape", shape=tuple(x.shape), target=target)) from None
    return _view_of(record("expand", result, (input,)), input)


def expand_as(input, other):
    return expand(input, other.shape)


def cat(tensors, dim=0):
    tensors, arrays = _tensor_list("cat", tensors)
    for i, a in enumerate(arrays):
        if a.ndim == 0:
            raise RuntimeError(message("cat_0d", i=i))
    (d,) = _dims(dim, arrays[0].ndim)
    for i, a in enumerate(arrays[1:], 1):
        if a.ndim != arrays[0].ndim or any(
                a.shape[axis] != arrays[0].shape[axis] for axis in range(a.ndim) if axis != d):
            axis = next((axis for axis in range(builtins.min(a.ndim, arrays[0].ndim))
                         if axis != d and a.shape[axis] != arrays[0].shape[axis]), 0)
            raise RuntimeError(message("cat_shapes", dim=d, a=arrays[0].shape[axis],
                                       b=a.shape[axis] if a.ndim > axis else None, i=i))
    offsets = tuple(np.cumsum([0] + [a.shape[d] for a in arrays]).tolist())
    return record("cat", np.concatenate(arrays, axis=d), tensors,
                  {"dim": d, "offsets": offsets})


concat = concatenate = cat


def _at_least(input, ndim, fn):
    """`input` with dims of size 1 added as NumPy's atleast_1d/2d/3d add them."""
    x = _array_of(input, fn, "tensors")
    if x.ndim >= ndim:
        return input
    if ndim == 3 and x.ndim == 1:
        return reshape(input, (1, x.shape[0], 1))
    return reshape(input, (1,) * (ndim - x.ndim) + x.shape)


def hstack(tensors):
    """Side by side: 1-d tensors joined end to end, others along dim 1."""
    tensors = [_at_least(t, 1, "hstack") for t in _tensor_list("hstack", tensors)[0]]
    return cat(tensors, 0 if tensors[0].ndim == 1 else 1)


def vstack(tensors):
    """One on top of the other: a 1-d tensor becomes a row."""
    return cat([_at_least(t, 2, "vstack") for t in _tensor_list("vstack", tensors)[0]], 0)


row_stack = vstack


def dstack(tensors):
    """Along a third dim: (n,) becomes (1, n, 1), (m, n) becomes (m, n, 1)."""
    return cat([_at_least(t, 3, "dstack") for t in _tensor_list("dstack", tensors)[0]], 2)


def column_stack(tensors):
    """Columns side by side: a 0-d or 1-d tensor becomes a column."""
    tensors = _tensor_list("column_stack", tensors)[0]
    columns = [reshape(t, (t.numel(), 1)) if t.ndim <= 1 else t for t in tensors]
    return cat(columns, 1)


def unbind(input, dim=0):
    """The slices of `input` along `dim`, as a tuple (`a, b = pair.unbind()`); each is a view,
    differentiable like `input.select(dim, i)`. PyTorch gives them one shared
    `UnbindBackward0` node; here each slice has a node of that name of its own."""
    x = _array_of(input, "unbind")
    if x.ndim == 0:
        raise IndexError(message("unbind_0d", dim=dim))
    (d,) = _dims(dim, x.ndim)
    pieces = []
    for i in builtins.range(x.shape[d]):
        index = (slice(None),) * d + (i,)
        pieces.append(_view_of(record("unbind", x[index], (input,), {"index": index}), input))
    return tuple(pieces)


def nelement(input):
    """The number of elements (PyTorch's older name of `numel`)."""
    return numel(input)


def stack(tensors, dim=0):
    tensors, arrays = _tensor_list("stack", tensors)
    for i, a in enumerate(arrays[1:], 1):
        if a.shape != arrays[0].shape:
            raise RuntimeError(message("stack_shapes", first=list(arrays[0].shape),
                                       got=list(a.shape), i=i))
    (d,) = _dims(dim, arrays[0].ndim + 1)
    return record("stack", np.stack(arrays, axis=d), tensors, {"dim": d})


# ---------------------------------------------------------------- indexing

def _index_kind(index):
    """PyTorch's node name for `x[index]`: select (an int), slice, or index (arrays, masks)."""
    parts = index if isinstance(index, tuple) else (index,)
    if any(isinstance(p, np.ndarray) for p in parts):
        return "index"
    if isinstance(parts[-1] if parts else None, builtins.int | np.integer):
        return "select"
    return "slice"


def getitem(input, index):
    index = _index_arg(index)
    x = input._data
    try:
        result = x[index]
    except IndexError as error:
        raise _index_error(error, x) from None
    if not isinstance(result, np.ndarray):  # one element: NumPy copies it into a scalar, but
        # `x[i, ...]` is a 0-d view, as PyTorch's `x[i]` is
        result = x[(*index, ...) if isinstance(index, tuple) else (index, ...)]
    out = record(_index_kind(index), result, (input,), {"index": index})
    return _view_of(out, input)


def _index_error(error, x):
    """NumPy's IndexError in PyTorch's words ("dimension", not "axis"), with the valid range."""
    text = str(error)
    found = re.match(r"index (-?\d+) is out of bounds for axis (\d+) with size (\d+)", text)
    if found:
        index, dim, size = (int(g) for g in found.groups())
        return IndexError(message("index_bounds", index=index, dim=dim, size=size, last=size - 1))
    found = re.match(r"too many indices for array: array is (\d+)-dimensional, but (\d+)", text)
    if found:
        return IndexError(message("index_too_many", ndim=int(found[1]), n=int(found[2]),
                                  shape=list(x.shape)))
    return error


def index_scatter(source, shape, index):
    """Zeros of `shape` with `source` added at `index`: the gradient of indexing, as an op."""
    g = _array_of(source, "index_scatter", "source")
    return record("index_scatter", scatter_add(g, shape, index), (source,), {"index": index})


def index_put(input, index, values):
    """`input` with `values` written at `index`, out of place (what `x[index] = v` records)."""
    index = _index_arg(index)
    if operand(values) is None:
        raise TypeError(message("bad_argument", fn="index_put_", name="values",
                                type=type(values).__name__))
    x, v = input._data, _data(operand(values))
    result = x.copy()
    try:
        result[index] = v
    except ValueError:
        raise RuntimeError(message("index_put_shape", value=list(np.shape(v)),
                                   target=list(x[index].shape))) from None
    keep = np.ones(x.shape, dtype=builtins.bool)
    keep[index] = False
    return record("index_put", result, (input, operand(values)),
                  {"index": index, "keep": keep})


def gather(input, dim, index, *, sparse_grad=False):
    """out[i][j] = input[index[i][j]][j] for dim 0 (and so on): values picked along `dim`."""
    x = _array_of(input, "gather")
    idx = _array_of(index, "gather", "index")
    if idx.dtype.kind not in "iu":
        raise RuntimeError(message("gather_index_dtype", dtype=torch_type_name(idx.dtype)))
    if idx.ndim != x.ndim and not (x.ndim <= 1 and idx.ndim <= 1):
        raise RuntimeError(message("gather_index_ndim", index=idx.ndim, input=x.ndim))
    if x.ndim == 0 or idx.ndim == 0:
        d = _one_dim(x, dim)
        full = x.reshape(-1)[idx.reshape(-1)] if idx.size else x.reshape(-1)[:0]
        where = (idx.reshape(-1),) if x.ndim else ()
        if np.any((idx < 0) | (idx >= builtins.max(x.size, 1))):
            bad = builtins.int(idx.reshape(-1)[((idx < 0) | (idx >= x.size)).reshape(-1)][0])
            raise RuntimeError(message("gather_index_range", i=bad, dim=0, size=x.size))
        result = full.reshape(idx.shape) if x.ndim else x.copy()
        return record("gather", result, (input,), {"index": where if x.ndim else ()})
    d = _one_dim(x, dim)
    for k in range(x.ndim):
        if k != d and idx.shape[k] > x.shape[k]:
            raise RuntimeError(message("gather_index_size", k=k, index=list(idx.shape),
                                       input=list(x.shape), dim=d))
    bad = (idx < 0) | (idx >= x.shape[d])
    if np.any(bad):
        raise RuntimeError(message("gather_index_range", i=builtins.int(idx[bad][0]), dim=d,
                                   size=x.shape[d]))
    where = list(np.indices(idx.shape, sparse=True))
    where[d] = idx
    where = tuple(where)
    return record("gather", x[where], (input,), {"index": where})


def masked_fill(input, mask, value):
    """`input` with `value` wherever `mask` (a bool tensor that broadcasts) is True."""
    x = _array_of(input, "masked_fill")
    m = _array_of(mask, "masked_fill", "mask")
    if m.dtype != np.bool_:
        raise RuntimeError(message("mask_dtype", dtype=torch_type_name(m.dtype)))
    if isinstance(value, Tensor):
        if value._data.ndim:
            raise RuntimeError(message("mask_value_ndim", ndim=value._data.ndim))
        fill = value._data.astype(x.dtype)
    else:
        if operand(value) is None or isinstance(value, np.ndarray):
            raise TypeError(message("bad_argument", fn="masked_fill", name="value",
                                    type=type(value).__name__))
        fill = np.asarray(value).astype(x.dtype)
    try:
        result = np.where(m, fill, x)
    except ValueError:
        raise _broadcast_error(x, m) from None
    if isinstance(value, Tensor):
        return record("masked_fill_tensor", result, (input, value), {"mask": m})
    return record("masked_fill", result, (input,), {"mask": m})


# ---------------------------------------------------------------- comparisons (no gradient)

eq = _function(None, np.equal, "eq")


def allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    return builtins.bool(np.allclose(_data(input), _data(other), rtol, atol, equal_nan))


def isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    return Tensor._make(np.isclose(_data(input), _data(other), rtol, atol, equal_nan))


def equal(input, other):
    return builtins.bool(np.array_equal(_data(input), _data(other)))


# ---------------------------------------------------------------- dtype conversion

def to(input, dtype):
    x = input._data
    target = to_numpy(dtype)
    if x.dtype == target:
        return input
    out = record("to", x.astype(target), (input,), {"dtype": x.dtype})
    if target.kind != "f" and out.grad_fn is not None:  # integers carry no gradient
        out.grad_fn, out._requires_grad = None, False
    return out


# ---------------------------------------------------------------- devices (CPU only)

def tensor_to(self, *args, **kwargs):
    """`t.to(ad.float64)`, `t.to("cpu")`, `t.to(device, dtype)`, `t.to(other)`: `t` itself when
    nothing changes (as in PyTorch), unless `copy=True`."""
    if len(args) == 1 and not kwargs and isinstance(args[0], dtype_class):  # `to(dtype)`
        return to(self, args[0])
    target_dtype, copy = parse_to(args, kwargs)
    out = self if target_dtype is None else to(self, target_dtype)
    return clone(out) if copy and out is self else out


def tensor_cpu(self, memory_format=None):
    return self


def tensor_cuda(self, device=None, non_blocking=False, memory_format=None):  # noqa: A002
    raise not_compiled("cuda")


def tensor_device(self):
    return CPU_DEVICE


def type_(input, dtype=None, non_blocking=False):
    """Without `dtype`, the type's name as PyTorch prints it ('torch.FloatTensor', so that code
    comparing it runs on both); with a dtype (or such a name), the tensor converted to it."""
    x = input._data
    if dtype is None:
        return f"torch.{torch_type_name(x.dtype)}Tensor"
    if isinstance(dtype, str):
        by_name = {f"torch.{v}Tensor": k for k, v in TYPE_NAMES.items()}
        if dtype not in by_name:
            raise ValueError(message("type_name", name=dtype))
        dtype = by_name[dtype]
    return to(input, dtype)


# ---------------------------------------------------------------- scaled sums and lerp

def _operand_of(fn, value, name="other"):
    """The array or number behind an operand of an in-place op; a TypeError for anything else."""
    constant = operand(value)
    if constant is None:
        raise TypeError(message("bad_argument", fn=fn, name=name, type=type(value).__name__))
    return _data(constant)


def _scaled(fn, value, alpha, input):
    """`alpha * value` for `add`/`sub` (alpha does not take part in type promotion, and must be
    an integer for integer tensors, as in PyTorch)."""
    if isinstance(alpha, builtins.float | np.floating) and _integral(input) and _integral(value):
        raise RuntimeError(message("alpha_float", fn=fn))
    if type(value) in _PY_SCALARS:
        return value * alpha
    return np.multiply(value, alpha)


def _integral(value):
    if type(value) in _PY_SCALARS:
        return not isinstance(value, builtins.float)
    return np.asarray(value).dtype.kind in "iub"


def _broadcast_checked(ufunc, a, b):
    try:
        return ufunc(a, b)
    except ValueError:
        raise _broadcast_error(a, b) from None


def _three_tensors(fn, input, tensor1, tensor2):
    return (_array_of(input, fn), _array_of(tensor1, fn, "tensor1"),
            _array_of(tensor2, fn, "tensor2"))


def _value_times(ufunc, tensor1, value, tensor2):
    """`value * tensor1` combined by `ufunc` with `tensor2`, in PyTorch's order of operations
    (`self + value * tensor1 * tensor2`), reusing the first product's array where it can."""
    try:
        first = np.multiply(tensor1, value)
        if type(first) is _ndarray and first.shape == np.broadcast_shapes(
                first.shape, tensor2.shape) and (
                first.dtype == np.result_type(first, tensor2)):
            return ufunc(first, tensor2, out=first)
        return ufunc(first, tensor2)
    except ValueError:
        raise _broadcast_error(tensor1, tensor2) from None


def addcmul(input, tensor1, tensor2, *, value=1):
    """input + value * tensor1 * tensor2 (elementwise, broadcasting)."""
    x, a, b = _three_tensors("addcmul", input, tensor1, tensor2)
    product = _value_times(np.multiply, a, value, b)
    try:
        result = x + product
    except ValueError:
        raise _broadcast_error(x, product) from None
    return record("addcmul", result, (input, tensor1, tensor2), {"value": value})


def addcdiv(input, tensor1, tensor2, *, value=1):
    """input + value * tensor1 / tensor2 (elementwise, broadcasting)."""
    x, a, b = _three_tensors("addcdiv", input, tensor1, tensor2)
    quotient = _value_times(np.true_divide, a, value, b)
    try:
        result = x + quotient
    except ValueError:
        raise _broadcast_error(x, quotient) from None
    return record("addcdiv", _default_float(result, x, a), (input, tensor1, tensor2),
                  {"value": value})


def _lerp_arrays(fn, input, end, weight):
    x, e = _array_of(input, fn), _array_of(end, fn, "end")
    if e.dtype != x.dtype:
        raise RuntimeError(message("lerp_dtype", name="end", want=_c_name(x.dtype),
                                   got=_c_name(e.dtype)))
    if isinstance(weight, Tensor):
        w = weight._data
        if w.dtype != x.dtype:
            raise RuntimeError(message("lerp_dtype", name="weight", want=_c_name(x.dtype),
                                       got=_c_name(w.dtype)))
    elif operand(weight) is None or isinstance(weight, np.ndarray):
        raise TypeError(message("bad_argument", fn=fn, name="weight", type=type(weight).__name__))
    else:
        w = operand(weight)
    return x, e, w


def _c_name(numpy_dtype):
    """The dtype as PyTorch's lerp message names it ("float", "double")."""
    return torch_type_name(numpy_dtype).lower()


def lerp(input, end, weight):
    """input + weight * (end - input), computed as PyTorch does: from `end` backwards where the
    weight is 0.5 or more, so that weight 1 gives `end` exactly."""
    x, e, w = _lerp_arrays("lerp", input, end, weight)
    diff = np.subtract(e, x) if x.shape == e.shape else _broadcast_checked(np.subtract, e, x)
    if isinstance(weight, Tensor):
        small = np.abs(w) < 0.5
        result = np.where(small, x + w * diff, e - diff * (1 - w))
        return record("lerp_tensor", result, (input, end, weight))
    result = x + w * diff if builtins.abs(w) < 0.5 else e - diff * (1 - w)
    return record("lerp", result, (input, end), {"weight": w})
