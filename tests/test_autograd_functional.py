"""autograd.functional: jacobian, hessian, vjp, jvp, vhp, hvp against PyTorch's results
(recorded in torch_numbers/functional.json), against finite differences, and PyTorch's errors."""

import json
import pathlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import autodiff_tr as ad
from autodiff_tr.autograd import functional as F

RECORDED = json.loads(
    (pathlib.Path(__file__).parent / "torch_numbers" / "functional.json").read_text()
)
FAST = settings(max_examples=20, deadline=None)
SHAPES = hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=3)
SEEDS = st.integers(0, 2**32 - 1)


def _compare(got, want, where="result"):
    if isinstance(want, list):
        assert isinstance(got, tuple) and len(got) == len(want), where
        for k, (g, w) in enumerate(zip(got, want)):
            _compare(g, w, f"{where}[{k}]")
        return
    assert isinstance(got, ad.Tensor), where
    assert str(got.dtype) == f"autodiff_tr.{want['dtype']}", where
    assert list(got.shape) == want["shape"], where
    np.testing.assert_allclose(
        got.detach().numpy().reshape(-1), want["values"], rtol=1e-12, atol=1e-14, err_msg=where
    )


@pytest.mark.parametrize("case", RECORDED["cases"], ids=lambda c: c["code"][:70])
def test_same_results_as_pytorch(case):
    _compare(eval(case["code"], {"torch": ad, "F": F}), case["result"])


# ---------------------------------------------------------------- finite differences


def numerical_jacobian(fn, x, eps=1e-6):
    """d fn(x) / d x by central differences, with NumPy alone: shape out.shape + x.shape."""
    x = np.array(x, dtype=np.float64)

    def f(a):
        with ad.no_grad():
            return fn(ad.tensor(a, dtype=ad.float64)).numpy().astype(np.float64)

    out_shape = f(x).shape
    jac = np.zeros(out_shape + x.shape)
    for k in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[k] += eps
        minus[k] -= eps
        jac[(...,) + k] = (f(plus) - f(minus)) / (2 * eps)
    return jac


def _broadcasting_fn(w):
    """A function whose output broadcasts its input against a constant `w`."""
    w = ad.tensor(w, dtype=ad.float64)
    return lambda x: (x.sin() * w + x * x).exp() * 0.5


@FAST
@given(
    shapes=hnp.mutually_broadcastable_shapes(
        num_shapes=2, min_dims=0, max_dims=2, min_side=0, max_side=3
    ),
    seed=SEEDS,
)
def test_jacobian_matches_finite_differences(shapes, seed):
    (x_shape, w_shape), _ = shapes
    rng = np.random.default_rng(seed)
    x, w = rng.uniform(-1, 1, x_shape), rng.uniform(-1, 1, w_shape)
    fn = _broadcasting_fn(w)
    got = F.jacobian(fn, ad.tensor(x, dtype=ad.float64))
    want = numerical_jacobian(fn, x)
    assert tuple(got.shape) == want.shape
    np.testing.assert_allclose(got.numpy(), want, rtol=1e-5, atol=1e-7)


@FAST
@given(shape=SHAPES, seed=SEEDS)
def test_hessian_matches_finite_differences_of_the_gradient(shape, seed):
    x = np.random.default_rng(seed).uniform(-1, 1, shape)

    def fn(t):
        return ((t * t).sin() * t).sum() + (t.exp() * 0.1).sum() ** 2

    def gradient(t):
        t = t.detach().requires_grad_()
        with ad.enable_grad():
            (g,) = ad.autograd.grad(fn(t), t)
        return g

    got = F.hessian(fn, ad.tensor(x, dtype=ad.float64))
    want = numerical_jacobian(gradient, x)
    assert tuple(got.shape) == x.shape + x.shape
    np.testing.assert_allclose(got.numpy(), want, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(
        got.numpy().reshape(x.size, x.size), got.numpy().reshape(x.size, x.size).T, atol=1e-12
    )


@FAST
@given(shape=SHAPES, seed=SEEDS)
def test_products_agree_with_the_jacobian_and_hessian(shape, seed):
    rng = np.random.default_rng(seed)
    x = ad.tensor(rng.uniform(-1, 1, shape), dtype=ad.float64)
    u = ad.tensor(rng.normal(size=shape), dtype=ad.float64)
    fn = _broadcasting_fn(rng.uniform(-1, 1, shape))
    jac = F.jacobian(fn, x).numpy().reshape(x.numel(), x.numel())
    _, vjp = F.vjp(fn, x, u)
    _, jvp = F.jvp(fn, x, u)
    np.testing.assert_allclose(vjp.numpy().reshape(-1), u.numpy().reshape(-1) @ jac, atol=1e-12)
    np.testing.assert_allclose(jvp.numpy().reshape(-1), jac @ u.numpy().reshape(-1), atol=1e-12)

    def scalar(t):
        return fn(t).sum()

    hess = F.hessian(scalar, x).numpy().reshape(x.numel(), x.numel())
    _, vhp = F.vhp(scalar, x, u)
    _, hvp = F.hvp(scalar, x, u)
    np.testing.assert_allclose(vhp.numpy().reshape(-1), u.numpy().reshape(-1) @ hess, atol=1e-12)
    np.testing.assert_allclose(hvp.numpy().reshape(-1), hess @ u.numpy().reshape(-1), atol=1e-12)


# ---------------------------------------------------------------- options


def test_results_are_detached_and_the_inputs_untouched():
    x = ad.tensor([0.5, 2.0], dtype=ad.float64, requires_grad=True)
    jac = F.jacobian(lambda t: t * t, x)
    out, v = F.vjp(lambda t: t * t, x, ad.ones(2, dtype=ad.float64))
    assert not jac.requires_grad and not out.requires_grad and not v.requires_grad
    assert x.grad is None


def test_create_graph_keeps_the_results_differentiable():
    """d/dx of sum(jacobian(x**3)) = d/dx sum(diag(3x^2)) = 6x."""
    x = ad.tensor([0.5, -2.0], dtype=ad.float64, requires_grad=True)
    jac = F.jacobian(lambda t: t**3, x, create_graph=True)
    assert jac.requires_grad
    jac.sum().backward()
    assert x.grad.tolist() == [3.0, -12.0]


def test_vectorize_and_forward_strategy_give_the_same_jacobian():
    x = ad.tensor([0.5, -1.0, 2.0], dtype=ad.float64)

    def fn(t):
        return t.exp() * t.sum()

    plain = F.jacobian(fn, x).tolist()
    assert F.jacobian(fn, x, vectorize=True).tolist() == plain
    assert F.jacobian(fn, x, vectorize=True, strategy="forward-mode").tolist() == plain


def test_strict_mode_refuses_what_would_be_zeros():
    x = ad.tensor([1.0, 2.0], dtype=ad.float64)
    assert F.jacobian(lambda a, b: a * 2, (x, x.clone()))[1].tolist() == [[0, 0], [0, 0]]
    with pytest.raises(
        RuntimeError, match="Output 0 of the user-provided function is independent of input 1"
    ):
        F.jacobian(lambda a, b: a * 2, (x, x.clone()), strict=True)
    with pytest.raises(RuntimeError, match="does not require gradients"):
        F.vjp(lambda a: ad.ones(2), x, ad.ones(2), strict=True)
    with pytest.raises(RuntimeError, match="jacobian of the user-provided function with respect"):
        F.hvp(lambda a: (a * 2).sum(), x, ad.ones(2), strict=True)


# ---------------------------------------------------------------- bad input

X = ad.tensor([1.0, 2.0], dtype=ad.float64)


@pytest.mark.parametrize(
    "call, error, words",
    [
        (
            lambda: F.jacobian(lambda x: 3.0, X),
            TypeError,
            "The outputs of the user-provided function given to jacobian must be either a "
            "Tensor or a"
            " tuple of Tensors but the given outputs of the user-provided function has type"
            " <class 'float'>",
        ),
        (lambda: F.jacobian(lambda x: (x, 3), X), TypeError, "the value at index 1 has type"),
        (
            lambda: F.jacobian(lambda x: x, 3),
            TypeError,
            "The inputs given to jacobian must be either a Tensor or a tuple of Tensors",
        ),
        (lambda: F.vjp(lambda x: 1, X), TypeError, "given to vjp"),
        (
            lambda: F.hessian(lambda x: x, X),
            RuntimeError,
            "The Tensor returned by the function given to hessian should contain a single element",
        ),
        (
            lambda: F.hessian(lambda x: (x.sum(),), X),
            RuntimeError,
            "The function given to hessian should return a single Tensor",
        ),
        (lambda: F.vjp(lambda x: x * 2, X), RuntimeError, "The vector v can only be None"),
        (lambda: F.vjp(lambda x: x * 2, X, ad.ones(3)), RuntimeError, "v has invalid size"),
        (
            lambda: F.vjp(lambda x: (x * 2, x), X, ad.ones(2)),
            RuntimeError,
            "v is a tuple of invalid length: should be 2 but got 1",
        ),
        (lambda: F.jvp(lambda x: x * 2, X), RuntimeError, "The vector v can only be None"),
        (
            lambda: F.vhp(lambda x: x * 2, X, ad.ones(2)),
            RuntimeError,
            "given to vhp should contain a single element",
        ),
        (lambda: F.jacobian(lambda x: x, X, strategy="bad"), AssertionError, "Expected strategy"),
        (
            lambda: F.jacobian(lambda x: x, X, strategy="forward-mode"),
            NotImplementedError,
            "vectorize=True",
        ),
        (
            lambda: F.jacobian(lambda x: x, X, strict=True, vectorize=True),
            RuntimeError,
            "are not supported together",
        ),
    ],
)
def test_bad_input_gets_pytorchs_exception_and_message(call, error, words):
    with pytest.raises(error) as info:
        call()
    assert words in str(info.value)
