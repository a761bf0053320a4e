"""tensor_api/ops.py: forward values, grad_fn names and graph structure as PyTorch 2.13 has them
(recorded as literals), broadcasting, dtype results, and the errors for mismatched shapes and bad
operands."""

import numpy as np
import pytest

import autodiff_tr as ad


def x4():
    return ad.arange(4.0, requires_grad=True)


def m22():
    return ad.arange(4.0, requires_grad=True).reshape(2, 2)


# Names recorded from PyTorch 2.13 for the same expressions.
GRAD_FN_NAMES = [
    ("mul_scalar", lambda: 2 * x4(), "MulBackward0"),
    ("mul", lambda: x4() * x4(), "MulBackward0"),
    ("add", lambda: x4() + 1, "AddBackward0"),
    ("radd", lambda: 1 + x4(), "AddBackward0"),
    ("sub", lambda: x4() - 1, "SubBackward0"),
    ("rsub", lambda: 1 - x4(), "RsubBackward1"),
    ("div", lambda: x4() / 2, "DivBackward0"),
    ("neg", lambda: -x4(), "NegBackward0"),
    ("pow", lambda: x4() ** 2, "PowBackward0"),
    ("pow_fn", lambda: ad.pow(x4(), 2), "PowBackward0"),
    ("pow_tensor", lambda: x4() ** x4(), "PowBackward1"),
    ("rpow", lambda: 2 ** x4(), "PowBackward2"),
    ("sum", lambda: x4().sum(), "SumBackward0"),
    ("sum_dim", lambda: x4().sum(0), "SumBackward1"),
    ("mean", lambda: x4().mean(), "MeanBackward0"),
    ("mean_dim", lambda: x4().mean(0), "MeanBackward1"),
    ("max", lambda: x4().max(), "MaxBackward1"),
    ("max_dim", lambda: x4().max(0).values, "MaxBackward0"),
    ("min", lambda: x4().min(), "MinBackward1"),
    ("min_dim", lambda: x4().min(0)[0], "MinBackward0"),
    ("norm", lambda: x4().norm(), "LinalgVectorNormBackward0"),
    ("norm_dim", lambda: x4().norm(dim=0), "LinalgVectorNormBackward0"),
    ("dot", lambda: ad.dot(x4(), x4()), "DotBackward0"),
    ("matmul_1d", lambda: x4() @ x4(), "DotBackward0"),
    ("mm", lambda: ad.mm(m22(), m22()), "MmBackward0"),
    ("matmul_2d", lambda: m22() @ m22(), "MmBackward0"),
    ("mv", lambda: ad.mv(m22(), x4()[:2]), "MvBackward0"),
    ("matmul_mv", lambda: m22() @ x4()[:2], "MvBackward0"),
    ("matmul_batch", lambda: x4().reshape(1, 2, 2) @ m22(), "UnsafeViewBackward0"),
    ("reshape", lambda: x4().reshape(2, 2), "ViewBackward0"),
    ("view", lambda: x4().view(2, 2), "ViewBackward0"),
    ("flatten_2d", lambda: m22().flatten(), "ViewBackward0"),
    ("T", lambda: m22().T, "PermuteBackward0"),
    ("transpose", lambda: m22().transpose(0, 1), "TransposeBackward0"),
    ("permute", lambda: m22().permute(1, 0), "PermuteBackward0"),
    ("select", lambda: x4()[0], "SelectBackward0"),
    ("select_2d", lambda: m22()[0, 1], "SelectBackward0"),
    ("select_col", lambda: m22()[:, 1], "SelectBackward0"),
    ("slice", lambda: x4()[1:], "SliceBackward0"),
    ("index_list", lambda: x4()[[0, 0]], "IndexBackward0"),
    ("index_mask", lambda: (lambda t: t[t > 1])(x4()), "IndexBackward0"),
    ("cat", lambda: ad.cat([x4(), x4()]), "CatBackward0"),
    ("stack", lambda: ad.stack([x4(), x4()]), "StackBackward0"),
    ("expand", lambda: x4().expand(2, 4), "ExpandBackward0"),
    ("unsqueeze", lambda: x4().unsqueeze(0), "UnsqueezeBackward0"),
    ("squeeze", lambda: x4().unsqueeze(0).squeeze(), "SqueezeBackward0"),
    ("squeeze_dim", lambda: x4().unsqueeze(0).squeeze(0), "SqueezeBackward1"),
    ("exp", lambda: ad.exp(x4()), "ExpBackward0"),
    ("log", lambda: ad.log(x4()), "LogBackward0"),
    ("sqrt", lambda: ad.sqrt(x4()), "SqrtBackward0"),
    ("abs", lambda: ad.abs(x4()), "AbsBackward0"),
    ("sin", lambda: ad.sin(x4()), "SinBackward0"),
    ("cos", lambda: ad.cos(x4()), "CosBackward0"),
    ("tan", lambda: ad.tan(x4()), "TanBackward0"),
    ("tanh", lambda: ad.tanh(x4()), "TanhBackward0"),
    ("sigmoid", lambda: ad.sigmoid(x4()), "SigmoidBackward0"),
    ("relu", lambda: ad.relu(x4()), "ReluBackward0"),
    ("clamp", lambda: ad.clamp(x4(), 0, 1), "ClampBackward1"),
    ("clamp_min", lambda: ad.clamp(x4(), min=1), "ClampBackward1"),
    ("where", lambda: (lambda t: ad.where(t > 1, t, 0.0))(x4()), "WhereBackward0"),
    ("clone", lambda: x4().clone(), "CloneBackward0"),
    ("double", lambda: x4().double(), "ToCopyBackward0"),
]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # log(0), 2 / 0: NumPy warns, PyTorch not
@pytest.mark.parametrize(
    "make,name", [c[1:] for c in GRAD_FN_NAMES], ids=[c[0] for c in GRAD_FN_NAMES]
)
def test_grad_fn_names_are_pytorchs(make, name):
    y = make()
    assert y.grad_fn.name() == name
    assert repr(y.grad_fn) == f"<{name}>"  # no memory address: notebook outputs stay stable
    assert not y.is_leaf and y.requires_grad


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # log(0), 2 / 0: NumPy warns, PyTorch not
def test_reciprocal_division_is_named_as_in_pytorch():
    # PyTorch computes `2 / x` as x.reciprocal() * 2
    assert (2 / x4()).grad_fn.name() in ("MulBackward0", "DivBackward0")


def test_flatten_of_a_1d_tensor_is_the_tensor_itself():
    x = x4()
    assert x.flatten() is x  # PyTorch: "if no dimensions are flattened, input is returned"
    assert x.reshape(2, 2).flatten(1).grad_fn.name() == "ViewBackward0"
    assert ad.tensor(2.0).flatten().shape == (1,)


def test_reductions_over_an_empty_dim_tuple_reduce_everything():
    x = ad.arange(6.0).reshape(2, 3).requires_grad_()
    assert x.sum(dim=()).item() == 15.0 and x.mean(dim=()).item() == 2.5
    x.sum(dim=()).backward()
    assert x.grad.tolist() == [[1.0] * 3] * 2
    assert x.norm(dim=None, keepdim=True).shape == (1, 1)
    assert x.norm(dim=None, keepdim=True).item() == pytest.approx(55**0.5)
    s = ad.tensor(2.0, requires_grad=True)
    s.sum(0).backward()
    assert s.grad.item() == 1.0


def test_unsupported_forms_refuse_instead_of_dropping_gradients():
    x = x4()
    low = ad.tensor(1.0, requires_grad=True)
    with pytest.raises(NotImplementedError, match="ad.where"):
        ad.clamp(x, min=low)  # PyTorch would give `low` a gradient; never silently drop it
    # max(x, other) is the elementwise maximum, as in PyTorch
    assert ad.max(x, ad.ones(4) * 1.5).grad_fn.name() == "MaximumBackward0"
    assert ad.clamp(x, min=ad.tensor([1.0, 2.0, 0.0, 0.0])).tolist() == [1.0, 2.0, 2.0, 3.0]
    with pytest.raises(RuntimeError, match="At least one of 'min' or 'max'"):
        ad.clamp(x)


def test_next_functions_lead_to_accumulate_grad_of_the_leaf():
    x = x4()
    y = 2 * ad.dot(x, x)
    assert y.grad_fn.name() == "MulBackward0"
    # `2 * t` is recorded as mul(t, 2): the constant comes second, (None, 0), as in PyTorch
    (second, n0), (first, n1) = y.grad_fn.next_functions
    assert first is None and n0 == 0 and n1 == 0
    assert second.name() == "DotBackward0"
    (acc_a, _), (acc_b, _) = second.next_functions
    assert acc_a is acc_b  # one AccumulateGrad per leaf, as in PyTorch
    assert acc_a.name() == "torch::autograd::AccumulateGrad"
    assert acc_a.variable is x
    assert acc_a.next_functions == ()


@pytest.mark.parametrize(
    "make,expected",
    [
        (lambda x: x * 2, ("AccumulateGrad", None)),
        (lambda x: 2 * x, ("AccumulateGrad", None)),
        (lambda x: 1 + x, ("AccumulateGrad", None)),
        (lambda x: x + ad.ones(4), ("AccumulateGrad", None)),
        (lambda x: ad.cat([x, ad.ones(4)]), ("AccumulateGrad", None)),
        (lambda x: ad.where(x > 1, x, 0.0), ("AccumulateGrad", None)),
        (lambda x: ad.sin(x), ("AccumulateGrad",)),
        (lambda x: ad.sin(x) * x, ("SinBackward0", "AccumulateGrad")),
        (lambda x: 3.0 - x, ("AccumulateGrad",)),  # RsubBackward1: the number is not an input
        (lambda x: np.ones(4) / (x + 1), (None, "AddBackward0")),  # the constant first
        (lambda x: ad.arange(4.0) * x, (None, "AccumulateGrad")),  # a tensor without grad
    ],
)
def test_next_functions_structure(make, expected):
    nexts = make(x4()).grad_fn.next_functions
    names = tuple(
        None if n is None else n.name().replace("torch::autograd::", "") for n, _ in nexts
    )
    assert names == expected
    assert all(k == 0 for _, k in nexts)


def test_chain_of_next_functions_down_to_the_leaf():
    x = ad.linspace(0, 6.28, steps=25, requires_grad=True)
    out = (2 * ad.sin(x) + 1).sum()
    names, node = [], out.grad_fn
    while True:
        names.append(node.name())
        nexts = [n for n, _ in node.next_functions if n is not None]
        if not nexts:
            break
        node = nexts[0]
    assert node.variable is x
    assert names == [
        "SumBackward0",
        "AddBackward0",
        "MulBackward0",
        "SinBackward0",
        "torch::autograd::AccumulateGrad",
    ]


# ---------------------------------------------------------------- forward values and dtypes


def test_forward_values():
    x = ad.tensor([1.0, 4.0, 9.0])
    np.testing.assert_allclose(ad.sqrt(x).numpy(), [1, 2, 3])
    np.testing.assert_allclose(ad.relu(ad.tensor([-1.0, 2.0])).numpy(), [0, 2])
    np.testing.assert_allclose(ad.clamp(x, 2, 5).numpy(), [2, 4, 5])
    np.testing.assert_allclose(ad.sigmoid(ad.tensor([0.0, -1000.0, 1000.0])).numpy(), [0.5, 0, 1])
    assert ad.sum(x).item() == 14 and x.mean().item() == pytest.approx(14 / 3)
    assert ad.norm(ad.tensor([3.0, 4.0])).item() == 5.0
    m = ad.tensor([[1.0, 5.0], [7.0, 2.0]])
    values, indices = m.max(dim=1)
    assert values.tolist() == [5.0, 7.0] and indices.tolist() == [1, 0]
    assert m.min(dim=0, keepdim=True).values.tolist() == [[1.0, 2.0]]
    assert m.max().item() == 7.0
    assert ad.tensor([[1.0, 3.0, 3.0]]).max(1).indices.tolist() == [1]  # first of ties
    assert m.sum(dim=(0, 1)).item() == 15.0
    assert m.sum(-1, keepdim=True).shape == (2, 1)
    assert ad.where(m > 2, m, ad.zeros(2, 2)).tolist() == [[0, 5], [7, 0]]
    assert ad.cat([m, m], dim=1).shape == (2, 4)
    assert ad.stack([m, m], dim=-1).shape == (2, 2, 2)
    assert (m @ ad.tensor([1.0, 1.0])).tolist() == [6.0, 9.0]
    assert ad.matmul(ad.ones(5, 2, 3), ad.ones(3, 4)).shape == (5, 2, 4)
    assert ad.matmul(ad.ones(3), ad.ones(2, 3, 4)).shape == (2, 4)


def test_max_tie_gradient_is_shared_as_in_pytorch():
    x = ad.tensor([1.0, 3.0, 3.0], requires_grad=True)
    x.max().backward()
    assert x.grad.tolist() == [0.0, 0.5, 0.5]
    x = ad.tensor([[1.0, 3.0, 3.0]], requires_grad=True)
    x.max(1).values.sum().backward()
    assert x.grad.tolist() == [[0.0, 1.0, 0.0]]  # along a dim: the index that was returned


def test_gradients_at_nondifferentiable_points_follow_pytorch():
    z = ad.zeros(3, requires_grad=True)
    z.norm().backward()
    assert z.grad.tolist() == [0.0, 0.0, 0.0]
    for fn in (ad.abs, ad.relu):
        z = ad.zeros(3, requires_grad=True)
        fn(z).sum().backward()
        assert z.grad.tolist() == [0.0, 0.0, 0.0]
    x = ad.tensor([0.0, 1.0, 2.0], requires_grad=True)
    x.clamp(0, 2).sum().backward()
    assert x.grad.tolist() == [1.0, 1.0, 1.0]
    x = ad.tensor([0.0, 1.0, 2.0], requires_grad=True)
    (x**0).sum().backward()
    assert x.grad.tolist() == [0.0, 0.0, 0.0]
    x = ad.tensor([0.0, 1.0, 2.0], requires_grad=True)
    (0**x).sum().backward()
    assert x.grad.tolist() == [0.0, 0.0, 0.0]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_infinite_derivative_at_zero_as_in_pytorch():
    x = ad.tensor([0.0, 1.0, 4.0], requires_grad=True)
    x.sqrt().sum().backward()
    assert x.grad.tolist() == [float("inf"), 0.5, 0.25]


@pytest.mark.parametrize(
    "make,dtype",
    [
        (lambda: ad.tensor([1.0, 2.0]) * np.float64(2.0), ad.float32),
        (lambda: np.float64(2.0) * ad.tensor([1.0, 2.0]), ad.float32),
        (lambda: np.float64(3.0) / ad.tensor([1.0, 2.0]), ad.float32),
        (lambda: np.float64(3.0) - ad.tensor([1.0, 2.0]), ad.float32),
        (lambda: ad.tensor([1.0, 2.0]) - np.float64(3.0), ad.float32),
        (lambda: ad.tensor([1.0, 2.0]) ** np.float64(2.0), ad.float32),
        (lambda: np.float64(2.0) ** ad.tensor([1.0, 2.0]), ad.float32),
        (lambda: np.float32(2.0) + ad.tensor([1.0, 2.0]), ad.float32),
        (lambda: np.int64(2) * ad.tensor([1.0, 2.0]), ad.float32),
        (lambda: ad.tensor([1.0, 2.0]) * 2.5, ad.float32),
        (lambda: ad.tensor([1.0, 2.0], dtype=ad.float64) * 2, ad.float64),
        (lambda: ad.tensor([1.0, 2.0], dtype=ad.float64) * np.float32(2), ad.float64),
        (lambda: ad.tensor([1.0], dtype=ad.float64) * ad.tensor([1.0]), ad.float64),
        (lambda: ad.tensor([1, 2]) * 2, ad.int64),
        (lambda: ad.tensor([1, 2]) * 2.5, ad.float32),
        (lambda: ad.tensor([1, 2]) / 2, ad.float32),
        (lambda: ad.tensor([1, 2]) + ad.tensor([1.0, 2.0]), ad.float32),
        (lambda: ad.tensor([1, 2]) * np.float64(2.5), ad.float32),
        (lambda: ad.tensor([True]) + 1, ad.int64),
        (lambda: ad.tensor([1, 2]).sum(), ad.int64),
        (lambda: ad.tensor([True, True]).sum(), ad.int64),
        (lambda: ad.tensor([1.0, 2.0]) < 2, ad.bool),
        (lambda: ad.sin(ad.tensor([1.0], dtype=ad.float64)), ad.float64),
        (lambda: ad.sigmoid(ad.tensor([1.0])), ad.float32),
        (lambda: ad.sin(ad.tensor([1])), ad.float32),
        (lambda: ad.exp(ad.tensor([True])), ad.float32),
        (lambda: ad.sigmoid(ad.tensor([1, 2])), ad.float32),
        (lambda: ad.abs(ad.tensor([-1])), ad.int64),
        (lambda: ad.relu(ad.tensor([-1])), ad.int64),
        (lambda: ad.clamp(ad.tensor([1, 5]), 2.5), ad.float32),
        (lambda: ad.clamp(ad.tensor([1, 5]), 2, 3), ad.int64),
        (lambda: ad.tensor([1, 2]) ** 0.5, ad.float32),
        (lambda: ad.where(ad.tensor([True]), 1.0, 0.0), ad.float32),
    ],
)
def test_result_dtypes_follow_pytorch(make, dtype):
    assert make().dtype == dtype


def test_functions_of_integer_tensors_compute_in_float32():
    assert ad.sigmoid(ad.tensor([1, 2])).tolist() == pytest.approx([0.7310586, 0.8807971])
    assert ad.exp(ad.tensor([True])).item() == pytest.approx(2.7182817, rel=1e-6)  # not fp16
    assert ad.clamp(ad.tensor([1, 5]), 2.5).tolist() == [2.5, 5.0]


def test_numpy_scalar_on_either_side_gives_a_tensor():
    x = ad.tensor([1.0, 2.0], requires_grad=True)
    for y in (
        np.float64(2.0) * x,
        x * np.float64(2.0),
        np.float32(1) + x,
        np.int64(1) - x,
        x / np.float64(2.0),
        np.float64(2.0) / x,
        x ** np.float64(2.0),
    ):
        assert isinstance(y, ad.Tensor) and y.requires_grad and y.dtype == ad.float32
    y = np.float64(2.0) * x
    y.sum().backward()
    assert x.grad.tolist() == [2.0, 2.0] and x.grad.dtype == ad.float32


def test_numpy_scalar_on_the_left_behaves_like_a_python_number():
    x = ad.arange(3.0, requires_grad=True)
    assert (np.float64(1) < x).tolist() == [False, False, True]
    assert (np.float64(1) >= x).tolist() == [True, True, False]
    assert (np.float64(1) == x).tolist() == [False, True, False]
    assert (np.float64(1) != x).tolist() == [True, False, True]
    assert (np.float64(2) - x).grad_fn.name() == "RsubBackward1"
    names = [n and n.name() for n, _ in (np.float64(2) * x).grad_fn.next_functions]
    assert names == ["torch::autograd::AccumulateGrad", None]  # as PyTorch: the tensor first
    y = np.float64(2) - x * np.float32(3)
    y.sum().backward()
    assert x.grad.tolist() == [-3.0] * 3


def test_numpy_functions_of_detached_tensors_work_as_for_pytorch_tensors():
    # matplotlib calls these on the data it is given (np.isfinite in set_xlim, np.atleast_1d ...)
    t = ad.tensor([1.0, 2.0])
    assert isinstance(np.isfinite(t), ad.Tensor) and np.isfinite(t).tolist() == [True, True]
    assert np.floor(ad.tensor([1.5])).tolist() == [1.0]
    assert np.concatenate([t, t]).tolist() == [1.0, 2.0, 1.0, 2.0]
    assert np.atleast_1d(t).tolist() == [1.0, 2.0]
    assert np.linalg.norm(t) == pytest.approx(5**0.5)
    assert np.ndim(t) == 1 and np.shape(t) == (2,)
    assert np.mean(t) == 1.5 and np.min(t) == 1.0 and np.add.reduce(t) == 3.0
    assert isinstance(np.sin(t), ad.Tensor)


def test_numpy_functions_refuse_tensors_that_require_grad():
    x = ad.tensor([1.0, 2.0], requires_grad=True)
    # PyTorch's type (tests/torch_numbers/numpy_calls.json); the whole table is in
    # test_higher_order.py
    with pytest.raises(RuntimeError, match="`np.isfinite`"):
        np.isfinite(x)
    with pytest.raises(RuntimeError, match="`np.concatenate`.*`ad.cat`"):
        np.concatenate([x, x])


def test_comparisons_give_boolean_tensors_without_gradient():
    x = ad.arange(4.0, requires_grad=True)
    for r in (x == 1, x != 1, x < 2, x <= 2, x > 2, x >= 2, 2 < x, x == ad.ones(4)):
        assert r.dtype == ad.bool and not r.requires_grad and r.grad_fn is None
    assert repr(x > 1) == "tensor([False, False,  True,  True])"
    assert (x >= 0).tolist() == [True] * 4


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "call,phrase",
    [
        (lambda: ad.dot(ad.ones(3), ad.ones(4)), "inconsistent tensor size"),
        (lambda: ad.dot(ad.ones(3, 1), ad.ones(3)), "1D tensors expected"),
        (lambda: ad.matmul(ad.ones(2, 3), ad.ones(4, 2)), "cannot be multiplied (2x3 and 4x2)"),
        (lambda: ad.ones(2, 3) @ ad.ones(2), "size mismatch"),
        (lambda: ad.mm(ad.ones(2, 3), ad.ones(2, 3)), "cannot be multiplied"),
        (lambda: ad.mv(ad.ones(2, 3), ad.ones(2)), "size mismatch"),
        (lambda: ad.matmul(ad.ones(()), ad.ones(2)), "at least 1D"),
        (
            lambda: ad.ones(2, 3) + ad.ones(4),
            "must match the size of tensor b (4) at non-singleton",
        ),
        (lambda: ad.ones(2, 3) * ad.ones(3, 2), "non-singleton dimension 1"),
        (lambda: ad.add(ad.ones(2, 3), ad.ones(2, 2)), "non-singleton dimension 1"),
        (lambda: ad.ones(3) ** ad.ones(2), "non-singleton dimension 0"),
        (lambda: ad.where(ad.ones(3) > 0, ad.ones(3), ad.ones(2)), "non-singleton"),
        (lambda: ad.matmul(ad.ones(5, 2, 3), ad.ones(4, 3, 2)), "non-singleton dimension 0"),
        (lambda: ad.ones(4).reshape(3), "invalid for input of size 4"),
        (lambda: ad.ones(3).expand(2, 4), "expanded size"),
        (lambda: ad.cat([ad.ones(2, 3), ad.ones(2, 4)]), "Sizes of tensors must match"),
        (lambda: ad.stack([ad.ones(2), ad.ones(3)]), "stack expects each tensor to be equal size"),
        (lambda: ad.stack([]), "non-empty list"),  # (cat([]) is a ValueError in PyTorch: below)
        (lambda: ad.zeros(2, 0).max(), "Specify the reduction dim"),
    ],
)
def test_shape_mismatch_raises_runtime_error(call, phrase):
    with pytest.raises(RuntimeError) as info:
        call()
    assert phrase in str(info.value)


def test_cat_of_zero_dim_tensors_points_to_stack():
    with pytest.raises(RuntimeError, match="zero-dimensional tensor .* cannot be concatenated"):
        ad.cat([ad.tensor(1.0), ad.tensor(2.0)])


def test_where_dtype_and_bad_operands():
    cond = ad.tensor([True, False])
    assert ad.where(cond, 1.0, 0.0).dtype == ad.float32  # PyTorch: the default float
    assert ad.where(cond, 1, 0).dtype == ad.int64
    with pytest.raises(TypeError, match=r"where\(\): argument 'other' must be Tensor, not None"):
        ad.where(cond, ad.ones(2), None)


def test_zero_dim_integer_tensor_index_selects():
    x = ad.arange(6.0).reshape(2, 3).requires_grad_()
    y = x[ad.tensor(1)]
    assert y.grad_fn.name() == "SelectBackward0" and y.tolist() == [3.0, 4.0, 5.0]
    y.sum().backward()
    assert x.grad.tolist() == [[0.0] * 3, [1.0] * 3]


def test_dimension_out_of_range_is_an_index_error():
    with pytest.raises(IndexError, match="Dimension out of range"):
        ad.ones(2, 3).sum(dim=2)
    with pytest.raises(IndexError, match="Dimension out of range"):
        ad.ones(2).unsqueeze(3)


def test_repeated_dim_in_a_reduction_is_a_runtime_error():
    with pytest.raises(RuntimeError, match="appears multiple times"):
        ad.ones(2, 3).sum(dim=(0, 0))


def test_max_along_an_empty_dim_is_an_index_error():
    with pytest.raises(IndexError, match="non-zero size"):
        ad.zeros(2, 0).max(1)


@pytest.mark.parametrize(
    "call",
    [
        lambda: ad.ones(3) + "a",
        lambda: "a" + ad.ones(3),
        lambda: ad.ones(3) + None,
        lambda: None * ad.ones(3),
        lambda: ad.ones(3) * "a",
        lambda: ad.ones(3) / None,
        lambda: ad.ones(3) - "a",
        lambda: "a" - ad.ones(3),
        lambda: ad.ones(3) ** "a",
        lambda: "a" ** ad.ones(3),
        lambda: ad.ones(3) @ "a",
        lambda: ad.ones(3) < "a",
        lambda: ad.ones(3) + [1, "a", 2],
        lambda: ad.add(ad.ones(3), "a"),
        lambda: ad.mul("a", ad.ones(3)),
        lambda: ad.sin(2.0),
        lambda: ad.sin([1.0, 2.0]),
        lambda: ad.exp(None),
        lambda: ad.dot([1.0], ad.ones(1)),
        lambda: ad.matmul(ad.ones(2, 2), "a"),
        lambda: ad.cat([ad.ones(2), [1.0, 2.0]]),
        lambda: ad.pow(ad.ones(2), "a"),
        lambda: ad.sum("abc"),
    ],
)
def test_unsupported_operand_types_raise_type_error(call):
    with pytest.raises(TypeError) as info:
        call()
    text = str(info.value)
    assert any(
        w in text
        for w in (
            "str",
            "NoneType",
            "float",
            "list",
            "must be Tensor",
            "unsupported operand",
            "integer tensors",
        )
    ), text


def test_type_error_message_names_the_function_and_the_type():
    with pytest.raises(TypeError, match=r"sin\(\): argument 'input' must be Tensor, not float"):
        ad.sin(2.0)
    with pytest.raises(TypeError, match="'Tensor' and 'str'"):
        ad.ones(3) + "a"


def test_lists_of_numbers_are_not_silently_accepted_as_operands():
    # PyTorch raises TypeError for `t + [1., 2., 3.]`
    with pytest.raises(TypeError):
        ad.ones(3) + [1.0, 2.0, 3.0]


# -- bad input in PyTorch's words (PyTorch 2.13 ran the same lines), then what to do -------------


@pytest.mark.parametrize(
    ("call", "error", "pytorch_text", "hint"),
    [
        (
            lambda: ad.ones(3)[5],
            IndexError,
            "index 5 is out of bounds for dimension 0 with size 3",
            "from 0 to 2 (or from -3 to -1",
        ),
        (
            lambda: ad.ones(3)[-4],
            IndexError,
            "index -4 is out of bounds for dimension 0 with size 3",
            "`t.shape`",
        ),
        (
            lambda: ad.ones(2, 3)[1, 7],
            IndexError,
            "index 7 is out of bounds for dimension 1 with size 3",
            "from 0 to 2",
        ),
        (
            lambda: ad.ones(3)[:, 1],
            IndexError,
            "too many indices for tensor of dimension 1",
            "`t.shape`",
        ),
        (
            lambda: ad.arange(0, 5, 0),
            RuntimeError,
            "step must be nonzero",
            "`ad.arange(0, 1, 0.25)`",
        ),
        (
            lambda: ad.arange(5, 0, 1),
            RuntimeError,
            "upper bound and lower bound inconsistent with step sign",
            "`ad.arange(5, 0, -1)`",
        ),
        (
            lambda: ad.arange(0, 5, -1),
            RuntimeError,
            "upper bound and lower bound inconsistent with step sign",
            "negative step",
        ),
        (
            lambda: ad.ones(6).reshape(-1, -1),
            RuntimeError,
            "only one dimension can be inferred",
            "`t.reshape(-1, 3)`",
        ),
        (lambda: ad.cat([]), ValueError, "", "non-empty list of Tensors"),
        (lambda: ad.manual_seed("a"), ValueError, "", "`ad.manual_seed(0)`"),
        (lambda: ad.manual_seed([1]), TypeError, "", "`ad.manual_seed(0)`"),
        (
            lambda: ad.nn.Dropout(p=2),
            ValueError,
            "dropout probability has to be between 0 and 1, but got 2",
            "`nn.Dropout(p=0.5)`",
        ),
    ],
)
def test_bad_input_is_refused_in_pytorchs_words_with_a_fix(call, error, pytorch_text, hint):
    with pytest.raises(error) as raised:
        call()
    assert str(raised.value).startswith(pytorch_text) and hint in str(raised.value)


def test_empty_aranges_stay_empty():
    assert ad.arange(0, 0, 1).tolist() == [] and ad.arange(3, 3, -1).tolist() == []


def test_an_unused_input_of_autograd_grad_is_named_by_its_index():
    w, v = ad.ones(2, requires_grad=True), ad.ones(1, requires_grad=True)
    with pytest.raises(
        RuntimeError,
        match="^The differentiated Tensor at index 1 appears to not have been used in the graph",
    ):
        ad.autograd.grad((w * 2).sum(), [w, v])
