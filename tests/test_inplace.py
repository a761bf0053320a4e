"""In-place ops: PyTorch's arguments (`alpha=`, `value=`, `weight`), one version increment per
op, the direct path (values written into the tensor's own memory) when nothing is recorded, and
the recorded path otherwise. Expected values are worked out by hand in the comments."""

import numpy as np
import pytest

import autodiff_tr as ad


def test_add_and_sub_take_alpha():
    x = ad.tensor([1.0, 2.0, 3.0])
    x.add_(ad.tensor([1.0, 1.0, 1.0]), alpha=2)  # 1+2, 2+2, 3+2
    np.testing.assert_array_equal(x.numpy(), [3.0, 4.0, 5.0])
    x.sub_(1, alpha=0.5)  # minus 0.5
    np.testing.assert_array_equal(x.numpy(), [2.5, 3.5, 4.5])
    np.testing.assert_array_equal(ad.add(x, 2, alpha=-1).numpy(), [0.5, 1.5, 2.5])
    np.testing.assert_array_equal(x.sub(ad.tensor([1.0, 2.0, 3.0]), alpha=2).numpy(),
                                  [0.5, -0.5, -1.5])


def test_addcmul_and_addcdiv_take_value():
    x = ad.tensor([1.0, 2.0, 3.0])
    a, b = ad.tensor([1.0, 2.0, 3.0]), ad.tensor([2.0, 2.0, 2.0])
    np.testing.assert_array_equal(ad.addcmul(x, a, b, value=0.5).numpy(), [2.0, 4.0, 6.0])
    np.testing.assert_array_equal(x.addcdiv(a, b, value=-1).numpy(), [0.5, 1.0, 1.5])
    x.addcmul_(a, b, value=0.5)  # x + 0.5 * a * b = 1+1, 2+2, 3+3
    np.testing.assert_array_equal(x.numpy(), [2.0, 4.0, 6.0])
    x.addcdiv_(a, b)  # x + a / b = 2+0.5, 4+1, 6+1.5
    np.testing.assert_array_equal(x.numpy(), [2.5, 5.0, 7.5])


@pytest.mark.parametrize("weight, expected", [(0.25, [3.0, 4.5, 6.0]), (0.75, [1.0, 1.5, 2.0]),
                                              (1.0, [0.0, 0.0, 0.0])])
def test_lerp_moves_towards_end_by_weight(weight, expected):
    # 4, 6, 8 towards 0: (1 - weight) times the start; weight 1 gives `end` exactly
    x = ad.tensor([4.0, 6.0, 8.0])
    np.testing.assert_array_equal(ad.lerp(x, ad.zeros(3), weight).numpy(), expected)
    x.lerp_(ad.zeros(3), weight)
    np.testing.assert_array_equal(x.numpy(), expected)
    y = ad.tensor([4.0, 6.0, 8.0])
    y.lerp_(ad.zeros(3), ad.full((3,), weight))
    np.testing.assert_array_equal(y.numpy(), expected)


def test_a_running_average_by_lerp_keeps_the_float32_bits_of_the_two_formulas():
    # weight < 0.5: start + w * (end - start); else end - (end - start) * (1 - w), in float32
    start, end = np.float32([0.1, -3.7]), np.float32([2.3, 0.9])
    x = ad.tensor(start)
    x.lerp_(ad.tensor(end), 0.1)
    np.testing.assert_array_equal(x.numpy(), start + np.float32(0.1) * (end - start))
    x = ad.tensor(start)
    x.lerp_(ad.tensor(end), 0.9)
    np.testing.assert_array_equal(x.numpy(), end - (end - start) * np.float32(1 - 0.9))


def test_the_direct_path_writes_into_the_tensors_own_memory():
    x = ad.tensor([4.0, 9.0])
    memory = x.numpy()
    x.sqrt_().mul_(2).div_(4).add_(1, alpha=3).sub_(ad.ones(2))
    x.addcmul_(ad.ones(2), ad.ones(2)).addcdiv_(ad.ones(2), ad.ones(2)).lerp_(ad.ones(2), 0.5)
    x += 1
    x -= 1
    x *= 2
    x /= 2
    assert x.numpy() is memory
    # sqrt: 2, 3; *2 /4: 1, 1.5; +3 -1: 3, 3.5; +1 +1: 5, 5.5; halfway to 1: 3, 3.25
    np.testing.assert_array_equal(memory, [3.0, 3.25])


def test_every_in_place_op_counts_one_version():
    x = ad.tensor([1.0, 2.0])
    ops = [lambda: x.add_(1, alpha=2), lambda: x.sub_(1), lambda: x.mul_(2), lambda: x.div_(2),
           lambda: x.addcmul_(x, x), lambda: x.addcdiv_(x, x), lambda: x.lerp_(x, 0.3),
           lambda: x.sqrt_(), lambda: x.exp_(), lambda: x.zero_(), lambda: x.fill_(1.0),
           lambda: x.copy_(ad.ones(2))]
    for done, op in enumerate(ops, 1):
        op()
        assert x._version == done


def test_a_direct_change_of_a_saved_tensor_is_refused_at_backward():
    w = ad.tensor([1.0, 2.0], requires_grad=True)
    loss = (w * w).sum()
    with ad.no_grad():
        w.add_(ad.ones(2), alpha=-0.1)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        loss.backward()


def test_recorded_in_place_ops_get_pytorchs_nodes_and_gradients():
    w = ad.tensor([1.0, 2.0], requires_grad=True)
    y = w * 1
    y.add_(w, alpha=3)  # y = w + 3w: gradient 4
    assert y.grad_fn.name() == "AddBackward0"
    y.sum().backward()
    np.testing.assert_array_equal(w.grad.numpy(), [4.0, 4.0])
    w.grad = None
    y = w * 1
    y.addcmul_(w, w, value=2)  # w + 2 w^2: gradient 1 + 4w
    assert y.grad_fn.name() == "AddcmulBackward0"
    y.sum().backward()
    np.testing.assert_array_equal(w.grad.numpy(), [5.0, 9.0])
    w.grad = None
    y = w * 1
    y.addcdiv_(ad.ones(2), w, value=3)  # w + 3 / w: gradient 1 - 3 / w^2
    assert y.grad_fn.name() == "AddcdivBackward0"
    y.sum().backward()
    np.testing.assert_array_equal(w.grad.numpy(), [-2.0, 0.25])
    w.grad = None
    y = w * 1
    y.lerp_(ad.zeros(2), 0.25)  # 0.75 w
    assert y.grad_fn.name() == "LerpBackward0"
    y.sum().backward()
    np.testing.assert_array_equal(w.grad.numpy(), [0.75, 0.75])


def test_pytorchs_node_names_for_the_out_of_place_forms():
    a = ad.tensor([1.0, 2.0], requires_grad=True)
    b = ad.tensor([3.0, 4.0], requires_grad=True)
    assert ad.add(a, b, alpha=2).grad_fn.name() == "AddBackward0"
    assert ad.sub(a, b, alpha=2).grad_fn.name() == "SubBackward0"
    assert ad.lerp(a, b, 0.3).grad_fn.name() == "LerpBackward0"
    assert ad.lerp(a, b, ad.tensor([0.3, 0.6])).grad_fn.name() == "LerpBackward1"


@pytest.mark.parametrize("call, phrase", [
    (lambda: ad.tensor([1, 2]).add_(1.5), "can't be cast to the desired output type"),
    (lambda: ad.tensor([1, 2]).sqrt_(), "result type autodiff_tr.float32 can't be cast"),
    (lambda: ad.tensor([1, 2]).add_(ad.tensor([1, 2]), alpha=0.5), "alpha must not be a float"),
    (lambda: ad.tensor([1, 2]).add(ad.tensor([1, 2]), alpha=0.5), "alpha must not be a float"),
    (lambda: ad.ones(2).add_(ad.ones(3)), "must match the size of tensor b"),
    (lambda: ad.ones(2).mul_(ad.ones(2, 2)), "doesn't match the broadcast shape"),
    (lambda: ad.ones(2).lerp_(ad.ones(2, dtype=ad.float64), 0.5),
     "expected dtype float for `end` but got dtype double"),
])
def test_bad_in_place_arguments_get_pytorchs_runtime_errors(call, phrase):
    with pytest.raises(RuntimeError, match=phrase):
        call()


def test_a_failed_in_place_op_leaves_the_tensor_and_its_version_alone():
    x = ad.tensor([1, 2])
    with pytest.raises(RuntimeError):
        x.add_(1.5)
    np.testing.assert_array_equal(x.numpy(), [1, 2])
    assert x._version == 0


def test_an_in_place_op_of_another_type_is_a_type_error():
    with pytest.raises(TypeError, match="argument 'other' must be Tensor, not str"):
        ad.ones(2).add_("1")


def test_copy_and_fill_convert_to_the_tensors_dtype_and_broadcast():
    # PyTorch's copy_ and fill_ truncate a float into an integer tensor, and copy_ broadcasts
    x = ad.tensor([[0, 0], [0, 0]])
    x.copy_(ad.tensor([1.7, -2.7]))
    np.testing.assert_array_equal(x.numpy(), [[1, -2], [1, -2]])
    x.fill_(2.9)
    np.testing.assert_array_equal(x.numpy(), [[2, 2], [2, 2]])
    y = ad.tensor([np.inf, np.nan])  # the old values play no part
    y.copy_(ad.tensor([1.0, 2.0]))
    np.testing.assert_array_equal(y.numpy(), [1.0, 2.0])
    y.fill_(ad.tensor(3.0))
    np.testing.assert_array_equal(y.numpy(), [3.0, 3.0])
    with pytest.raises(RuntimeError, match="must match the size of tensor b"):
        y.copy_(ad.ones(3))


def test_maximum_and_minimum_write_into_out_as_amsgrad_does():
    # PyTorch's amsgrad: torch.maximum(max_exp_avg_sq, exp_avg_sq, out=max_exp_avg_sq)
    running = ad.tensor([1.0, 5.0])
    memory = running.numpy()
    assert ad.maximum(running, ad.tensor([3.0, 2.0]), out=running) is running
    np.testing.assert_array_equal(memory, [3.0, 5.0])
    assert running.numpy() is memory and running._version == 1
    ad.minimum(running, ad.tensor([4.0, 4.0]), out=running)
    np.testing.assert_array_equal(memory, [3.0, 4.0])
    w = ad.ones(2, requires_grad=True)
    with ad.no_grad():  # an optimizer's state: nothing to record
        ad.maximum(w, running, out=running)
    np.testing.assert_array_equal(memory, [3.0, 4.0])


def test_out_is_refused_where_a_graph_would_be_needed():
    w = ad.ones(2, requires_grad=True)
    with pytest.raises(RuntimeError, match="maximum\\(\\): functions with out=... arguments"
                                           " don't support automatic differentiation"):
        ad.maximum(w, ad.zeros(2), out=ad.zeros(2))
    with pytest.raises(RuntimeError, match="doesn't match the broadcast shape"):
        ad.maximum(ad.ones(2), ad.ones(2), out=ad.zeros(3))


# ---------------------------------------------------------------- one element is a view
# (PyTorch 2.13: `y[0]` and `m[0, 1]` are 0-d views: `_base is y`, one version counter)

def test_indexing_one_element_gives_a_view_that_shares_the_version_counter():
    y = ad.tensor([1.0, 2.0, 3.0])
    first = y[0]
    assert first.shape == () and first._base[0] is y
    y.mul_(2)  # PyTorch: first is 2.0, first._version 1
    assert first.item() == 2.0 and first._version == 1
    first.add_(1)  # PyTorch: y is [3., 4., 6.], y._version 2
    assert y.tolist() == [3.0, 4.0, 6.0] and y._version == 2


def test_indexing_one_element_of_a_matrix_sees_a_write_into_the_base():
    m = ad.zeros(2, 3)
    element = m[0, 1]
    m[0, 1] = 5.0  # PyTorch: element is 5.0, element._version 1, element._base is m
    assert element.item() == 5.0 and element._version == 1 and element._base[0] is m


def test_one_element_of_a_tensor_that_requires_grad_is_a_view_refused_in_place():
    w = ad.tensor([1.0, 2.0], requires_grad=True)
    h = w * 2
    element = h[0]
    assert element._base[0] is h  # PyTorch: element._base is h
    with pytest.raises(RuntimeError, match="view"):
        element.mul_(2)  # PyTorch rewrites h's history instead; autodiff_tr refuses
    (h[1] * 3).backward()
    assert w.grad.tolist() == [0.0, 6.0]


def test_the_version_error_names_the_saved_input_or_the_saved_result():
    x = ad.tensor([1.0, 2.0], requires_grad=True)
    y = ad.tensor([3.0, 4.0])
    out = (x * y).sum()
    y.add_(1)  # MulBackward0 saved y as its input `other` (PyTorch's name for it)
    with pytest.raises(RuntimeError, match="the input `other` that MulBackward0 saved is at"
                                           " version 1; expected version 0"):
        out.backward()
    e = (x * 1).exp()
    out = e.sum()
    e.add_(1)  # ExpBackward0 saved its own result
    with pytest.raises(RuntimeError, match="the result of ExpBackward0, which it saved, is at"
                                           " version 1"):
        out.backward()
