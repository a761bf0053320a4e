"""What `create_graph=True` needs: NumPy calls on Tensors recorded as ops.

The derivative formulas (`derivatives.py`) are written in NumPy. With create_graph=True the engine
hands them Tensors instead of arrays, and NumPy passes each call on a Tensor to the Tensor's
`__array_ufunc__` (for ufuncs such as `np.sin`, `*`) or `__array_function__` (for functions such as
`np.sum`, `np.reshape`); the hooks below answer with the matching op of `ops.py`, so the formula
is recorded like any other computation and the gradient can be differentiated again. The helpers
of the table that NumPy has no function for (`cast`, `scatter_add`) dispatch the same way.

Outside create_graph the hooks also let NumPy take tensors that need no gradient (matplotlib calls
`np.isfinite(t)`, users `np.concatenate([t, t])`): plain NumPy on the arrays. A tensor that
requires grad, handed to NumPy by a user's code, is refused as PyTorch refuses it.
`methods.py` attaches the two hooks to Tensor.
"""

import builtins
import sys

import numpy as np

from ..engine.derivatives import cast, erf, scatter_add
from ..engine.grad_mode import _modes
from ..engine.tensor import Tensor
from ..messages import message
from . import ops
from .arguments import operand

UFUNCS = {
    np.add: ops.add,
    np.subtract: ops.sub,
    np.multiply: ops.mul,
    np.true_divide: ops.div,
    np.negative: ops.neg,
    np.power: ops.pow,
    np.matmul: ops.matmul,
    np.exp: ops.exp,
    np.log: ops.log,
    np.sqrt: ops.sqrt,
    np.sin: ops.sin,
    np.cos: ops.cos,
    np.tan: ops.tan,
    np.tanh: ops.tanh,
    np.absolute: ops.abs,
    np.log1p: ops.log1p,
    np.expm1: ops.expm1,
    np.equal: ops.elementwise(None, np.equal),
    np.not_equal: ops.elementwise(None, np.not_equal),
    np.less: ops.elementwise(None, np.less),
    np.less_equal: ops.elementwise(None, np.less_equal),
    np.greater: ops.elementwise(None, np.greater),
    np.greater_equal: ops.elementwise(None, np.greater_equal),
    # constant almost everywhere: no gradient flows through these
    np.sign: lambda x: Tensor._make(np.sign(x._data)),
    np.logical_and: ops.elementwise(None, np.logical_and),
    np.logical_or: ops.elementwise(None, np.logical_or),
}


def _sum(a, axis=None, keepdims=False):
    if axis is not None:
        return ops.sum(a, axis, keepdims)
    return ops.sum(a, tuple(range(a.ndim)), True) if keepdims else ops.sum(a)


def _cumsum(a, axis=None):
    """np.cumsum: without an axis, the running sums of the flattened values."""
    return ops.cumsum(ops.reshape(a, (-1,)), 0) if axis is None else ops.cumsum(a, axis)


def _flip(a, axis=None):
    """np.flip: without an axis, reversed along every dimension."""
    return ops.flip(a, tuple(range(a.ndim)) if axis is None else axis)


def _expand_dims(a, axis):
    for d in sorted((axis,) if isinstance(axis, builtins.int) else axis):
        a = ops.unsqueeze(a, d)
    return a


FUNCTIONS = {
    np.sum: _sum,
    np.reshape: lambda a, shape: ops.reshape(a, shape),
    np.broadcast_to: lambda a, shape: ops.expand(a, shape),
    np.expand_dims: _expand_dims,
    np.swapaxes: lambda a, axis1, axis2: ops.transpose(a, axis1, axis2),
    np.transpose: lambda a, axes=None: ops.permute(
        a, tuple(range(a.ndim - 1, -1, -1)) if axes is None else tuple(axes)
    ),
    np.cumsum: _cumsum,
    np.prod: lambda a, axis=None: ops.prod(a, axis),
    np.flip: _flip,
    np.where: lambda c, x, y: ops.where(c if isinstance(c, Tensor) else Tensor._make(c), x, y),
    # the table's own helpers (derivatives.py), as ops
    cast: ops.to,
    scatter_add: ops.index_scatter,
    erf: ops.erf,
}

# `np.float64(2) - t` reaches us as np.subtract(2.0, t): answer with t's reflected operator, as
# for a Python number (RsubBackward1, the tensor first in next_functions, comparisons flipped).
_REFLECTED = {
    np.add: "__radd__",
    np.subtract: "__rsub__",
    np.multiply: "__rmul__",
    np.true_divide: "__rtruediv__",
    np.power: "__rpow__",
    np.less: "__gt__",
    np.less_equal: "__ge__",
    np.greater: "__lt__",
    np.greater_equal: "__le__",
    np.equal: "__eq__",
    np.not_equal: "__ne__",
}


def _plain(value):
    """`value` with every Tensor in it (also inside lists/tuples/dicts) replaced by its array."""
    if isinstance(value, Tensor):
        return value._data
    if isinstance(value, list | tuple):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {key: _plain(v) for key, v in value.items()}
    return value


def _requires_grad_in(value):
    if isinstance(value, Tensor):
        return value._requires_grad
    if isinstance(value, list | tuple):
        return builtins.any(_requires_grad_in(v) for v in value)
    if isinstance(value, dict):
        return builtins.any(_requires_grad_in(v) for v in value.values())
    return False


def _recordable(values):
    """Whether autograd could record a NumPy call on `values`: grad mode is on and a tensor in
    them requires grad. Under no_grad NumPy just gets the arrays, as PyTorch lets it."""
    return _modes.grad_enabled and _requires_grad_in(values)


# NumPy's name of a function or ufunc (method) -> the autodiff_tr op that records it, suggested
# when a learner calls NumPy on a tensor that requires grad. Names not here get only the advice to
# detach (tests check that each value is a function `ad.<value>`). np.std/np.var are left out:
# NumPy's default ddof=0 is not PyTorch's correction=1.
AD_OPS = {
    name: name
    for name in (
        "sin", "cos", "tan", "tanh", "exp", "expm1", "log", "log1p", "log2", "log10", "sqrt",
        "square", "sign", "add", "matmul", "dot", "maximum", "minimum", "sum", "mean", "prod",
        "max", "min", "cumsum", "argmax", "argmin", "where", "flip", "reshape", "squeeze", "stack",
        "hstack", "vstack",
    )
} | {
    "absolute": "abs",
    "subtract": "sub",
    "multiply": "mul",
    "divide": "div",
    "negative": "neg",
    "power": "pow",
    "amax": "max",
    "amin": "min",
    "clip": "clamp",
    "concatenate": "cat",
    "concat": "cat",
    "expand_dims": "unsqueeze",
    "swapaxes": "transpose",
    "transpose": "permute",
    "linalg.norm": "norm",
    "add.reduce": "sum",
    "multiply.reduce": "prod",
    "add.accumulate": "cumsum",
}  # fmt: skip

# NumPy hands these reductions to the tensor's own method with NumPy's keywords
# (`t.sum(axis=None, out=None)`), which PyTorch's signatures refuse with a TypeError before any
# conversion to an array; every other NumPy call on a tensor that requires grad is PyTorch's
# RuntimeError. (PyTorch refuses these also for a tensor without grad; here NumPy gets its arrays.)
_REFUSED_WITH_TYPE_ERROR = {
    np.sum, np.mean, np.prod, np.max, np.amax, np.min, np.amin, np.std, np.var, np.any, np.all,
}  # fmt: skip


def refuse_in_user_code(numpy_name, values, caller, error=RuntimeError):
    """PyTorch refuses NumPy on a tensor that requires grad (NumPy works on arrays, which have no
    history), so a learner's `np.sin(t)` fails here as it will there, saying what to write
    instead. Both hooks below start here. Under no_grad nothing could be recorded, and PyTorch
    lets the values go to NumPy; so does this. The engine's own derivative formulas call NumPy on
    such tensors from inside the package (create_graph=True): they keep their route."""
    __tracebackhide__ = True  # the learner's line, then the message
    if not _recordable(values) or _called_from_the_package(caller):
        return
    op = AD_OPS.get(numpy_name)
    if op is None:
        raise error(message("numpy_call_requires_grad", numpy=numpy_name))
    raise error(message("numpy_call_requires_grad_op", numpy=numpy_name, op=op))


def _called_from_the_package(frame):
    """Whether the NumPy call was written in autodiff_tr itself (a derivative formula run with
    create_graph=True), not in a user's code."""
    return frame.f_globals.get("__name__", "").partition(".")[0] == __name__.partition(".")[0]


def _numpy_name(func):
    """`sum`, `linalg.norm`: the NumPy function as the learner wrote it after `np.`."""
    module = getattr(func, "__module__", None) or ""
    if module.startswith("numpy."):
        return f"{module.removeprefix('numpy.')}.{func.__name__}"
    return func.__name__


def array_ufunc(self, ufunc, method, *inputs, **kwargs):
    """`Tensor.__array_ufunc__`: a NumPy ufunc called on tensors."""
    __tracebackhide__ = True  # (see refuse_in_user_code)
    # `np.float64(2) - t`, `array * t`: Python's operator, which NumPy's scalar or array passes
    # on to us (as np.subtract(2.0, t)); recorded as the tensor's reflected operator below
    reflected_operator = (
        method == "__call__"
        and not kwargs
        and len(inputs) == 2
        and isinstance(inputs[0], np.generic | np.ndarray)
        and ufunc in _REFLECTED
    )
    if not reflected_operator:
        name = ufunc.__name__ if method == "__call__" else f"{ufunc.__name__}.{method}"
        refuse_in_user_code(name, (inputs, kwargs), sys._getframe(1))
    fn = UFUNCS.get(ufunc)
    if method != "__call__" or fn is None or kwargs:
        if _recordable((inputs, kwargs)):
            # a derivative formula (create_graph=True) with a ufunc that has no recorded form
            raise TypeError(message("double_backward_unsupported", op=f"numpy.{ufunc.__name__}"))
        # no gradient involved (np.isfinite(t), as matplotlib calls it): plain NumPy, and a
        # Tensor back for an array result, as PyTorch does
        result = getattr(ufunc, method)(*_plain(inputs), **_plain(kwargs))
        if isinstance(result, tuple):
            return tuple(Tensor._make(r) if isinstance(r, np.ndarray) else r for r in result)
        return Tensor._make(result) if isinstance(result, np.ndarray) else result
    if len(inputs) == 2 and not isinstance(inputs[0], Tensor) and ufunc in _REFLECTED:
        other = operand(inputs[0])
        if other is not None:
            return getattr(inputs[1], _REFLECTED[ufunc])(other)
    return fn(*[i if isinstance(i, Tensor) else operand(i) for i in inputs])


def array_function(self, func, types, args, kwargs):
    """`Tensor.__array_function__`: a NumPy function called on tensors."""
    __tracebackhide__ = True  # (see refuse_in_user_code)
    error = TypeError if func in _REFUSED_WITH_TYPE_ERROR else RuntimeError
    refuse_in_user_code(_numpy_name(func), (args, kwargs), sys._getframe(1), error)
    fn = FUNCTIONS.get(func)
    if fn is None:
        if _recordable((args, kwargs)):
            # a derivative formula (create_graph=True) with a function that has no recorded form
            raise TypeError(message("double_backward_unsupported", op=f"numpy.{func.__name__}"))
        # no gradient involved (np.atleast_1d, np.concatenate, np.linalg.norm ... of detached
        # tensors, as matplotlib and users call them): NumPy on the arrays, as for PyTorch tensors
        return func(*_plain(args), **_plain(kwargs))
    return fn(*args, **kwargs)
