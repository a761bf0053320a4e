"""`nn.functional`: the layers and losses as functions of tensors, built from the engine's ops.

Every function here calls or composes public tensor operations, so autograd differentiates it
through the formulas the engine already has; none adds a derivative of its own.
"""

import builtins
import math
import warnings

import numpy as np

from ..engine import dtypes
from ..engine.tensor import Tensor
from ..messages import message
from ..tensor_api import creation


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
        raise RuntimeError(message("linear_shape", rows=rows, got=input.shape[-1],
                                   expected=in_features, out=weight.shape[0]))
    _check_linear_dtypes(input, weight, bias)
    # Computed as (weight @ x.T).T, which is x @ weight.T: this way the backward's product for
    # weight's gradient is g.T @ x, laid out like weight itself (row-major), where x @ weight.T
    # would hand back a transposed (column-major) gradient, and every optimizer step would then
    # add arrays of two memory orders, some 20x slower than adding alike ones for a 256 x 784
    # weight. (A speed trick only: the values are the same.)
    flat = input if input.dim() == 2 else input.reshape(-1, in_features)
    output = weight.matmul(flat.T).T
    if input.dim() != 2:
        output = output.reshape(*input.shape[:-1], weight.shape[0])
    # a fresh tensor, not a view of the product, so that in-place ops such as ReLU(inplace=True)
    # may follow, as in PyTorch
    return output.clone() if bias is None else output + bias


def _check_linear_dtypes(input, weight, bias):
    """PyTorch's refusals: no type promotion between the input, the weight and the bias (with
    a bias its addmm kernel words them, without one its mm kernel)."""
    if input.dtype != weight.dtype:
        if bias is None:
            raise RuntimeError(message("mm_dtype", a=dtypes.cpp_type_name(input.dtype.dtype),
                                       b=dtypes.cpp_type_name(weight.dtype.dtype)))
        raise RuntimeError(message("linear_dtype", input=_scalar_type(input),
                                   weight=_scalar_type(weight)))
    if bias is not None and bias.dtype != weight.dtype:
        raise RuntimeError(message("linear_bias_dtype", bias=_scalar_type(bias),
                                   weight=_scalar_type(weight)))


def _check_class_weight(weight, input, classes):
    """A class weight: one value per class, of the input's dtype, as PyTorch requires."""
    if weight is None:
        return
    if weight.dim() != 1 or weight.shape[0] != classes:
        raise RuntimeError(message("weight_classes", classes=classes, shape=list(weight.shape)))
    if weight.dtype != input.dtype:
        raise RuntimeError(message("scalar_type", expected=_scalar_type(input),
                                   got=_scalar_type(weight)))


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
        warnings.warn(message("mse_shape", target=target.shape, input=input.shape),
                      UserWarning, stacklevel=2)
    return _reduce((input - target) ** 2, reduction)


def _target_ndim(input, target):
    expected = [s for i, s in enumerate(input.shape) if i != (1 if input.dim() > 1 else 0)]
    return message("target_ndim", input=list(input.shape), expected=expected,
                   target=list(target.shape))


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
        raise RuntimeError(message("target_spatial", input=list(input.shape),
                                   target=list(target.shape)))


def nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
             reduction="mean"):
    """The negative log-likelihood of class indices `target` under log-probabilities `input`
    (N x C, C for one sample, or N x C x d1 x ... with targets N x d1 x ...)."""
    _check_tensor(input, "nll_loss")
    _check_tensor(target, "nll_loss", "target")
    if input.dim() == 0:
        raise RuntimeError(_target_ndim(input, target))
    _check_class_target(input, target)
    if input.dim() > 2:  # classes along dim 1: move them last, take each position as a row
        order = (0, *range(2, input.dim()), 1)
        losses = nll_loss(input.permute(*order).reshape(-1, input.shape[1]), target.reshape(-1),
                          weight, ignore_index=ignore_index, reduction=reduction)
        return losses.reshape(target.shape) if reduction == "none" else losses
    classes = input.shape[-1]
    _check_class_weight(weight, input, classes)
    labels = target.numpy().reshape(-1)
    used = labels != ignore_index
    bad = used & ((labels < 0) | (labels >= classes))
    if bad.any():
        raise IndexError(message("target_range", label=int(labels[bad][0]), classes=classes,
                                         last=classes - 1))
    safe = np.where(used, labels, 0)  # ignored rows pick class 0, then get weight 0
    rows = input if input.dim() == 2 else input.reshape(1, classes)
    picked = rows[np.arange(labels.size), safe]
    if weight is None and used.all():  # the common case: every row counts once
        if reduction == "mean":
            return -picked.mean() if input.dim() == 2 else -picked.reshape(())
        losses = -picked
        total = labels.size
    else:
        float_type = dtypes.to_numpy(input.dtype)
        weights = used.astype(float_type) if weight is None else \
            np.where(used, weight.detach().numpy()[safe], 0).astype(float_type)
        losses = -picked * creation.from_numpy(weights)
        total = builtins.float(weights.sum())
    if input.dim() == 1:
        losses = losses.reshape(())
    if reduction == "mean":
        if total == 0:  # every target ignored: PyTorch's 0/0 is nan, silently, with zero gradients
            return losses.sum() + math.nan
        return losses.sum() / total
    return _reduce(losses, reduction)


def cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
                  reduction="mean", label_smoothing=0.0):
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
                raise RuntimeError(message("weight_classes", classes=input.shape[class_dim],
                                           shape=list(weight.shape)))
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
