"""How every op differentiates: one vector-Jacobian product per input, written as data.

Like PyTorch's `derivatives.yaml`, each entry names the backward node as PyTorch names it and gives,
for each differentiable input, a formula for its gradient. A formula's parameter names say what it
reads, and so what the forward pass must save for it:

  grad           the gradient arriving at the op's output
  result         the op's output
  self, other,.. the op's inputs (the names of PyTorch's signatures)
  self_shape     an input's shape (any input name + "_shape")
  dim, ...       the op's non-tensor arguments, as the op recorded them
  i              for ops on a list of tensors (cat, stack): the position of the input

Formulas are plain NumPy and return the gradient in the output's shape; the engine sums it down to
each input's shape where broadcasting stretched the input (`autograd.unbroadcast`). With
`create_graph=True` the same formulas receive Tensors, whose NumPy protocol hooks
(`__array_ufunc__`, `__array_function__`) route every NumPy call back into recorded ops, so the
gradient itself can be differentiated again.
"""

import math

import numpy as np


def _expand_reduced(grad, shape, dim, keepdim):
    """Spread the gradient of a reduction over `dim` back over the reduced input's `shape`."""
    if not keepdim and dim:
        grad = np.expand_dims(grad, dim)
    return _broadcast(grad, shape)


def _broadcast(grad, shape):
    """`grad` stretched to `shape`. The gradient of a full reduction has one value: spread over a
    small shape it is written out (an array of this pass's own, so it can become `.grad` as it is),
    over a large one it is a read-only zero-stride view (no memory). Both are made directly,
    because np.broadcast_to spends about 2 us in Python on every call, more than the rest of a
    small backward step."""
    if isinstance(grad, np.ndarray | np.generic) and grad.size == 1:
        if math.prod(shape) <= _WRITE_OUT:
            out = np.empty(shape, grad.dtype)
            out[...] = grad
            return out
        view = np.ndarray(shape, grad.dtype, buffer=np.ascontiguousarray(grad),
                          strides=(0,) * len(shape))
        view.flags.writeable = False
        return view
    return np.broadcast_to(grad, shape)


_WRITE_OUT = 4096  # elements: writing them costs less than making a view (about 1 us)


def _norm_backward(grad, self, result, dim, keepdim):
    if not keepdim and dim:
        grad, result = np.expand_dims(grad, dim), np.expand_dims(result, dim)
    return grad * np.where(result == 0, 0.0, self / np.where(result == 0, 1.0, result))


def _pow_backward(grad, self, exponent):
    """d/dx x**n = n * x**(n-1), and 0 where n == 0 (even at x = 0, as PyTorch has it)."""
    if isinstance(exponent, int | float):
        return grad * 0 if exponent == 0 else grad * exponent * self ** (exponent - 1)
    return grad * np.where(exponent == 0, 0.0, exponent * self ** (exponent - 1))


def _pow_exponent_backward(grad, base, result):
    """d/dy x**y = x**y * log(x); PyTorch takes 0 where x == 0 (the limit from the right)."""
    return grad * np.where(base == 0, 0.0, result * np.log(np.where(base == 0, 1.0, base)))


def _cast(grad, dtype):
    """`grad` in the input's dtype: the gradient of a dtype conversion converts back."""
    if isinstance(grad, np.ndarray | np.generic):
        return grad.astype(dtype, copy=False)
    from .ops import to  # create_graph=True: a recorded conversion

    return to(grad, dtype)


def _along(dim, index):
    """An index that picks `index` (an int or a slice) along axis `dim`, for arrays and Tensors."""
    return (slice(None),) * dim + (index,)


def _scatter(grad, shape, index):
    """The gradient of `x[index]`: `grad` added into zeros of the input's shape at `index`."""
    if not isinstance(grad, np.ndarray | np.generic):  # create_graph=True: record it as an op
        from .ops import index_scatter

        return index_scatter(grad, shape, index)
    return scatter_add(grad, shape, index)


def scatter_add(values, shape, index):
    """Zeros of `shape` with `values` added at `index` (repeated positions add up)."""
    out = np.zeros(shape, dtype=values.dtype)
    parts = index if isinstance(index, tuple) else (index,)
    if any(isinstance(p, np.ndarray) for p in parts):
        np.add.at(out, index, values)
    else:  # basic indexing never repeats a position, and may contain None
        out[index] = values
    return out


DERIVATIVES = {
    # op            grad_fn name            input: its gradient
    # arithmetic
    "add":          ("AddBackward0",        {"self": lambda grad: grad,
                                             "other": lambda grad: grad}),
    "sub":          ("SubBackward0",        {"self": lambda grad: grad,
                                             "other": lambda grad: -grad}),
    "rsub":         ("RsubBackward1",       {"self": lambda grad: -grad}),
    "mul":          ("MulBackward0",        {"self": lambda grad, other: grad * other,
                                             "other": lambda grad, self: grad * self}),
    "div":          ("DivBackward0",        {"self": lambda grad, other: grad / other,
                                             "other": lambda grad, self, other:
                                                 -grad * self / (other * other)}),
    "neg":          ("NegBackward0",        {"self": lambda grad: -grad}),
    "pow":          ("PowBackward0",        {"self": _pow_backward}),
    "pow_tensor":   ("PowBackward1",        {"self": _pow_backward,
                                             "exponent": lambda grad, self, result:
                                                 _pow_exponent_backward(grad, self, result)}),
    "rpow":         ("PowBackward2",        {"exponent": lambda grad, self, result:
                                                 _pow_exponent_backward(grad, self, result)}),
    # elementwise functions
    "exp":          ("ExpBackward0",        {"self": lambda grad, result: grad * result}),
    "log":          ("LogBackward0",        {"self": lambda grad, self: grad / self}),
    "sqrt":         ("SqrtBackward0",       {"self": lambda grad, result: grad / (2 * result)}),
    "abs":          ("AbsBackward0",        {"self": lambda grad, self: grad * np.sign(self)}),
    "sin":          ("SinBackward0",        {"self": lambda grad, self: grad * np.cos(self)}),
    "cos":          ("CosBackward0",        {"self": lambda grad, self: grad * -np.sin(self)}),
    "tan":          ("TanBackward0",        {"self": lambda grad, result:
                                                 grad * (1 + result * result)}),
    "tanh":         ("TanhBackward0",       {"self": lambda grad, result:
                                                 grad * (1 - result * result)}),
    "sigmoid":      ("SigmoidBackward0",    {"self": lambda grad, result:
                                                 grad * result * (1 - result)}),
    "relu":         ("ReluBackward0",       {"self": lambda grad, result: grad * (result > 0)}),
    "clamp":        ("ClampBackward1",      {"self": lambda grad, passed: grad * passed}),
    "where":        ("WhereBackward0",      {"self": lambda grad, condition:
                                                 np.where(condition, grad, 0),
                                             "other": lambda grad, condition:
                                                 np.where(condition, 0, grad)}),
    "clone":        ("CloneBackward0",      {"self": lambda grad: grad}),
    "to":           ("ToCopyBackward0",     {"self": lambda grad, dtype: _cast(grad, dtype)}),
    # reductions
    "sum":          ("SumBackward0",        {"self": lambda grad, self_shape:
                                                 _broadcast(grad, self_shape)}),
    "sum_dim":      ("SumBackward1",        {"self": lambda grad, self_shape, dim, keepdim:
                                                 _expand_reduced(grad, self_shape, dim, keepdim)}),
    "mean":         ("MeanBackward0",       {"self": lambda grad, self_shape, count:
                                                 _broadcast(grad / count, self_shape)}),
    "mean_dim":     ("MeanBackward1",       {"self": lambda grad, self_shape, dim, keepdim, count:
                                                 _expand_reduced(grad / count, self_shape, dim,
                                                                 keepdim)}),
    # max/min: `share` is 1/k at the k places that hold the extreme value (ties share), else 0
    "max":          ("MaxBackward1",        {"self": lambda grad, share: grad * share}),
    "min":          ("MinBackward1",        {"self": lambda grad, share: grad * share}),
    "max_dim":      ("MaxBackward0",        {"self": lambda grad, share, dim, keepdim:
                                                 _expand_reduced(grad, share.shape, dim, keepdim)
                                                 * share}),
    "min_dim":      ("MinBackward0",        {"self": lambda grad, share, dim, keepdim:
                                                 _expand_reduced(grad, share.shape, dim, keepdim)
                                                 * share}),
    "norm":         ("LinalgVectorNormBackward0", {"self": _norm_backward}),
    # products
    "dot":          ("DotBackward0",        {"self": lambda grad, tensor: grad * tensor,
                                             "tensor": lambda grad, self: grad * self}),
    "mm":           ("MmBackward0",         {"self": lambda grad, mat2: grad @ mat2.T,
                                             "mat2": lambda grad, self: self.T @ grad}),
    "mv":           ("MvBackward0",         {"self": lambda grad, vec:
                                                 np.expand_dims(grad, 1) * vec,
                                             "vec": lambda grad, self: self.T @ grad}),
    "matmul":       ("UnsafeViewBackward0", {"self": lambda grad, other:
                                                 grad @ np.swapaxes(other, -1, -2),
                                             "other": lambda grad, self:
                                                 np.swapaxes(self, -1, -2) @ grad}),
    # shapes
    "view":         ("ViewBackward0",       {"self": lambda grad, self_shape:
                                                 np.reshape(grad, self_shape)}),
    "squeeze":      ("SqueezeBackward0",    {"self": lambda grad, self_shape:
                                                 np.reshape(grad, self_shape)}),
    "squeeze_dim":  ("SqueezeBackward1",    {"self": lambda grad, self_shape:
                                                 np.reshape(grad, self_shape)}),
    "unsqueeze":    ("UnsqueezeBackward0",  {"self": lambda grad, self_shape:
                                                 np.reshape(grad, self_shape)}),
    "transpose":    ("TransposeBackward0",  {"self": lambda grad, dim0, dim1:
                                                 np.swapaxes(grad, dim0, dim1)}),
    "permute":      ("PermuteBackward0",    {"self": lambda grad, dims:
                                                 np.transpose(grad, np.argsort(dims))}),
    "expand":       ("ExpandBackward0",     {"self": lambda grad: grad}),
    "cat":          ("CatBackward0",        {"tensors": lambda grad, i, dim, offsets:
                                                 grad[_along(dim, slice(offsets[i],
                                                                        offsets[i + 1]))]}),
    "stack":        ("StackBackward0",      {"tensors": lambda grad, i, dim: grad[_along(dim, i)]}),
    # indexing
    "select":       ("SelectBackward0",     {"self": lambda grad, self_shape, index:
                                                 _scatter(grad, self_shape, index)}),
    "slice":        ("SliceBackward0",      {"self": lambda grad, self_shape, index:
                                                 _scatter(grad, self_shape, index)}),
    "index":        ("IndexBackward0",      {"self": lambda grad, self_shape, index:
                                                 _scatter(grad, self_shape, index)}),
    "index_put":    ("CopySlices",          {"self": lambda grad, keep: grad * keep,
                                             "values": lambda grad, index: grad[index]}),
    "index_scatter": ("IndexPutBackward0",  {"source": lambda grad, index: grad[index]}),
}

# How each formula's result gets its input's shape (see autograd.record_one): an op on one tensor
# whose output has that tensor's shape gives it directly; a broadcasting op gives the output's
# shape, to be summed down where broadcasting stretched an input; any other op's result is checked
# each time.
SAME_SHAPE = {"neg", "rsub", "pow", "exp", "log", "sqrt", "abs", "sin", "cos", "tan", "tanh",
              "sigmoid", "relu", "clone", "to"}
BROADCASTING = {"add", "sub", "mul", "div", "pow_tensor", "rpow", "where", "clamp"}


class Derivative:
    """One entry of DERIVATIVES, made ready for the engine."""

    __slots__ = ("op", "grad_fn", "input_names", "formulas", "plans", "saves_tensors", "variadic",
                 "same_shape", "broadcasts")

    def __init__(self, op, grad_fn, formulas):
        self.op = op
        self.grad_fn = grad_fn
        self.input_names = tuple(formulas)
        self.variadic = self.input_names == ("tensors",)  # cat, stack: one formula for all
        self.same_shape, self.broadcasts = op in SAME_SHAPE, op in BROADCASTING
        self.formulas = tuple(formulas.values())
        # Per input, where each parameter of its formula after `grad` gets its value, as
        # (name, source, input position). The forward pass keeps these values only for inputs
        # that require grad, so `y * 2` keeps the 2 but not y (which may then change in place,
        # as in PyTorch).
        self.plans = tuple(
            tuple(self._source(name) for name in f.__code__.co_varnames[1:f.__code__.co_argcount])
            for f in self.formulas
        )
        self.saves_tensors = any(source in ("result", "input")
                                 for plan in self.plans for _, source, _ in plan)

    def formula_and_plan(self, k):
        """The formula of input `k` and its plan (cat and stack have one for all inputs)."""
        k = 0 if self.variadic else k
        return self.formulas[k], self.plans[k]

    def _source(self, name):
        """"result", an "input" or its "shape", "i" (the input's position, for cat and stack),
        or a "param": a non-tensor argument the op recorded."""
        names = self.input_names
        if name == "result":
            return name, "result", None
        if name in names:
            return name, "input", names.index(name)
        if name.endswith("_shape") and name[:-6] in names:
            return name, "shape", names.index(name[:-6])
        if name == "i" and self.variadic:
            return name, "i", None
        return name, "param", None

    def __repr__(self):
        return f"Derivative({self.op!r}, {self.grad_fn!r})"


D = {op: Derivative(op, grad_fn, formulas) for op, (grad_fn, formulas) in DERIVATIVES.items()}
