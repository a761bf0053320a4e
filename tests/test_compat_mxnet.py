"""compat.mxnet: the MXNet code of the reference chapter (shared/reference, the autograd chapter in
tr/de/id) runs with only its import line changed and gives what the chapter says; then MXNet's
rules one by one (recording scope, writing vs adding gradients, the implicit sum)."""

import numpy
import pytest

import autodiff_tr as ad
from autodiff_tr.compat.mxnet import autograd, np, npx


def test_the_chapters_mxnet_code():
    # The chapter's cells in order, verbatim but for the import; each claim checked after it.
    # from mxnet import autograd, np, npx
    npx.set_np()

    x = np.arange(4.0)
    assert repr(x) == "array([0., 1., 2., 3.])"

    # We allocate memory for a tensor's gradient by invoking `attach_grad`
    x.attach_grad()
    # After we calculate a gradient taken with respect to `x`, we will be able to
    # access it via the `grad` attribute, whose values are initialized with 0s
    assert repr(x.grad) == "array([0., 0., 0., 0.])"

    # Place our code inside an `autograd.record` scope to build the computational
    # graph
    with autograd.record():
        y = 2 * np.dot(x, x)
    assert repr(y) == "array(28.)"

    y.backward()
    assert repr(x.grad) == "array([ 0.,  4.,  8., 12.])"

    assert repr(x.grad == 4 * x) == "array([ True,  True,  True,  True])"  # the gradient is 4x

    with autograd.record():
        y = x.sum()
    y.backward()
    assert x.grad.tolist() == [1.0, 1.0, 1.0, 1.0]  # Overwritten (not 4x + 1)

    # When we invoke `backward` on a vector-valued variable `y` (function of `x`),
    # a new scalar variable is created by summing the elements in `y`. Then the
    # gradient of that scalar variable with respect to `x` is computed
    with autograd.record():
        y = x * x  # `y` is a vector
    y.backward()
    assert x.grad.tolist() == [0.0, 2.0, 4.0, 6.0]  # Equals to y = sum(x * x)

    with autograd.record():
        y = x * x
        u = y.detach()
        z = u * x
    z.backward()
    assert (x.grad == u).tolist() == [True] * 4

    y.backward()
    assert (x.grad == 2 * x).tolist() == [True] * 4

    def f(a):
        b = a * 2
        while np.linalg.norm(b) < 1000:
            b = b * 2
        if b.sum() > 0:
            c = b
        else:
            c = 100 * b
        return c

    for seed in (0, 4):  # a > 0 and a < 0: both branches of the `if`
        ad.manual_seed(seed)
        a = np.random.normal()
        a.attach_grad()
        with autograd.record():
            d = f(a)
        d.backward()

        assert repr(a.grad == d / a) == "array(True)"
        assert a.shape == () and a.dtype == numpy.float32


def test_operations_record_only_inside_record():
    x = np.array([1.0, 2.0])
    x.attach_grad()
    y = x * x  # outside record(): not recorded, as in MXNet
    with pytest.raises(RuntimeError, match="autograd.record"):
        y.backward()
    assert not autograd.is_recording()
    with autograd.record():
        assert autograd.is_recording() and autograd.is_training()
        with autograd.pause():
            assert not autograd.is_recording()
        z = (x * 3).sum()
    z.backward()
    assert x.grad.tolist() == [3.0, 3.0]


def test_grad_req_add_accumulates_and_write_overwrites():
    x = np.array([1.0, 2.0])
    x.attach_grad(grad_req="add")
    for _ in range(2):
        with autograd.record():
            y = (x * x).sum()
        y.backward()
    assert x.grad.tolist() == [4.0, 8.0]
    x.attach_grad()
    assert x.grad.tolist() == [0.0, 0.0]


def test_head_gradient_weights_the_implicit_sum_and_several_heads_sum():
    x = np.array([1.0, 2.0, 3.0])
    x.attach_grad()
    with autograd.record():
        y = x * x
    y.backward(np.array([1.0, 0.0, 2.0]))
    assert x.grad.tolist() == [2.0, 0.0, 12.0]
    with autograd.record():
        y1, y2 = x * 2, x.sum() * 3
    autograd.backward([y1, y2])
    assert x.grad.tolist() == [5.0, 5.0, 5.0]


def test_arrays_are_engine_tensors_underneath_and_print_like_numpy():
    x = np.ones((2, 3))
    assert str(x) == "[[1. 1. 1.]\n [1. 1. 1.]]"
    assert x.dtype == numpy.float32 and x.shape == (2, 3)
    assert repr(np.array([1, 2], dtype="int64")) == "array([1, 2])"
    assert repr(np.arange(3)) == "array([0., 1., 2.])"  # MXNet's default dtype: float32
    assert isinstance(x._t, ad.Tensor)
    assert npx.relu(np.array([-1.0, 2.0])).tolist() == [0.0, 2.0]
    numpy.testing.assert_allclose(npx.softmax(np.array([0.0, 0.0])).asnumpy(), [0.5, 0.5])
