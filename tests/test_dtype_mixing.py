"""Products, layers and losses do not mix dtypes where PyTorch refuses to (it has no type promotion
in its matrix kernels): the same exception type and PyTorch's words first. The texts were printed
by PyTorch 2.13 running the same lines (`torch` for `ad`); binary elementwise ops promote as
PyTorch does."""

import math

import pytest

import autodiff_tr as ad
import autodiff_tr.compat.tensorflow as tf
import autodiff_tr.nn.functional as F
from autodiff_tr import nn


def D(*shape, d=ad.float32):  # noqa: N802 - a short name for the table below
    return ad.ones(*shape, dtype=d)


f64, i64, i32 = ad.float64, ad.int64, ad.int32

REFUSED = [
    (lambda: D(2, 3) @ D(3, 2, d=f64),
     "expected m1 and m2 to have the same dtype, but got: float != double"),
    (lambda: D(2, 3) @ D(3, 2, d=i64),
     "expected m1 and m2 to have the same dtype, but got: float != long int"),
    (lambda: ad.mm(D(2, 3), D(3, 2, d=f64)),
     "expected m1 and m2 to have the same dtype, but got: float != double"),
    (lambda: D(2, 3, d=i32) @ D(3, 2, d=i64),
     "expected m1 and m2 to have the same dtype, but got: int != long int"),
    (lambda: D(3) @ D(3, 2, d=f64),
     "expected m1 and m2 to have the same dtype, but got: float != double"),
    (lambda: D(3, d=f64) @ D(3, 2),
     "expected m1 and m2 to have the same dtype, but got: double != float"),
    (lambda: D(2, 2, 3) @ D(3, 2, d=f64),
     "expected m1 and m2 to have the same dtype, but got: float != double"),
    (lambda: D(2, 3) @ D(2, 3, 2, d=f64), "expected scalar type Float but found Double"),
    (lambda: D(2, 2, 3) @ D(2, 3, 2, d=f64), "expected scalar type Float but found Double"),
    (lambda: D(2, 2, 3, d=f64) @ D(2, 3, 2), "expected scalar type Double but found Float"),
    (lambda: ad.dot(D(3), D(3, d=f64)),
     "dot : expected both vectors to have same dtype, but found Float and Double"),
    (lambda: ad.dot(D(3), D(3, d=i64)),
     "dot : expected both vectors to have same dtype, but found Float and Long"),
    (lambda: D(3) @ D(3, d=f64),
     "dot : expected both vectors to have same dtype, but found Float and Double"),
    (lambda: ad.mv(D(2, 3), D(3, d=f64)),
     "addmv input tensors must have the same dtype, but got Double, Float, and Double"),
    (lambda: ad.mv(D(2, 3, d=f64), D(3)),
     "addmv input tensors must have the same dtype, but got Float, Double, and Float"),
    (lambda: D(2, 2, 3) @ D(3, d=f64),
     "addmv input tensors must have the same dtype, but got Double, Float, and Double"),
    (lambda: nn.Linear(3, 2)(D(4, 3, d=f64)),
     "mat1 and mat2 must have the same dtype, but got Double and Float"),
    (lambda: nn.Linear(3, 2)(D(4, 3, d=i64)),
     "mat1 and mat2 must have the same dtype, but got Long and Float"),
    (lambda: nn.Linear(3, 2)(D(3, d=f64)),
     "mat1 and mat2 must have the same dtype, but got Double and Float"),
    (lambda: nn.Linear(3, 2)(D(2, 4, 3, d=f64)),
     "mat1 and mat2 must have the same dtype, but got Double and Float"),
    (lambda: F.linear(D(4, 3, d=f64), D(2, 3)),
     "expected m1 and m2 to have the same dtype, but got: double != float"),
    (lambda: F.linear(D(4, 2, 3, d=f64), D(2, 3)),
     "expected m1 and m2 to have the same dtype, but got: double != float"),
    (lambda: F.linear(D(4, 3), D(2, 3), D(2, d=f64)),
     "self and mat2 must have the same dtype, but got Double and Float"),
    (lambda: F.linear(D(4, 3, d=f64), D(2, 3, d=f64), D(2)),
     "self and mat2 must have the same dtype, but got Float and Double"),
    (lambda: F.cross_entropy(D(2, 3), ad.tensor([0, 1]), weight=D(3, d=f64)),
     "expected scalar type Float but found Double"),
    (lambda: F.nll_loss(D(2, 3), ad.tensor([0, 1]), weight=D(3, d=i64)),
     "expected scalar type Float but found Long"),
    (lambda: F.cross_entropy(D(2, 3), ad.tensor([0, 1]), weight=D(2)),
     "weight tensor should be defined either for all 3 classes or no classes but got weight"
     " tensor of shape: [2]"),
    (lambda: F.nll_loss(D(2, 3), ad.tensor([0, 1]), weight=D(4)),
     "weight tensor should be defined either for all 3 classes or no classes but got weight"
     " tensor of shape: [4]"),
    (lambda: F.nll_loss(D(2, 3), ad.tensor([0, 1]), weight=D(1, 3)),
     "weight tensor should be defined either for all 3 classes or no classes but got weight"
     " tensor of shape: [1, 3]"),
    (lambda: F.cross_entropy(D(2, 3), D(2, 3) / 3, weight=D(2)),
     "weight tensor should be defined either for all 3 classes or no classes but got weight"
     " tensor of shape: [2]"),
]


@pytest.mark.parametrize(("call", "pytorch_text"), REFUSED)
def test_mixed_dtypes_are_refused_as_pytorch_refuses_them(call, pytorch_text):
    with pytest.raises(RuntimeError) as raised:
        call()
    assert str(raised.value).startswith(pytorch_text)
    assert "`" in str(raised.value)  # and a hint follows, with code to try


@pytest.mark.parametrize(("call", "dtype"), [
    (lambda: D(3) + D(3, d=f64), ad.float64),
    (lambda: D(3) + D(3, d=i64), ad.float32),
    (lambda: F.mse_loss(D(3), D(3, d=f64)), ad.float64),
    (lambda: F.mse_loss(D(3), D(3, d=i64)), ad.float32),
    (lambda: F.cross_entropy(D(2, 3, d=f64), ad.tensor([0, 1])), ad.float64),
    (lambda: F.cross_entropy(D(2, 3), D(2, 3, d=f64)), ad.float64),
    (lambda: D(2, 3, d=i64) @ D(3, 2, d=i64), ad.int64),
])
def test_what_pytorch_promotes_still_computes(call, dtype):
    assert call().dtype == dtype


def test_a_hook_may_not_change_the_gradients_dtype():
    x = ad.ones(3, requires_grad=True)
    y = x * 2
    y.register_hook(lambda g: g.double())
    with pytest.raises(RuntimeError, match=r"hook '<lambda>' has changed the type of value \(was"
                                           r" torch.FloatTensor got torch.DoubleTensor\)"):
        y.sum().backward()
    x = ad.ones(3, requires_grad=True)
    x.register_hook(lambda g: g.long())
    with pytest.raises(RuntimeError, match="was torch.FloatTensor got torch.LongTensor"):
        (x * 2).sum().backward()


def test_cross_entropy_with_every_target_ignored_is_pytorchs_nan_with_zero_gradients(recwarn):
    x = ad.tensor([[1.0, 2.0, 3.0], [0.5, 0.1, 0.2]], requires_grad=True)
    loss = F.cross_entropy(x, ad.tensor([-100, -100]))
    loss.backward()
    assert math.isnan(loss.item())
    assert x.grad.tolist() == [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    assert math.isnan(F.cross_entropy(x, ad.tensor([-100, -100]), weight=ad.ones(3)).item())
    assert [str(w.message) for w in recwarn] == []  # PyTorch prints nothing


def test_backward_through_inf_and_nan_gives_them_without_numpys_warnings(recwarn):
    x = ad.tensor([0.0, 1.0], requires_grad=True)
    ad.sqrt(x).sum().backward()
    ad.log(x.detach() + 1).sum()  # (a forward without warnings)
    assert x.grad.tolist() == [float("inf"), 0.5]
    y = ad.tensor([0.0, 4.0], requires_grad=True)
    (ad.tensor(1.0) / y).sum().backward()
    assert y.grad.tolist() == [float("-inf"), -1 / 16]
    assert [str(w.message) for w in recwarn if "backward" in str(w.filename)
            or "derivatives" in str(w.filename)] == []


def test_tensorflow_variable_assign_refuses_another_shape_as_tensorflow():
    v = tf.Variable([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"Cannot assign value to variable ' Variable:0': Shape"
                                         r" mismatch.The variable shape \(3,\), and the assigned"
                                         r" value shape \(\) are incompatible"):
        v.assign(5.0)
    v.assign(tf.ones_like(v) * 5.0)
    assert v.numpy().tolist() == [5.0, 5.0, 5.0]
