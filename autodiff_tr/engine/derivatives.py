"""How every op differentiates: one vector-Jacobian product per input, written as data.

Like PyTorch's `derivatives.yaml`, each row of `DERIVATIVES` names the backward node as PyTorch
names it, says how the gradient's shape relates to the input's (the shape column, below), and gives,
for each differentiable input, a formula for its gradient. A formula's parameter names say what it
reads, and so what the forward pass must save for it:

  grad           the gradient arriving at the op's output
  result         the op's output
  self, other,.. the op's inputs (the names of PyTorch's signatures)
  self_shape     an input's shape (any input name + "_shape")
  dim, ...       the op's non-tensor arguments, as the op recorded them
  i              for ops on a list of tensors (cat, stack): the position of the input

The shape column says how a formula's result relates to its input's shape:

  SAME       the op keeps the shape and dtype of its one tensor (elementwise functions): the
             formula's result has the input's shape and dtype already, nothing to fit;
  BROADCAST  elementwise on operands that broadcast: the formula's result has the output's shape,
             and the engine sums it down for an input that broadcasting stretched
             (`nodes.unbroadcast`, the one place where broadcasting enters differentiation);
  CHECK      anything else (reductions, products, views, indexing): the engine compares the shape
             on every backward, and sums down where they differ (a batched matmul broadcasts).

Formulas are plain NumPy. With `create_graph=True` the same formulas receive Tensors, whose NumPy
protocol hooks (`higher_order.py`) route every NumPy call back into recorded ops, so the gradient
itself can be differentiated again.

Adding an op: add its row here (and a finite-difference test in tests/test_derivatives.py), write
its forward in `ops.py`, which calls `record("name", result, inputs, params)`, and attach its method
in `methods.py`.
"""

import functools
import math

import numpy as np

SAME, BROADCAST, CHECK = "same", "broadcast", "check"


# ---------------------------------------------------------------- helpers of the formulas


def _dispatches_like_numpy(func):
    """Make `func`, written for NumPy arrays, dispatch like a NumPy function: handed a Tensor
    (create_graph=True), it asks the Tensor's `__array_function__`, which records it as an op
    (higher_order.py). Only the helpers that have no NumPy function to stand for them need this."""

    @functools.wraps(func)
    def dispatching(values, *args):
        if isinstance(values, np.ndarray | np.generic):
            return func(values, *args)
        return values.__array_function__(dispatching, (type(values),), (values, *args), {})

    return dispatching


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
        view = np.ndarray(
            shape, grad.dtype, buffer=np.ascontiguousarray(grad), strides=(0,) * len(shape)
        )
        view.flags.writeable = False
        return view
    return np.broadcast_to(grad, shape)


_WRITE_OUT = 4096  # elements: writing them costs less than making a view (about 1 us)


def _norm_backward(grad, self, result, dim, keepdim):
    if not keepdim and dim:
        grad, result = np.expand_dims(grad, dim), np.expand_dims(result, dim)
    return grad * np.where(result == 0, 0.0, self / np.where(result == 0, 1.0, result))


def _divide(numerator, denominator):
    """numerator / denominator: inf or nan where the denominator is 0 (the derivative of 1/x,
    log x or sqrt x at 0), without NumPy's RuntimeWarning, as PyTorch gives them: silently."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return numerator / denominator


def _power(base, exponent):
    """base ** exponent, inf where 0 meets a negative exponent, silently (as `_divide`)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return base**exponent


def _pow_backward(grad, self, exponent):
    """d/dx x**n = n * x**(n-1), and 0 where n == 0 (even at x = 0, as PyTorch has it)."""
    if isinstance(exponent, int | float):
        if exponent == 0:
            return grad * 0
        if exponent >= 1:  # (the common case: no negative power of 0 can arise)
            return grad * exponent * self ** (exponent - 1)
        return grad * exponent * _power(self, exponent - 1)
    return grad * np.where(exponent == 0, 0.0, exponent * _power(self, exponent - 1))


def _pow_exponent_backward(grad, self, result):
    """d/dy x**y = x**y * log(x); PyTorch takes 0 where x == 0 (the limit from the right)."""
    return grad * np.where(self == 0, 0.0, result * np.log(np.where(self == 0, 1.0, self)))


@_dispatches_like_numpy
def cast(grad, dtype):
    """`grad` in the NumPy `dtype`: the gradient of a dtype conversion converts back."""
    return grad.astype(dtype, copy=False)


def _along(dim, index):
    """An index that picks `index` (an int or a slice) along axis `dim`, for arrays and Tensors."""
    return (slice(None),) * dim + (index,)


@_dispatches_like_numpy
def scatter_add(values, shape, index):
    """Zeros of `shape` with `values` added at `index` (repeated positions add up): the gradient
    of `x[index]`."""
    out = np.zeros(shape, dtype=values.dtype)
    parts = index if isinstance(index, tuple) else (index,)
    if any(isinstance(p, np.ndarray) for p in parts):
        np.add.at(out, index, values)
    else:  # basic indexing never repeats a position, and may contain None
        out[index] = values
    return out


@_dispatches_like_numpy
def erf(x):
    """The error function, elementwise (NumPy has none): Python's math.erf in float64, rounded to
    x's dtype, so within one unit in the last place of PyTorch's."""
    values = np.asarray(np.frompyfunc(math.erf, 1, 1)(np.asarray(x, np.float64)), np.float64)
    return values.astype(x.dtype, copy=False) if x.dtype.kind == "f" else values


_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_TANH_CUBE = 0.044715  # the cubic term of GELU's tanh approximation


def _softplus_backward(grad, self, beta, threshold):
    """d softplus/dx = sigmoid(beta x) = z / (z + 1) with z = exp(beta x); 1 where beta x >
    threshold (the forward is x there). In those entries z is taken at the threshold, so that it
    never overflows where it is not used."""
    scaled = self * beta
    linear = scaled > threshold
    z = np.exp(np.where(linear, threshold, scaled))
    return grad * np.where(linear, 1.0, z / (z + 1))


def _gelu_backward(grad, self, approximate):
    """d gelu/dx = Phi(x) + x phi(x) (the normal CDF and density); with the tanh approximation
    0.5 (1 + t) + 0.5 x (1 - t**2) sqrt(2/pi) (1 + 3 c x**2), t = tanh(sqrt(2/pi) (x + c x**3))."""
    if approximate == "tanh":
        t = np.tanh(_SQRT_2_OVER_PI * (self + _TANH_CUBE * self * self * self))
        slope = _SQRT_2_OVER_PI * (1 + 3 * _TANH_CUBE * self * self)
        return grad * (0.5 * (1 + t) + 0.5 * self * (1 - t * t) * slope)
    cdf = 0.5 * (1 + erf(self * math.sqrt(0.5)))
    pdf = np.exp(-0.5 * self * self) * (1 / math.sqrt(2 * math.pi))
    return grad * (cdf + self * pdf)


def _normalized(x, dims, eps):
    """(x - mean) * rstd over `dims`, and rstd = 1 / sqrt(var + eps) (the biased variance): the
    statistics layer and batch norm divide by, recomputed from the saved input."""
    count = max(math.prod(x.shape[d] for d in dims), 1)  # (no elements: nothing to divide)
    centered = x - np.sum(x, axis=dims, keepdims=True) / count
    rstd = 1 / np.sqrt(np.sum(centered * centered, axis=dims, keepdims=True) / count + eps)
    return centered * rstd, rstd


def _normalization_backward(grad, input, weight, dims, eps, along):
    """d/dx of x_hat * weight, x_hat = (x - mean) * rstd over `dims`:
    rstd * (g - mean(g) - x_hat * mean(g * x_hat)) with g = grad * weight."""
    x_hat, rstd = _normalized(input, dims, eps)
    g = grad if weight is None else grad * np.reshape(weight, along)
    count = max(math.prod(input.shape[d] for d in dims), 1)
    mean_g = np.sum(g, axis=dims, keepdims=True) / count
    mean_g_x_hat = np.sum(g * x_hat, axis=dims, keepdims=True) / count
    return rstd * (g - mean_g - x_hat * mean_g_x_hat)


def _batch_norm_input_backward(grad, input, weight, dims, eps, along, running_rstd):
    """With the batch's statistics (training), as layer norm's over the batch dims; with the
    running ones (eval), constants: grad * weight * rstd."""
    if running_rstd is None:
        return _normalization_backward(grad, input, weight, dims, eps, along)
    return (
        grad * running_rstd if weight is None else grad * (np.reshape(weight, along) * running_rstd)
    )


def _batch_norm_weight_backward(grad, input, dims, eps, running_mean, running_rstd):
    """sum of grad * x_hat over the batch (and length) dims, per channel."""
    if running_rstd is None:
        x_hat = _normalized(input, dims, eps)[0]
    else:
        x_hat = (input - running_mean) * running_rstd
    return np.sum(grad * x_hat, axis=dims)


def _embedding_backward(grad, weight_shape, indices, keep):
    """Each row of `grad` added into the row of the weight it was looked up from (rows looked up
    twice get both), none into `padding_idx`'s row (`keep` is 0 where the index is padding_idx)."""
    if keep is not None:
        grad = grad * keep
    return scatter_add(grad, weight_shape, indices)


def _maybe_multiply(grad, factor):
    """grad * factor, or `grad` itself for a factor of 1 (PyTorch's `maybe_multiply`)."""
    return grad if factor == 1 else grad * factor


def _mm_mat2_backward(grad, mat1, alpha, mat2_layout):
    """mat1.T @ grad, laid out in memory as mat2 is, as PyTorch's `mm_mat2_backward` does it. For
    `nn.Linear`'s `weight.t()` (column-major), TBackward0 then turns it into a row-major gradient
    like the weight's, which AccumulateGrad can keep as it is."""
    if mat2_layout == "F":
        return _maybe_multiply((grad.T @ mat1).T, alpha)
    return _maybe_multiply(mat1.T @ grad, alpha)


def _winner(grad, wins, ties):
    """The gradient of maximum/minimum for one operand: all of it where that operand wins, half
    where the two are equal (PyTorch splits a tie evenly), none where it loses."""
    return np.where(wins, grad, np.where(ties, grad * 0.5, 0))


def _softmax_backward(grad, result, dim):
    return result * (grad - np.sum(grad * result, axis=dim, keepdims=True))


def _log_softmax_backward(grad, result, dim):
    return grad - np.exp(result) * np.sum(grad, axis=dim, keepdims=True)


def _logsumexp_backward(grad, self, result, dim, keepdim):
    if not keepdim and dim:
        grad, result = np.expand_dims(grad, dim), np.expand_dims(result, dim)
    return grad * np.exp(self - result)


def _prod_of_others(x, d):
    """For each element of `x`, the product of the other elements along axis `d` (exact where
    `x` has zeros, unlike result / x): the products of those before it and of those after it.
    With create_graph=True (`x` a Tensor) the same as recorded ops: the product along `d` of n
    copies of `x`, copy i with its element i replaced by 1."""
    n = x.shape[d]
    if not isinstance(x, np.ndarray | np.generic):
        copies = np.broadcast_to(np.expand_dims(x, d), x.shape[:d] + (n,) + x.shape[d:])
        diagonal = np.eye(n, dtype=bool).reshape((n, n) + (1,) * (x.ndim - d - 1))
        return np.prod(np.where(diagonal, 1.0, copies), axis=d + 1)
    if n == 0:
        return np.zeros_like(x)
    ones = np.ones_like(np.take(x, [0], axis=d))
    before = np.cumprod(np.concatenate([ones, np.take(x, range(n - 1), axis=d)], axis=d), axis=d)
    after = np.cumprod(
        np.concatenate([ones, np.flip(np.take(x, range(1, n), axis=d), d)], axis=d), axis=d
    )
    return before * np.flip(after, d)


def _prod_backward(grad, self):
    return grad * _prod_of_others(self.reshape(-1), 0).reshape(self.shape)


def _prod_dim_backward(grad, self, dim, keepdim):
    return _expand_reduced(grad, self.shape, dim, keepdim) * _prod_of_others(self, dim[0])


def _reverse_cumsum(grad, dim):
    """The gradient of cumsum: each element collects the gradients of the sums it entered, that
    is, the cumulative sum taken from the end."""
    if dim is None:  # a 0-d input
        return grad
    return np.flip(np.cumsum(np.flip(grad, dim), axis=dim), dim)


def _var_backward(grad, self, dim, keepdim, correction, count):
    """d var / dx = 2 (x - mean) / (N - correction)."""
    if not keepdim and dim:
        grad = np.expand_dims(grad, dim)
    mean = np.sum(self, axis=dim, keepdims=True) / count
    with np.errstate(divide="ignore", invalid="ignore"):  # N <= correction: nan, as in PyTorch
        return grad * np.divide(2.0, count - correction) * (self - mean)


def _std_backward(grad, self, result, dim, keepdim, correction, count):
    """d std = d var / (2 std); 0 where std is 0, as PyTorch has it."""
    if not keepdim and dim:
        grad, result = np.expand_dims(grad, dim), np.expand_dims(result, dim)
    grad = np.where(result == 0, 0, grad / (2 * np.where(result == 0, 1, result)))
    return _var_backward(grad, self, dim, True, correction, count)


# ---------------------------------------------------------------- the table

DERIVATIVES = {
    # op: (grad_fn name, shape, {input: its gradient})
    # arithmetic
    "add": ("AddBackward0", BROADCAST, {"self": lambda grad: grad, "other": lambda grad: grad}),
    "sub": ("SubBackward0", BROADCAST, {"self": lambda grad: grad, "other": lambda grad: -grad}),
    "add_alpha": (
        "AddBackward0",
        BROADCAST,
        {  # self + alpha * other
            "self": lambda grad: grad,
            "other": lambda grad, alpha: grad * alpha,
        },
    ),
    "sub_alpha": (
        "SubBackward0",
        BROADCAST,
        {  # self - alpha * other
            "self": lambda grad: grad,
            "other": lambda grad, alpha: -grad * alpha,
        },
    ),
    "addcmul": (
        "AddcmulBackward0",
        BROADCAST,
        {  # self + value * tensor1 * tensor2
            "self": lambda grad: grad,
            "tensor1": lambda grad, tensor2, value: grad * tensor2 * value,
            "tensor2": lambda grad, tensor1, value: grad * tensor1 * value,
        },
    ),
    "addcdiv": (
        "AddcdivBackward0",
        BROADCAST,
        {  # self + value * tensor1 / tensor2
            "self": lambda grad: grad,
            "tensor1": lambda grad, tensor2, value: grad * value / tensor2,
            "tensor2": lambda grad, tensor1, tensor2, value: (
                -grad * value * tensor1 / (tensor2 * tensor2)
            ),
        },
    ),
    "lerp": (
        "LerpBackward0",
        BROADCAST,
        {  # self + weight * (end - self), a number weight
            "self": lambda grad, weight: grad * (1 - weight),
            "end": lambda grad, weight: grad * weight,
        },
    ),
    "lerp_tensor": (
        "LerpBackward1",
        BROADCAST,
        {  # the same with a tensor weight
            "self": lambda grad, weight: grad * (1 - weight),
            "end": lambda grad, weight: grad * weight,
            "weight": lambda grad, self, end: grad * (end - self),
        },
    ),
    "rsub": (
        "RsubBackward1",
        SAME,
        {  # other - self, for a number `other`
            "self": lambda grad: -grad
        },
    ),
    "mul": (
        "MulBackward0",
        BROADCAST,
        {"self": lambda grad, other: grad * other, "other": lambda grad, self: grad * self},
    ),
    "div": (
        "DivBackward0",
        BROADCAST,
        {
            "self": lambda grad, other: _divide(grad, other),
            "other": lambda grad, self, other: _divide(-grad * self, other * other),
        },
    ),
    "neg": ("NegBackward0", SAME, {"self": lambda grad: -grad}),
    "pow": (
        "PowBackward0",
        SAME,
        {  # tensor ** number
            "self": _pow_backward
        },
    ),
    "pow_tensor": (
        "PowBackward1",
        BROADCAST,
        {  # tensor ** tensor
            "self": _pow_backward,
            "exponent": _pow_exponent_backward,
        },
    ),
    "rpow": (
        "PowBackward2",
        BROADCAST,
        {  # number ** tensor
            "exponent": _pow_exponent_backward
        },
    ),
    # elementwise functions
    "exp": ("ExpBackward0", SAME, {"self": lambda grad, result: grad * result}),
    "log": ("LogBackward0", SAME, {"self": lambda grad, self: _divide(grad, self)}),
    "sqrt": ("SqrtBackward0", SAME, {"self": lambda grad, result: _divide(grad, 2 * result)}),
    "abs": ("AbsBackward0", SAME, {"self": lambda grad, self: grad * np.sign(self)}),
    "sin": ("SinBackward0", SAME, {"self": lambda grad, self: grad * np.cos(self)}),
    "cos": ("CosBackward0", SAME, {"self": lambda grad, self: grad * -np.sin(self)}),
    "tan": ("TanBackward0", SAME, {"self": lambda grad, result: grad * (1 + result * result)}),
    "tanh": ("TanhBackward0", SAME, {"self": lambda grad, result: grad * (1 - result * result)}),
    "sigmoid": (
        "SigmoidBackward0",
        SAME,
        {"self": lambda grad, result: grad * result * (1 - result)},
    ),
    "relu": ("ReluBackward0", SAME, {"self": lambda grad, result: grad * (result > 0)}),
    "clamp": (
        "ClampBackward1",
        BROADCAST,
        {  # `passed`: where the input lay within the bounds
            "self": lambda grad, passed: grad * passed
        },
    ),
    "where": (
        "WhereBackward0",
        BROADCAST,
        {
            "self": lambda grad, condition: np.where(condition, grad, 0),
            "other": lambda grad, condition: np.where(condition, 0, grad),
        },
    ),
    "clone": ("CloneBackward0", SAME, {"self": lambda grad: grad}),
    "to": (
        "ToCopyBackward0",
        SAME,
        {  # `dtype`: the input's
            "self": lambda grad, dtype: cast(grad, dtype)
        },
    ),
    # reductions
    "sum": ("SumBackward0", CHECK, {"self": lambda grad, self_shape: _broadcast(grad, self_shape)}),
    "sum_dim": (
        "SumBackward1",
        CHECK,
        {
            "self": lambda grad, self_shape, dim, keepdim: _expand_reduced(
                grad, self_shape, dim, keepdim
            )
        },
    ),
    "mean": (
        "MeanBackward0",
        CHECK,
        {"self": lambda grad, self_shape, count: _broadcast(grad / count, self_shape)},
    ),
    "mean_dim": (
        "MeanBackward1",
        CHECK,
        {
            "self": lambda grad, self_shape, dim, keepdim, count: _expand_reduced(
                grad / count, self_shape, dim, keepdim
            )
        },
    ),
    # max/min: `share` is 1/k at the k places that hold the extreme value (ties share), else 0
    "max": ("MaxBackward1", CHECK, {"self": lambda grad, share: grad * share}),
    "min": ("MinBackward1", CHECK, {"self": lambda grad, share: grad * share}),
    "max_dim": (
        "MaxBackward0",
        CHECK,
        {
            "self": lambda grad, share, dim, keepdim: (
                _expand_reduced(grad, share.shape, dim, keepdim) * share
            )
        },
    ),
    "min_dim": (
        "MinBackward0",
        CHECK,
        {
            "self": lambda grad, share, dim, keepdim: (
                _expand_reduced(grad, share.shape, dim, keepdim) * share
            )
        },
    ),
    "norm": ("LinalgVectorNormBackward0", CHECK, {"self": _norm_backward}),
    # products
    "dot": (
        "DotBackward0",
        CHECK,
        {"self": lambda grad, tensor: grad * tensor, "tensor": lambda grad, self: grad * self},
    ),
    "mm": (
        "MmBackward0",
        CHECK,
        {
            "self": lambda grad, mat2: grad @ mat2.T,
            "mat2": lambda grad, self, mat2_layout: _mm_mat2_backward(grad, self, 1, mat2_layout),
        },
    ),
    "addmm": (
        "AddmmBackward0",
        CHECK,
        {  # beta * self + alpha * (mat1 @ mat2): nn.Linear
            "self": lambda grad, beta: _maybe_multiply(grad, beta),
            "mat1": lambda grad, mat2, alpha: _maybe_multiply(grad @ mat2.T, alpha),
            "mat2": _mm_mat2_backward,
        },
    ),
    "mv": (
        "MvBackward0",
        CHECK,
        {
            "self": lambda grad, vec: np.expand_dims(grad, 1) * vec,
            "vec": lambda grad, self: self.T @ grad,
        },
    ),
    "matmul": (
        "UnsafeViewBackward0",
        CHECK,
        {
            "self": lambda grad, other: grad @ np.swapaxes(other, -1, -2),
            "other": lambda grad, self: np.swapaxes(self, -1, -2) @ grad,
        },
    ),
    # shapes
    "view": (
        "ViewBackward0",
        CHECK,
        {"self": lambda grad, self_shape: np.reshape(grad, self_shape)},
    ),
    "squeeze": (
        "SqueezeBackward0",
        CHECK,
        {"self": lambda grad, self_shape: np.reshape(grad, self_shape)},
    ),
    "squeeze_dim_": (
        "SqueezeBackward4",
        CHECK,
        {  # squeeze_(dim), in place (F.linear)
            "self": lambda grad, self_shape: np.reshape(grad, self_shape)
        },
    ),
    "unsafe_view": (
        "UnsafeViewBackward0",
        CHECK,
        {  # a reshape that is no view (F.linear)
            "self": lambda grad, self_shape: np.reshape(grad, self_shape)
        },
    ),
    "squeeze_dim": (
        "SqueezeBackward1",
        CHECK,
        {"self": lambda grad, self_shape: np.reshape(grad, self_shape)},
    ),
    "unsqueeze": (
        "UnsqueezeBackward0",
        CHECK,
        {"self": lambda grad, self_shape: np.reshape(grad, self_shape)},
    ),
    "transpose": (
        "TransposeBackward0",
        CHECK,
        {"self": lambda grad, dim0, dim1: np.swapaxes(grad, dim0, dim1)},
    ),
    "permute": (
        "PermuteBackward0",
        CHECK,
        {"self": lambda grad, dims: np.transpose(grad, np.argsort(dims))},
    ),
    "expand": ("ExpandBackward0", CHECK, {"self": lambda grad: grad}),
    "cat": (
        "CatBackward0",
        CHECK,
        {  # one formula for every tensor of the list
            "tensors": lambda grad, i, dim, offsets: grad[
                _along(dim, slice(offsets[i], offsets[i + 1]))
            ]
        },
    ),
    "stack": ("StackBackward0", CHECK, {"tensors": lambda grad, i, dim: grad[_along(dim, i)]}),
    # indexing
    "select": (
        "SelectBackward0",
        CHECK,
        {"self": lambda grad, self_shape, index: scatter_add(grad, self_shape, index)},
    ),
    "slice": (
        "SliceBackward0",
        CHECK,
        {"self": lambda grad, self_shape, index: scatter_add(grad, self_shape, index)},
    ),
    "index": (
        "IndexBackward0",
        CHECK,
        {"self": lambda grad, self_shape, index: scatter_add(grad, self_shape, index)},
    ),
    "index_put": (
        "CopySlices",
        CHECK,
        {  # `keep`: where the input was not overwritten
            "self": lambda grad, keep: grad * keep,
            "values": lambda grad, index: grad[index],
        },
    ),
    "index_scatter": (
        "IndexPutBackward0",
        CHECK,
        {  # scatter_add as an op (create_graph)
            "source": lambda grad, index: grad[index]
        },
    ),
    # the rows of the Tensor API's methods and functions
    "maximum": (
        "MaximumBackward0",
        BROADCAST,
        {
            "self": lambda grad, self, other: _winner(grad, self > other, self == other),
            "other": lambda grad, self, other: _winner(grad, other > self, self == other),
        },
    ),
    "minimum": (
        "MinimumBackward0",
        BROADCAST,
        {
            "self": lambda grad, self, other: _winner(grad, self < other, self == other),
            "other": lambda grad, self, other: _winner(grad, other < self, self == other),
        },
    ),
    "softmax": ("SoftmaxBackward0", SAME, {"self": _softmax_backward}),
    "log_softmax": ("LogSoftmaxBackward0", SAME, {"self": _log_softmax_backward}),
    "logsumexp": ("LogsumexpBackward0", CHECK, {"self": _logsumexp_backward}),
    "prod": ("ProdBackward0", CHECK, {"self": _prod_backward}),
    "prod_dim": ("ProdBackward1", CHECK, {"self": _prod_dim_backward}),
    "cumsum": ("CumsumBackward0", SAME, {"self": _reverse_cumsum}),
    "var": ("VarBackward0", CHECK, {"self": _var_backward}),
    "std": ("StdBackward0", CHECK, {"self": _std_backward}),
    "log1p": ("Log1PBackward0", SAME, {"self": lambda grad, self: _divide(grad, 1 + self)}),
    "log10": (
        "Log10Backward0",
        SAME,
        {  # d/dx log10(x) = 1 / (x ln 10)
            "self": lambda grad, self: _divide(grad, self * math.log(10))
        },
    ),
    "log2": (
        "Log2Backward0",
        SAME,
        {  # d/dx log2(x) = 1 / (x ln 2)
            "self": lambda grad, self: _divide(grad, self * math.log(2))
        },
    ),
    "nll_loss": (
        "NllLossBackward0",
        CHECK,
        {  # -1/N (mean) or -1 (sum) at each picked entry
            "self": lambda grad, self_shape, index, weights: scatter_add(
                grad * weights, self_shape, index
            )
        },
    ),
    "unbind": (
        "UnbindBackward0",
        CHECK,
        {  # one slice: zeros elsewhere, as for select
            "self": lambda grad, self_shape, index: scatter_add(grad, self_shape, index)
        },
    ),
    "expm1": ("Expm1Backward0", SAME, {"self": lambda grad, result: grad * (result + 1)}),
    "sign": (
        "SignBackward0",
        SAME,
        {  # constant almost everywhere
            "self": lambda grad: grad * 0
        },
    ),
    "gather": (
        "GatherBackward0",
        CHECK,
        {  # `index`: the full index gather picked with
            "self": lambda grad, self_shape, index: scatter_add(grad, self_shape, index)
        },
    ),
    "masked_fill": (
        "MaskedFillBackward0",
        BROADCAST,
        {"self": lambda grad, mask: np.where(mask, 0, grad)},
    ),
    "masked_fill_tensor": (
        "MaskedFillBackward1",
        BROADCAST,
        {  # the value a 0-d tensor
            "self": lambda grad, mask: np.where(mask, 0, grad),
            "value": lambda grad, mask: np.sum(np.where(mask, grad, 0)),
        },
    ),
    "t": ("TBackward0", CHECK, {"self": lambda grad: np.transpose(grad)}),
    "flip": ("FlipBackward0", SAME, {"self": lambda grad, dims: np.flip(grad, dims)}),
    # added with the nn layers of the first courses
    "erf": (
        "ErfBackward0",
        SAME,
        {"self": lambda grad, self: grad * (2 / math.sqrt(math.pi)) * np.exp(-(self * self))},
    ),
    "gelu": ("GeluBackward0", SAME, {"self": _gelu_backward}),
    "softplus": ("SoftplusBackward0", SAME, {"self": _softplus_backward}),
    "native_layer_norm": (
        "NativeLayerNormBackward0",
        CHECK,
        {  # `dims`: the normalized ones
            "input": lambda grad, input, weight, dims, eps: _normalization_backward(
                grad, input, weight, dims, eps, None if weight is None else tuple(weight.shape)
            ),
            "weight": lambda grad, input, dims, eps: grad * _normalized(input, dims, eps)[0],
            "bias": lambda grad: grad,
        },
    ),  # (the engine sums both over the leading dims)
    "native_batch_norm": (
        "NativeBatchNormBackward0",
        CHECK,
        {  # `along`: (1, C, 1...)
            "input": _batch_norm_input_backward,
            "weight": _batch_norm_weight_backward,
            "bias": lambda grad, dims: np.sum(grad, axis=dims),
        },
    ),
    "embedding": (
        "EmbeddingBackward0",
        CHECK,
        {  # `indices`: the looked-up rows, as an array
            "weight": _embedding_backward
        },
    ),
}


# ---------------------------------------------------------------- the table, ready for the engine


class Derivative:
    """One row of DERIVATIVES, made ready for the engine (`nodes.record` looks it up by op)."""

    __slots__ = (
        "op",
        "grad_fn",
        "shape",
        "input_names",
        "formulas",
        "plans",
        "saves_tensors",
        "variadic",
        "same_shape",
        "broadcasts",
    )

    def __init__(self, op, grad_fn, shape, formulas):
        self.op = op
        self.grad_fn = grad_fn
        self.shape = shape
        self.same_shape, self.broadcasts = shape == SAME, shape == BROADCAST
        self.input_names = tuple(formulas)
        self.variadic = self.input_names == ("tensors",)  # cat, stack: one formula for all
        self.formulas = tuple(formulas.values())
        # Per input, where each parameter of its formula after `grad` gets its value, as
        # (name, source, input position). The forward pass keeps these values only for inputs
        # that require grad, so `y * 2` keeps the 2 but not y (which may then change in place,
        # as in PyTorch).
        self.plans = tuple(
            tuple(self._source(name) for name in f.__code__.co_varnames[1 : f.__code__.co_argcount])
            for f in self.formulas
        )
        self.saves_tensors = any(
            source in ("result", "input") for plan in self.plans for _, source, _ in plan
        )

    def formula_and_plan(self, position):
        """The formula of input `position` and its plan (cat and stack have one for all)."""
        position = 0 if self.variadic else position
        return self.formulas[position], self.plans[position]

    def _source(self, name):
        """ "result", an "input" or its "shape", "i" (the input's position, for cat and stack),
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


DERIVATIVE_OF = {op: Derivative(op, *row) for op, row in DERIVATIVES.items()}


# ---------------------------------------------------------------- forward mode: the JVP column
#
# Forward mode (`autograd.forward_ad`) carries a tangent v with each value: the directional
# derivative of that value along the direction the user chose. An op with inputs x_i and output y
# passes on the output's tangent J_1 v_1 + J_2 v_2 + ..., one Jacobian-vector product per input
# that has a tangent. This table is the JVP column of DERIVATIVES: per op (the same keys), per
# input, a formula for J_i v_i. Its first parameter, `tangent`, is that input's tangent (an array
# of the input's shape); the others are read as the VJP formulas' are (the op's output `result`,
# its inputs by name, `<input>_shape`, `i`, and the non-tensor arguments the op recorded). The
# engine adds the parts up and stretches the sum to the output's shape and dtype
# (`engine/forward.py`).
#
#   DIAGONAL  an elementwise op: its Jacobian is diagonal (broadcasting aside), so J v and J^T u
#             are the same formula: the VJP formula of the row above, given the tangent for `grad`.
#   None      an op (or input) without a forward-mode formula: forward mode refuses it with
#             PyTorch's NotImplementedError.
#
# An op missing from this table has no forward-mode formula either. Tangents are plain NumPy
# arrays: forward mode here is first order (a tangent carries no tangent of its own).

DIAGONAL = "diagonal"


def _to_result_shape(tangent, result):
    return np.reshape(tangent, np.shape(result))


def _into_zeros(tangent, result, where):
    """Zeros of the output's shape with `tangent` at `where`: one input's part of cat and stack."""
    out = np.zeros(np.shape(result), dtype=np.result_type(tangent, result))
    out[where] = tangent
    return out


def _mean_jvp(tangent, dim, keepdim):
    """The mean of the tangent: nan over no elements, as the mean itself (and PyTorch's)."""
    count = (
        math.prod(np.shape(tangent))
        if dim is None
        else math.prod(np.shape(tangent)[d] for d in dim)
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.divide(np.sum(tangent, axis=dim, keepdims=keepdim), count)


def _log_softmax_jvp(tangent, result, dim):
    """d log_softmax(x) = v - sum(softmax(x) * v) along dim (the Jacobian I - 1 softmax^T)."""
    return tangent - np.sum(np.exp(result) * tangent, axis=dim, keepdims=True)


def _logsumexp_jvp(tangent, self, result, dim, keepdim):
    """d logsumexp(x) = sum(softmax(x) * v) along dim."""
    expanded = result if keepdim or not dim else np.expand_dims(result, dim)
    return np.sum(np.exp(self - expanded) * tangent, axis=dim, keepdims=keepdim)


FORWARD_DERIVATIVES = {
    # op: {input: its Jacobian-vector product}
    # arithmetic
    "add": {"self": DIAGONAL, "other": DIAGONAL},
    "sub": {"self": DIAGONAL, "other": DIAGONAL},
    "add_alpha": {"self": DIAGONAL, "other": DIAGONAL},
    "sub_alpha": {"self": DIAGONAL, "other": DIAGONAL},
    "addcmul": {"self": DIAGONAL, "tensor1": DIAGONAL, "tensor2": DIAGONAL},
    "addcdiv": {"self": DIAGONAL, "tensor1": DIAGONAL, "tensor2": DIAGONAL},
    "lerp": {"self": DIAGONAL, "end": DIAGONAL},
    "lerp_tensor": {"self": DIAGONAL, "end": DIAGONAL, "weight": DIAGONAL},
    "rsub": {"self": DIAGONAL},
    "mul": {"self": DIAGONAL, "other": DIAGONAL},
    "div": {"self": DIAGONAL, "other": DIAGONAL},
    "neg": {"self": DIAGONAL},
    "pow": {"self": DIAGONAL},
    "pow_tensor": {"self": DIAGONAL, "exponent": DIAGONAL},
    "rpow": {"exponent": DIAGONAL},
    # elementwise functions
    "exp": {"self": DIAGONAL},
    "log": {"self": DIAGONAL},
    "sqrt": {"self": DIAGONAL},
    "abs": {"self": DIAGONAL},
    "sin": {"self": DIAGONAL},
    "cos": {"self": DIAGONAL},
    "tan": {"self": DIAGONAL},
    "tanh": {"self": DIAGONAL},
    "sigmoid": {"self": DIAGONAL},
    "relu": {"self": DIAGONAL},
    "clamp": {"self": DIAGONAL},
    "where": {"self": DIAGONAL, "other": DIAGONAL},
    "clone": {"self": DIAGONAL},
    "to": {"self": DIAGONAL},
    "log1p": {"self": DIAGONAL},
    "log10": {"self": DIAGONAL},
    "log2": {"self": DIAGONAL},
    "expm1": {"self": DIAGONAL},
    "sign": {"self": DIAGONAL},
    "erf": {"self": DIAGONAL},
    "gelu": {"self": DIAGONAL},
    "softplus": {"self": DIAGONAL},
    "maximum": {"self": DIAGONAL, "other": DIAGONAL},
    "minimum": {"self": DIAGONAL, "other": DIAGONAL},
    "masked_fill": {"self": DIAGONAL},
    "masked_fill_tensor": {
        "self": DIAGONAL,
        "value": lambda tangent, mask: np.where(mask, tangent, 0),
    },
    # reductions: the same reduction of the tangent
    "sum": {"self": lambda tangent: np.sum(tangent)},
    "sum_dim": {"self": lambda tangent, dim, keepdim: np.sum(tangent, axis=dim, keepdims=keepdim)},
    "mean": {"self": lambda tangent: _mean_jvp(tangent, None, False)},
    "mean_dim": {"self": _mean_jvp},
    "max": {"self": lambda tangent, share: np.sum(tangent * share)},  # ties share, as backward
    "min": {"self": lambda tangent, share: np.sum(tangent * share)},
    "max_dim": {
        "self": lambda tangent, share, dim, keepdim: np.sum(
            tangent * share, axis=dim, keepdims=keepdim
        )
    },
    "min_dim": {
        "self": lambda tangent, share, dim, keepdim: np.sum(
            tangent * share, axis=dim, keepdims=keepdim
        )
    },
    "norm": {"self": None},
    "logsumexp": {"self": _logsumexp_jvp},
    "softmax": {"self": DIAGONAL},  # not elementwise, but its Jacobian diag(s) - s s^T is symmetric
    "log_softmax": {"self": _log_softmax_jvp},
    "cumsum": {"self": lambda tangent, dim: tangent if dim is None else np.cumsum(tangent, dim)},
    "prod": {"self": None},
    "prod_dim": {"self": None},
    "var": {"self": None},
    "std": {"self": None},
    # products: the product with the tangent in the input's place
    "dot": {
        "self": lambda tangent, tensor: np.dot(tangent, tensor),
        "tensor": lambda tangent, self: np.dot(self, tangent),
    },
    "mm": {
        "self": lambda tangent, mat2: tangent @ mat2,
        "mat2": lambda tangent, self: self @ tangent,
    },
    "addmm": {
        "self": lambda tangent, beta: _maybe_multiply(tangent, beta),
        "mat1": lambda tangent, mat2, alpha: _maybe_multiply(tangent @ mat2, alpha),
        "mat2": lambda tangent, mat1, alpha: _maybe_multiply(mat1 @ tangent, alpha),
    },
    "mv": {"self": lambda tangent, vec: tangent @ vec, "vec": lambda tangent, self: self @ tangent},
    "matmul": {
        "self": lambda tangent, other: np.matmul(tangent, other),
        "other": lambda tangent, self: np.matmul(self, tangent),
    },
    # shapes: the same rearrangement of the tangent
    "view": {"self": _to_result_shape},
    "squeeze": {"self": _to_result_shape},
    "squeeze_dim_": {"self": _to_result_shape},
    "unsafe_view": {"self": _to_result_shape},
    "squeeze_dim": {"self": _to_result_shape},
    "unsqueeze": {"self": _to_result_shape},
    "transpose": {"self": lambda tangent, dim0, dim1: np.swapaxes(tangent, dim0, dim1)},
    "permute": {"self": lambda tangent, dims: np.transpose(tangent, dims)},
    "t": {"self": lambda tangent: np.transpose(tangent)},
    "expand": {"self": lambda tangent, result: np.broadcast_to(tangent, np.shape(result))},
    "flip": {"self": lambda tangent, dims: np.flip(tangent, dims)},
    "cat": {
        "tensors": lambda tangent, result, i, dim, offsets: _into_zeros(
            tangent, result, _along(dim, slice(offsets[i], offsets[i + 1]))
        )
    },
    "stack": {
        "tensors": lambda tangent, result, i, dim: _into_zeros(tangent, result, _along(dim, i))
    },
    # indexing: the same elements of the tangent
    "select": {"self": lambda tangent, index: tangent[index]},
    "slice": {"self": lambda tangent, index: tangent[index]},
    "index": {"self": lambda tangent, index: tangent[index]},
    "unbind": {"self": lambda tangent, index: tangent[index]},
    "gather": {"self": lambda tangent, index: tangent[index]},
    "index_put": {
        "self": DIAGONAL,
        "values": lambda tangent, result, index: _into_zeros(
            np.broadcast_to(tangent, np.shape(result[index])), result, index
        ),
    },
    "index_scatter": {
        "source": lambda tangent, result, index: scatter_add(tangent, np.shape(result), index)
    },
    "embedding": {"weight": lambda tangent, indices: tangent[indices]},
    "nll_loss": {"self": None},
    "native_layer_norm": {"input": None, "weight": None, "bias": None},
    "native_batch_norm": {"input": None, "weight": None, "bias": None},
}


class ForwardDerivative:
    """One row of FORWARD_DERIVATIVES, made ready for `engine/forward.py`: per input of the op's
    row in DERIVATIVES, its JVP formula (None: none) and where each of the formula's parameters
    after `tangent` gets its value (a plan, as `Derivative.plans`)."""

    __slots__ = ("op", "formulas", "plans", "variadic")

    def __init__(self, derivative, jvps):
        self.op = derivative.op
        self.variadic = derivative.variadic
        formulas = []
        for name, vjp in zip(derivative.input_names, derivative.formulas):
            jvp = jvps.get(name)
            formulas.append(vjp if jvp == DIAGONAL else jvp)
        self.formulas = tuple(formulas)
        self.plans = tuple(
            None
            if f is None
            else tuple(
                derivative._source(name)
                for name in f.__code__.co_varnames[1 : f.__code__.co_argcount]
            )
            for f in self.formulas
        )

    def formula_and_plan(self, position):
        """The JVP formula of input `position` and its plan (cat and stack have one for all)."""
        position = 0 if self.variadic else position
        return self.formulas[position], self.plans[position]


FORWARD_OF = {
    op: ForwardDerivative(DERIVATIVE_OF[op], jvps) for op, jvps in FORWARD_DERIVATIVES.items()
}
