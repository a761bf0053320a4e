"""engine/nodes.py: what a node saves and the checks on it: an in-place change of a saved tensor is
detected at backward, views whose base changed are refused; in-place ops record or refuse."""


import numpy as np
import pytest

import autodiff_tr as ad


def leaf():
    return ad.arange(4.0, requires_grad=True)


# ---------------------------------------------------------------- in place

INPLACE = {
    "+=": lambda x: x.__iadd__(1),
    "-=": lambda x: x.__isub__(1),
    "*=": lambda x: x.__imul__(2),
    "/=": lambda x: x.__itruediv__(2),
    "setitem": lambda x: x.__setitem__(0, 1.0),
    "setitem_slice": lambda x: x.__setitem__(slice(1, 3), ad.zeros(2)),
    "zero_": lambda x: x.zero_(),
    "fill_": lambda x: x.fill_(1.0),
    "add_": lambda x: x.add_(1),
    "sub_": lambda x: x.sub_(1),
    "mul_": lambda x: x.mul_(2),
    "div_": lambda x: x.div_(2),
    "pow_": lambda x: x.pow_(2),
    "sin_": lambda x: x.sin_(),
    "cos_": lambda x: x.cos_(),
    "exp_": lambda x: x.exp_(),
    "tanh_": lambda x: x.tanh_(),
    "abs_": lambda x: x.abs_(),
    "neg_": lambda x: x.neg_(),
    "relu_": lambda x: x.relu_(),
    "sigmoid_": lambda x: x.sigmoid_(),
    "clamp_": lambda x: x.clamp_(0, 1),
}


@pytest.mark.parametrize("name", sorted(INPLACE))
def test_inplace_on_a_leaf_that_requires_grad_raises(name):
    x = leaf()
    with pytest.raises(RuntimeError, match="leaf Variable that requires grad is being used in an"
                       " in-place operation") as info:
        INPLACE[name](x)
    assert "no_grad()" in str(info.value)
    assert x.tolist() == [0.0, 1.0, 2.0, 3.0]  # unchanged


@pytest.mark.parametrize("name", sorted(INPLACE))
def test_inplace_on_a_leaf_is_allowed_under_no_grad(name):
    x = leaf()
    with ad.no_grad():
        out = INPLACE[name](x)
    assert out is None or out is x
    assert x.requires_grad and x.is_leaf and x._version == 1


@pytest.mark.parametrize("call,phrase", [
    (lambda: ad.ones(3).add_(ad.ones(2, 3)), "doesn't match the broadcast shape [2, 3]"),
    (lambda: ad.ones(3).__iadd__(ad.ones(2, 3)), "doesn't match the broadcast shape"),
    (lambda: (ad.ones(3, requires_grad=True) * 1).mul_(ad.ones(2, 3)), "broadcast shape"),
    (lambda: ad.arange(3).add_(1.5), "can't be cast to the desired output type"),
    (lambda: ad.arange(3).__itruediv__(2), "can't be cast"),
    (lambda: ad.ones(3).__setitem__(slice(0, 2), ad.ones(3)), "shape mismatch"),
])
def test_inplace_results_that_do_not_fit_raise_runtime_error(call, phrase):
    with pytest.raises(RuntimeError) as info:
        call()
    assert phrase in str(info.value)


def test_inplace_keeps_the_tensor_unchanged_on_error():
    x = ad.ones(3)
    with pytest.raises(RuntimeError):
        x.add_(ad.ones(2, 3))
    assert x.tolist() == [1.0, 1.0, 1.0] and x._version == 0
    with pytest.raises(TypeError):
        x[0] = "a"
    y = ad.ones(3)
    y.add_(ad.ones(3, dtype=ad.float64))  # float64 into float32: same kind, allowed
    assert y.dtype == ad.float32 and y.tolist() == [2.0] * 3


def test_sgd_step_under_no_grad():
    x = ad.tensor([1.0, -2.0], requires_grad=True)
    (x * x).sum().backward()
    with ad.no_grad():
        x -= 0.25 * x.grad
    assert x.tolist() == [0.5, -1.0] and x.is_leaf and x.grad_fn is None
    x.grad.zero_()
    assert x.grad.tolist() == [0.0, 0.0]


def test_inplace_on_a_non_leaf_is_recorded():
    x = leaf()
    y = x * 1
    y += 1
    y[0] = 5.0
    y *= x
    y.sum().backward()
    assert y.tolist() == [0.0, 2.0, 6.0, 12.0]
    # d/dx_i of y_i x_i with y = x + 1 except y_0 = 5: y_i + x_i (and y_0 = 5 has no x in it)
    assert x.grad.tolist() == [5.0, 3.0, 5.0, 7.0]  # PyTorch 2.13 gives the same


@pytest.mark.parametrize("modify", [lambda y: y.add_(1), lambda y: y.mul_(2),
                                    lambda y: y.__setitem__(0, 3.0), lambda y: y.zero_()])
def test_inplace_change_of_a_saved_tensor_is_detected_at_backward(modify):
    x = leaf()
    y = x * 1
    z = y * y  # MulBackward0 saved y
    modify(y)
    with pytest.raises(RuntimeError, match="modified by an inplace operation") as info:
        z.sum().backward()
    assert "clone()" in str(info.value)


def test_inplace_change_of_a_saved_constant_is_detected():
    x = leaf()
    w = ad.ones(4)
    y = x * w
    w.add_(1)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        y.sum().backward()


def test_inplace_change_through_a_view_is_detected():
    x = leaf()
    y = x * 1
    z = y.sin()
    with ad.no_grad():
        y.view(2, 2)[0, 0] = 7.0  # shares y's memory and version counter
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        z.sum().backward()


@pytest.mark.parametrize("op", ["exp", "tanh", "sigmoid", "sqrt", "relu", "tan"])
def test_inplace_change_of_a_saved_result_is_detected(op):
    # the backward of these reads the op's own output; changing it would give a wrong gradient
    x = ad.tensor([0.5, 1.0, 2.0], requires_grad=True)
    y = getattr(ad, op)(x)
    y.add_(1)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        y.sum().backward()
    z = getattr(ad, op)(x * 1)
    with ad.no_grad():
        z.mul_(2)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        (z * 1).sum().backward()


def test_changing_a_tensor_only_a_constant_gradient_would_need_is_allowed():
    x = leaf()
    y = x * 1
    z = y * 2  # MulBackward0 needs y only for the gradient of 2, which is not wanted
    y.add_(1)
    z.sum().backward()
    assert x.grad.tolist() == [2.0] * 4
    x = leaf()
    y = x * 1
    y[..., :1] = y[..., :1] * 2  # the usual way to scale part of a tensor
    y.sum().backward()
    assert x.grad.tolist() == [2.0, 1.0, 1.0, 1.0]


def test_a_view_read_after_its_base_changed_is_refused():
    x = leaf()
    y = x * 1
    v = y[:2]
    y.mul_(2)  # v now shows 2 * y, but its grad_fn still says "slice of the old y"
    with pytest.raises(RuntimeError, match="changed in place"):
        (v * 1).sum().backward()


def test_reading_a_part_then_writing_it_back():
    x = leaf()
    y = x.reshape(2, 2) * 1
    y[0] = y[0] + y[1]  # PyTorch 2.13: fine, x.grad = [1, 1, 2, 2]
    y.sum().backward()
    assert x.grad.tolist() == [1.0, 1.0, 2.0, 2.0]


def test_reading_an_element_then_writing_it_back():
    x = leaf()
    y = x * 1
    y[0] = y[0] + y[1]
    y.sum().backward()
    assert x.grad.tolist() == [1.0, 2.0, 1.0, 1.0]


def test_changes_that_pytorch_also_lets_through():
    x = leaf()
    y = x * 1
    z = (y * y).sum()
    y.data.add_(1)  # .data has a version counter of its own: not detected, as in PyTorch
    z.backward()
    assert x.grad.tolist() == [2.0, 4.0, 6.0, 8.0]


def test_detach_shares_the_version_counter():
    x = leaf()
    y = x * 1
    z = (y * y).sum()
    y.detach().add_(1)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        z.backward()


def test_leaf_changed_under_no_grad_after_being_saved():
    x = leaf()
    y = (x * x).sum()
    with ad.no_grad():
        x.add_(1)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        y.backward()


def test_version_counter():
    x = ad.zeros(3)
    assert x._version == 0
    x.add_(1)
    x[0] = 2.0
    x += 1
    assert x._version == 3
    v = x.view(3)
    v.mul_(2)
    assert x._version == 4 and x.tolist() == [6.0, 4.0, 4.0]


# ---------------------------------------------------------------- AccumulateGrad's layout contract

@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("make", [
    lambda x, w: x @ w,  # MmBackward0: the gradient in w's own layout
    lambda x, w: x @ w.T.T,  # through two transposes
    lambda x, w: (x @ w) + (w.T @ x.T).T,  # two gradients added up
])
def test_a_leafs_grad_has_the_memory_layout_of_the_leaf(order, make):
    # as PyTorch's AccumulateGrad: .grad gets the strides of its (dense) parameter
    w = ad.tensor(np.asarray(np.arange(12.0).reshape(3, 4), order=order), requires_grad=True)
    x = ad.ones(2, 3, dtype=w.dtype)  # (a product does not mix float32 and float64)
    make(x, w).sum().backward()
    grad = w.grad.numpy()
    assert grad.flags.c_contiguous == (order == "C") and grad.flags.f_contiguous == (order == "F")
    # d/dw sum(x @ w) = x.T @ ones: every element the sum of a column of x (2), once per term
    terms = 2 if make(x, w).grad_fn.name() == "AddBackward0" else 1
    np.testing.assert_array_equal(grad, np.full((3, 4), 2.0 * terms))


def test_a_gradient_kept_without_a_copy_is_not_shared():
    # nn.Linear's weight gradient is kept as the backward made it; a second backward adds into
    # it, and a gradient of another leaf never shares its memory
    layer = ad.nn.Linear(3, 2)
    layer(ad.ones(4, 3)).sum().backward()
    first = layer.weight.grad.numpy().copy()
    assert not np.shares_memory(layer.weight.grad.numpy(), layer.bias.grad.numpy())
    layer(ad.ones(4, 3)).sum().backward()
    np.testing.assert_array_equal(layer.weight.grad.numpy(), 2 * first)
