"""Random tensors with PyTorch's own numbers: after `manual_seed(s)` every function here gives what
PyTorch gives on the CPU after `torch.manual_seed(s)`, so a notebook shows the same values under
either library.

PyTorch's CPU generator is a 32-bit Mersenne Twister (mt19937) seeded the standard way with the
seed's low 32 bits; NumPy ships the same engine (`np.random.MT19937`), so this module only has to
reproduce how PyTorch turns its 32-bit words into numbers (ATen's `DistributionsHelper.h`,
`TransformationHelper.h` and the CPU kernels in `native/cpu/DistributionTemplates.h`):

- uniform: float32 (and float16, rounded from it) keeps the low 24 bits of one word, float64 the
  low 53 bits of two words (the first word high), scaled by 2**-24 or 2**-53:
  `u * (high - low) + low`;
- normal, 16 or more contiguous values: all the uniforms first, then Box-Muller on blocks of 16
  (the first 8 give the radii, the next 8 the angles); when the count is not a multiple of 16,
  16 fresh uniforms replace the last 16 and that block is transformed again;
- normal, fewer than 16 values (or a non-contiguous tensor): one value at a time in float64, each
  pair from two 53-bit uniforms, the second of the pair kept in the generator for the next call;
- randint: one word (two when the range reaches 2**32) modulo the range;
- randperm: a swap with `word % (n - i)` for each position i, in order.

Where this cannot match (the AVX2-only code path of PyTorch, float16): see docs/random.md.
"""

import builtins
import math
import numbers

import numpy as np

from ..engine import dtypes
from ..engine.nodes import mark_inference
from ..engine.tensor import Tensor
from ..messages import message
from . import _cephes
from ._topk_order import topk_order
from .arguments import _size
from .device import CPU as CPU_DEVICE
from .device import check as check_device
from .device import device as Device

_TWO_PI = 2.0 * math.pi
_FILL_BLOCK = 16  # PyTorch's vectorized normal fill works on blocks of 16 values


class Generator:
    """A Mersenne Twister with PyTorch's seeding, plus the spare normal value of Box-Muller."""

    def __init__(self, device="cpu"):  # noqa: A002 - PyTorch's parameter name
        """`Generator()` or `Generator(device="cpu")`, seeded with PyTorch's default seed for a
        new generator; another device raises PyTorch's RuntimeError."""
        if check_device(device, raises=False) is None:
            raise RuntimeError(message("device_unsupported", type=Device(device).type))
        self.device = CPU_DEVICE
        self.manual_seed(67280421310721)

    def manual_seed(self, seed):
        seed = _unsigned_seed(seed)
        self._seed = seed
        # RandomState's integer seeding is mt19937's standard `init_genrand`, the one PyTorch uses
        key, pos = np.random.RandomState(seed & 0xFFFFFFFF).get_state()[1:3]
        self._engine = np.random.MT19937()
        self._engine.state = {"bit_generator": "MT19937", "state": {"key": key, "pos": pos}}
        self._spare_normal = None  # the second value of the last Box-Muller pair, if unused
        return self

    def seed(self):
        """Reseed from the operating system's entropy; return the new seed."""
        self.manual_seed(int(np.random.SeedSequence().entropy) % 2**64)
        return self._seed

    def initial_seed(self):
        return self._seed

    def get_state(self):
        """The generator's whole state as a uint8 tensor (for `set_state`; not PyTorch's layout)."""
        state = self._engine.state["state"]
        words = np.concatenate([state["key"].astype(np.uint32),
                                np.array([state["pos"]], np.uint32)])
        spare = np.array([np.nan if self._spare_normal is None else self._spare_normal])
        seed = np.array([self._seed], np.uint64)
        raw = np.concatenate([words.view(np.uint8), spare.view(np.uint8), seed.view(np.uint8)])
        return Tensor._make(raw)

    def set_state(self, new_state):
        raw = np.ascontiguousarray(new_state._data if isinstance(new_state, Tensor) else new_state,
                                   dtype=np.uint8)
        if raw.size != _STATE_BYTES:
            raise RuntimeError(message("rng_state_size", expected=_STATE_BYTES, got=raw.size))
        words = raw[:625 * 4].view(np.uint32)
        spare = raw[625 * 4:625 * 4 + 8].view(np.float64)[0]
        self._engine.state = {"bit_generator": "MT19937",
                              "state": {"key": words[:624].copy(), "pos": int(words[624])}}
        self._spare_normal = None if np.isnan(spare) else float(spare)
        self._seed = int(raw[625 * 4 + 8:].view(np.uint64)[0])
        return self

    def __repr__(self):  # no memory address: a notebook output must not change between runs
        return f"<autodiff_tr.Generator seed={self._seed}>"

    # ------------------------------------------------------------ PyTorch's raw words
    def _words32(self, n):
        """n outputs of mt19937 (PyTorch's `random()`), as uint64 values below 2**32."""
        return self._engine.random_raw(n)

    def _words64(self, n):
        """n 64-bit values, each two outputs with the first as the high half (`random64()`)."""
        pairs = self._engine.random_raw(2 * n)
        return (pairs[0::2] << np.uint64(32)) | pairs[1::2]


_STATE_BYTES = 625 * 4 + 8 + 8


def _unsigned_seed(seed):
    """PyTorch takes any seed in [-2**63, 2**64) and keeps it as an unsigned 64-bit number."""
    if isinstance(seed, Tensor):
        seed = seed.item()
    if not isinstance(seed, numbers.Integral) or isinstance(seed, builtins.bool):
        try:
            seed = int(seed)
        except (TypeError, ValueError) as error:  # PyTorch's int(seed) raises the same type
            raise type(error)(message("seed_type", type=type(seed).__name__)) from None
    seed = int(seed)
    if not -(2**63) <= seed < 2**64:
        raise RuntimeError(message("seed_range", seed=seed))
    return seed % 2**64


default_generator = Generator()
default_generator.seed()  # unseeded, each run differs, as in PyTorch


def manual_seed(seed):
    """Seed the generator behind every random function: `rand`, `randn`, `normal`, `randint`,
    `randperm`, the `_like` forms, `Tensor.uniform_`/`normal_` and `nn.init`."""
    return default_generator.manual_seed(seed)


def seed():
    """Seed the default generator from the operating system's entropy; return the seed."""
    return default_generator.seed()


def initial_seed():
    return default_generator.initial_seed()


def get_rng_state():
    return default_generator.get_state()


def set_rng_state(new_state):
    default_generator.set_state(new_state)


def _gen(generator):
    return default_generator if generator is None else generator


# ---------------------------------------------------------------- the samplers, on NumPy arrays

# Values drawn per step. A large tensor is filled step by step in its own dtype, so that the
# temporaries (64-bit words, the Box-Muller terms) cost this many values, not the tensor's size:
# randn(n) in float32 would otherwise peak at 18 times its result. A multiple of _FILL_BLOCK.
_CHUNK = 1 << 14


def _chunks(n, step=_CHUNK):
    return ((start, min(start + step, n)) for start in range(0, n, step))


def _uniform_values(gen, n, dtype, low=0.0, high=1.0, out=None):
    """n uniform values on [low, high) in `dtype` (written into the flat array `out` if given),
    drawn step by step (`_CHUNK`) from the one stream."""
    dtype = np.dtype(dtype)
    if out is None:
        if n <= _CHUNK:  # one step: its array is the result
            return _uniform_chunk(gen, n, dtype, low, high)
        out = np.empty(n, dtype)
    for start, stop in _chunks(n):
        out[start:stop] = _uniform_chunk(gen, stop - start, dtype, low, high)
    return out


def _uniform_chunk(gen, n, dtype, low, high):
    """n uniform values on [low, high) in `dtype`, as PyTorch's `uniform_real_distribution`:
    the low mantissa-width bits of a word, times 2**-digits, in the dtype's own arithmetic."""
    if dtype == np.float64:
        bits = gen._words64(n) & np.uint64(2**53 - 1)
        u = bits.astype(np.float64) * (1.0 / 2**53)
        compute = np.float64
    else:  # float32, and float16, which PyTorch draws as float32 and rounds
        bits = gen._words32(n) & np.uint64(2**24 - 1)
        compute = np.float32
        u = bits.astype(np.float32) * np.float32(1.0 / 2**24)
    low, high = compute(dtype.type(low)), compute(dtype.type(high))
    if low == 0 and high == 1:
        return u.astype(dtype, copy=False)
    return (u * (high - low) + low).astype(dtype, copy=False)


def _normal_values(gen, n, dtype, mean=0.0, std=1.0, contiguous=True, out=None):
    """n normal values in `dtype` (written into the flat array `out` if given), consuming the
    generator as PyTorch's CPU `normal_` does."""
    dtype = np.dtype(dtype)
    if n >= _FILL_BLOCK and contiguous and dtype in (np.float32, np.float64):
        return _normal_fill(gen, n, dtype, mean, std, out)
    values = _normal_one_by_one(gen, n, mean, std)
    if out is None:
        return values.astype(dtype)
    out[...] = values
    return out


def _normal_fill(gen, n, dtype, mean, std, out=None):
    """PyTorch's `normal_fill`: n uniforms, Box-Muller on each block of 16, and the last block
    redone with 16 fresh uniforms when n is not a multiple of 16."""
    data = _uniform_values(gen, n, dtype, out=out)
    full = n - n % _FILL_BLOCK
    for start, stop in _chunks(full):
        data[start:stop] = _box_muller_blocks(data[start:stop], dtype, mean, std)
    if n % _FILL_BLOCK:
        data[n - _FILL_BLOCK:] = _box_muller_blocks(_uniform_values(gen, _FILL_BLOCK, dtype),
                                                    dtype, mean, std)
    return data


def _box_muller_blocks(u, dtype, mean, std):
    """Box-Muller on blocks of 16 uniforms: u[0:8] give the radii, u[8:16] the angles; the block
    becomes r cos(theta) followed by r sin(theta), then `* std + mean` in one fused step.

    float32 follows PyTorch's AVX2 code (`_cephes`); float64 PyTorch's plain C++ loop, whose
    log, cos and sin are the C library's (Python's `math` calls the same)."""
    blocks = u.reshape(-1, 2, 8)
    u1 = 1 - blocks[:, 0]  # [0, 1) -> (0, 1] for the logarithm
    u2 = blocks[:, 1]
    if dtype == np.float32:
        radius = np.sqrt(np.float32(-2) * _cephes.log(u1))
        sin, cos = _cephes.sincos(np.float32(_TWO_PI) * u2)
        pair = np.stack([radius * cos, radius * sin], axis=1)
        out = _cephes.fma32(pair, np.float32(std), np.float32(mean))
    else:
        radius = np.sqrt(-2 * _libm(math.log, u1))
        theta = _TWO_PI * u2
        pair = np.stack([radius * _libm(math.cos, theta), radius * _libm(math.sin, theta)],
                        axis=1)
        out = pair if (std, mean) == (1, 0) else _cephes.fma64(pair, float(std), float(mean))
    return out.reshape(-1)


def _libm(fn, values):
    """`fn` (from `math`, that is, the C library PyTorch calls too) on every value. NumPy's own
    vectorized float64 log/sin/cos may differ from the C library in the last bit, and a
    notebook's printed digits would then differ from PyTorch's."""
    return np.fromiter(map(fn, values.reshape(-1).tolist()), np.float64,
                       count=values.size).reshape(values.shape)


def _normal_one_by_one(gen, n, mean, std):
    """PyTorch's `normal_distribution<double>`: Box-Muller on two 53-bit uniforms gives a pair;
    the first is returned, the second kept in the generator for the next value asked for."""
    out = np.empty(n, np.float64)
    for i in range(n):
        if gen._spare_normal is not None:
            z, gen._spare_normal = gen._spare_normal, None
        else:
            u1, u2 = _uniform_values(gen, 2, np.float64).tolist()
            r = math.sqrt(-2.0 * math.log1p(-u2))
            theta = _TWO_PI * u1
            gen._spare_normal = r * math.sin(theta)
            z = r * math.cos(theta)
        out[i] = z
    # `z * std + mean`, fused by the compiler into one multiply-add, as in `_box_muller_blocks`
    return out if (std, mean) == (1, 0) else _cephes.fma64(out, float(std), float(mean))


def _memory_order(array):
    """The order of `array`'s dims from the slowest-moving in memory to the fastest: PyTorch's
    element loops visit a tensor in memory order (a transposed view along its base's rows)."""
    if array.flags.c_contiguous:
        return tuple(range(array.ndim))
    return tuple(sorted(range(array.ndim), key=lambda d: -abs(array.strides[d])))


def _memory_order_fill(array, values):
    """Write `values` (a flat array) into `array` in memory order (`_memory_order`)."""
    if array.flags.c_contiguous:
        array.reshape(-1)[...] = values
        return
    view = np.transpose(array, _memory_order(array))
    view[...] = values.reshape(view.shape)


def _integers(gen, n, low, high):
    """n integers on [low, high), as PyTorch's `uniform_int_from_to_distribution`."""
    span = high - low
    words = gen._words64(n) if span >= 2**32 else gen._words32(n)
    return (words % np.uint64(span)).astype(np.int64) + low


def _permutation(gen, n):
    """PyTorch's CPU randperm: for each position i in order, swap it with i + word % (n - i)."""
    perm = np.arange(n, dtype=np.int64)
    if n < 2:
        return perm
    offsets = (gen._words32(n - 1) % np.arange(n, 1, -1, dtype=np.uint64)).tolist()
    order = perm.tolist()  # Python ints: the swaps run in a plain loop, one per element
    for i, z in enumerate(offsets):
        j = i + z
        order[i], order[j] = order[j], order[i]
    return np.array(order, dtype=np.int64)


def _exponential_values(gen, n, lambd=1.0):
    """n exponential values in float64, as PyTorch's CPU `exponential_`: one 53-bit uniform u
    each, `-1 / lambd * log1p(-u)` with the C library's `log1p`."""
    return (-1.0 / lambd) * _libm(math.log1p, -_uniform_values(gen, n, np.float64))


def _sample_categories(gen, rows, num_samples, replacement):
    """PyTorch's CPU multinomial on the rows of a 2-d array of weights.

    Without replacement (and for a single sample) the exponential race: q ~ Exp(1) for every
    weight, filled in the weights' memory order, and the categories of the largest `p / q`
    win, best first (the Gumbel-max trick, exponentiated); where zero weights are among the
    winners, in the order PyTorch's topk leaves them (`_topk_order`). With replacement, for each
    row, the running sum of the weights divided by their total, and for each sample the first
    category whose cumulative probability reaches a 53-bit uniform value (a binary search)."""
    if not replacement or num_samples == 1:
        if rows.size and not (np.all(rows >= 0) and np.all(np.isfinite(rows))):
            raise RuntimeError(message("multinomial_probs"))
        if rows.size and np.any(rows.sum(axis=-1) == 0):
            raise RuntimeError(message("multinomial_sum"))
        race = np.empty_like(rows)
        _memory_order_fill(race, _exponential_values(gen, rows.size).astype(rows.dtype))
        ratio = rows / race
        if num_samples == 1:
            return np.argmax(ratio, axis=-1)[:, None]
        best = np.argsort(-ratio, axis=-1, kind="stable")[:, :num_samples]
        for i in np.flatnonzero(np.count_nonzero(rows, axis=-1) < num_samples):
            best[i] = topk_order(ratio[i], num_samples)  # ties among the zeros: PyTorch's order
        return best
    out = np.empty((rows.shape[0], num_samples), np.int64)
    for i, row in enumerate(rows):
        bad = ~(row >= 0)  # a NaN fails this test first, as in PyTorch's loop
        infinite = ~np.isfinite(row) & ~bad
        if bad.any() or infinite.any():
            first_bad = np.argmax(bad) if bad.any() else row.size
            first_infinite = np.argmax(infinite) if infinite.any() else row.size
            if first_bad < first_infinite:
                raise RuntimeError(message("multinomial_negative"))
            raise RuntimeError(message("multinomial_not_finite"))
        cumulative = np.cumsum(row)  # one running sum in the weights' dtype, in order
        total = cumulative[-1]
        if not total > 0:
            raise RuntimeError(message("multinomial_sum"))
        cumulative = cumulative / total
        cumulative[-1] = 1
        draws = _uniform_values(gen, num_samples, np.float64)
        out[i] = np.searchsorted(cumulative.astype(np.float64), draws, side="left")
    return out


def multinomial(input, num_samples, replacement=False, *, generator=None):
    """`num_samples` category indices per row of weights `input` (1-d, or 2-d for one
    distribution per row; the weights need not sum to 1), PyTorch's samples after the same
    seed. Without replacement each category comes at most once."""
    probs = input._data
    if probs.ndim not in (1, 2):
        raise RuntimeError(message("multinomial_dim", ndim=probs.ndim))
    if probs.dtype.kind != "f":
        raise RuntimeError(message("multinomial_dtype",
                                   dtype=dtypes.torch_type_name(probs.dtype)))
    num_samples = builtins.int(num_samples)
    if num_samples <= 0:
        raise RuntimeError(message("multinomial_count"))
    categories = probs.shape[-1]
    if not replacement and num_samples > categories:
        raise RuntimeError(message("multinomial_too_many", n=num_samples,
                                   categories=categories))
    rows = probs if probs.ndim == 2 else probs[None]
    if categories == 0 and rows.shape[0]:
        raise RuntimeError(message("multinomial_empty"))
    compute = np.float32 if probs.dtype == np.float16 else probs.dtype  # PyTorch: float for half
    samples = _sample_categories(_gen(generator), rows.astype(compute, copy=False), num_samples,
                                 replacement)
    return Tensor._make(samples.astype(np.int64, copy=False).reshape(
        (num_samples,) if probs.ndim == 1 else (rows.shape[0], num_samples)))


def exponential_(self, lambd=1.0, *, generator=None):
    """Fill `self` with exponential values of rate `lambd`, in place."""
    array = _random_target(self, "exponential_")
    if not lambd > 0:
        raise RuntimeError(message("exponential_lambda", lambd=lambd))
    _memory_order_fill(array, _exponential_values(_gen(generator), array.size, lambd)
                       .astype(array.dtype))
    return _touched(self)


def geometric_(self, p, *, generator=None):
    """Fill `self` with the number of Bernoulli(p) trials up to the first success, in place:
    PyTorch's `ceil(log(u) / log1p(-p))` on a 53-bit uniform u."""
    array = _random_target(self, "geometric_", floats_only=False)
    if not 0 < p < 1:
        raise RuntimeError(message("geometric_p", p=p))
    u = _uniform_values(_gen(generator), array.size, np.float64)
    values = np.ceil(_libm(math.log, u) / math.log1p(-p))
    _memory_order_fill(array, values.astype(array.dtype))
    return _touched(self)


# ---------------------------------------------------------------- tensors

_KERNELS = {"rand": "check_uniform_bounds", "uniform_": "check_uniform_bounds",
            "rand_like": "check_uniform_bounds"}  # else "normal_kernel_cpu", PyTorch's names


def _float_dtype(dtype, fn):
    """The NumPy dtype to draw floats in: `dtype`, or the default dtype; PyTorch's
    NotImplementedError for an integer dtype."""
    if dtype is None:
        return dtypes.to_numpy(dtypes.get_default_dtype())
    d = dtypes.to_numpy(dtype)
    if d.kind != "f":
        _not_float(fn, d)
    return d


def _not_float(fn, numpy_dtype):
    raise NotImplementedError(message(
        "random_float_dtype", kernel=_KERNELS.get(fn, "normal_kernel_cpu"), fn=fn,
        dtype=dtypes.torch_type_name(numpy_dtype)))


def _tensor(array, requires_grad):
    t = mark_inference(Tensor._make(array))
    t.requires_grad = requires_grad
    return t


def rand(*size, generator=None, dtype=None, device=None, requires_grad=False, **kwargs):
    """Uniform on [0, 1): `rand(2, 3)` or `rand(size=(2, 3))`."""
    if device is not None:
        check_device(device)
    shape = _size("rand", size, kwargs.pop("size", None))
    _no_extra("rand", kwargs)
    d = _float_dtype(dtype, "rand")
    return _tensor(_uniform_values(_gen(generator), math.prod(shape), d).reshape(shape),
                   requires_grad)


def randn(*size, generator=None, dtype=None, device=None, requires_grad=False, **kwargs):
    """Standard normal: `randn(2, 3)`, `randn(size=(2, 3))`; `size=()` gives a 0-d tensor."""
    if device is not None:
        check_device(device)
    shape = _size("randn", size, kwargs.pop("size", None))
    _no_extra("randn", kwargs)
    d = _float_dtype(dtype, "randn")
    return _tensor(_normal_values(_gen(generator), math.prod(shape), d).reshape(shape),
                   requires_grad)


def _no_extra(fn, kwargs):
    if kwargs:
        raise TypeError(message("unexpected_kwarg", fn=fn, name=next(iter(kwargs))))


def rand_like(input, *, dtype=None, device=None, requires_grad=False, generator=None):
    if device is not None:
        check_device(device)
    d = input._data.dtype if dtype is None else dtypes.to_numpy(dtype)
    if d.kind != "f":
        _not_float("rand_like", d)
    return rand(input.shape, dtype=dtypes.from_numpy(d), requires_grad=requires_grad,
                generator=generator)


def randn_like(input, *, dtype=None, device=None, requires_grad=False, generator=None):
    if device is not None:
        check_device(device)
    d = input._data.dtype if dtype is None else dtypes.to_numpy(dtype)
    if d.kind != "f":
        _not_float("randn_like", d)
    return randn(input.shape, dtype=dtypes.from_numpy(d), requires_grad=requires_grad,
                 generator=generator)


def randint(low, high=None, size=None, *, generator=None, dtype=None, device=None,
            requires_grad=False):
    """Integers on [low, high): `randint(10, (3,))`, `randint(3, 10, (3,))`; int64 by default."""
    if device is not None:
        check_device(device)
    if size is None and high is not None and not isinstance(high, numbers.Integral | Tensor):
        low, high, size = 0, low, high  # randint(high, size)
    elif high is None:
        low, high = 0, low  # randint(high, size=...)
    if size is None:
        raise TypeError(message("randint_size"))
    low, high = int(low), int(high)
    if low >= high:
        raise RuntimeError(message("randint_range", low=low, high=high))
    shape = _size("randint", (size,))
    values = _integers(_gen(generator), math.prod(shape), low, high).reshape(shape)
    d = np.int64 if dtype is None else dtypes.to_numpy(dtype)
    return _tensor(values.astype(d), requires_grad)


def randint_like(input, low=0, high=None, *, dtype=None, device=None, requires_grad=False,
                 generator=None):
    if device is not None:
        check_device(device)
    if high is None:
        low, high = 0, low
    d = input.dtype if dtype is None else dtype
    return randint(low, high, input.shape, dtype=d, requires_grad=requires_grad,
                   generator=generator)


def randperm(n, *, generator=None, dtype=None, device=None, requires_grad=False):
    """A random permutation of 0..n-1, int64 by default."""
    if device is not None:
        check_device(device)
    n = int(n)
    if n < 0:
        raise RuntimeError(message("randperm_negative", n=n))
    d = np.int64 if dtype is None else dtypes.to_numpy(dtype)
    return _tensor(_permutation(_gen(generator), n).astype(d), requires_grad)


def normal(mean=0.0, std=1.0, size=None, *, generator=None, dtype=None, device=None,
           requires_grad=False):
    """Normal samples. `mean` and `std` numbers (then `size` is needed) or tensors (broadcast),
    as PyTorch: tensor arguments draw standard normals and scale them, `z * std + mean`."""
    if device is not None:
        check_device(device)
    gen = _gen(generator)
    mean_t, std_t = isinstance(mean, Tensor), isinstance(std, Tensor)
    if not mean_t and not std_t:
        if size is None:
            raise TypeError(message("normal_size"))
        shape = _size("normal", (size,))
        d = _float_dtype(dtype, "normal")
        _check_std(std)
        values = _normal_values(gen, math.prod(shape), d, mean, std).reshape(shape)
        return _tensor(values, requires_grad)
    m = mean._data if mean_t else mean
    s = std._data if std_t else std
    if std_t and np.any(s < 0):
        raise RuntimeError(message("normal_std_tensor"))
    if not std_t:
        _check_std(s)
    tensors = [x for x in (m, s) if isinstance(x, np.ndarray)]
    d = np.result_type(*tensors) if dtype is None else dtypes.to_numpy(dtype)
    shape = np.broadcast_shapes(*(x.shape for x in tensors))
    if mean_t and not std_t:  # PyTorch: normal_(0, std), then + mean
        z = _normal_values(gen, math.prod(shape), d, 0.0, std).reshape(shape)
        values = z + m.astype(d)
    else:  # normal_(0, 1), then * std, then + mean
        z = _normal_values(gen, math.prod(shape), d).reshape(shape)
        values = z * np.asarray(s, d) + np.asarray(m, d)
    return _tensor(values.astype(d, copy=False), requires_grad)


def _check_std(std):
    if std < 0:
        raise RuntimeError(message("normal_std", std=float(std)))


# ---------------------------------------------------------------- in place (Tensor methods)

def uniform_(self, from_=0.0, to=1.0, *, generator=None):
    """Fill `self` with uniform values on [from_, to), in place (PyTorch's `Tensor.uniform_`)."""
    array = _random_target(self, "uniform_")
    if array.flags.c_contiguous:  # straight into the tensor's memory
        _uniform_values(_gen(generator), array.size, array.dtype, from_, to, array.reshape(-1))
    else:
        values = _uniform_values(_gen(generator), array.size, array.dtype, from_, to)
        _memory_order_fill(array, values)
    return _touched(self)


def normal_(self, mean=0.0, std=1.0, *, generator=None):
    """Fill `self` with normal values, in place (PyTorch's `Tensor.normal_`)."""
    array = _random_target(self, "normal_")
    _check_std(std)
    if array.flags.c_contiguous:  # straight into the tensor's memory
        _normal_values(_gen(generator), array.size, array.dtype, mean, std, out=array.reshape(-1))
    else:
        values = _normal_values(_gen(generator), array.size, array.dtype, mean, std,
                                contiguous=False)
        _memory_order_fill(array, values)
    return _touched(self)


def bernoulli_(self, p=0.5, *, generator=None):
    """Fill `self` with 1 (probability `p`, a number or a tensor that broadcasts) or 0, in place.
    PyTorch draws one uniform value per element and compares it with p: in float64 for a
    number p, in p's dtype for a tensor."""
    array = _random_target(self, "bernoulli_", floats_only=False)
    if isinstance(p, Tensor):
        probs = np.broadcast_to(p._data, array.shape)
        _check_probabilities(probs)
        u = _uniform_values(_gen(generator), array.size, np.float64 if probs.dtype == np.float64
                            else np.float32)
        hits = u < np.transpose(probs, _memory_order(array)).reshape(-1)
    else:
        if not 0 <= p <= 1:
            raise RuntimeError(message("bernoulli_p", p=p))
        hits = _uniform_values(_gen(generator), array.size, np.float64) < p
    _memory_order_fill(array, hits.astype(array.dtype))
    return _touched(self)


def bernoulli(input, p=None, *, generator=None):
    """A new tensor of 0s and 1s, 1 with the probability given by each element of `input` (or
    by the number `p`), in `input`'s dtype."""
    out = Tensor._make(np.empty_like(input._data))
    return bernoulli_(out, input if p is None else p, generator=generator)


def _check_probabilities(probs):
    if probs.size and not (np.all(probs >= 0) and np.all(probs <= 1)):
        raise RuntimeError(message("bernoulli_tensor_p"))


def _random_target(self, fn, floats_only=True):
    """The array an in-place random fill writes into, after PyTorch's checks: a float tensor, and
    no leaf that requires grad outside `no_grad` (use `with ad.no_grad():` or `t.data`)."""
    from ..engine.grad_mode import is_grad_enabled

    if floats_only and self._data.dtype.kind != "f":
        _not_float(fn, self._data.dtype)
    if self._requires_grad and is_grad_enabled():
        if self.grad_fn is None:
            raise RuntimeError(message("inplace_leaf"))
        # PyTorch records a node with a zero gradient here; refusing is better than a graph
        # that silently still differentiates the old values
        raise RuntimeError(message("random_inplace_grad", fn=fn))
    if not self._data.flags.writeable:
        raise RuntimeError(message("random_readonly", fn=fn))
    return self._data


def _touched(self):
    """Count the in-place change in the version counter, as every in-place op does."""
    self._increment_version()
    return self
