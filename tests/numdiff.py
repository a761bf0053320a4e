"""Finite differences written with NumPy alone, independent of autodiff_tr's own gradcheck.

Every function under test is called on fresh tensors built from NumPy arrays, so nothing here
shares code with the engine's backward pass or with `ad.gradcheck`.
"""

import numpy as np

import autodiff_tr as ad


def as_tensors(arrays, requires_grad=True):
    return [ad.tensor(a, dtype=ad.float64, requires_grad=requires_grad) for a in arrays]


def evaluate(fn, arrays):
    """fn applied to float64 tensors made from `arrays` (no gradient), as a NumPy array."""
    with ad.no_grad():
        out = fn(*as_tensors(arrays, requires_grad=False))
    return np.array(out.numpy(), dtype=np.float64)


def numerical_vjp(fn, arrays, v, eps=1e-6):
    """v^T J for each input, J by central differences (f(x + e) - f(x - e)) / 2e."""
    arrays = [np.array(a, dtype=np.float64) for a in arrays]
    grads = []
    for i, a in enumerate(arrays):
        g = np.zeros(a.shape)
        for k in np.ndindex(a.shape):
            plus = [b.copy() for b in arrays]
            minus = [b.copy() for b in arrays]
            plus[i][k] += eps
            minus[i][k] -= eps
            g[k] = np.sum(v * (evaluate(fn, plus) - evaluate(fn, minus))) / (2 * eps)
        grads.append(g)
    return grads


def analytic_vjp(fn, arrays, v):
    """v^T J for each input, by autodiff_tr's backward."""
    inputs = as_tensors(arrays)
    out = fn(*inputs)
    out.backward(ad.tensor(v, dtype=ad.float64))
    return [x.grad.numpy() if x.grad is not None else np.zeros(x.shape) for x in inputs], out


def assert_vjp_matches(fn, arrays, seed=0, rtol=1e-4, atol=1e-6):
    """Backward of fn agrees with central differences, for a random output gradient v."""
    out_shape = evaluate(fn, arrays).shape
    v = np.random.default_rng(seed).normal(size=out_shape)
    analytic, out = analytic_vjp(fn, arrays, v)
    numeric = numerical_vjp(fn, arrays, v)
    for i, (a, n, x) in enumerate(zip(analytic, numeric, arrays)):
        assert a.shape == np.shape(x), f"input {i}: gradient shape {a.shape} != {np.shape(x)}"
        np.testing.assert_allclose(a, n, rtol=rtol, atol=atol, err_msg=f"input {i}")
    return out
