"""Random tensors from one seeded generator, so `manual_seed` makes every notebook reproducible."""

import numbers

import numpy as np

from .creation import _finish, _size
from .tensor import Tensor


class Generator:
    """The source of random numbers (NumPy's PCG64), reseeded by `manual_seed`."""

    def __init__(self, seed=0):
        self.manual_seed(seed)

    def manual_seed(self, seed):
        self._seed = int(seed)
        self._rng = np.random.default_rng(self._seed)
        return self

    def initial_seed(self):
        return self._seed

    def __repr__(self):  # no memory address: a notebook output must not change between runs
        return f"<autodiff_tr.Generator seed={self._seed}>"


default_generator = Generator(np.random.SeedSequence().entropy % 2**63)


def manual_seed(seed):
    """Seed the generator behind `rand`, `randn`, `normal` and `randint`."""
    return default_generator.manual_seed(seed)


def initial_seed():
    return default_generator.initial_seed()


def _rng(generator):
    return (generator or default_generator)._rng


def rand(*size, generator=None, dtype=None, requires_grad=False, **kwargs):
    """Uniform on [0, 1): `rand(2, 3)` or `rand(size=(2, 3))`."""
    shape = _size("rand", size, kwargs.pop("size", None))
    return _finish(_rng(generator).random(shape), dtype, requires_grad)


def randn(*size, generator=None, dtype=None, requires_grad=False, **kwargs):
    """Standard normal: `randn(2, 3)`, `randn(size=(2, 3))`; `size=()` gives a 0-d tensor."""
    shape = _size("randn", size, kwargs.pop("size", None))
    return _finish(_rng(generator).standard_normal(shape), dtype, requires_grad)


def randint(low, high=None, size=(), *, generator=None, dtype=None, requires_grad=False):
    if high is None:
        low, high = 0, low
    elif not isinstance(high, numbers.Integral):  # randint(high, size), as PyTorch allows
        low, high, size = 0, low, high
    array = _rng(generator).integers(low, high, size=tuple(size))
    return _finish(array, dtype, requires_grad, np.int64)


def normal(mean=0.0, std=1.0, size=None, *, generator=None, dtype=None, requires_grad=False):
    """Normal samples; `mean`/`std` may be numbers (then `size` is needed) or tensors."""
    m = mean._data if isinstance(mean, Tensor) else mean
    s = std._data if isinstance(std, Tensor) else std
    shape = tuple(size) if size is not None else np.broadcast_shapes(np.shape(m), np.shape(s))
    values = m + s * _rng(generator).standard_normal(shape)
    default = np.result_type(*(x for x in (m, s) if isinstance(x, np.ndarray)), np.float32)
    return _finish(np.asarray(values), dtype, requires_grad, default)


def randperm(n, *, generator=None, dtype=None):
    return _finish(_rng(generator).permutation(n), dtype, False, np.int64)
