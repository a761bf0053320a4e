"""`nn.functional`: the layers and losses as functions of tensors, built from the engine's ops.

Most functions here call or compose public tensor operations, so autograd differentiates them
through the formulas the engine already has; `linear`, `gelu`, `embedding`, `layer_norm`,
`batch_norm` and the negative log-likelihood (`nll_loss`, `cross_entropy`) are ops of their own,
with rows in the derivative table, so that their nodes carry PyTorch's names (AddmmBackward0,
GeluBackward0, EmbeddingBackward0, NativeLayerNormBackward0, NativeBatchNormBackward0,
NllLossBackward0).
"""

import builtins
import math
import warnings

import numpy as np

from ..engine import derivatives, dtypes
from ..engine.derivatives import _SQRT_2_OVER_PI, _TANH_CUBE
from ..engine.grad_mode import no_grad
from ..engine.nodes import record
from ..engine.tensor import Tensor
from ..messages import message
from ..tensor_api import creation, ops


def _scalar_type(t):
    """PyTorch's name of t's dtype in messages such as "expected ... Long ... but got Float"."""
    return dtypes.torch_type_name(t.dtype)


def _check_tensor(value, fn, name="input"):
    if not isinstance(value, Tensor):
        raise TypeError(message("bad_argument", fn=fn, name=name, type=type(value).__name__))


# ---------------------------------------------------------------- activations


def relu(input, inplace=False):
    _check_tensor(input, "relu")
    return input.relu_() if inplace else input.relu()


def tanh(input):
    _check_tensor(input, "tanh")
    return input.tanh()


def sigmoid(input):
    _check_tensor(input, "sigmoid")
    return input.sigmoid()


def _softmax_dim(fn, ndim, stacklevel):
    """PyTorch's legacy choice when `dim` is not given (with its deprecation warning)."""
    warnings.warn(message("softmax_implicit_dim", fn=fn), UserWarning, stacklevel=stacklevel)
    return 0 if ndim in (0, 1, 3) else 1


def log_softmax(input, dim=None, _stacklevel=3, dtype=None):
    """log(softmax(input)) along `dim` (the engine's op), with PyTorch's legacy choice of `dim`
    when it is not given."""
    _check_tensor(input, "log_softmax")
    if dim is None:
        dim = _softmax_dim("log_softmax", input.dim(), _stacklevel)
    return input.log_softmax(dim, dtype=dtype)


def softmax(input, dim=None, _stacklevel=3, dtype=None):
    """exp(x) / sum(exp(x)) along `dim` (the engine's op), with PyTorch's legacy choice of `dim`
    when it is not given."""
    _check_tensor(input, "softmax")
    if dim is None:
        dim = _softmax_dim("softmax", input.dim(), _stacklevel)
    return input.softmax(dim, dtype=dtype)


def dropout(input, p=0.5, training=True, inplace=False):
    """Zero each element with probability `p` and scale the rest by 1/(1-p), when training.

    As in PyTorch, the mask is `bernoulli_(1 - p)` divided by 1 - p, so after `ad.manual_seed(s)`
    the same elements are zeroed as in PyTorch.
    """
    _check_tensor(input, "dropout")
    if not 0 <= p <= 1:
        raise ValueError(message("dropout_p", p=p))
    if not training or p == 0:
        return input
    if p == 1:
        return input.mul_(0) if inplace else input * 0
    noise = creation.zeros_like(input).bernoulli_(1 - p)
    noise.div_(1 - p)
    return input.mul_(noise) if inplace else input * noise


def linear(input, weight, bias=None):
    """input @ weight.T + bias, with PyTorch's error when the feature counts disagree."""
    _check_tensor(input, "linear")
    _check_tensor(weight, "linear", "weight")
    if input.dim() == 0 or weight.dim() == 0:
        raise RuntimeError(message("linear_0d", a=input.dim(), b=weight.dim()))
    in_features = weight.shape[-1]
    if input.shape[-1] != in_features:
        rows = math.prod(input.shape[:-1])
        raise RuntimeError(
            message(
                "linear_shape",
                rows=rows,
                got=input.shape[-1],
                expected=in_features,
                out=weight.shape[0],
            )
        )
    _check_linear_dtypes(input, weight, bias)
    # PyTorch's graph: a matrix input gets addmm(bias, x, weight.t()) (or mm without a bias);
    # other inputs are flattened to a matrix first and the result given their shape back.
    out_features = weight.shape[0]
    if input.dim() == 2:
        return ops.mm(input, weight.t()) if bias is None else ops.addmm(bias, input, weight.t())
    if input.dim() == 1:
        if bias is None:
            product = ops.mm(input.unsqueeze(0), weight.t())
            return ops.reshaped_result(product, (out_features,), "squeeze_dim_")
        product = ops.addmm(bias, input.reshape(1, in_features), weight.t())
        return ops.reshaped_result(product, (out_features,), "view")
    flat = input.reshape(-1, in_features)
    shape = (*input.shape[:-1], out_features)
    if bias is None:
        return ops.reshaped_result(ops.mm(flat, weight.t()), shape, "unsafe_view")
    return ops.reshaped_result(ops.addmm(bias, flat, weight.t()), shape, "view")


def _check_linear_dtypes(input, weight, bias):
    """PyTorch's refusals: no type promotion between the input, the weight and the bias (with
    a bias its addmm kernel words them, without one its mm kernel)."""
    if input.dtype != weight.dtype:
        if bias is None:
            raise RuntimeError(
                message(
                    "mm_dtype",
                    a=dtypes.cpp_type_name(input.dtype.dtype),
                    b=dtypes.cpp_type_name(weight.dtype.dtype),
                )
            )
        raise RuntimeError(
            message("linear_dtype", input=_scalar_type(input), weight=_scalar_type(weight))
        )
    if bias is not None and bias.dtype != weight.dtype:
        raise RuntimeError(
            message("linear_bias_dtype", bias=_scalar_type(bias), weight=_scalar_type(weight))
        )


def _check_class_weight(weight, input, classes):
    """A class weight: one value per class, of the input's dtype, as PyTorch requires."""
    if weight is None:
        return
    if weight.dim() != 1 or weight.shape[0] != classes:
        raise RuntimeError(message("weight_classes", classes=classes, shape=list(weight.shape)))
    if weight.dtype != input.dtype:
        raise RuntimeError(
            message("scalar_type", expected=_scalar_type(input), got=_scalar_type(weight))
        )


def flatten(input, start_dim=0, end_dim=-1):
    return input.flatten(start_dim, end_dim)


# ---------------------------------------------------------------- losses


def _reduce(loss, reduction):
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    if reduction == "none":
        return loss
    raise ValueError(message("reduction", reduction=reduction))


def mse_loss(input, target, size_average=None, reduce=None, reduction="mean"):
    """The mean (or sum, or each) of (input - target)**2."""
    _check_tensor(input, "mse_loss")
    _check_tensor(target, "mse_loss", "target")
    if tuple(input.shape) != tuple(target.shape):
        warnings.warn(
            message("mse_shape", target=target.shape, input=input.shape), UserWarning, stacklevel=2
        )
    return _reduce((input - target) ** 2, reduction)


def _target_ndim(input, target):
    expected = [s for i, s in enumerate(input.shape) if i != (1 if input.dim() > 1 else 0)]
    return message(
        "target_ndim", input=list(input.shape), expected=expected, target=list(target.shape)
    )


def _check_class_target(input, target):
    """PyTorch's checks of class-index targets, with its exception types."""
    if target.dtype.name in ("float16", "float32", "float64"):
        if target.dim() == input.dim() - 1:
            raise RuntimeError(message("target_dtype", got=_scalar_type(target)))
        raise RuntimeError(_target_ndim(input, target))
    if target.dtype.name not in ("int64", "uint8"):
        raise RuntimeError(message("target_dtype", got=_scalar_type(target)))
    if target.dim() != input.dim() - 1:
        raise RuntimeError(_target_ndim(input, target))
    if input.dim() >= 2 and input.shape[0] != target.shape[0]:
        raise ValueError(message("target_batch", n=input.shape[0], m=target.shape[0]))
    if input.dim() > 2 and tuple(input.shape[2:]) != tuple(target.shape[1:]):
        raise RuntimeError(
            message("target_spatial", input=list(input.shape), target=list(target.shape))
        )


def nll_loss(
    input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean"
):
    """The negative log-likelihood of class indices `target` under log-probabilities `input`
    (N x C, C for one sample, or N x C x d1 x ... with targets N x d1 x ...)."""
    _check_tensor(input, "nll_loss")
    _check_tensor(target, "nll_loss", "target")
    if input.dim() == 0:
        raise RuntimeError(_target_ndim(input, target))
    _check_class_target(input, target)
    if input.dim() > 2:  # classes along dim 1: move them last, take each position as a row
        order = (0, *range(2, input.dim()), 1)
        losses = nll_loss(
            input.permute(*order).reshape(-1, input.shape[1]),
            target.reshape(-1),
            weight,
            ignore_index=ignore_index,
            reduction=reduction,
        )
        return losses.reshape(target.shape) if reduction == "none" else losses
    classes = input.shape[-1]
    _check_class_weight(weight, input, classes)
    labels = target.numpy().reshape(-1)
    used = labels != ignore_index
    bad = used & ((labels < 0) | (labels >= classes))
    if bad.any():
        raise IndexError(
            message("target_range", label=int(labels[bad][0]), classes=classes, last=classes - 1)
        )
    safe = np.where(used, labels, 0)  # ignored rows pick class 0, then get weight 0
    rows = input if input.dim() == 2 else input.reshape(1, classes)
    picked = rows[np.arange(labels.size), safe]
    if weight is None and used.all():  # the common case: every row counts once
        if reduction in ("mean", "sum"):
            return _nll_loss_node(rows, safe, reduction)
        losses = -picked
        total = labels.size
    else:
        float_type = dtypes.to_numpy(input.dtype)
        weights = (
            used.astype(float_type)
            if weight is None
            else np.where(used, weight.detach().numpy()[safe], 0).astype(float_type)
        )
        losses = -picked * creation.from_numpy(weights)
        total = builtins.float(weights.sum())
    if input.dim() == 1:
        losses = losses.reshape(())
    if reduction == "mean":
        if total == 0:  # every target ignored: PyTorch's 0/0 is nan, silently, with zero gradients
            return losses.sum() + math.nan
        return losses.sum() / total
    return _reduce(losses, reduction)


def _nll_loss_node(rows, labels, reduction):
    """The loss of rows x classes log-probabilities as one node, NllLossBackward0 as PyTorch
    names it (what `print(loss)` shows): minus the mean (or sum) of the picked entries; its
    gradient puts -1/N (or -1) at each picked entry."""
    x = rows._data
    index = (np.arange(labels.size), labels)
    total = np.add.reduce(x[index])
    count = labels.size if reduction == "mean" else 1
    with np.errstate(invalid="ignore"):  # the mean of no rows is nan, as in PyTorch
        value = -np.divide(total, count, dtype=x.dtype)
    weights = np.full(labels.size, -1.0 / builtins.max(count, 1), x.dtype)
    return record("nll_loss", value, (rows,), {"index": index, "weights": weights})


def cross_entropy(
    input,
    target,
    weight=None,
    size_average=None,
    ignore_index=-100,
    reduce=None,
    reduction="mean",
    label_smoothing=0.0,
):
    """Softmax then negative log-likelihood: `input` holds unnormalised scores (logits), N x C
    (or C), and `target` class indices (N, or 0-d) or class probabilities of input's shape."""
    _check_tensor(input, "cross_entropy")
    _check_tensor(target, "cross_entropy", "target")
    if label_smoothing != 0.0:
        raise NotImplementedError(message("label_smoothing"))
    if input.dim() == 0:
        raise RuntimeError(_target_ndim(input, target))
    class_dim = 0 if input.dim() == 1 else 1
    log_probs = log_softmax(input, class_dim)
    if tuple(target.shape) == tuple(input.shape):  # class probabilities
        if not target.is_floating_point():
            raise RuntimeError(message("target_probabilities", got=_scalar_type(target)))
        losses = -(target * log_probs)
        if weight is not None:
            if weight.dim() != 1 or weight.shape[0] != input.shape[class_dim]:
                raise RuntimeError(
                    message(
                        "weight_classes", classes=input.shape[class_dim], shape=list(weight.shape)
                    )
                )
            losses = losses * weight.reshape(-1, *(1,) * (input.dim() - class_dim - 1))
        return _reduce(losses.sum(class_dim), reduction)
    return nll_loss(log_probs, target, weight, ignore_index=ignore_index, reduction=reduction)


def one_hot(tensor, num_classes=-1):
    """Class indices -> rows of zeros with a 1 at the index (dtype int64), as PyTorch's."""
    _check_tensor(tensor, "one_hot", "tensor")
    if tensor.dtype.name != "int64":
        raise RuntimeError(message("one_hot_dtype"))
    labels = tensor.numpy()
    if labels.size and labels.min() < 0:
        raise RuntimeError(message("one_hot_negative"))
    if num_classes == -1:
        if labels.size == 0:
            raise RuntimeError(message("one_hot_empty"))
        num_classes = int(labels.max()) + 1
    elif labels.size and labels.max() >= num_classes:
        raise RuntimeError(message("one_hot_range"))
    return creation.from_numpy(np.eye(num_classes, dtype=np.int64)[labels])


# ---------------------------------------------------------------- layers of the first courses


def gelu(input, approximate="none"):
    """x * Phi(x), Phi the standard normal CDF (approximate="tanh": Hendrycks and Gimpel's
    0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x**3))), GPT-2's choice). Its derivative is the
    table's row "gelu"."""
    _check_tensor(input, "gelu")
    if approximate not in ("none", "tanh"):
        raise RuntimeError(message("gelu_approximate", approximate=approximate))
    if not input.is_floating_point():
        raise RuntimeError(message("gelu_dtype", dtype=_scalar_type(input)))
    x = input.detach().numpy()
    if approximate == "tanh":
        inner = _SQRT_2_OVER_PI * (x + _TANH_CUBE * x * x * x)
        result = 0.5 * x * (1 + np.tanh(inner))
    else:
        result = 0.5 * x * (1 + derivatives.erf(x * math.sqrt(0.5)))
    return record(
        "gelu", result.astype(x.dtype, copy=False), (input,), {"approximate": approximate}
    )


def softplus(input, beta=1.0, threshold=20.0):
    """log(1 + exp(beta x)) / beta, elementwise; where beta x > threshold it is x itself, as in
    PyTorch (the logarithm would round to x there, and exp(beta x) could overflow). Its derivative
    is the table's row "softplus"."""
    _check_tensor(input, "softplus")
    if not input.is_floating_point():
        raise NotImplementedError(message("softplus_dtype", dtype=_scalar_type(input)))
    x = input.detach().numpy()
    scaled = x * beta
    linear = scaled > threshold
    with np.errstate(over="ignore"):  # the overflowing entries are the linear ones, not used
        curved = np.log1p(np.exp(scaled)) / beta
    result = np.where(linear, x, curved)
    return record(
        "softplus",
        result.astype(x.dtype, copy=False),
        (input,),
        {"beta": beta, "threshold": threshold},
    )


def embedding(
    input,
    weight,
    padding_idx=None,
    max_norm=None,
    norm_type=2.0,
    scale_grad_by_freq=False,
    sparse=False,
):
    """The rows of `weight` that the integer tensor `input` names: `weight[input]`, of shape
    input.shape + (embedding_dim,). Its gradient adds each output row back into the row it came
    from (the table's row "embedding"); `padding_idx`'s row gets none."""
    _check_tensor(input, "embedding")
    _check_tensor(weight, "embedding", "weight")
    if max_norm is not None or scale_grad_by_freq or sparse:
        raise NotImplementedError(message("embedding_unsupported"))
    if input.dtype.name not in ("int64", "int32"):
        raise RuntimeError(message("embedding_indices", type=_scalar_type(input) + "Tensor"))
    indices = input.numpy()
    rows = weight.shape[0]
    if indices.size and (indices.min() < 0 or indices.max() >= rows):
        raise IndexError(message("embedding_range", rows=rows, last=rows - 1))
    if padding_idx is not None and padding_idx < 0:
        padding_idx += rows
    keep = None
    if padding_idx is not None and weight.requires_grad:
        keep = (indices != padding_idx)[..., None].astype(dtypes.to_numpy(weight.dtype))
    return record(
        "embedding", weight.detach().numpy()[indices], (weight,), {"indices": indices, "keep": keep}
    )


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
    """Normalise over the last dims (`normalized_shape`) of each sample: (x - mean) /
    sqrt(var + eps) with the biased variance, then * weight + bias. One op, as PyTorch's
    (NativeLayerNormBackward0; the derivative table's row "native_layer_norm")."""
    _check_tensor(input, "layer_norm")
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    if input.dim() < len(shape) or tuple(input.shape[input.dim() - len(shape) :]) != shape:
        raise RuntimeError(
            message(
                "layer_norm_shape",
                shape=list(shape),
                star=", ".join(["*"] + [str(s) for s in shape]),
                size=list(input.shape),
            )
        )
    dims = tuple(range(input.dim() - len(shape), input.dim()))
    x = input.detach().numpy()
    x_hat = derivatives._normalized(x, dims, eps)[0].astype(x.dtype, copy=False)
    output = x_hat if weight is None else x_hat * weight.detach().numpy()
    if bias is not None:
        output = output + bias.detach().numpy()
    return record("native_layer_norm", output, (input, weight, bias), {"dims": dims, "eps": eps})


def batch_norm(
    input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1, eps=1e-5
):
    """Normalise each channel (dim 1) over the batch (and length) dims: with the batch's mean and
    biased variance when `training` (and then move the running statistics towards them:
    running = (1 - momentum) * running + momentum * batch, the variance unbiased, as PyTorch
    does), with the running statistics otherwise. One op, as PyTorch's
    (NativeBatchNormBackward0; the derivative table's row "native_batch_norm")."""
    _check_tensor(input, "batch_norm")
    channels = input.shape[1] if input.dim() > 1 else 0
    for name, stat in (
        ("running_mean", running_mean),
        ("running_var", running_var),
        ("weight", weight),
        ("bias", bias),
    ):
        if stat is not None and stat.numel() != channels:
            raise RuntimeError(message("batch_norm_size", name=name, n=channels, got=stat.numel()))
    dims = (0, *range(2, input.dim()))
    along = (1, channels) + (1,) * (input.dim() - 2)  # a per-channel value, broadcastable
    x = input.detach().numpy()
    if training:
        count = input.numel() // max(channels, 1)
        if count <= 1:
            raise ValueError(message("batch_norm_one_value", size=input.shape))
        x_hat, rstd = derivatives._normalized(x, dims, eps)
        x_hat = x_hat.astype(x.dtype, copy=False)
        if running_mean is not None:
            with no_grad():
                batch_mean = x.mean(axis=dims, dtype=np.float64)
                batch_var = x.var(axis=dims, dtype=np.float64) * count / (count - 1)
                for stat, batch in ((running_mean, batch_mean), (running_var, batch_var)):
                    moved = momentum * batch + (1 - momentum) * stat.numpy().astype(np.float64)
                    stat.copy_(creation.tensor(moved, dtype=stat.dtype))
        saved_mean = saved_rstd = None
    else:
        saved_mean = running_mean.numpy().reshape(along).astype(x.dtype)
        saved_rstd = (1 / np.sqrt(running_var.numpy().reshape(along) + eps)).astype(x.dtype)
        x_hat = (x - saved_mean) * saved_rstd
    output = x_hat if weight is None else x_hat * weight.detach().numpy().reshape(along)
    if bias is not None:
        output = output + bias.detach().numpy().reshape(along)
    return record(
        "native_batch_norm",
        output,
        (input, weight, bias),
        {
            "dims": dims,
            "eps": eps,
            "along": along,
            "running_mean": saved_mean,
            "running_rstd": saved_rstd,
        },
    )
