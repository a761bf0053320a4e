"""Tensor hooks: `register_hook` and `retain_grad`, which hang on the node a tensor's gradient
flows into (its grad_fn, or a leaf's AccumulateGrad), and `run_tensor_hooks`, which the backward
walk calls on a gradient before it moves on."""

import weakref

import numpy as np

from ..messages import message
from .dtypes import torch_type_name
from .nodes import node_of
from .tensor import Tensor


class RemovableHandle:
    """What `Tensor.register_hook` returns: `handle.remove()` takes the hook off again (also at
    the end of a `with handle:` block), as PyTorch's `torch.utils.hooks.RemovableHandle`."""

    __slots__ = ("_holder", "_hook")

    def __init__(self, holder, hook):
        self._holder, self._hook = holder, hook

    def remove(self):
        holder = self._holder
        if holder is not None and holder._tensor_hooks is not None:
            kept = tuple(h for h in holder._tensor_hooks if h is not self._hook)
            holder._tensor_hooks = kept or None
        self._holder = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.remove()

    def __repr__(self):  # no memory address: a notebook output must not change between runs
        return "<autodiff_tr.RemovableHandle>"


class _UserHook:
    """A hook of `register_hook`: called with the gradient as a Tensor; what it returns (unless
    None) replaces the gradient."""

    __slots__ = ("fn",)

    def __init__(self, fn):
        self.fn = fn

    def __call__(self, grad):
        as_tensor = grad if isinstance(grad, Tensor) else Tensor._make(grad)
        new = self.fn(as_tensor)
        if new is None:
            return grad
        if not isinstance(new, Tensor):
            raise TypeError(message("hook_return", name=_hook_name(self.fn),
                                    type=type(new).__name__))
        if new._data.dtype != as_tensor._data.dtype:
            raise RuntimeError(message("hook_dtype", name=_hook_name(self.fn),
                                       was=_type_name(as_tensor), got=_type_name(new)))
        if new._data.shape != as_tensor._data.shape:
            raise RuntimeError(message("hook_shape", name=_hook_name(self.fn),
                                       got=list(new.shape), want=list(as_tensor.shape)))
        return new if isinstance(grad, Tensor) else new._data


def _type_name(t):
    return f"torch.{torch_type_name(t._data.dtype)}Tensor"


def _hook_name(fn):
    return getattr(fn, "__name__", type(fn).__name__)


class _RetainGrad:
    """`retain_grad()`: the tensor's `.grad` gets the gradient (after the other hooks)."""

    __slots__ = ("ref",)

    def __init__(self, tensor):
        self.ref = weakref.ref(tensor)

    def __call__(self, grad):
        tensor = self.ref()
        if tensor is not None:
            g = grad if isinstance(grad, Tensor) else Tensor._make(np.array(grad))
            tensor._grad = g if tensor._grad is None else tensor._grad + g
        return grad


class _Held:
    """A strong reference to a leaf's AccumulateGrad where `tensor._accumulator` usually keeps a
    weak one (it is called the same way): a leaf with hooks keeps its node, and so its hooks."""

    __slots__ = ("node",)

    def __init__(self, node):
        self.node = node

    def __call__(self):
        return self.node


def register_hook(tensor, hook):
    """`Tensor.register_hook`: `hook(grad)` runs whenever a gradient for `tensor` is computed;
    what it returns, unless None, is used instead (PyTorch's semantics, also for leaves, before
    the gradient reaches `.grad`)."""
    if not tensor._requires_grad:
        raise RuntimeError(message("hook_no_grad"))
    entry = _UserHook(hook)
    holder = _hook_holder(tensor)
    hooks = holder._tensor_hooks or ()
    users = sum(1 for h in hooks if not isinstance(h, _RetainGrad))  # retain_grad runs last
    holder._tensor_hooks = hooks[:users] + (entry,) + hooks[users:]
    return RemovableHandle(holder, entry)


def retain_grad(tensor):
    """Keep `.grad` for this non-leaf tensor too (leaves always get theirs)."""
    if not tensor._requires_grad:
        raise RuntimeError(message("retain_grad_no_grad"))
    if tensor.grad_fn is None or tensor._retains_grad:
        return
    node = tensor.grad_fn
    node._tensor_hooks = (node._tensor_hooks or ()) + (_RetainGrad(tensor),)
    tensor._retains_grad = True


def _hook_holder(tensor):
    if tensor.grad_fn is not None:
        return tensor.grad_fn
    node = node_of(tensor)
    tensor._accumulator = _Held(node)
    return node


def run_tensor_hooks(hooks, grad):
    for hook in hooks:
        grad = hook(grad)
    return grad
