"""Tensor's methods and operators: the one module that attaches them to the class.

`engine/tensor.py` defines the storage and metadata; what a tensor computes comes from `ops.py`
(forward ops), `inplace.py` (their in-place forms), `engine/backward.py` (`backward`) and
`higher_order.py` (the NumPy protocol hooks), all built on top of `tensor.py`, so the methods are
attached here, once, when the package is imported. Adding a method: one entry in `METHODS`.
"""

import numpy as np

from ..engine import hooks
from ..engine.backward import backward
from ..engine.tensor import Tensor
from . import arguments, creation, inplace, ops, random
from .higher_order import array_function, array_ufunc


def _swapped(fn):
    """The reflected operator for `fn(other, self)` (`2 ** t`, `a @ t`)."""

    def reflected(self, other):
        __tracebackhide__ = True  # (see _backward)
        if arguments.operand(other) is None:
            return NotImplemented
        return fn(other, self)

    return reflected


def _operator(fn):
    """An operator for `fn(self, other)`: NotImplemented for an operand of another type, so that
    Python can try the other side."""

    def operator(self, other):
        __tracebackhide__ = True  # (see _backward)
        if arguments.operand(other) is None:
            return NotImplemented
        return fn(self, other)

    return operator


def _inplace_method(fn):
    def method(self, *args):
        __tracebackhide__ = True  # (see _backward)
        return inplace.inplace(self, fn, *args)

    method.__name__ = fn.__name__ + "_"
    return method


def _backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
    """Add d(self)/d(leaf) into `.grad` of every leaf that requires grad.

    A non-scalar tensor needs `gradient` (the vector v of the vector-Jacobian product v^T J).
    """
    # pytest and IPython leave a frame with this local out of a traceback: a learner's error shows
    # their own line, then the message, not the package's frames in between
    __tracebackhide__ = True
    backward(self, gradient, retain_graph, create_graph, inputs)


def _invert(self):
    data = self._data
    return Tensor._make(np.logical_not(data) if data.dtype == np.bool_ else np.invert(data))


_ELEMENTWISE = [ops.exp, ops.log, ops.sqrt, ops.abs, ops.sin, ops.cos, ops.tan, ops.tanh,
                ops.sigmoid, ops.relu, ops.neg]

_UFUNC_OF = {ops.exp: np.exp, ops.log: np.log, ops.sqrt: np.sqrt, ops.abs: np.abs,
             ops.sin: np.sin, ops.cos: np.cos, ops.tan: np.tan, ops.tanh: np.tanh,
             ops.neg: np.negative}

METHODS = {
    # operators: `ops.elementwise` is the one implementation of `t + 2`, `2 + t` and `t < 2`;
    # `2 * b` records b * 2, as PyTorch does: the tensor comes first in next_functions
    "__add__": ops.elementwise("add", np.add), "__radd__": ops.elementwise("add", np.add),
    "__sub__": ops.elementwise("sub", np.subtract), "__rsub__": ops.rsub,
    "__mul__": ops.elementwise("mul", np.multiply),
    "__rmul__": ops.elementwise("mul", np.multiply),
    "__truediv__": ops.elementwise("div", np.true_divide),
    "__rtruediv__": ops.elementwise("div", np.true_divide, reflected=True),
    "__pow__": _operator(ops.pow), "__rpow__": _swapped(ops.pow),
    "__matmul__": ops.matmul, "__rmatmul__": _swapped(ops.matmul),
    "__neg__": ops.neg, "__abs__": ops.abs, "__pos__": lambda self: self,
    "__iadd__": inplace.add_, "__isub__": inplace.sub_, "__imul__": inplace.mul_,
    "__itruediv__": inplace.div_,
    "__eq__": ops.elementwise(None, np.equal), "__ne__": ops.elementwise(None, np.not_equal),
    "__lt__": ops.elementwise(None, np.less), "__le__": ops.elementwise(None, np.less_equal),
    "__gt__": ops.elementwise(None, np.greater),
    "__ge__": ops.elementwise(None, np.greater_equal),
    "__and__": ops.elementwise(None, np.logical_and),
    "__or__": ops.elementwise(None, np.logical_or),
    "__invert__": _invert,
    "__getitem__": ops.getitem, "__setitem__": inplace.setitem,
    # the NumPy protocols: NumPy calls on tensors (create_graph=True, plotting)
    "__array_ufunc__": array_ufunc, "__array_function__": array_function,
    "backward": _backward,
    "register_hook": hooks.register_hook, "retain_grad": hooks.retain_grad,
    # ops
    "add": ops.add, "sub": ops.sub, "mul": ops.mul, "div": ops.div, "pow": ops.pow,
    "neg": ops.neg, "dot": ops.dot, "mm": ops.mm, "mv": ops.mv, "matmul": ops.matmul,
    "sum": ops.sum, "mean": ops.mean, "max": ops.max, "min": ops.min, "norm": ops.norm,
    "argmax": ops.argmax, "argmin": ops.argmin, "maximum": ops.maximum, "minimum": ops.minimum,
    "softmax": ops.softmax, "log_softmax": ops.log_softmax, "logsumexp": ops.logsumexp,
    "addcmul": ops.addcmul, "addcdiv": ops.addcdiv, "lerp": ops.lerp, "addmm": ops.addmm,
    "prod": ops.prod, "cumsum": ops.cumsum, "var": ops.var, "std": ops.std, "flip": ops.flip,
    "square": ops.square, "log1p": ops.log1p, "log10": ops.log10, "log2": ops.log2,
    "unbind": ops.unbind, "nelement": ops.nelement, "expm1": ops.expm1, "erf": ops.erf,
    "sign": ops.sign,
    "gather": ops.gather, "masked_fill": ops.masked_fill, "t": ops.t, "type": ops.type_,
    "new_zeros": creation.new_zeros, "new_ones": creation.new_ones, "new_full": creation.new_full,
    "new_tensor": creation.new_tensor,
    "clamp": ops.clamp, "clip": ops.clamp, "clone": ops.clone, "eq": ops.eq,
    "reshape": ops.reshape, "view": ops.view, "flatten": ops.flatten,
    "transpose": ops.transpose, "permute": ops.permute, "squeeze": ops.squeeze,
    "unsqueeze": ops.unsqueeze, "expand": ops.expand, "expand_as": ops.expand_as,
    "T": property(ops.transposed), "mT": property(lambda self: ops.transpose(self, -2, -1)),
    "to": ops.tensor_to, "cpu": ops.tensor_cpu, "cuda": ops.tensor_cuda,
    "device": property(ops.tensor_device), "is_cuda": property(lambda self: False),
    "is_cpu": property(lambda self: True), "new_empty": creation.new_empty,
    "float": lambda self: ops.to(self, np.float32), "double": lambda self: ops.to(self, np.float64),
    "long": lambda self: ops.to(self, np.int64), "int": lambda self: ops.to(self, np.int32),
    "bool": lambda self: ops.to(self, np.bool_),
    "any": lambda self: Tensor._make(np.any(self._data)),
    "all": lambda self: Tensor._make(np.all(self._data)),
    # in place
    "zero_": inplace.zero_, "fill_": inplace.fill_, "copy_": inplace.copy_,
    "add_": inplace.add_, "sub_": inplace.sub_, "mul_": inplace.mul_, "div_": inplace.div_,
    "addcmul_": inplace.addcmul_, "addcdiv_": inplace.addcdiv_, "lerp_": inplace.lerp_,
    "pow_": _inplace_method(ops.pow), "clamp_": _inplace_method(ops.clamp),
    "masked_fill_": _inplace_method(ops.masked_fill), "square_": _inplace_method(ops.square),
    "uniform_": random.uniform_, "normal_": random.normal_, "bernoulli_": random.bernoulli_,
    "bernoulli": random.bernoulli, "multinomial": random.multinomial,
    "exponential_": random.exponential_, "geometric_": random.geometric_,
    **{f.__name__: f for f in _ELEMENTWISE},
    **{f.__name__ + "_": _inplace_method(f) for f in _ELEMENTWISE},
    # those with a NumPy function of their own write into the tensor's memory directly
    **{f.__name__ + "_": inplace.unary_inplace(f, ufunc) for f, ufunc in _UFUNC_OF.items()},
}

for _name, _method in METHODS.items():
    setattr(Tensor, _name, _method)
