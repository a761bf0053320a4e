"""Grad mode: whether operations record a graph (`no_grad`, `enable_grad`, `set_grad_enabled`,
`inference_mode`).

Each thread has its own modes, as in PyTorch: a widget redrawing under `no_grad` on a second
kernel thread, or a backward running there, leaves the recording of the main thread alone. A new
thread starts with grad mode on and inference mode off.
"""

import functools
import threading


class _Modes(threading.local):
    """The modes of the current thread. `__init__` runs once in every thread that reads them, so
    reading `_modes.grad_enabled` costs one attribute lookup, on every recorded op."""

    def __init__(self):
        self.grad_enabled = True
        self.inference_enabled = False


_modes = _Modes()


def is_grad_enabled():
    return _modes.grad_enabled


class _GradModeContext:
    """Base for no_grad / enable_grad: a context manager that also works as a decorator, with or
    without parentheses (`@ad.no_grad()` and `@ad.no_grad`), as in PyTorch."""

    mode = True

    def __new__(cls, func=None):
        self = super().__new__(cls)
        return self if func is None else self(func)

    def __enter__(self):
        self._previous = _modes.grad_enabled
        _modes.grad_enabled = self.mode

    def __exit__(self, *exc):
        _modes.grad_enabled = self._previous
        return False

    def __call__(self, fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with self.__class__():
                return fn(*args, **kwargs)

        return wrapper


class no_grad(_GradModeContext):  # noqa: N801 - PyTorch's name
    """Operations inside record no graph: for updates of parameters and for evaluation."""

    mode = False


class enable_grad(_GradModeContext):  # noqa: N801 - PyTorch's name
    """Turn recording back on inside a `no_grad` block."""

    mode = True


class set_grad_enabled(_GradModeContext):  # noqa: N801 - PyTorch's name
    """`set_grad_enabled(False)` switches at once; used in `with`, it switches back at the end."""

    def __new__(cls, mode):
        return object.__new__(cls)

    def __init__(self, mode):
        self._previous = _modes.grad_enabled
        self.mode = bool(mode)
        _modes.grad_enabled = self.mode

    def __enter__(self):
        pass

    def __call__(self, fn):
        _modes.grad_enabled = self._previous  # as a decorator it must not switch at definition time
        mode = self.mode

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with set_grad_enabled(mode):
                return fn(*args, **kwargs)

        return wrapper


def is_inference_mode_enabled():
    return _modes.inference_enabled


class inference_mode(_GradModeContext):  # noqa: N801 - PyTorch's name
    """For code that never needs gradients (evaluating a trained model): nothing inside records
    a graph, as under `no_grad`. `inference_mode(False)` changes nothing. A context manager and a
    decorator, with or without parentheses.

    The tensors made inside (by ops and factory functions) are inference tensors, as PyTorch
    marks them (`t.is_inference()`): autograd refuses to save one for backward, and outside
    inference mode one cannot be changed in place or made to require grad (see
    `tensor.InferenceTensor`); `t.clone()` gives an ordinary tensor."""

    def __new__(cls, mode=True):
        self = object.__new__(cls)
        if callable(mode):  # @inference_mode without parentheses
            self.mode_on = True
            return self(mode)
        return self

    def __init__(self, mode=True):
        if not callable(mode):
            self.mode_on = bool(mode)

    def __enter__(self):
        self._previous = _modes.grad_enabled, _modes.inference_enabled
        if self.mode_on:
            _modes.grad_enabled, _modes.inference_enabled = False, True

    def __exit__(self, *exc):
        _modes.grad_enabled, _modes.inference_enabled = self._previous
        return False

    def __call__(self, fn):
        mode = self.mode_on

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with inference_mode(mode):
                return fn(*args, **kwargs)

        return wrapper
