"""Floating point arithmetic as PyTorch's compiled kernels do it, bit for bit: float32 log, sin
and cos as its vectorized normal sampler computes them, and fused multiply-adds (`fma32`,
`fma64`), which the compiler made of `a * b + c` in its sampling and `linspace` loops.

On x86 CPUs with AVX2 (and AVX-512) PyTorch draws normal float32 values, 16 or more at a time,
with Box-Muller whose logarithm, sine and cosine come from `avx_mathfun.h`: Cephes polynomials in
float32 arithmetic, where the compiler fused each multiply followed by an add into one
fused multiply-add (FMA, a single rounding). A correctly rounded `np.log` differs from them in the
last bit now and then, and the normal value built from it by up to a few dozen units in the last
place, so `randn` would print other digits than PyTorch. This module does their arithmetic step
by step on NumPy float32 arrays, with `fma32` for the fused steps. It is checked against numbers
recorded from PyTorch (tests/test_random.py).
"""

import math

import numpy as np

_F32, _F64, _I32 = np.float32, np.float64, np.int32


def fma32(a, b, c):
    """a * b + c rounded once to float32, as the FMA instruction does.

    The product of two float32 values is exact in float64; the float64 sum is then rounded twice
    (to float64, then to float32), which differs from one rounding only when the float64 sum
    lands exactly halfway between two float32 values: there the sum's exact rounding error
    (Knuth's two-sum) says which way the true value lies."""
    p = np.asarray(a, _F64) * np.asarray(b, _F64)
    c = np.asarray(c, _F64)
    s = p + c
    v = s - p
    error = (p - (s - v)) + (c - v)
    r = s.astype(_F32)
    other = np.nextafter(r, np.where(r.astype(_F64) < s, _F32(np.inf), _F32(-np.inf)))
    halfway = (r.astype(_F64) + other.astype(_F64)) / 2 == s
    fix = halfway & (error != 0)
    if np.any(fix):
        toward = np.where(error > 0, other > r, other < r)  # is `other` on the error's side?
        r = np.where(fix & toward, other, r)
    return r


def fma64(a, b, c):
    """a * b + c with (almost always) one rounding, as a float64 fused multiply-add: Dekker's
    exact product and Knuth's two-sum carry the rounding errors into the last addition."""
    a, b, c = (np.asarray(v, _F64) for v in (a, b, c))
    p = a * b
    split = 134217729.0  # 2**27 + 1: halves of 26 bits multiply exactly
    a_hi = split * a - (split * a - a)
    b_hi = split * b - (split * b - b)
    a_lo, b_lo = a - a_hi, b - b_hi
    product_error = ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo
    s = p + c
    v = s - p
    sum_error = (p - (s - v)) + (c - v)
    return s + (sum_error + product_error)


def fma_multiples(a, k, c, dtype):
    """a * k + c rounded once to `dtype` (float32 or float64), for numbers `a` and `c` and an array
    `k` of whole numbers: `linspace`'s values, at a few NumPy calls instead of the 12 or 20 of
    `fma32`/`fma64` on arrays. Whole numbers below 2**26 need no splitting, `a` splits once, and
    where the plain float64 sum is exact (always when `c` is 0) it is already the fused result."""
    dtype = np.dtype(dtype)
    a, c = dtype.type(a), dtype.type(c)
    largest = float(max(k[0], k[-1])) if k.size else 0.0  # k counts up from 0 or down to 0
    if dtype == _F32:
        if largest >= 2**24:  # PyTorch rounds such counts to float32 first
            return fma32(a, k.astype(_F32), c)
        p = _F64(a) * k  # exact: 24 bits times at most 24
        if c != 0 and not _sum_is_exact(_F64(a), largest, _F64(c), 24):
            return fma32(a, k, c)
        return (p + _F64(c)).astype(_F32)
    if largest >= 2**26:
        return fma64(a, k, c)
    p = a * k
    s = p + c
    if c == 0:  # the product alone, correctly rounded; adding 0 keeps PyTorch's signed zeros
        return s
    split = 134217729.0 * a
    a_hi = split - (split - a)
    product_error = (a_hi * k - p) + (a - a_hi) * k  # exact: k needs no splitting
    v = s - p
    sum_error = (p - (s - v)) + (c - v)
    return s + (sum_error + product_error)


def _sum_is_exact(a, largest, c, bits):
    """Whether every a * k + c (k whole, |k| <= largest) is exact in float64, for `a` and `c` of
    `bits` significant bits: all are multiples of the smaller last bit of `a` and `c`, and none is
    too large for 53 bits of those."""
    a, c = float(a), float(c)
    last_bit = min(math.frexp(a)[1], math.frexp(c)[1]) - bits
    return abs(a) * largest + abs(c) < math.ldexp(1.0, last_bit + 52)


def _f32(x):
    return _F32(x)


_SQRTHF = _f32(0.707106781186547524)
_LOG_P = [_f32(c) for c in (7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1,
                            -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1,
                            2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1)]
_LOG_Q1, _LOG_Q2 = _f32(-2.12194440e-4), _f32(0.693359375)
_MIN_NORM = np.array([0x00800000], np.int32).view(_F32)[0]


def log(x):
    """Natural logarithm of positive float32 values (Cephes' logf, as log256_ps has it)."""
    x = np.maximum(np.asarray(x, _F32), _MIN_NORM)
    bits = x.view(_I32)
    exponent = (bits >> 23) - 0x7F
    x = ((bits & ~0x7F800000) | np.array(0.5, _F32).view(_I32)).view(_F32)  # mantissa in [0.5, 1)
    e = exponent.astype(_F32) + _F32(1)
    small = x < _SQRTHF  # then use 2x - 1 and one less in the exponent
    x = (x - _F32(1)) + np.where(small, x, _F32(0))
    e = e - np.where(small, _F32(1), _F32(0))
    z = x * x
    y = np.full_like(x, _LOG_P[0])
    for coefficient in _LOG_P[1:]:
        y = fma32(y, x, coefficient)
    y = y * x
    y = fma32(y, z, e * _LOG_Q1)
    y = y - z * _F32(0.5)
    return fma32(e, _LOG_Q2, x + y)


_FOUR_OVER_PI = _f32(1.27323954473516)
_MINUS_DP = [_f32(c) for c in (-0.78515625, -2.4187564849853515625e-4, -3.77489497744594108e-8)]
_COS_P = [_f32(c) for c in (2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2)]
_SIN_P = [_f32(c) for c in (-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1)]
_SIGN = np.int32(np.uint32(0x80000000).view(np.int32))


def sincos(x):
    """(sin x, cos x) of float32 values (Cephes' sinf/cosf, as sincos256_ps has them)."""
    x = np.asarray(x, _F32)
    sign_sin = x.view(_I32) & _SIGN
    x = np.abs(x)
    j = (x * _FOUR_OVER_PI).astype(_I32)  # the octant, truncated, then made even
    j = (j + 1) & ~1
    y = j.astype(_F32)
    sign_sin = sign_sin ^ ((j & 4) << 29)
    sign_cos = (~(j - 2) & 4) << 29
    use_sin_poly = (j & 2) == 0
    for dp in _MINUS_DP:  # x - j * pi/4 in three parts ("extended precision modular arithmetic")
        x = fma32(y, dp, x)
    z = x * x
    cos_poly = fma32(fma32(_COS_P[0], z, _COS_P[1]), z, _COS_P[2]) * z
    cos_poly = fma32(cos_poly, z, -(z * _F32(0.5))) + _F32(1)
    sin_poly = fma32(fma32(_SIN_P[0], z, _SIN_P[1]), z, _SIN_P[2]) * z
    sin_poly = fma32(sin_poly, x, x)
    sin = np.where(use_sin_poly, sin_poly, cos_poly)
    cos = np.where(use_sin_poly, cos_poly, sin_poly)
    return (sin.view(_I32) ^ sign_sin).view(_F32), (cos.view(_I32) ^ sign_cos).view(_F32)
