"""`mxnet.npx`: MXNet's extensions to NumPy (switching NumPy mode on, neural-network ops)."""

from ...nn import functional
from ...tensor_api import ops
from .ndarray import ndarray

_run = ndarray._run


def set_np(shape=True, array=True, dtype=False):
    """MXNet's switch to NumPy semantics; this layer always has them, so it only returns."""


def reset_np():
    """The opposite switch; kept for code that calls it."""


def is_np_array():
    return True


def relu(data):
    return _run(ops.relu, data)


def sigmoid(data):
    return _run(ops.sigmoid, data)


def softmax(data, axis=-1):
    return _run(functional.softmax, data, axis)


def log_softmax(data, axis=-1):
    return _run(functional.log_softmax, data, axis)
