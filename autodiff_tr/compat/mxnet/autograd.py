"""`mxnet.autograd`: the recording scope and `backward` over several heads."""

from contextlib import contextmanager

from ...messages import message
from .ndarray import _backward, _State, ndarray


@contextmanager
def _scope(recording, training):
    saved = (_State.recording, _State.training)
    _State.recording, _State.training = recording, training
    try:
        yield
    finally:
        _State.recording, _State.training = saved


def record(train_mode=True):
    """Record the operations inside the `with` block, so that `backward` can differentiate."""
    return _scope(True, train_mode)


def pause(train_mode=False):
    """Stop recording inside a `record()` block (for computations that need no gradient)."""
    return _scope(False, train_mode)


def train_mode():
    return _scope(_State.recording, True)


def predict_mode():
    return _scope(_State.recording, False)


def is_recording():
    return _State.recording


def is_training():
    return _State.training


def backward(heads, head_grads=None, retain_graph=False, train_mode=True):
    """Backward from several heads at once: their gradients are summed into the variables."""
    if isinstance(heads, ndarray):
        heads, head_grads = [heads], None if head_grads is None else [head_grads]
    if head_grads is not None and len(head_grads) != len(heads):
        raise ValueError(message("mxnet_head_grads", n=len(heads), m=len(head_grads)))
    _backward(list(heads), head_grads, retain_graph)
