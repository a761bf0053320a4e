"""higher_order.py: create_graph=True, where the derivative formulas run on Tensors and NumPy's
protocol hooks record them, so gradients can be differentiated again (second derivatives of every
op against finite differences are in test_derivatives.py); and NumPy on tensors without gradient."""

import json
import math
from pathlib import Path

import numpy as np
import pytest

import autodiff_tr as ad
from autodiff_tr.tensor_api.higher_order import AD_OPS


def test_second_derivative_of_sin_is_minus_sin():
    x = ad.linspace(0, 2 * math.pi, steps=25, dtype=ad.float64, requires_grad=True)
    (dx,) = ad.autograd.grad(ad.sin(x).sum(), x, create_graph=True)
    np.testing.assert_allclose(dx.detach().numpy(), np.cos(x.detach().numpy()), atol=1e-12)
    (ddx,) = ad.autograd.grad(dx.sum(), x)
    np.testing.assert_allclose(ddx.numpy(), -np.sin(x.detach().numpy()), atol=1e-12)


def test_third_derivative_of_x_to_the_fourth():
    x = ad.tensor(1.5, dtype=ad.float64, requires_grad=True)
    (d1,) = ad.autograd.grad(x**4, x, create_graph=True)
    (d2,) = ad.autograd.grad(d1, x, create_graph=True)
    (d3,) = ad.autograd.grad(d2, x)
    assert (d1.item(), d2.item(), d3.item()) == pytest.approx((4 * 1.5**3, 12 * 1.5**2, 36.0))


def test_hessian_row_by_row_matches_hand_derivation():
    """f(x) = x0^2 x1 + sin(x1) x2^3 + exp(x0 x2)."""
    values = np.array([0.4, -0.7, 1.1])
    x = ad.tensor(values, dtype=ad.float64, requires_grad=True)
    f = x[0] ** 2 * x[1] + ad.sin(x[1]) * x[2] ** 3 + ad.exp(x[0] * x[2])
    (g,) = ad.autograd.grad(f, x, create_graph=True)
    rows = [ad.autograd.grad(g[i], x, retain_graph=True)[0].numpy() for i in range(3)]
    a, b, c = values
    e = math.exp(a * c)
    expected_grad = [2 * a * b + c * e, a * a + math.cos(b) * c**3, 3 * math.sin(b) * c**2 + a * e]
    expected = np.array(
        [
            [2 * b + c * c * e, 2 * a, e + a * c * e],
            [2 * a, -math.sin(b) * c**3, 3 * math.cos(b) * c**2],
            [e + a * c * e, 3 * math.cos(b) * c**2, 6 * math.sin(b) * c + a * a * e],
        ]
    )
    np.testing.assert_allclose(g.detach().numpy(), expected_grad, rtol=1e-12)
    np.testing.assert_allclose(np.array(rows), expected, rtol=1e-12)
    np.testing.assert_allclose(np.array(rows), np.array(rows).T, rtol=1e-12)


def test_backward_with_create_graph_gives_a_differentiable_grad():
    x = ad.tensor([1.0, 2.0], dtype=ad.float64, requires_grad=True)
    (x**3).sum().backward(create_graph=True)
    g = x.grad
    assert g.grad_fn is not None
    np.testing.assert_allclose(g.detach().numpy(), [3.0, 12.0])
    x.grad = None
    g.sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), [6.0, 12.0])


def test_indexing_twice_differentiable_through_scatter_add():
    # f = x1^2 + x2^2 (x[1:]); grad = [0, 2 x1, 2 x2]; d/dx (grad . v) = [0, 2 v1, 2 v2]
    x = ad.tensor([1.0, 2.0, 3.0], dtype=ad.float64, requires_grad=True)
    (g,) = ad.autograd.grad((x[1:] ** 2).sum(), x, create_graph=True)
    np.testing.assert_allclose(g.detach().numpy(), [0.0, 4.0, 6.0])
    (h,) = ad.autograd.grad(g, x, grad_outputs=ad.tensor([5.0, 7.0, 11.0], dtype=ad.float64))
    np.testing.assert_allclose(h.numpy(), [0.0, 14.0, 22.0])


def test_a_dtype_conversion_twice_differentiable_through_cast():
    # f = sum(double(x)^3) for a float32 x: grad 3 x^2 (float32), second derivative 6 x
    x = ad.tensor([1.0, -2.0], requires_grad=True)
    (g,) = ad.autograd.grad((x.double() ** 3).sum(), x, create_graph=True)
    assert g.dtype == ad.float32
    np.testing.assert_allclose(g.detach().numpy(), [3.0, 12.0])
    (h,) = ad.autograd.grad(g.sum(), x)
    np.testing.assert_allclose(h.numpy(), [6.0, -12.0])


def test_numpy_on_tensors_without_gradient_gives_plain_results():
    t = ad.tensor([1.0, np.inf])
    assert np.isfinite(t).tolist() == [True, False]
    assert np.concatenate([t, t]).tolist() == [1.0, np.inf, 1.0, np.inf]


NUMPY_CALLS = json.loads((Path(__file__).parent / "torch_numbers" / "numpy_calls.json").read_text())
# PyTorch refuses these reductions even for a tensor without grad, by accident of its method
# signatures (NumPy calls `t.sum(axis=None, out=None)`); here NumPy gets the arrays, so that users
# and matplotlib calling NumPy on detached tensors keep working.
DETACHED_ALLOWED_HERE = {
    "np.sum(t)", "np.mean(t)", "np.prod(t)", "np.max(t)", "np.min(t)", "np.std(t)", "np.var(t)",
    "np.any(t)", "np.all(t)",
}  # fmt: skip


def outcome(code, requires_grad):
    """What `code` does in a user's code (a notebook's `__main__`) on t = [0.5, 1, 2]."""
    t = ad.tensor([0.5, 1.0, 2.0], requires_grad=requires_grad)
    try:
        eval(code, {"__name__": "__main__", "np": np, "t": t})
    except Exception as error:  # noqa: BLE001 - the type is the outcome
        return type(error).__name__, str(error)
    return "ok", ""


@pytest.mark.parametrize("case", NUMPY_CALLS["cases"], ids=lambda case: case["code"])
def test_numpy_on_a_tensor_that_requires_grad_is_refused_in_user_code_as_pytorch_refuses_it(case):
    kind, text = outcome(case["code"], requires_grad=True)
    assert kind == case["requires_grad"]
    if kind != "ok":
        assert text.startswith(
            "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead."
        )
        if not case["code"].startswith("np.asarray"):  # (PyTorch's own text, from __array__)
            assert "`t.detach().numpy()`" in text


@pytest.mark.parametrize("case", NUMPY_CALLS["cases"], ids=lambda case: case["code"])
def test_numpy_on_a_tensor_without_grad_is_allowed_as_pytorch_allows_it(case):
    assert outcome(case["code"], requires_grad=False) == ("ok", "")
    assert (case["no_grad"] == "ok") == (case["code"] not in DETACHED_ALLOWED_HERE)


def test_numpy_without_an_axis_flattens_or_flips_every_dimension_as_numpy_does():
    m = ad.tensor([[1.0, 2.0], [3.0, 4.0]])
    assert np.cumsum(m).tolist() == [1.0, 3.0, 6.0, 10.0]
    assert np.cumsum(m, axis=0).tolist() == [[1.0, 2.0], [4.0, 6.0]]
    assert np.flip(m).tolist() == [[4.0, 3.0], [2.0, 1.0]]
    assert np.flip(m, 1).tolist() == [[2.0, 1.0], [4.0, 3.0]]


def test_numpy_on_a_detached_tensor_gives_numpys_values():
    t = ad.tensor([0.5, 1.0, 2.0], requires_grad=True)
    values = np.array([0.5, 1.0, 2.0], dtype=np.float32)
    assert np.sum(t.detach()).item() == pytest.approx(3.5)
    assert np.dot(t.detach(), t.detach()).item() == pytest.approx(5.25)
    np.testing.assert_allclose(np.sin(t.detach()).numpy(), np.sin(values))
    np.testing.assert_allclose(np.concatenate([t.detach(), t.detach()]), np.tile(values, 2))
    out = np.empty(3, dtype=np.float32)
    np.exp(t.detach(), out=out)
    np.testing.assert_allclose(out, np.exp(values))
    np.testing.assert_allclose(np.sin(t.detach().numpy()), np.sin(values))


def test_the_refusal_names_the_package_op_that_records_the_gradient():
    t = ad.ones(3, requires_grad=True)
    for call, numpy_name, op in [
        (lambda: np.sin(t), "np.sin", "ad.sin"),
        (lambda: np.concatenate([t, t]), "np.concatenate", "ad.cat"),
        (lambda: np.add.reduce(t), "np.add.reduce", "ad.sum"),
        (lambda: np.linalg.norm(t), "np.linalg.norm", "ad.norm"),
        (lambda: np.sum(t), "np.sum", "ad.sum"),
    ]:
        with pytest.raises((RuntimeError, TypeError)) as refused:
            call()
        assert f"`{numpy_name}`" in str(refused.value)
        assert f"`{op}`" in str(refused.value)


def test_the_refusal_names_no_op_where_the_package_has_none():
    t = ad.ones(3, requires_grad=True)
    for call in (lambda: np.isfinite(t), lambda: np.round(t), lambda: np.multiply.outer(t, t)):
        with pytest.raises(RuntimeError) as refused:
            call()
        assert "`ad." not in str(refused.value)
        assert "`t.detach().numpy()`" in str(refused.value)


def test_every_suggested_op_exists_in_the_package():
    missing = [name for name in AD_OPS.values() if not callable(getattr(ad, name, None))]
    assert missing == []


def test_a_numpy_scalar_operator_is_still_recorded():
    t = ad.ones(3, requires_grad=True)
    assert (np.float64(2) - t).grad_fn.name() == "RsubBackward1"
    assert (np.float64(2) * t).grad_fn.name() == "MulBackward0"


def test_second_derivative_through_sin_and_exp_still_uses_numpy_inside_the_package():
    # f = sin(x) exp(x): f' = e^x (sin x + cos x), f'' = 2 e^x cos x
    x = ad.tensor(0.7, dtype=ad.float64, requires_grad=True)
    (first,) = ad.autograd.grad(ad.sin(x) * ad.exp(x), x, create_graph=True)
    assert first.item() == pytest.approx(math.exp(0.7) * (math.sin(0.7) + math.cos(0.7)))
    first.backward()
    assert x.grad.item() == pytest.approx(2 * math.exp(0.7) * math.cos(0.7), rel=1e-12)


def test_under_no_grad_numpy_gets_the_values_as_in_pytorch():
    """PyTorch 2.13 refuses numpy() on a tensor that requires grad only while grad mode is on:
    under no_grad `x.numpy()`, `np.asarray(x)` give [1. 1.], `np.sin(x)` gives
    tensor([0.8415, 0.8415]) without grad, `np.concatenate`, `np.exp(x, out=...)` and
    `np.isfinite` give NumPy's values (recorded with torch==2.13.0); with grad mode on the same
    calls raise RuntimeError."""
    x = ad.ones(2, requires_grad=True)
    with ad.no_grad():
        assert x.numpy().tolist() == [1.0, 1.0]
        assert np.asarray(x).tolist() == [1.0, 1.0]
        s = np.sin(x)
        # and the calls without a recorded form: [1, 1, 1, 1], [2.7182817, 2.7182817], all finite
        joined = np.concatenate([x, x])
        exps = np.exp(x, out=np.empty(2))
        finite = np.isfinite(x)
    assert isinstance(s, ad.Tensor) and not s.requires_grad
    assert s.tolist() == pytest.approx([0.8414709848, 0.8414709848])
    assert np.asarray(joined).tolist() == [1.0, 1.0, 1.0, 1.0]
    assert np.asarray(exps).tolist() == pytest.approx([2.7182817, 2.7182817])
    assert bool(np.all(np.asarray(finite)))
    for call in (x.numpy, lambda: np.asarray(x), lambda: np.sin(x)):
        with pytest.raises(RuntimeError, match="Can't call numpy"):
            call()
