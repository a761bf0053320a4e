"""tensor.py: metadata, conversions, repr, Python protocols (len, iter, bool, float, format),
indexing with scatter-add gradients, `.data`/`.detach()`, NumPy interop, as PyTorch 2.13 does."""

import numpy as np
import pytest

import autodiff_tr as ad


def leaf():
    return ad.arange(4.0, requires_grad=True)


# ---------------------------------------------------------------- repr (recorded from PyTorch)

@pytest.mark.parametrize("make,text", [
    (leaf, "tensor([0., 1., 2., 3.], requires_grad=True)"),
    (lambda: 2 * ad.dot(leaf(), leaf()), "tensor(28., grad_fn=<MulBackward0>)"),
    (lambda: ad.tensor([True, True, True, True]), "tensor([True, True, True, True])"),
    (lambda: leaf() > 1, "tensor([False, False,  True,  True])"),
    (lambda: ad.tensor(28.0), "tensor(28.)"),
    (lambda: ad.tensor([1, 2, 3]), "tensor([1, 2, 3])"),
    (lambda: ad.linspace(0, 6.28, steps=5), "tensor([0.0000, 1.5700, 3.1400, 4.7100, 6.2800])"),
    (lambda: ad.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=ad.float64),
     "tensor([[1., 2.],\n        [3., 4.]], dtype=autodiff_tr.float64)"),
    (lambda: ad.tensor(3.0, dtype=ad.float64, requires_grad=True),
     "tensor(3., dtype=autodiff_tr.float64, requires_grad=True)"),
    (lambda: ad.tensor([1.5, 2.0], requires_grad=True) * 2,
     "tensor([3., 4.], grad_fn=<MulBackward0>)"),
    (lambda: ad.zeros(0), "tensor([])"),
    (lambda: ad.zeros(2, 0), "tensor([], size=(2, 0))"),
    (lambda: ad.sin(leaf()), "tensor([0.0000, 0.8415, 0.9093, 0.1411], grad_fn=<SinBackward0>)"),
    (lambda: leaf()[0], "tensor(0., grad_fn=<SelectBackward0>)"),
    (lambda: leaf().detach(), "tensor([0., 1., 2., 3.])"),
    (lambda: leaf().data, "tensor([0., 1., 2., 3.])"),
])
def test_repr_matches_pytorch(make, text):
    t = make()
    assert repr(t) == text
    assert str(t) == text


@pytest.mark.parametrize("make, text", [  # printed by PyTorch 2.13 after set_default_dtype(float64)
    (lambda: ad.tensor([]), "tensor([])"),
    (lambda: ad.tensor([], dtype=ad.float32), "tensor([], dtype=autodiff_tr.float32)"),
    (lambda: ad.zeros(2, 0), "tensor([], size=(2, 0))"),
    (lambda: ad.tensor([], dtype=ad.int64), "tensor([], dtype=autodiff_tr.int64)"),
    (lambda: ad.tensor([], dtype=ad.bool), "tensor([], dtype=autodiff_tr.bool)"),
])
def test_an_empty_tensor_names_its_dtype_unless_it_is_the_default_float(make, text):
    ad.set_default_dtype(ad.float64)
    try:
        assert repr(make()) == text
    finally:
        ad.set_default_dtype(ad.float32)


def test_tensor_and_make_give_the_same_fields():
    made, built = ad.Tensor._make(np.array([1.0, 2.0])), ad.Tensor([1.0, 2.0])
    for name in ad.Tensor.__slots__:
        if name not in ("__weakref__", "_data"):
            assert getattr(built, name) == getattr(made, name), name


def test_grad_repr_after_backward():
    x = leaf()
    (2 * ad.dot(x, x)).backward()
    assert repr(x.grad) == "tensor([ 0.,  4.,  8., 12.])"


# ---------------------------------------------------------------- metadata

def test_shape_size_ndim_numel():
    t = ad.zeros(2, 3)
    assert t.shape == (2, 3) and t.size() == (2, 3) and list(t.shape) == [2, 3]
    assert repr(t.shape) == "autodiff_tr.Size([2, 3])"
    assert isinstance(t.shape, ad.Size) and t.shape.numel() == 6
    assert t.size(1) == 3 and t.size(-1) == 3 and t.shape[0] == 2
    assert t.ndim == 2 and t.dim() == 2 and t.numel() == 6
    assert ad.tensor(1.0).ndim == 0 and ad.tensor(1.0).shape == ()
    assert t.T.shape == (3, 2) and ad.zeros(3, 2, 4).T.shape == (4, 2, 3)
    assert t.is_floating_point() and not ad.arange(3).is_floating_point()


def test_data_is_the_same_values_without_history():
    x = leaf()
    d = x.data
    assert not d.requires_grad and d.is_leaf and d.grad_fn is None
    d[0] = 10.0  # shares memory, as in PyTorch
    assert x.tolist()[0] == 10.0
    y = (x * 2).data
    assert y.grad_fn is None


def test_detach_shares_memory_and_has_no_history():
    x = leaf()
    y = x * 2
    d = y.detach()
    assert d.grad_fn is None and not d.requires_grad and d.is_leaf
    assert d.tolist() == [0.0, 2.0, 4.0, 6.0]


# ---------------------------------------------------------------- conversions

def test_numpy_refuses_a_tensor_that_requires_grad():
    x = leaf()
    with pytest.raises(RuntimeError, match=r"Can't call numpy\(\) on Tensor that requires grad"
                       ) as info:
        x.numpy()
    assert "detach().numpy()" in str(info.value)
    with pytest.raises(RuntimeError, match="requires grad"):
        np.asarray(x)
    with pytest.raises(RuntimeError, match="requires grad"):
        np.asarray(x * 2)
    assert np.asarray(x.detach()).tolist() == [0.0, 1.0, 2.0, 3.0]
    assert x.detach().numpy().dtype == np.float32
    assert np.asarray(ad.arange(3.0), dtype=np.float64).dtype == np.float64


def test_item_tolist_float_int():
    assert ad.tensor([[2.5]]).item() == 2.5 and type(ad.tensor(2.5).item()) is float
    assert ad.tensor([3]).item() == 3 and type(ad.tensor([3]).item()) is int
    assert ad.tensor([True]).item() is True
    assert ad.tensor([[1, 2]]).tolist() == [[1, 2]] and ad.tensor(2.5).tolist() == 2.5
    assert float(ad.tensor([[2.5]])) == 2.5 and int(ad.tensor([3.9])) == 3
    assert [1, 2, 3][ad.tensor(1)] == 2
    assert leaf()[1].item() == 1.0  # item of a tensor that requires grad is fine


@pytest.mark.parametrize("call", [lambda t: t.item(), lambda t: bool(t)])
def test_item_and_bool_need_one_element(call):
    with pytest.raises(RuntimeError) as info:
        call(ad.ones(3))
    assert "more than one value is ambiguous" in str(info.value) or \
        "a Tensor with 3 elements cannot be converted to Scalar" in str(info.value)
    assert "t.sum()" in str(info.value)


def test_float_of_several_elements_raises():
    with pytest.raises((RuntimeError, ValueError)):
        float(ad.ones(2))


def test_bool_of_one_element_tensors_drives_control_flow():
    b = ad.tensor([1.0, 2.0])
    n = 0
    while b.norm() < 1000:
        b = b * 2
        n += 1
    assert n == 9
    assert bool(ad.tensor([[0.5]]) > 0) and not bool(ad.tensor(0.0)) and bool(ad.tensor([2]))
    if ad.tensor([-1.0, 3.0]).sum() > 0:
        taken = True
    assert taken


def test_len_and_iteration():
    t = ad.tensor([[1.0, 2.0], [3.0, 4.0]])
    assert len(t) == 2 and len(ad.zeros(3, 2)) == 3
    rows = list(t)
    assert [r.tolist() for r in rows] == [[1.0, 2.0], [3.0, 4.0]]
    assert [v.item() for v in ad.arange(3.0)] == [0.0, 1.0, 2.0]
    with pytest.raises(TypeError, match="len\\(\\) of a 0-d tensor"):
        len(ad.tensor(1.0))
    with pytest.raises(TypeError, match="iteration over a 0-d tensor"):
        list(ad.tensor(1.0))


def test_iteration_keeps_gradients():
    x = leaf()
    total = sum(v * v for v in x)
    total.backward()
    assert x.grad.tolist() == [0.0, 2.0, 4.0, 6.0]


def test_formatting():
    assert f"{ad.tensor(2.5):.2f}" == "2.50"
    assert f"{ad.tensor(3):d}" == "3"
    assert f"{ad.tensor(3)}" == "3"
    assert f"{leaf()[1]:.3f}" == "1.000"
    assert format(ad.tensor(1.0)) == "1.0"  # PyTorch formats a 0-d tensor as its item
    assert f"{ad.tensor([3])}" == "tensor([3])"
    assert str(ad.tensor(1.0)) == "tensor(1.)"
    assert f"{leaf()}" == "tensor([0., 1., 2., 3.], requires_grad=True)"


def test_hash_by_identity():
    a, b = ad.tensor(1.0), ad.tensor(1.0)
    assert len({a, b}) == 2 and hash(a) != hash(b)


def test_matplotlib_free_import():
    import subprocess
    import sys

    code = "import sys, autodiff_tr as ad; ad.arange(4.0); print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_numpy_can_take_detached_tensors_as_plot_data():
    x = ad.linspace(0, 1, steps=3)
    assert np.asarray(x).tolist() == [0.0, 0.5, 1.0]
    assert np.array(x * 2).tolist() == [0.0, 1.0, 2.0]


# ---------------------------------------------------------------- indexing

def test_index_forward_values():
    t = ad.arange(6.0).reshape(2, 3)
    assert t[1][2].item() == 5.0 and t[1, 2].item() == 5.0
    assert t[:, [0, 2]].tolist() == [[0.0, 2.0], [3.0, 5.0]]
    assert t[ad.tensor([True, False])].tolist() == [[0.0, 1.0, 2.0]]
    assert t[..., 1].tolist() == [1.0, 4.0]
    assert t[None].shape == (1, 2, 3)
    assert t[-1, -1].item() == 5.0
    assert t[t > 2].tolist() == [3.0, 4.0, 5.0]


@pytest.mark.parametrize("index,expected", [
    ([0, 0, 1], [2.0, 1.0, 0.0, 0.0]),  # repeated indices add up
    (ad.tensor([0, 0, 3]), [2.0, 0.0, 0.0, 1.0]),
    (np.array([1, 1, 1]), [0.0, 3.0, 0.0, 0.0]),
    (slice(1, None), [0.0, 1.0, 1.0, 1.0]),
    (slice(None, None, 2), [1.0, 0.0, 1.0, 0.0]),
    (-1, [0.0, 0.0, 0.0, 1.0]),
    ((None, slice(1, 3)), [0.0, 1.0, 1.0, 0.0]),
])
def test_index_gradient_scatter_adds(index, expected):
    x = leaf()
    x[index].sum().backward()
    assert x.grad.tolist() == expected


def test_mask_and_2d_index_gradients():
    x = leaf()
    x[x > 1].sum().backward()
    assert x.grad.tolist() == [0.0, 0.0, 1.0, 1.0]
    x = leaf()
    x.reshape(2, 2)[[0, 0], [1, 1]].sum().backward()
    assert x.grad.tolist() == [0.0, 2.0, 0.0, 0.0]
    x = leaf()
    y = x[ad.tensor([0, 0, 3])]
    y.backward(ad.tensor([1.0, 2.0, 3.0]))
    assert x.grad.tolist() == [3.0, 0.0, 0.0, 3.0]


def test_setitem_outside_grad_and_gradient_through_it():
    t = ad.zeros(3)
    t[1] = 2.0
    t[ad.tensor([0, 2])] = ad.tensor([5.0, 6.0])
    assert t.tolist() == [5.0, 2.0, 6.0]
    x = leaf()
    v = ad.tensor(10.0, requires_grad=True)
    y = x * 1
    y[1] = v * 3
    (y * ad.tensor([1.0, 2.0, 3.0, 4.0])).sum().backward()
    assert x.grad.tolist() == [1.0, 0.0, 3.0, 4.0]
    assert v.grad.item() == 6.0


def test_copy_and_deepcopy():
    """matplotlib copies what it plots: plt.plot(x.detach(), y.detach()) needs copy.copy."""
    import copy

    t = ad.tensor([1.0, 2.0])
    c, d = copy.copy(t), copy.deepcopy(t)
    assert c.tolist() == d.tolist() == [1.0, 2.0]
    d[0] = 5.0
    assert t.tolist() == [1.0, 2.0]
    leaf = ad.tensor([1.0], requires_grad=True)
    assert copy.deepcopy(leaf).requires_grad


def test_pickling_keeps_a_leaf_and_refuses_a_computed_tensor():
    import pickle

    x = ad.tensor([1.0, 2.0], requires_grad=True)
    back = pickle.loads(pickle.dumps(x))
    assert back.tolist() == [1.0, 2.0] and back.requires_grad and back.is_leaf
    with pytest.raises(RuntimeError, match="detach"):
        pickle.dumps(x * 2)


def test_a_math_function_of_many_elements_points_to_the_tensor_function():
    import math

    with pytest.raises(ValueError, match=r"^only one element tensors can be converted to Python"
                                         r" scalars; .*`ad\.sin\(t\)` instead of `math\.sin\(t\)`"):
        math.sin(ad.ones(3))


@pytest.mark.parametrize(("change", "fix"), [
    (lambda a: a.sin_(), "(`a = a.sin()` instead of `a.sin_()`)"),
    (lambda a: a.clamp_(0, 1), "(`a = a.clamp(...)` instead of `a.clamp_(...)`)"),
    (lambda a: a.__iadd__(1), "(`x = x + 1` instead of `x += 1`)"),
    (lambda a: a.add_(1), "(`x = x + 1` instead of `x += 1`)"),
    (lambda a: a.__imul__(ad.ones(3)), "(`x = x * y` instead of `x *= y`)"),
])
def test_the_in_place_hint_names_the_out_of_place_form_of_that_op(change, fix):
    a = ad.ones(3, requires_grad=True)
    with pytest.raises(RuntimeError, match="^a leaf Variable that requires grad is being used in"
                                           " an in-place operation") as raised:
        change(a)
    assert str(raised.value).endswith(fix + ".")
