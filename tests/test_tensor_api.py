"""The Tensor API against PyTorch's own numbers (torch_numbers/ops.json): values,
dtypes, shapes, grad_fn names and the gradients of every input, case by case."""

import json
import pathlib

import numpy as np
import pytest

import autodiff_tr as ad

RECORDED = json.loads((pathlib.Path(__file__).parent / "torch_numbers" / "ops.json").read_text())


def _check(got, want, where):
    if want is None:
        assert got is None, where
        return
    assert str(got.dtype) == f"autodiff_tr.{want['dtype']}", where
    assert list(got.shape) == want["shape"], where
    values = got.detach().numpy().astype(np.float64).reshape(-1)
    rtol = 1e-6 if want["dtype"] == "float32" else 1e-12
    np.testing.assert_allclose(values, want["values"], rtol=rtol, atol=1e-12, err_msg=where)


@pytest.mark.parametrize("case", RECORDED["cases"], ids=lambda c: c["code"])
def test_same_as_pytorch(case):
    inputs = {name: eval(make, {"torch": ad}) for name, make in RECORDED["setup"].items()}
    result = eval(case["code"], {"torch": ad, **inputs})
    _check(result, case["result"], "result")
    assert (result.grad_fn.name() if result.grad_fn is not None else None) == case["grad_fn"]
    assert result.requires_grad == ("grads" in case)
    if "grads" in case:
        w = ad.arange(result.numel(), dtype=result.dtype).reshape(result.shape) * 0.1 + 1
        (result * w).sum().backward()
        for name, want in case["grads"].items():
            _check(inputs[name].grad, want, f"grad of {name}")


# ---------------------------------------------------------------- the rest of the API

def test_max_with_dim_is_a_named_tuple_of_values_and_indices():
    x = ad.tensor([[1.0, 2.0], [3.0, 4.0]])
    result = ad.max(x, 1, keepdim=True)
    values, indices = result
    assert isinstance(result, tuple) and len(result) == 2
    assert result.values.tolist() == values.tolist() == [[2.0], [4.0]]
    assert result.indices.tolist() == indices.tolist() == [[1], [1]]
    assert result[0].tolist() == [[2.0], [4.0]]
    # printed as PyTorch prints torch.return_types.max, one field per line
    assert repr(ad.min(x, 0)) == ("autodiff_tr.return_types.min(\nvalues=tensor([1., 2.]),\n"
                                  "indices=tensor([0, 0]))")


def test_type_names_and_conversions():
    x = ad.tensor([[1.0, 2.0], [3.0, 4.0]])
    assert x.type() == "torch.FloatTensor"  # PyTorch's names, so that comparisons run on both
    assert ad.tensor([1, 2]).type() == "torch.LongTensor"
    assert ad.tensor([True]).type() == "torch.BoolTensor"
    assert x.type(ad.int64).tolist() == [[1, 2], [3, 4]] and x.type(ad.int64).dtype == ad.int64
    assert x.type("torch.DoubleTensor").dtype == ad.float64
    with pytest.raises(ValueError, match="invalid type: 'torch.Foo'"):
        x.type("torch.Foo")


def test_new_tensors_take_the_dtype_of_the_tensor():
    x = ad.tensor([1.0, 2.0], dtype=ad.float64)
    assert x.new_zeros(2, 3).dtype == ad.float64 and x.new_zeros(2, 3).shape == (2, 3)
    assert x.new_ones((2,)).tolist() == [1.0, 1.0]
    assert x.new_full((2,), 7).tolist() == [7.0, 7.0] and x.new_full((2,), 7).dtype == ad.float64
    assert x.new_tensor([1, 2]).dtype == ad.float64
    assert x.new_zeros(2, dtype=ad.int64).dtype == ad.int64
    assert x.new_zeros(2, requires_grad=True).requires_grad


@pytest.mark.parametrize("call, fn, kind", [
    (lambda x: x.new_zeros("a"), "new_zeros", "str"),
    (lambda x: x.new_ones(2.5), "new_ones", "float"),
    (lambda x: x.new_zeros((2, "a")), "new_zeros", "str"),
    (lambda x: x.new_full(3, 1.0), "new_full", "int"),  # PyTorch wants a tuple here
])
def test_new_tensors_refuse_a_size_that_is_no_tuple_of_ints(call, fn, kind):
    with pytest.raises(TypeError, match=f"^{fn}\\(\\): argument 'size' \\(position 1\\) must be"
                                        f" tuple of ints, not {kind}"):
        call(ad.ones(2))


def test_is_tensor_numel_and_scalar_conversion():
    assert ad.is_tensor(ad.zeros(1)) and not ad.is_tensor([1.0]) and not ad.is_tensor(1.0)
    assert ad.numel(ad.zeros(2, 3)) == 6 and ad.zeros(2, 3).numel() == 6
    assert float(ad.tensor([2.5])) == 2.5 and int(ad.tensor(3)) == 3
    with pytest.raises(ValueError, match="only one element tensors can be converted to Python"
                                         " scalars"):
        float(ad.ones(3))
    with pytest.raises(ValueError, match="only one element tensors"):
        int(ad.ones(3))
    with pytest.raises(RuntimeError, match="a Tensor with 3 elements cannot be converted"):
        ad.ones(3).item()  # item() keeps PyTorch's RuntimeError


def test_set_default_dtype_changes_every_new_float_tensor():
    assert ad.get_default_dtype() == ad.float32
    try:
        ad.set_default_dtype(ad.float64)
        assert ad.get_default_dtype() == ad.float64
        assert ad.tensor([1.5]).dtype == ad.float64 and ad.tensor(1.5).dtype == ad.float64
        assert ad.zeros(2).dtype == ad.ones(2).dtype == ad.float64
        assert ad.arange(3.0).dtype == ad.linspace(0, 1, 3).dtype == ad.float64
        assert ad.full((2,), 0.5).dtype == ad.eye(2).dtype == ad.float64
        assert ad.randn(2).dtype == ad.rand(2).dtype == ad.float64
        assert (ad.arange(3) * 0.5).dtype == ad.float64  # an int tensor with a float
        assert ad.tensor([1, 2]).dtype == ad.int64  # integers stay integers
        assert repr(ad.tensor([1.5])) == "tensor([1.5000])"  # the default is not printed
        assert repr(ad.tensor([1.5], dtype=ad.float32)) == (
            "tensor([1.5000], dtype=autodiff_tr.float32)")
        with pytest.raises(TypeError, match="only floating-point types"):
            ad.set_default_dtype(ad.int64)
    finally:
        ad.set_default_dtype(ad.float32)
    assert ad.tensor([1.5]).dtype == ad.float32


def test_inference_mode_records_nothing_like_no_grad():
    x = ad.ones(2, requires_grad=True)
    with ad.inference_mode():
        y = x * 2
        assert ad.is_inference_mode_enabled() and not ad.is_grad_enabled()
    assert not y.requires_grad and y.grad_fn is None
    assert not ad.is_inference_mode_enabled() and ad.is_grad_enabled()
    with ad.inference_mode(False):
        assert (x * 2).requires_grad

    @ad.inference_mode()
    def evaluate(t):
        return t * 2

    @ad.autograd.inference_mode
    def evaluate_bare(t):
        return t * 2

    assert not evaluate(x).requires_grad and not evaluate_bare(x).requires_grad
    assert (x * 2).requires_grad


@pytest.mark.parametrize("call, error, words", [
    (lambda x: x.sum(1, axis=1), TypeError, "both 'dim' and its NumPy name 'axis'"),
    (lambda x: x.softmax(), TypeError, 'missing 1 required positional arguments: "dim"'),
    (lambda x: ad.logsumexp(x), TypeError, "required positional arguments"),
    (lambda x: x.cumsum(), TypeError, "required positional arguments"),
    (lambda x: ad.tensor([1, 2]).softmax(0), NotImplementedError,
     "\"softmax_lastdim_kernel_impl\" not implemented for 'Long'"),
    (lambda x: ad.tensor([1, 2]).log_softmax(0), NotImplementedError, "not implemented for"),
    (lambda x: ad.tensor([1, 2]).var(), RuntimeError,
     "std and var only support floating point and complex dtypes"),
    (lambda x: x.gather(1, ad.tensor([0])), RuntimeError,
     "Index tensor must have the same number of dimensions as input tensor"),
    (lambda x: x.gather(1, ad.tensor([[5]])), RuntimeError,
     "index 5 is out of bounds for dimension 1 with size 4"),
    (lambda x: x.gather(1, ad.tensor([[0] * 4] * 5)), RuntimeError,
     "Size does not match at dimension 0 expected index [5, 4] to be no larger than self [3, 4]"
     " apart from dimension 1"),
    (lambda x: x.gather(1, ad.tensor([[0.5]])), RuntimeError, "gather(): Expected dtype"),
    (lambda x: x.masked_fill(x, 0.0), RuntimeError,
     "masked_fill_ only supports boolean masks, but got mask with dtype Float"),
    (lambda x: x.masked_fill(x > 0, ad.tensor([1.0, 2.0])), RuntimeError,
     "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with 1"
     " dimension(s)."),
    (lambda x: ad.zeros(2, 3, 4).t(), RuntimeError,
     "t() expects a tensor with <= 2 dimensions, but self is 3D"),
    (lambda x: ad.maximum(x, 0.5), TypeError, "argument 'other' must be Tensor, not float"),
    (lambda x: x.argmax(5), IndexError, "Dimension out of range"),
    (lambda x: ad.tensor([]).argmax(), IndexError,
     "argmax(): Expected reduction dim to be specified for input.numel() == 0."),
    (lambda x: ad.zeros(2, 0).argmax(1), IndexError,
     "argmax(): Expected reduction dim 1 to have non-zero size."),
    (lambda x: ad.maximum(x, ad.ones(3)), RuntimeError, "must match the size of tensor b"),
])
def test_bad_input_gets_pytorchs_exception_and_a_hint(call, error, words):
    x = ad.tensor([[0.5, -1.2, 2.0, 0.3], [1.1, 0.0, -0.4, 2.5], [-2.0, 0.7, 0.7, -0.1]])
    with pytest.raises(error) as info:
        call(x)
    assert words in str(info.value)


def test_var_with_one_value_warns_as_pytorch_and_gives_nan():
    with pytest.warns(UserWarning, match="degrees of freedom is <= 0"):
        v = ad.tensor([1.0]).var()
    assert np.isnan(v.item())
    assert ad.tensor([1.0]).var(correction=0).item() == 0.0
    assert ad.tensor([[1.0, 2.0], [3.0, 4.0]]).var(False).item() == 1.25  # var(unbiased)


def test_small_and_empty_shapes_behave_as_in_pytorch():
    s = ad.tensor(3.0, requires_grad=True)
    assert s.softmax(0).item() == 1.0 and s.log_softmax(0).item() == 0.0
    assert s.cumsum(0).item() == 3.0 and s.prod(0).item() == 3.0 and s.t().item() == 3.0
    assert ad.tensor([1.0, 2.0, 3.0]).gather(0, ad.tensor(2)).item() == 3.0
    assert ad.zeros(0, 3).logsumexp(0).tolist() == [-np.inf] * 3
    assert ad.zeros(0, 3).softmax(0).shape == (0, 3)
    assert ad.zeros(0).prod().item() == 1.0
    assert ad.tensor([True, False]).sign().tolist() == [True, False]
    assert ad.tensor([-3, 0, 2]).sign().tolist() == [-1, 0, 1]
    assert ad.tensor([1, 2]).square().tolist() == [1, 4]
    assert ad.tensor([1, 2]).masked_fill(ad.tensor([True, False]), 2.7).tolist() == [2, 2]


# ---------------------------------------------------------------- the first courses' API
# (expected values from PyTorch 2.13, tried there)

def test_nelement_is_numel():
    assert ad.ones(2, 3).nelement() == 6 and ad.tensor(1.0).nelement() == 1


def test_unbind_gives_views_named_as_pytorch():
    x = ad.arange(6.0).reshape(2, 3).requires_grad_()
    a, b = x.unbind()
    assert a.grad_fn.name() == "UnbindBackward0"
    assert ad.unbind(x, 1)[0].tolist() == [0.0, 3.0]
    assert [t.tolist() for t in ad.unbind(x.detach(), dim=-1)] == [[0.0, 3.0], [1.0, 4.0],
                                                                   [2.0, 5.0]]
    (a * 2 + b * b).sum().backward()
    assert x.grad.tolist() == [[2.0, 2.0, 2.0], [6.0, 8.0, 10.0]]
    with pytest.raises(IndexError, match="Dimension specified as 0 but tensor has no dimensions"):
        ad.unbind(ad.tensor(1.0))
    with pytest.raises(IndexError, match="Dimension out of range"):
        x.unbind(2)


def test_log10_and_log2():
    assert ad.log10(ad.tensor([1, 100])).tolist() == [0.0, 2.0]  # an int gives the default float
    assert ad.log2(ad.tensor(8.0)).item() == 3.0
    x = ad.tensor([2.0, 10.0], dtype=ad.float64, requires_grad=True)
    assert x.log2().grad_fn.name() == "Log2Backward0"
    assert x.log10().grad_fn.name() == "Log10Backward0"
    (x.log10() + x.log2()).sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), 1 / (np.array([2.0, 10.0]) * np.log(10))
                               + 1 / (np.array([2.0, 10.0]) * np.log(2)), rtol=1e-15)


def test_stack_and_cat_variants_as_pytorch():
    one, zero = ad.ones(2), ad.zeros(2)
    assert ad.hstack([one, ad.zeros(3)]).tolist() == [1.0, 1.0, 0.0, 0.0, 0.0]
    assert ad.vstack([one, zero]).tolist() == [[1.0, 1.0], [0.0, 0.0]]
    assert ad.row_stack([one]).shape == (1, 2)
    assert ad.column_stack([one, ad.zeros(2, 2)]).tolist() == [[1.0, 0.0, 0.0], [1.0, 0.0, 0.0]]
    assert ad.dstack([one, zero]).shape == (1, 2, 2)
    assert ad.vstack([ad.tensor(1.0), ad.tensor(2.0)]).tolist() == [[1.0], [2.0]]
    assert ad.hstack([ad.tensor(1.0), ad.tensor(2.0)]).tolist() == [1.0, 2.0]
    assert ad.column_stack([ad.tensor(1.0), ad.tensor(2.0)]).tolist() == [[1.0, 2.0]]
    x = ad.arange(6.0).reshape(2, 3).requires_grad_()
    assert ad.concatenate([x, x], 1).shape == (2, 6) and ad.concat([x, x]).shape == (4, 3)
    joined = ad.hstack([x, x * 2])
    assert joined.grad_fn.name() == "CatBackward0"
    joined.sum().backward()
    assert x.grad.tolist() == [[3.0] * 3] * 2
    with pytest.raises(RuntimeError, match="hstack"):
        ad.hstack([])


def test_legacy_constructors_parse_as_pytorch():
    assert ad.FloatTensor(2, 3).shape == (2, 3) and ad.FloatTensor(2, 3).dtype == ad.float32
    assert ad.FloatTensor([1, 2]).tolist() == [1.0, 2.0]
    assert ad.FloatTensor((2, 3)).tolist() == [2.0, 3.0]  # a tuple is data, as in PyTorch
    assert ad.LongTensor([1.7, 2]).tolist() == [1, 2]
    assert ad.FloatTensor().shape == (0,)
    assert ad.FloatTensor(ad.Size([2])).shape == (2,)
    assert ad.DoubleTensor(2).dtype == ad.float64 and ad.IntTensor([1]).dtype == ad.int32
    assert ad.BoolTensor([1, 0]).tolist() == [True, False]
    assert not ad.FloatTensor(2, 3).requires_grad
    t = ad.ones(2)
    assert ad.FloatTensor(t) is t
    assert isinstance(t, ad.FloatTensor) and not isinstance(t, ad.LongTensor)
    assert ad.FloatTensor.__name__ == "FloatTensor"
    with pytest.raises(TypeError, match="got autodiff_tr.int64"):
        ad.FloatTensor(ad.ones(2, dtype=ad.int64))
    with pytest.raises(TypeError, match=r"new\(\): data must be a sequence \(got float\)"):
        ad.FloatTensor(3.5)
    with pytest.raises(RuntimeError, match="Trying to create tensor with negative dimension -1"):
        ad.FloatTensor(-1)
    with pytest.raises(RuntimeError, match="legacy constructor expects device type: cpu but"
                                           " device type: cuda was passed"):
        ad.FloatTensor(2, device="cuda")
    assert ad.FloatTensor([1.0], device="cpu").tolist() == [1.0]
