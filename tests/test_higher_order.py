"""higher_order.py: create_graph=True, where the derivative formulas run on Tensors and NumPy's
protocol hooks record them, so gradients can be differentiated again (second derivatives of every
op against finite differences are in test_derivatives.py); and NumPy on tensors without gradient."""

import math

import numpy as np
import pytest

import autodiff_tr as ad


def test_second_derivative_of_sin_is_minus_sin():
    x = ad.linspace(0, 2 * math.pi, steps=25, dtype=ad.float64, requires_grad=True)
    (dx,) = ad.autograd.grad(ad.sin(x).sum(), x, create_graph=True)
    np.testing.assert_allclose(dx.detach().numpy(), np.cos(x.detach().numpy()), atol=1e-12)
    (ddx,) = ad.autograd.grad(dx.sum(), x)
    np.testing.assert_allclose(ddx.numpy(), -np.sin(x.detach().numpy()), atol=1e-12)


def test_third_derivative_of_x_to_the_fourth():
    x = ad.tensor(1.5, dtype=ad.float64, requires_grad=True)
    (d1,) = ad.autograd.grad(x ** 4, x, create_graph=True)
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
    expected = np.array([
        [2 * b + c * c * e, 2 * a, e + a * c * e],
        [2 * a, -math.sin(b) * c**3, 3 * math.cos(b) * c**2],
        [e + a * c * e, 3 * math.cos(b) * c**2, 6 * math.sin(b) * c + a * a * e],
    ])
    np.testing.assert_allclose(g.detach().numpy(), expected_grad, rtol=1e-12)
    np.testing.assert_allclose(np.array(rows), expected, rtol=1e-12)
    np.testing.assert_allclose(np.array(rows), np.array(rows).T, rtol=1e-12)


def test_backward_with_create_graph_gives_a_differentiable_grad():
    x = ad.tensor([1.0, 2.0], dtype=ad.float64, requires_grad=True)
    (x ** 3).sum().backward(create_graph=True)
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


def test_numpy_functions_without_a_recorded_form_refuse_a_tensor_that_requires_grad():
    x = ad.ones(2, requires_grad=True)
    with pytest.raises(TypeError):
        np.cumsum(x)


def test_numpy_on_a_tensor_that_requires_grad_is_refused_in_user_code_as_pytorch_refuses_it():
    t = ad.ones(3, requires_grad=True)
    for call in (lambda: np.sin(t), lambda: np.add(t, 1), lambda: np.exp(t * 2)):
        with pytest.raises(RuntimeError, match=r"^Can't call numpy\(\) on Tensor that requires"
                                               r" grad\. .*`ad\.\w+`"):
            call()
    assert (np.float64(2) - t).grad_fn.name() == "RsubBackward1"  # an operator still works
    assert np.sin(t.detach()).tolist() == pytest.approx([math.sin(1.0)] * 3)
    # the engine's own formulas keep the route: second derivative of sin(x) * x
    x = ad.tensor(1.5, requires_grad=True)
    (g,) = ad.autograd.grad(ad.sin(x) * x, x, create_graph=True)
    g.backward()
    assert x.grad.item() == pytest.approx(2 * math.cos(1.5) - 1.5 * math.sin(1.5), rel=1e-6)
