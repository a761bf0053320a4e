"""gradcheck.py: it accepts correct gradients, catches wrong ones (names the worst element), and
refuses inputs it cannot check; its finite differences agree with an independent NumPy version."""

import warnings

import numpy as np
import pytest
from numdiff import numerical_vjp

import autodiff_tr as ad
from autodiff_tr.autograd.gradcheck import _analytical_jacobians, _numerical_jacobians


def f64(values):
    return ad.tensor(values, dtype=ad.float64, requires_grad=True)


def test_accepts_correct_gradients():
    x, w = f64([0.3, -1.2, 2.0]), f64([[1.0, 2.0], [0.5, -1.0], [0.1, 0.2]])
    assert ad.gradcheck(lambda a: ad.sin(a) * a, x)
    assert ad.gradcheck(lambda a, b: ad.tanh(a @ b), (x, w))
    assert ad.gradcheck(lambda a: (a.sum(), a * 2), [x])  # several outputs
    assert ad.autograd.gradcheck is ad.gradcheck


def _wrong_square(x):
    """x * x, but with a backward that forgets the factor 2 (a constant detached copy)."""
    return x * x.detach()


def test_catches_a_wrong_gradient_and_names_the_worst_element():
    x = f64([1.0, 3.0, 2.0])
    with pytest.raises(ad.GradcheckError) as info:
        ad.gradcheck(_wrong_square, x)
    text = str(info.value)
    assert "Jacobian mismatch for output 0 with respect to input 0" in text
    assert "(1, 1)" in text  # the worst: d(x1^2)/dx1 = 6 vs analytical 3
    assert "analytical 3.0" in text
    assert isinstance(info.value, RuntimeError)  # as torch.autograd.GradcheckError
    assert ad.gradcheck(_wrong_square, x, raise_exception=False) is False


def test_catches_a_gradient_off_by_a_small_factor():
    x = f64([0.5, 1.5])
    # analytical 2.02 a, numerical 2.04 a: 1 % off, beyond rtol=1e-3
    assert not ad.gradcheck(lambda a: a * a + 0.02 * a * a.detach(), x, raise_exception=False)


def test_tolerances_are_honoured():
    x = f64([1.0])
    wrong = lambda a: a * 1.0 + 1e-4 * a.detach()  # noqa: E731 - gradient off by 1e-4
    assert not ad.gradcheck(wrong, x, atol=1e-6, rtol=1e-6, raise_exception=False)
    assert ad.gradcheck(wrong, x, atol=1e-3, rtol=0)


def test_refuses_when_no_input_requires_grad():
    with pytest.raises(ValueError, match="requires_grad=True"):  # PyTorch: ValueError
        ad.gradcheck(ad.sin, ad.tensor([1.0], dtype=ad.float64))


def test_warns_on_float32_and_checks_anyway():
    x = ad.tensor([1.0, 2.0], requires_grad=True)  # float32: rounding spoils the differences
    with pytest.warns(UserWarning, match="Input #0 requires gradient and is not a double"):
        assert not ad.gradcheck(ad.sin, x, raise_exception=False)
    with pytest.warns(UserWarning, match="Input #0"):  # a smooth enough case still passes
        assert ad.gradcheck(lambda a: a * 2, ad.tensor([1.0], requires_grad=True), eps=1e-2)


def test_checks_only_the_inputs_that_require_grad():
    x, c = f64([1.0, 2.0]), ad.tensor([3.0, 4.0])  # c: float32, a constant: no warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert ad.gradcheck(lambda a, b: a * b, (x, c))
    wrong = lambda k, a, b: k.sum() * a + b.detach()  # noqa: E731 - b's gradient lost
    with pytest.raises(ad.GradcheckError, match="input 2"):  # named by its place in the call
        ad.gradcheck(wrong, (c, f64([1.0]), f64([3.0])))


def test_empty_input_and_unused_input():
    assert ad.gradcheck(lambda a: a * 2, f64(np.zeros((0, 2))))
    x, y = f64([1.0, 2.0]), f64([3.0])
    assert ad.gradcheck(lambda a, b: a * 2, (x, y))


def test_non_contiguous_input():
    x = ad.from_numpy(np.arange(6.0).reshape(2, 3).T).requires_grad_()  # a transposed array
    assert ad.gradcheck(lambda a: a * a, x)
    assert x.detach().numpy().tolist() == [[0.0, 3.0], [1.0, 4.0], [2.0, 5.0]]


def test_outputs_without_gradient():
    x = f64([1.0, 2.0])
    assert ad.gradcheck(lambda a: (a * 2, ad.ones(2, dtype=ad.float64)), x)  # constant output
    with pytest.raises(ad.GradcheckError, match="output 1"):  # depends on x, but no gradient
        ad.gradcheck(lambda a: (a * 2, a.detach() * 3), x)


def test_jacobians_against_hand_derivation_and_numpy_differences():
    x = f64([0.5, -0.25])
    fn = lambda a: ad.stack([a[0] * a[1], ad.exp(a[0])])  # noqa: E731
    expected = np.array([[-0.25, 0.5], [np.exp(0.5), 0.0]])
    (analytical,), = _analytical_jacobians(fn, (x,), (x,))
    (numerical,), = _numerical_jacobians(fn, (x,), (x,), 1e-6)
    np.testing.assert_allclose(analytical, expected, rtol=1e-12)
    np.testing.assert_allclose(numerical, expected, rtol=1e-8)
    rows = [numerical_vjp(fn, [x.detach().numpy().copy()], v)[0] for v in np.eye(2)]
    np.testing.assert_allclose(np.array(rows), numerical, rtol=1e-8)
    assert x.detach().tolist() == [0.5, -0.25]  # the input is restored after perturbing it


# ---------------------------------------------------------------- gradgradcheck

class _CubeWithWrongSecondDerivative(ad.autograd.Function):
    """x**3 with a backward that is right (3 x^2) but differentiates as if it were 3 x * c:
    the first derivative passes gradcheck, the second (6 x) comes out as 3 x."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        return grad_output * 3 * x * x.detach()


class _Cube(ad.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        return grad_output * 3 * x * x


def test_gradgradcheck_accepts_correct_second_derivatives():
    ad.manual_seed(0)
    x, w = f64([0.3, -1.2, 2.0]), f64([[1.0, 2.0], [0.5, -1.0], [0.1, 0.2]])
    assert ad.autograd.gradgradcheck(lambda a: ad.sin(a) * a.exp(), x) is True
    assert ad.autograd.gradgradcheck(lambda a, b: ad.tanh(a @ b), (x, w))
    assert ad.autograd.gradgradcheck(_Cube.apply, (x,))
    u = ad.tensor([1.0, -2.0, 0.5], dtype=ad.float64, requires_grad=True)
    assert ad.autograd.gradgradcheck(lambda a: a * a * a, (x,), (u,))
    assert ad.autograd.gradgradcheck(lambda a: a * a * a, x, u)  # a tensor for a 1-tuple


def test_gradgradcheck_catches_a_wrong_second_derivative():
    ad.manual_seed(0)
    x = f64([0.5, -1.2])
    assert ad.gradcheck(_CubeWithWrongSecondDerivative.apply, (x,))  # first derivative right
    with pytest.raises(ad.autograd.GradcheckError) as info:
        ad.autograd.gradgradcheck(_CubeWithWrongSecondDerivative.apply, (x,))
    assert isinstance(info.value, RuntimeError)
    text = str(info.value)
    # d/dx (u * 3 x^2) = 6 x u; the wrong backward gives 3 x u: half, on the diagonal
    assert "Jacobian mismatch for output 0 with respect to input 0" in text
    assert ad.autograd.gradgradcheck(_CubeWithWrongSecondDerivative.apply, (x,),
                                     raise_exception=False) is False


def test_gradgradcheck_with_given_vectors_reports_the_exact_numbers():
    x, u = f64([2.0]), f64([1.0])
    with pytest.raises(ad.autograd.GradcheckError) as info:
        ad.autograd.gradgradcheck(_CubeWithWrongSecondDerivative.apply, x, u)
    text = str(info.value)  # analytical 3 x u = 6, numerical 6 x u = 12 (by hand)
    assert "analytical 6.0" in text and "numerical 11.9999999" in text


def test_gradgradcheck_warns_on_float32_and_skips_inputs_without_grad():
    with pytest.warns(UserWarning, match="not a double precision"):
        ad.autograd.gradgradcheck(lambda a: a * a, ad.ones(2, requires_grad=True),
                                  raise_exception=False)
    ad.manual_seed(0)
    x, c = f64([0.5, -1.5]), ad.tensor([2.0, 3.0], dtype=ad.float64)  # c: a constant
    assert ad.autograd.gradgradcheck(lambda a, b: (a ** 3) * b, (x, c))
    assert not ad.autograd.gradgradcheck(lambda a, b: _CubeWithWrongSecondDerivative.apply(a) * b,
                                         (x, c), raise_exception=False)
