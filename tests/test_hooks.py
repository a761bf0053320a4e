"""Tensor.register_hook with PyTorch's semantics (numbers checked against torch 2.13 by hand in
the comments): a hook sees the gradient, may replace it, runs for leaves and computed tensors, in
backward and autograd.grad, before retain_grad; handle.remove() takes it off."""

import numpy as np
import pytest

import autodiff_tr as ad


def test_a_hook_on_a_leaf_replaces_the_gradient_before_it_reaches_grad():
    a = ad.tensor([1.0, 2.0], requires_grad=True)
    seen = []
    a.register_hook(lambda g: seen.append(g.tolist()))  # returns None: gradient unchanged
    h = a.register_hook(lambda g: g * 10)
    (a * 3).sum().backward()
    assert seen == [[3.0, 3.0]] and a.grad.tolist() == [30.0, 30.0]  # torch: tensor([30., 30.])
    h.remove()
    a.grad = None
    (a * 3).sum().backward()
    assert a.grad.tolist() == [3.0, 3.0]


def test_hooks_on_a_computed_tensor_run_in_order_and_retain_grad_sees_the_result():
    a = ad.tensor([1.0, 2.0], requires_grad=True)
    b = a * 2
    b.register_hook(lambda g: g + 1)
    b.retain_grad()
    b.register_hook(lambda g: g * 100)  # registered after retain_grad, still runs before it
    b.sum().backward()
    assert b.grad.tolist() == [200.0, 200.0]  # torch: (1 + 1) * 100
    assert a.grad.tolist() == [400.0, 400.0]  # the replaced gradient flows on: 200 * 2


def test_hooks_run_in_autograd_grad_and_for_a_gradient_that_arrives_twice():
    a = ad.tensor([1.0, 2.0], requires_grad=True)
    a.register_hook(lambda g: g * 10)
    assert ad.autograd.grad((a * 3).sum(), a)[0].tolist() == [30.0, 30.0]  # torch: 30, 30
    calls = []
    b = a * 1
    b.register_hook(lambda g: calls.append(g.tolist()))
    (b * b).sum().backward()  # two paths into b: the hook sees their sum, once
    assert calls == [[2.0, 4.0]]


def test_a_hook_with_create_graph_gets_a_differentiable_gradient():
    x = ad.tensor([1.0, 2.0], dtype=ad.float64, requires_grad=True)
    y = x**2
    y.register_hook(lambda g: g * x)  # d/dy replaced by x: the gradient becomes 2 x^2
    (g,) = ad.autograd.grad(y.sum(), x, create_graph=True)
    assert g.tolist() == [2.0, 8.0]
    (h,) = ad.autograd.grad(g.sum(), x)
    assert h.tolist() == [4.0, 8.0]  # d/dx 2 x^2 = 4 x


def test_the_handle_works_as_a_context_manager_and_has_no_address():
    a = ad.tensor([1.0], requires_grad=True)
    with a.register_hook(lambda g: g * 0) as handle:
        (a * 2).sum().backward()
    assert a.grad.tolist() == [0.0]
    (a * 2).sum().backward()
    assert a.grad.tolist() == [2.0]
    assert "0x" not in repr(handle)
    handle.remove()  # removing twice is harmless


@pytest.mark.parametrize(
    "hook, error, words",
    [
        (lambda g: ad.ones(3), RuntimeError, "has changed the size of value"),
        (lambda g: 2.0, TypeError, "returned a float"),
    ],
)
def test_a_hook_that_returns_something_wrong_is_refused(hook, error, words):
    a = ad.tensor([1.0, 2.0], requires_grad=True)
    (a * 1).register_hook(hook)
    b = a * 1
    b.register_hook(hook)
    with pytest.raises(error, match=words):
        b.sum().backward()


def test_no_hook_on_a_tensor_without_grad():
    with pytest.raises(
        RuntimeError, match="cannot register a hook on a tensor that doesn't require gradient"
    ):
        ad.tensor([1.0]).register_hook(lambda g: g)


def test_a_leaf_keeps_its_hooks_while_it_lives():
    import gc

    a = ad.tensor([1.0, 2.0], requires_grad=True)
    a.register_hook(lambda g: g * 2)
    gc.collect()  # the leaf's gradient node is kept by the leaf, with its hooks
    (a * 1).sum().backward()
    assert np.array_equal(a.grad.numpy(), [2.0, 2.0])
