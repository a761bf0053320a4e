"""autograd/forward_ad.py and the JVP column of the derivative table.

Every op that has a Jacobian-vector product is checked, on the cases of test_derivatives.py
(hypothesis shapes: broadcasting, size-0 and size-1 dimensions), against two independent
references: central finite differences along the tangent, (f(x + h v) - f(x - h v)) / 2h, and the
reverse-mode VJP through the identity <u, J v> = <J^T u, v> for a random u. The API's errors are
PyTorch's; a few compositions are checked against PyTorch's numbers (tests/torch_numbers/
record_forward_ad.py wrote forward_ad.json).
"""

import json
from pathlib import Path

import numpy as np
import pytest
import test_derivatives as cases
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numdiff import analytic_vjp, as_tensors, evaluate

import autodiff_tr as ad
import autodiff_tr.autograd.forward_ad as fwAD
from autodiff_tr.engine import forward
from autodiff_tr.engine.derivatives import DERIVATIVES, FORWARD_DERIVATIVES

FAST = settings(max_examples=15, deadline=None)
SEEDS = st.integers(0, 2**32 - 1)
TORCH = json.loads((Path(__file__).parent / "torch_numbers" / "forward_ad.json").read_text())


def forward_jvp(fn, arrays, tangents):
    """(fn(x), J v) in forward mode, every input carrying its tangent."""
    inputs = as_tensors(arrays, requires_grad=False)
    with fwAD.dual_level():
        duals = [
            fwAD.make_dual(x, ad.tensor(v, dtype=ad.float64)) for x, v in zip(inputs, tangents)
        ]
        primal, tangent = fwAD.unpack_dual(fn(*duals))
        value = primal.numpy().copy()
        jv = np.zeros(value.shape) if tangent is None else tangent.numpy().copy()
    return value, jv


def check_forward(fn, arrays, seed, rtol=1e-4, atol=1e-6):
    """Forward mode's J v against finite differences along v and against reverse mode."""
    rng = np.random.default_rng(seed)
    arrays = [np.asarray(a, dtype=np.float64) for a in arrays]
    tangents = [rng.normal(size=a.shape) for a in arrays]
    value, jv = forward_jvp(fn, arrays, tangents)
    np.testing.assert_allclose(value, evaluate(fn, arrays), rtol=1e-12, atol=0)
    assert jv.shape == value.shape
    h = 1e-6
    plus = evaluate(fn, [a + h * v for a, v in zip(arrays, tangents)])
    minus = evaluate(fn, [a - h * v for a, v in zip(arrays, tangents)])
    np.testing.assert_allclose(jv, (plus - minus) / (2 * h), rtol=rtol, atol=atol)
    if not np.all(np.isfinite(value)):  # the mean of no elements: nan, and so its tangent
        return jv
    u = rng.normal(size=value.shape)
    if as_tensors(arrays) and fn(*as_tensors(arrays)).requires_grad:
        jtu, _ = analytic_vjp(fn, arrays, u)
    else:  # an output that does not depend on the inputs
        jtu = [np.zeros(a.shape) for a in arrays]
    lhs = np.sum(u * jv)
    rhs = sum(np.sum(g * v) for g, v in zip(jtu, tangents))
    np.testing.assert_allclose(lhs, rhs, rtol=1e-9, atol=1e-9)
    return jv


# the cases of test_derivatives.py whose ops have no forward-mode formula (see
# test_ops_without_a_jvp_refuse_forward_mode)
NO_JVP = {
    "norm_plus",
    "nll_loss",
    "nll_loss_sum",
    "prod",
    "prod_with_a_zero",
    "var",
    "std",
    "norm_dim",
    "prod_dim",
    "var_dim",
    "std_dim",
}


@pytest.mark.parametrize("name", sorted(set(cases.UNARY) - NO_JVP))
@FAST
@given(shape=cases.SHAPES, seed=SEEDS)
def test_unary_ops(name, shape, seed):
    fn, domain = cases.UNARY[name]
    check_forward(fn, [domain(np.random.default_rng(seed), shape)], seed)


@pytest.mark.parametrize("name", sorted(set(cases.REDUCE_ALONG) - NO_JVP))
@FAST
@given(shape=cases.NONEMPTY, seed=SEEDS, data=st.data())
def test_reductions_along_a_dim(name, shape, seed, data):
    fn, domain = cases.REDUCE_ALONG[name]
    dim = data.draw(st.integers(-len(shape), len(shape) - 1), label="dim")
    keepdim = data.draw(st.booleans(), label="keepdim")
    x = domain(np.random.default_rng(seed), shape)
    check_forward(lambda t: fn(t, dim, keepdim), [x], seed)


@pytest.mark.parametrize("fn", [ad.max, ad.min], ids=["max", "min"])
@FAST
@given(shape=cases.NONEMPTY, seed=SEEDS)
def test_full_reductions(fn, shape, seed):
    check_forward(fn, [cases.distinct(np.random.default_rng(seed), shape)], seed)


def test_max_of_ties_shares_the_tangent_as_pytorch():
    jv = forward_jvp(ad.max, [np.array([1.0, 3.0, 3.0])], [np.array([5.0, 1.0, 2.0])])[1]
    assert jv == pytest.approx(TORCH["max_ties"])  # (1 + 2) / 2


@pytest.mark.parametrize("name", sorted(cases.BINARY))
@FAST
@given(shapes=cases.PAIRS, seed=SEEDS)
def test_binary_ops_broadcast(name, shapes, seed):
    fn, da, db = cases.BINARY[name]
    rng = np.random.default_rng(seed)
    a, b = da(rng, shapes.input_shapes[0]), db(rng, shapes.input_shapes[1])
    assert check_forward(fn, [a, b], seed).shape == shapes.result_shape


@pytest.mark.parametrize("name", sorted(cases.TERNARY))
@FAST
@given(
    shapes=hnp.mutually_broadcastable_shapes(
        num_shapes=3, min_dims=0, max_dims=3, min_side=0, max_side=3
    ),
    seed=SEEDS,
)
def test_ops_of_three_tensors(name, shapes, seed):
    fn, *domains = cases.TERNARY[name]
    rng = np.random.default_rng(seed)
    arrays = [domain(rng, shape) for domain, shape in zip(domains, shapes.input_shapes)]
    check_forward(fn, arrays, seed)


@pytest.mark.parametrize("side", ["tensor first", "constant first"])
@pytest.mark.parametrize("name", sorted(cases.OPERATORS))
@FAST
@given(shapes=cases.PAIRS, seed=SEEDS)
def test_operators_with_a_constant_operand(name, side, shapes, seed):
    fn, d_tensor, d_constant = cases.OPERATORS[name]
    rng = np.random.default_rng(seed)
    if side == "constant first":
        fn, d_tensor, d_constant = (
            (lambda a, b: cases.OPERATORS[name][0](b, a)),
            d_constant,
            d_tensor,
        )
    x, c = d_tensor(rng, shapes.input_shapes[0]), d_constant(rng, shapes.input_shapes[1])
    check_forward(lambda t: fn(t, ad.tensor(c, dtype=ad.float64)), [x], seed)


@FAST
@given(n=st.integers(0, 4), m=st.integers(0, 4), k=st.integers(0, 4), seed=SEEDS)
def test_products(n, m, k, seed):
    rng = np.random.default_rng(seed)
    a, b = cases.anywhere(rng, (n, m)), cases.anywhere(rng, (m, k))
    v, w = cases.anywhere(rng, m), cases.anywhere(rng, m)
    check_forward(ad.mm, [a, b], seed)
    check_forward(ad.mv, [a, v], seed)
    check_forward(ad.dot, [v, w], seed)
    check_forward(lambda x, y: x @ y, [v, w], seed)
    check_forward(lambda x, y: y @ x, [a.T.copy(), v], seed)
    bias = cases.anywhere(rng, (k,))
    check_forward(lambda c, x, y: ad.addmm(c, x, y, beta=0.5, alpha=-2.0), [bias, a, b], seed)
    check_forward(lambda x, y: ad.nn.functional.linear(x, y.t()), [a, b], seed)


@FAST
@given(
    shapes=hnp.mutually_broadcastable_shapes(
        num_shapes=2, min_dims=0, max_dims=2, min_side=1, max_side=3
    ),
    n=st.integers(1, 3),
    m=st.integers(1, 3),
    k=st.integers(1, 3),
    seed=SEEDS,
)
def test_batched_matmul(shapes, n, m, k, seed):
    rng = np.random.default_rng(seed)
    a = cases.anywhere(rng, shapes.input_shapes[0] + (n, m))
    b = cases.anywhere(rng, shapes.input_shapes[1] + (m, k))
    check_forward(ad.matmul, [a, b], seed)
    check_forward(lambda x, y: x @ y, [a, cases.anywhere(rng, (m,))], seed)


@FAST
@given(shape=cases.NONEMPTY, seed=SEEDS, data=st.data())
def test_shape_ops(shape, seed, data):
    x = cases.anywhere(np.random.default_rng(seed), shape)
    nd = len(shape)
    d0 = data.draw(st.integers(-nd, nd - 1), label="d0")
    d1 = data.draw(st.integers(-nd, nd - 1), label="d1")
    perm = data.draw(st.permutations(range(nd)), label="perm")
    check_forward(lambda t: t.transpose(d0, d1), [x], seed)
    check_forward(lambda t: t.permute(*perm), [x], seed)
    check_forward(lambda t: t.reshape(*reversed(shape)), [x], seed)
    check_forward(lambda t: t.view(-1, shape[-1]), [x], seed)
    check_forward(lambda t: t.squeeze(d0), [x], seed)
    check_forward(lambda t: t.unsqueeze(d1), [x], seed)
    check_forward(lambda t: t.expand(3, *shape).sum(0), [x], seed)


@FAST
@given(shape=cases.NONEMPTY, seed=SEEDS, data=st.data())
def test_indexing(shape, seed, data):
    rng = np.random.default_rng(seed)
    x = cases.anywhere(rng, shape)
    i = data.draw(st.integers(-shape[0], shape[0] - 1), label="i")
    rows = data.draw(st.lists(st.integers(0, shape[0] - 1), min_size=1, max_size=5), label="rows")
    mask = rng.random(shape) > 0.5
    check_forward(lambda t: t[i], [x], seed)
    check_forward(lambda t: t[1:], [x], seed)
    check_forward(lambda t: t[..., -1], [x], seed)
    check_forward(lambda t: t[None, i], [x], seed)
    check_forward(lambda t: t[rows], [x], seed)
    check_forward(lambda t: t[ad.tensor(mask)], [x], seed)


@FAST
@given(shape=cases.SHAPES, n=st.integers(1, 3), seed=SEEDS, data=st.data())
def test_cat_and_stack(shape, n, seed, data):
    rng = np.random.default_rng(seed)
    xs = [cases.anywhere(rng, shape) for _ in range(n)]
    dim = data.draw(st.integers(-len(shape) - 1, len(shape)), label="stack dim")
    check_forward(lambda *ts: ad.stack(list(ts), dim=dim), xs, seed)
    if shape:
        cdim = data.draw(st.integers(-len(shape), len(shape) - 1), label="cat dim")
        d = cdim % len(shape)
        ys = [cases.anywhere(rng, shape[:d] + (j,) + shape[d + 1 :]) for j in range(n)]
        check_forward(lambda *ts: ad.cat(ts, dim=cdim), ys, seed)


@FAST
@given(shape=cases.NONEMPTY, seed=SEEDS)
def test_inplace_ops_carry_the_tangent(shape, seed):
    x = cases.anywhere(np.random.default_rng(seed), shape)
    check_forward(cases._inplace_chain, [x], seed)
    check_forward(cases._inplace_setitem, [x], seed)


def test_embedding_index_put_and_dtype_conversion():
    rng = np.random.default_rng(0)
    indices = ad.tensor([[0, 2], [2, 1]])
    check_forward(lambda w: ad.nn.functional.embedding(indices, w), [rng.normal(size=(3, 2))], 0)

    def put(t, v):
        y = t * 1
        y[1] = v.sum()
        y[ad.tensor([0, 2])] = v * 2
        return y

    check_forward(put, [rng.normal(size=3), rng.normal(size=2)], 1)
    with fwAD.dual_level():  # a conversion converts the tangent too (finite differences
        d = _dual([0.1, 0.2], [1.0 / 3, -2.0])  # through float32 would be too coarse)
        tangent = fwAD.unpack_dual(d.float() * 2).tangent
    assert tangent.dtype == ad.float32
    np.testing.assert_array_equal(tangent.numpy(), np.float32([1.0 / 3, -2.0]) * 2)


def test_every_op_with_a_jvp_is_tested_here():
    """The JVP column has a row for every op of the table, and each formula is exercised by a
    test above (the set below lists those the tests reach)."""
    assert set(FORWARD_DERIVATIVES) == set(DERIVATIVES)
    with_jvp = {
        op for op, jvps in FORWARD_DERIVATIVES.items() if all(f is not None for f in jvps.values())
    }
    tested = {
        "add",
        "sub",
        "add_alpha",
        "sub_alpha",
        "addcmul",
        "addcdiv",
        "lerp",
        "lerp_tensor",
        "rsub",
        "mul",
        "div",
        "neg",
        "pow",
        "pow_tensor",
        "rpow",
        "exp",
        "log",
        "sqrt",
        "abs",
        "sin",
        "cos",
        "tan",
        "tanh",
        "sigmoid",
        "relu",
        "clamp",
        "where",
        "clone",
        "to",
        "log1p",
        "log10",
        "log2",
        "expm1",
        "sign",
        "erf",
        "gelu",
        "softplus",
        "maximum",
        "minimum",
        "masked_fill",
        "masked_fill_tensor",
        "sum",
        "sum_dim",
        "mean",
        "mean_dim",
        "max",
        "min",
        "max_dim",
        "min_dim",
        "logsumexp",
        "softmax",
        "log_softmax",
        "cumsum",
        "dot",
        "mm",
        "addmm",
        "mv",
        "matmul",
        "view",
        "squeeze",
        "squeeze_dim_",
        "unsafe_view",
        "squeeze_dim",
        "unsqueeze",
        "transpose",
        "permute",
        "t",
        "expand",
        "flip",
        "cat",
        "stack",
        "select",
        "slice",
        "index",
        "unbind",
        "gather",
        "index_put",
        "embedding",
        "index_scatter",
    }
    assert with_jvp <= tested, with_jvp - tested


def test_index_scatter_jvp():
    # index_scatter is the op that a create_graph backward of indexing records: x[rows] twice
    rows = np.array([0, 2, 0])
    x = ad.tensor([1.0, 2.0, 3.0], dtype=ad.float64, requires_grad=True)
    with fwAD.dual_level():
        v = fwAD.make_dual(
            ad.tensor([1.0, 1.0, 1.0], dtype=ad.float64),
            ad.tensor([0.5, -1.0, 2.0], dtype=ad.float64),
        )
        (g,) = ad.autograd.grad(x[rows], x, v, create_graph=True)
        tangent = fwAD.unpack_dual(g).tangent
    np.testing.assert_allclose(tangent.numpy(), [0.5 + 2.0, 0.0, -1.0])  # by hand


@pytest.mark.parametrize(
    "fn, op",
    [
        (lambda x: x.norm(), "norm"),
        (lambda x: x.prod(), "prod"),
        (lambda x: x.var(), "var"),
        (lambda x: x.std(), "std"),
        (lambda x: ad.nn.functional.layer_norm(x.reshape(1, -1), (3,)), "native_layer_norm"),
    ],
)
def test_ops_without_a_jvp_refuse_forward_mode(fn, op):
    with fwAD.dual_level():
        x = fwAD.make_dual(ad.tensor([1.0, 2.0, 4.0]), ad.ones(3))
        with pytest.raises(
            NotImplementedError,
            match=f"Trying to use forward AD with {op} that does not support it",
        ):
            fn(x)


# ---------------------------------------------------------------- the API, as PyTorch's


def test_make_dual_and_unpack_dual():
    x, v = ad.tensor([1.0, 2.0, 3.0]), ad.tensor([1.0, 0.0, -1.0])
    with fwAD.dual_level() as level:
        assert level == 0
        d = fwAD.make_dual(x, v)
        assert d is not x and np.shares_memory(d._data, x._data)  # a view, as in PyTorch
        unpacked = fwAD.unpack_dual(d)
        assert isinstance(unpacked, fwAD.UnpackedDualTensor) and unpacked._fields == (
            "primal",
            "tangent",
        )
        primal, tangent = unpacked
        assert primal is not d and tangent is v and fwAD.unpack_dual(primal).tangent is None
        assert fwAD.unpack_dual(x).tangent is None
        assert fwAD.unpack_dual(d * 1).primal.tolist() == [1.0, 2.0, 3.0]
        with ad.no_grad():  # forward mode does not depend on grad mode
            np.testing.assert_allclose(
                fwAD.unpack_dual(d.exp()).tangent.numpy(),
                np.exp([1.0, 2.0, 3.0]) * [1, 0, -1],
                rtol=1e-6,
            )
    assert fwAD.unpack_dual(d) == (d, None)  # outside the level: no tangents
    assert forward._tangents == {}


def test_the_dual_of_a_tensor_that_requires_grad_is_a_view_in_its_graph():
    x = ad.tensor([1.0, 2.0], requires_grad=True)
    with fwAD.dual_level():
        d = fwAD.make_dual(x, ad.ones(2))
        assert d.grad_fn.name() == "ViewBackward0"
        y = (d * d).sum()
        assert fwAD.unpack_dual(y).tangent.item() == 6.0  # 2 x . v
        y.backward()
    assert x.grad.tolist() == [2.0, 4.0]


def test_errors_are_pytorchs():
    x = ad.tensor([1.0, 2.0, 3.0])
    with pytest.raises(RuntimeError, match="no level exists, make sure to enter_dual_level"):
        fwAD.make_dual(x, ad.ones(3))
    with pytest.raises(RuntimeError, match="Dual level must be a positive number"):
        fwAD.exit_dual_level()
    with fwAD.dual_level():
        with pytest.raises(
            RuntimeError,
            match=r"Tensor is of size \[3\] while the given forward"
            r" gradient is of size \[2\]",
        ):
            fwAD.make_dual(x, ad.ones(2))
        with pytest.raises(
            ValueError,
            match="Expected primal to be floating point or complex, but got: autodiff_tr.int64",
        ):
            fwAD.make_dual(ad.tensor([1, 2]), ad.ones(2))
        with pytest.raises(ValueError, match="Expected tangent to be floating point"):
            fwAD.make_dual(x, ad.tensor([1, 2, 3]))
        d = fwAD.make_dual(x, ad.ones(3))
        with pytest.raises(
            RuntimeError,
            match="already has a forward gradient at the same level 0 is not supported",
        ):
            fwAD.make_dual(d, ad.ones(3))
        with pytest.raises(RuntimeError, match="Invalid level given to _make_dual"):
            fwAD.make_dual(x, ad.ones(3), level=5)
        with pytest.raises(RuntimeError, match="Nested forward mode AD is not supported"):
            fwAD.enter_dual_level()
        with pytest.raises(RuntimeError, match="not the last one that was created"):
            fwAD.exit_dual_level(level=3)


def test_a_custom_function_without_jvp_refuses_forward_mode():
    class Double(ad.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, g):
            return g * 2

    with fwAD.dual_level():
        d = fwAD.make_dual(ad.ones(2), ad.ones(2))
        with pytest.raises(NotImplementedError, match="You must implement the jvp function"):
            Double.apply(d)
        assert Double.apply(ad.ones(2)).tolist() == [2.0, 2.0]  # without tangents it runs


def test_tangents_go_with_their_tensors():
    with fwAD.dual_level():
        d = fwAD.make_dual(ad.ones(2), ad.ones(2))
        n = len(forward._tangents)
        y = d * 2
        assert len(forward._tangents) == n + 1
        del y
        assert len(forward._tangents) == n


# ---------------------------------------------------------------- against PyTorch's numbers


def _dual(values, tangent):
    return fwAD.make_dual(ad.tensor(values, dtype=ad.float64), ad.tensor(tangent, dtype=ad.float64))


@pytest.mark.parametrize("name", sorted(k for k in TORCH if k.startswith("composition_")))
def test_compositions_give_pytorchs_numbers(name):
    case = TORCH[name]
    with fwAD.dual_level():
        x = _dual(case["x"], case["v"])
        w = ad.tensor(case["w"], dtype=ad.float64)
        out = COMPOSITIONS[name](x, w)
        primal, tangent = fwAD.unpack_dual(out)
        np.testing.assert_allclose(primal.numpy(), case["primal"], rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(tangent.numpy(), case["tangent"], rtol=1e-10, atol=1e-12)


COMPOSITIONS = {  # the same code as in record_forward_ad.py
    "composition_mlp": lambda x, w: ad.tanh(w @ x).sigmoid().sum(),
    "composition_softmax": lambda x, w: (
        (ad.log_softmax(w @ x, dim=0) * ad.softmax(x[:3], dim=0)).sum() + (x**2).mean()
    ),
    "composition_shapes": lambda x, w: (
        (x.reshape(2, 2).t() @ w[:2, :2]).exp()[1] / (1 + x.abs().sqrt().sum())
    ),
    "composition_elementwise": lambda x, w: ad.relu(
        ad.sin(x) * ad.cos(x) - x.exp().log() + (x - 0.5) ** 3
    ),
}


def test_jacobian_forward_mode_gives_pytorchs_numbers():
    case = TORCH["jacobian_forward_mode"]
    x, w = ad.tensor(case["x"], dtype=ad.float64), ad.tensor(case["w"], dtype=ad.float64)
    jac = ad.autograd.functional.jacobian(
        lambda a: ad.tanh(w @ a), x, strategy="forward-mode", vectorize=True
    )
    np.testing.assert_allclose(jac.numpy(), case["jacobian"], rtol=1e-12)
    reverse = ad.autograd.functional.jacobian(lambda a: ad.tanh(w @ a), x)
    np.testing.assert_allclose(jac.numpy(), reverse.numpy(), rtol=1e-12)


def test_inplace_on_a_leaf_under_no_grad_keeps_it_a_leaf_and_moves_the_tangent():
    w = ad.ones(2, requires_grad=True)
    with fwAD.dual_level():
        d = fwAD.make_dual(ad.tensor([1.0, 2.0]), ad.tensor([0.5, -1.0]))
        with ad.no_grad():
            w.add_(d)  # an optimizer-like update with a dual tensor
        assert w.requires_grad and w.is_leaf
        assert fwAD.unpack_dual(w).tangent.tolist() == [0.5, -1.0]
        with pytest.raises(RuntimeError, match="leaf Variable that requires grad"):
            w.add_(d)  # with grad mode on, PyTorch's error as without forward mode


def test_a_dual_tensor_prints_its_tangent_as_pytorch():
    x = ad.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with fwAD.dual_level():
        d = fwAD.make_dual(x, ad.ones(3))
        # PyTorch 2.13's output (its tangents of tensors that require grad show a grad_fn too,
        # which here they have not: tangents carry no history)
        assert repr(d) == (
            "tensor([1., 2., 3.], grad_fn=<ViewBackward0>, tangent=tensor([1., 1., 1.]))"
        )
        assert repr((d * d).sum()) == "tensor(14., grad_fn=<SumBackward0>, tangent=12.0)"
        assert repr(fwAD.make_dual(ad.tensor([1.0]), ad.ones(1))) == (
            "tensor([1.], tangent=tensor([1.]))"
        )
    assert repr(d) == "tensor([1., 2., 3.], grad_fn=<ViewBackward0>)"


def _hvp_function(x):  # backward formulas that read the op's output: exp, tanh, sigmoid, sqrt
    return (
        (ad.exp(x) * ad.tanh(x)).sum()
        + (ad.sigmoid(x) * x**3).sum()
        + (x.softmax(0) * x).sum()
        + ad.sqrt(x * x + 1).sum()
    )


def test_hessian_vector_product_forward_over_reverse():
    """The tangent of a gradient computed with create_graph=True is H v: against PyTorch's
    numbers and against reverse over reverse (functional.hvp)."""
    case = TORCH["hvp_forward_over_reverse"]
    x0, v = ad.tensor(case["x"], dtype=ad.float64), ad.tensor(case["v"], dtype=ad.float64)
    with fwAD.dual_level():
        x = fwAD.make_dual(x0.clone().requires_grad_(), v)
        (g,) = ad.autograd.grad(_hvp_function(x), x, create_graph=True)
        hv = fwAD.unpack_dual(g).tangent
    np.testing.assert_allclose(hv.numpy(), case["hvp"], rtol=1e-12, atol=1e-12)
    _, reverse = ad.autograd.functional.hvp(_hvp_function, x0, v)
    np.testing.assert_allclose(hv.numpy(), reverse.numpy(), rtol=1e-12, atol=1e-12)


class _ScaledProduct(ad.autograd.Function):
    """x * y * k with its own backward and jvp (PyTorch's `save_for_forward` form)."""

    @staticmethod
    def forward(ctx, x, y, k):
        ctx.save_for_backward(x, y)
        ctx.save_for_forward(x, y)
        ctx.k = k
        assert fwAD.unpack_dual(x).tangent is None  # forward sees values only, as in PyTorch
        return x * y * k

    @staticmethod
    def backward(ctx, grad):
        x, y = ctx.saved_tensors
        return grad * y * ctx.k, grad * x * ctx.k, None

    @staticmethod
    def jvp(ctx, x_t, y_t, k_t):
        assert k_t is None  # a number's tangent: None; a tensor without one: zeros
        x, y = ctx.saved_tensors
        return (x_t * y + x * y_t) * ctx.k


def test_a_custom_function_with_jvp_gives_its_tangent():
    x = ad.tensor([1.0, 2.0], requires_grad=True)
    with fwAD.dual_level():
        d = fwAD.make_dual(x, ad.tensor([1.0, 0.0]))
        out = _ScaledProduct.apply(d, ad.tensor([3.0, 4.0]), 2.0)
        # PyTorch 2.13 prints tensor([ 6., 16.], tangent=tensor([6., 0.])) for the same code
        assert fwAD.unpack_dual(out).tangent.tolist() == [6.0, 0.0]  # (1 * 3 + 1 * 0) * 2, 0
        assert out.grad_fn.name() == "_ScaledProductBackward"
        out.sum().backward()
    assert x.grad.tolist() == [6.0, 8.0]


# ---------------------------------------------------------------- forward over reverse
# A backward pass inside a dual level, without create_graph: PyTorch runs its backward formulas as
# ops, so the gradient of a dual tensor carries a tangent (a Hessian-vector product) and records
# no reverse graph. The literals are PyTorch 2.13's, printed (float32) by
# tests/torch_numbers/record_forward_over_reverse.py.


def _values_and_tangent(t):
    tangent = fwAD.unpack_dual(t).tangent
    return t.detach().tolist(), None if tangent is None else tangent.tolist()


def test_the_gradient_of_a_dual_tensor_carries_its_tangent_as_pytorch():
    x = ad.tensor([1.0, 2.0], requires_grad=True)
    with fwAD.dual_level():
        xd = fwAD.make_dual(x, ad.tensor([1.0, 0.0]))
        (g,) = ad.autograd.grad((ad.sin(xd) * xd).sum(), xd)
        values, tangent = _values_and_tangent(g)
        np.testing.assert_allclose(values, [1.3817732334136963, 0.07700371742248535], rtol=1e-6)
        # d/dx (cos x * x + sin x) = 2 cos x - x sin x at 1, along (1, 0)
        np.testing.assert_allclose(tangent, [0.23913371562957764, 0.0], rtol=1e-6, atol=1e-7)
        assert not g.requires_grad and g.grad_fn is None  # no reverse graph, as PyTorch's
        assert not fwAD.unpack_dual(g).tangent.requires_grad
        (g,) = ad.autograd.grad((xd**3).sum(), xd)
        assert _values_and_tangent(g) == ([3.0, 12.0], [6.0, 0.0])
        (g,) = ad.autograd.grad((xd**3).sum(), x)  # the primal leaf: the same
        assert _values_and_tangent(g) == ([3.0, 12.0], [6.0, 0.0])
        (g,) = ad.autograd.grad((xd**3).sum(), xd, create_graph=True)
        assert _values_and_tangent(g) == ([3.0, 12.0], [6.0, 0.0])
        assert g.requires_grad and g.grad_fn.name() == "MulBackward0"  # PyTorch's too


def test_a_tangent_that_comes_in_with_the_gradient_flows_through_the_formulas():
    x = ad.tensor([1.0, 2.0], requires_grad=True)
    with fwAD.dual_level():
        u = fwAD.make_dual(ad.tensor([1.0, 1.0]), ad.tensor([5.0, 5.0]))
        (g,) = ad.autograd.grad(x.sin(), x, u)  # cos(x) * u, tangent cos(x) * 5
        values, tangent = _values_and_tangent(g)
        np.testing.assert_allclose(values, [0.5403023362159729, -0.416146844625473], rtol=1e-6)
        np.testing.assert_allclose(tangent, [2.7015116214752197, -2.0807342529296875], rtol=1e-6)


def test_only_the_gradients_a_tangent_reaches_carry_one_as_pytorch():
    x = ad.tensor([1.0, 2.0], requires_grad=True)
    b = ad.tensor([[1.0], [2.0]], requires_grad=True)
    with fwAD.dual_level():
        bd = fwAD.make_dual(b, ad.tensor([[1.0], [3.0]]))
        gb, gx = ad.autograd.grad((bd * x).sum(), [b, x])
        assert _values_and_tangent(gb) == ([[3.0], [3.0]], None)  # x sum(x), no tangent
        assert _values_and_tangent(gx) == ([3.0, 3.0], [4.0, 4.0])  # sum of b, summed down


def test_a_tangent_that_only_a_node_keeps_reaches_the_gradient():
    # the dual tensors are gone; exp's node still knows its output's tangent, as PyTorch's
    # saved output does
    x = ad.tensor([0.5, -1.0], requires_grad=True)
    with fwAD.dual_level():
        y = fwAD.unpack_dual(fwAD.make_dual(x, ad.tensor([1.0, 2.0])).exp()).primal.sum()
        assert not forward.TANGENTS
        (g,) = ad.autograd.grad(y, x)
        values, tangent = _values_and_tangent(g)
        np.testing.assert_allclose(values, [1.6487212181091309, 0.3678794503211975], rtol=1e-6)
        np.testing.assert_allclose(tangent, [1.6487212181091309, 0.735758900642395], rtol=1e-6)


def test_backward_into_the_grad_of_a_dual_leaf_as_pytorch():
    # PyTorch keeps the first gradient as .grad without its tangent (it takes the gradient over
    # detached) and adds the later ones in place, tangent included
    with fwAD.dual_level():
        w = fwAD.make_dual(ad.tensor([1.0, 2.0]), ad.tensor([1.0, 0.0])).requires_grad_()
        seen = []
        for _ in range(3):
            (w**3).sum().backward()
            seen.append(_values_and_tangent(w.grad))
        assert seen == [
            ([3.0, 12.0], None),
            ([6.0, 24.0], [6.0, 0.0]),
            ([9.0, 36.0], [12.0, 0.0]),
        ]
        assert not w.grad.requires_grad and w.grad._version == 2  # added in place
        x = ad.tensor([1.0, 2.0], requires_grad=True)  # a leaf whose dual view is used
        xd = fwAD.make_dual(x, ad.tensor([1.0, 0.0]))
        xd.exp().sum().backward()
        assert _values_and_tangent(x.grad)[1] is None
        xd.exp().sum().backward()
        values, tangent = _values_and_tangent(x.grad)
        np.testing.assert_allclose(values, [5.436563491821289, 14.778112411499023], rtol=1e-6)
        np.testing.assert_allclose(tangent, [2.7182817459106445, 0.0], rtol=1e-6)
        h = xd * 2
        h.retain_grad()  # a retained gradient keeps its tangent
        (h**2).sum().backward()
        assert _values_and_tangent(h.grad) == ([4.0, 8.0], [4.0, 0.0])
        x.grad = None
        (xd**3).sum().backward(inputs=[x])  # the same through backward(inputs=...)
        (xd**3).sum().backward(inputs=[x])
        assert _values_and_tangent(x.grad) == ([6.0, 24.0], [6.0, 0.0])
    assert w.grad.tolist() == [9.0, 36.0] and fwAD.unpack_dual(w.grad).tangent is None


HVP_CASES = {  # f(x) for x of shape (3,): its backward formulas are those of these ops
    "sin": lambda x, a: ad.sin(x).sum(),
    "exp": lambda x, a: ad.exp(x * 0.5).sum(),  # reads its output
    "tanh": lambda x, a: ad.tanh(x).sum(),  # reads its output
    "mul": lambda x, a: (x * x * a[0]).sum(),
    "matmul": lambda x, a: x @ (a @ x),  # H = a + a^T
    "matmul_matrix": lambda x, a: ad.tanh(a @ x.unsqueeze(1)).sum(),
    "sum": lambda x, a: x.sum() ** 3,
}


@pytest.mark.parametrize("name", sorted(HVP_CASES))
def test_the_tangent_of_a_gradient_is_the_hessian_vector_product(name):
    fn = HVP_CASES[name]
    rng = np.random.default_rng(7)
    x0, v = rng.normal(size=3), rng.normal(size=3)
    a = ad.tensor(rng.normal(size=(3, 3)))
    with fwAD.dual_level():
        x = fwAD.make_dual(ad.tensor(x0, requires_grad=True), ad.tensor(v))
        (g,) = ad.autograd.grad(fn(x, a), x)
        assert not g.requires_grad and g.grad_fn is None
        hv = fwAD.unpack_dual(g).tangent.numpy().copy()

    def gradient(at):  # reverse mode outside any dual level: its finite differences along v
        t = ad.tensor(at, requires_grad=True)
        return ad.autograd.grad(fn(t, a), t)[0].numpy()

    h = 1e-6
    differences = (gradient(x0 + h * v) - gradient(x0 - h * v)) / (2 * h)
    np.testing.assert_allclose(hv, differences, rtol=1e-6, atol=1e-8)
    _, reverse = ad.autograd.functional.hvp(lambda t: fn(t, a), ad.tensor(x0), ad.tensor(v))
    np.testing.assert_allclose(hv, reverse.numpy(), rtol=1e-12, atol=1e-12)
