"""Every differentiable op against central finite differences in float64.

hypothesis draws the shapes (broadcasting, size-1 and size-0 dimensions) and a seed for the values;
values keep away from the points where an op is not differentiable. Each case is checked twice:
with `ad.gradcheck` and with the independent NumPy finite differences of `numdiff.py`.
Second derivatives (create_graph=True) are checked against finite differences of the first.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numdiff import analytic_vjp, as_tensors, assert_vjp_matches, numerical_vjp

import autodiff_tr as ad
from autodiff_tr.engine.derivatives import DERIVATIVES

FAST = settings(max_examples=25, deadline=None)
SHAPES = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3)
NONEMPTY = hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=3)
PAIRS = hnp.mutually_broadcastable_shapes(
    num_shapes=2, min_dims=0, max_dims=3, min_side=0, max_side=3
)
SEEDS = st.integers(0, 2**32 - 1)


# ---------------------------------------------------------------- value domains


def anywhere(rng, shape):
    return rng.uniform(-2, 2, shape)


def positive(rng, shape):
    return rng.uniform(0.3, 2.5, shape)


def away_from_zero(rng, shape):
    return rng.uniform(0.2, 2, shape) * rng.choice([-1.0, 1.0], shape)


def small(rng, shape):  # inside (-pi/2, pi/2) with room: tan
    return rng.uniform(-1.2, 1.2, shape)


def distinct(rng, shape):  # values at least 0.3 apart: max/min have a unique winner
    n = int(np.prod(shape))
    return (rng.permutation(n) * 0.3 + rng.uniform(-1, 1)).reshape(shape)


def away_from_clamp_edges(rng, shape):  # |x +- 0.5| >= 0.1
    x = rng.uniform(-1.5, 1.5, shape)
    near = np.abs(np.abs(x) - 0.5) < 0.1
    return np.where(near, x + 0.25 * np.sign(x), x)


def check(fn, arrays, seed):
    """Both references: our own finite differences, and ad.gradcheck on the same function."""
    out = assert_vjp_matches(fn, arrays, seed=seed)
    if all(np.size(a) for a in arrays):
        assert ad.gradcheck(fn, as_tensors(arrays))
    return out


UNARY = {
    "exp": (ad.exp, anywhere),
    "log": (ad.log, positive),
    "sqrt": (ad.sqrt, positive),
    "abs": (ad.abs, away_from_zero),
    "sin": (ad.sin, anywhere),
    "cos": (ad.cos, anywhere),
    "tan": (ad.tan, small),
    "tanh": (ad.tanh, anywhere),
    "sigmoid": (ad.sigmoid, anywhere),
    "relu": (ad.relu, away_from_zero),
    "neg": (ad.neg, anywhere),
    "unary_minus": (lambda x: -x, anywhere),
    "clamp": (lambda x: ad.clamp(x, -0.5, 0.5), away_from_clamp_edges),
    "clamp_min": (lambda x: x.clamp(min=-0.5), away_from_clamp_edges),
    "clamp_max": (lambda x: x.clamp(max=0.5), away_from_clamp_edges),
    "pow_int": (lambda x: x**3, anywhere),
    "pow_frac": (lambda x: x**2.5, positive),
    "pow_neg": (lambda x: ad.pow(x, -1), away_from_zero),
    "pow_zero": (lambda x: x**0, anywhere),
    "rpow": (lambda x: 2.0**x, anywhere),
    "radd": (lambda x: 3.0 + x, anywhere),
    "rsub": (lambda x: 3.0 - x, anywhere),
    "rmul": (lambda x: 3.0 * x, anywhere),
    "rdiv": (lambda x: 3.0 / x, away_from_zero),
    "numpy_scalar_mul": (lambda x: np.float64(1.5) * x * np.float64(2.0), anywhere),
    "clone": (ad.clone, anywhere),
    "sum": (ad.sum, anywhere),
    "sum_keepdim_all": (lambda x: x.sum(dim=tuple(range(x.ndim)), keepdim=True), anywhere),
    "mean": (lambda x: x.mean(), anywhere),
    "flatten": (ad.flatten, anywhere),
    "reshape_flat": (lambda x: x.reshape(-1), anywhere),
    "T": (lambda x: x.T, anywhere),
    "unsqueeze": (lambda x: x.unsqueeze(0), anywhere),
    "unsqueeze_last": (lambda x: x.unsqueeze(-1), anywhere),
    "squeeze": (ad.squeeze, anywhere),
    "expand": (lambda x: x.expand(2, *x.shape), anywhere),
    "where_self": (lambda x: ad.where(x > 0, x * x, -x), away_from_zero),
    "norm_plus": (lambda x: (x.norm() + 1) * x, away_from_zero),
    "square_via_mul": (lambda x: x * x, anywhere),
    "self_div": (lambda x: (x + 3) / (x * x + 1), anywhere),
    "square": (ad.square, anywhere),
    "log1p": (ad.log1p, positive),
    "log10": (ad.log10, positive),
    "nll_loss": (
        lambda x: (
            ad.nn.functional.cross_entropy(x.reshape(1, -1), ad.tensor([0])) if x.numel() else x * 1
        ),
        anywhere,
    ),
    "nll_loss_sum": (
        lambda x: ad.nn.functional.nll_loss(
            x.reshape(-1, 1).expand(-1, 2) * ad.tensor([1.0, 2.0], dtype=ad.float64),
            ad.tensor([i % 2 for i in range(x.numel())], dtype=ad.int64),
            reduction="sum",
        ),
        anywhere,
    ),
    "log2": (lambda x: x.log2(), positive),
    "unbind": (
        lambda x: (
            ad.stack([p * (i + 1) for i, p in enumerate(x.unbind(-1))], -1)
            if x.ndim and x.shape[-1]
            else x * 1
        ),
        anywhere,
    ),
    "expm1": (ad.expm1, anywhere),
    "sign": (lambda x: ad.sign(x) * x, away_from_zero),
    "t": (lambda x: x.t() if x.ndim <= 2 else x.reshape(-1, 1).t(), anywhere),
    "prod": (ad.prod, anywhere),
    "prod_with_a_zero": (
        lambda x: (x * (ad.arange(x.numel()) != 0).reshape(x.shape)).prod(),
        anywhere,
    ),
    "var": (lambda x: x.var(), anywhere),
    "std": (lambda x: x.std(correction=0), distinct),
    "masked_fill": (lambda x: x.masked_fill(x > 0.5, 2.0), away_from_clamp_edges),
    "masked_fill_tensor": (
        lambda x: x.masked_fill(x > 0.5, x.sum() * 0 + x.mean()),
        away_from_clamp_edges,
    ),
    "flip": (lambda x: ad.flip(x, tuple(range(x.ndim))), anywhere),
    "erf": (ad.erf, anywhere),
    "gelu": (ad.nn.functional.gelu, anywhere),
    "gelu_tanh": (lambda x: ad.nn.functional.gelu(x, approximate="tanh"), anywhere),
    "softplus": (ad.nn.functional.softplus, anywhere),
    "softplus_beta": (lambda x: ad.nn.functional.softplus(x, beta=0.5, threshold=3.0), anywhere),
}


@pytest.mark.parametrize("name", sorted(UNARY))
@FAST
@given(shape=SHAPES, seed=SEEDS)
def test_unary_ops_match_finite_differences(name, shape, seed):
    fn, domain = UNARY[name]
    x = domain(np.random.default_rng(seed), shape)
    check(fn, [x], seed)


REDUCE_ALONG = {
    "sum_dim": (lambda x, d, k: x.sum(d, keepdim=k), anywhere),
    "sum_dim_tuple": (lambda x, d, k: ad.sum(x, dim=tuple({d % x.ndim, 0}), keepdim=k), anywhere),
    "mean_dim": (lambda x, d, k: x.mean(dim=d, keepdim=k), anywhere),
    "max_dim": (lambda x, d, k: x.max(dim=d, keepdim=k).values, distinct),
    "min_dim": (lambda x, d, k: ad.min(x, d, k)[0], distinct),
    "norm_dim": (lambda x, d, k: x.norm(dim=d, keepdim=k), away_from_zero),
    "softmax": (lambda x, d, k: x.softmax(d) * (x + 1), anywhere),
    "log_softmax": (lambda x, d, k: x.log_softmax(dim=d), anywhere),
    "logsumexp": (lambda x, d, k: x.logsumexp(d, keepdim=k), anywhere),
    "logsumexp_keepdims": (lambda x, d, k: ad.logsumexp(x, dim=(d,), keepdims=k), anywhere),
    "prod_dim": (lambda x, d, k: x.prod(d, keepdim=k), anywhere),
    "cumsum": (lambda x, d, k: x.cumsum(d), anywhere),
    "var_dim": (lambda x, d, k: x.var(d, keepdim=k, correction=0), anywhere),
    "std_dim": (lambda x, d, k: x.std(d, keepdim=k, unbiased=False), distinct),
    "gather": (
        lambda x, d, k: x.gather(
            d, ad.tensor(np.random.default_rng(x.numel()).integers(0, x.shape[d], x.shape))
        ),
        anywhere,
    ),
    "sum_keepdims": (lambda x, d, k: x.sum(axis=d, keepdims=k), anywhere),
}


@pytest.mark.parametrize("name", sorted(REDUCE_ALONG))
@FAST
@given(shape=NONEMPTY, seed=SEEDS, data=st.data())
def test_reductions_along_a_dim(name, shape, seed, data):
    fn, domain = REDUCE_ALONG[name]
    dim = data.draw(st.integers(-len(shape), len(shape) - 1), label="dim")
    keepdim = data.draw(st.booleans(), label="keepdim")
    x = domain(np.random.default_rng(seed), shape)
    check(lambda t: fn(t, dim, keepdim), [x], seed)


@pytest.mark.parametrize("fn", [ad.max, ad.min, lambda x: x.norm()], ids=["max", "min", "norm"])
@FAST
@given(shape=NONEMPTY, seed=SEEDS)
def test_full_reductions(fn, shape, seed):
    x = distinct(np.random.default_rng(seed), shape)
    x[x == 0] = 0.05  # norm: not at the origin
    check(fn, [x], seed)


BINARY = {
    "add": (ad.add, anywhere, anywhere),
    "add_op": (lambda a, b: a + b, anywhere, anywhere),
    "sub": (ad.sub, anywhere, anywhere),
    "sub_op": (lambda a, b: a - b, anywhere, anywhere),
    "add_alpha": (lambda a, b: ad.add(a, b, alpha=-2.5), anywhere, anywhere),
    "sub_alpha": (lambda a, b: a.sub(b, alpha=1.5), anywhere, anywhere),
    "lerp_small_weight": (lambda a, b: ad.lerp(a, b, 0.3), anywhere, anywhere),
    "lerp_large_weight": (lambda a, b: a.lerp(b, 0.8), anywhere, anywhere),
    "mul": (ad.mul, anywhere, anywhere),
    "div": (ad.div, anywhere, away_from_zero),
    "div_op": (lambda a, b: a / b, anywhere, away_from_zero),
    "pow_tensor": (ad.pow, positive, anywhere),
    "pow_op": (lambda a, b: a**b, positive, anywhere),
    "where": (lambda a, b: ad.where(a > b, a, b), anywhere, anywhere),
    "maximum": (ad.maximum, anywhere, anywhere),
    "minimum": (lambda a, b: ad.min(a, b), anywhere, anywhere),
    "chain": (lambda a, b: ad.sin(a * b) + ad.exp(-a * a) * b, anywhere, anywhere),
}


@pytest.mark.parametrize("name", sorted(BINARY))
@FAST
@given(shapes=PAIRS, seed=SEEDS)
def test_binary_ops_broadcast_and_match_finite_differences(name, shapes, seed):
    fn, da, db = BINARY[name]
    rng = np.random.default_rng(seed)
    a, b = da(rng, shapes.input_shapes[0]), db(rng, shapes.input_shapes[1])
    out = check(fn, [a, b], seed)
    assert tuple(out.shape) == shapes.result_shape


TERNARY = {
    "addcmul": (lambda x, a, b: ad.addcmul(x, a, b, value=-0.5), anywhere, anywhere, anywhere),
    "addcdiv": (lambda x, a, b: x.addcdiv(a, b, value=2.0), anywhere, anywhere, away_from_zero),
    "lerp_tensor": (ad.lerp, anywhere, anywhere, anywhere),
}


@pytest.mark.parametrize("name", sorted(TERNARY))
@FAST
@given(
    shapes=hnp.mutually_broadcastable_shapes(
        num_shapes=3, min_dims=0, max_dims=3, min_side=0, max_side=3
    ),
    seed=SEEDS,
)
def test_ops_of_three_tensors_broadcast_and_match_finite_differences(name, shapes, seed):
    fn, *domains = TERNARY[name]
    rng = np.random.default_rng(seed)
    arrays = [domain(rng, shape) for domain, shape in zip(domains, shapes.input_shapes)]
    out = check(fn, arrays, seed)
    assert tuple(out.shape) == shapes.result_shape


OPERATORS = {
    "+": (lambda a, b: a + b, anywhere, anywhere),
    "-": (lambda a, b: a - b, anywhere, anywhere),
    "*": (lambda a, b: a * b, anywhere, anywhere),
    "/": (lambda a, b: a / b, away_from_zero, away_from_zero),
    "**": (lambda a, b: a**b, positive, anywhere),
}


@pytest.mark.parametrize("side", ["tensor first", "constant first"])
@pytest.mark.parametrize("kind", ["array", "tensor without grad"])
@pytest.mark.parametrize("name", sorted(OPERATORS))
@FAST
@given(shapes=PAIRS, seed=SEEDS)
def test_operators_with_a_constant_operand_broadcast(name, kind, side, shapes, seed):
    # One operand requires grad, the other is a constant that broadcasts either way: the
    # engine records these with a node of one input (nodes.OneInputNode).
    fn, d_tensor, d_constant = OPERATORS[name]
    rng = np.random.default_rng(seed)
    if side == "constant first":
        fn, d_tensor, d_constant = (lambda a, b: OPERATORS[name][0](b, a)), d_constant, d_tensor
    x, c = d_tensor(rng, shapes.input_shapes[0]), d_constant(rng, shapes.input_shapes[1])
    constant = c if kind == "array" else ad.tensor(c, dtype=ad.float64)
    out = check(lambda t: fn(t, constant), [x], seed)
    assert tuple(out.shape) == shapes.result_shape


@FAST
@given(n=st.integers(0, 4), m=st.integers(0, 4), k=st.integers(0, 4), seed=SEEDS)
def test_products(n, m, k, seed):
    rng = np.random.default_rng(seed)
    a, b, v, w = anywhere(rng, (n, m)), anywhere(rng, (m, k)), anywhere(rng, m), anywhere(rng, m)
    check(ad.mm, [a, b], seed)
    check(lambda x, y: x @ y, [a, b], seed)
    check(ad.mv, [a, v], seed)
    check(lambda x, y: ad.matmul(x, y), [a, v], seed)
    check(ad.dot, [v, w], seed)
    check(lambda x, y: x @ y, [v, w], seed)
    check(lambda x, y: y @ x, [a.T.copy(), v], seed)  # vector @ matrix
    # a column-major mat2 (as nn.Linear's weight.t()) gets its gradient in its own layout
    check(lambda x, y: ad.mm(x, y.t()), [a, b.T.copy()], seed)
    for bias in (anywhere(rng, (k,)), anywhere(rng, (n, k)), anywhere(rng, (1, k))):
        check(ad.addmm, [bias, a, b], seed)
        check(
            lambda c, x, y: ad.addmm(c, x, y.t(), beta=0.5, alpha=-2.0), [bias, a, b.T.copy()], seed
        )


@FAST
@given(
    batch=hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=3),
    n_in=st.integers(1, 3),
    n_out=st.integers(1, 3),
    bias=st.booleans(),
    seed=SEEDS,
)
def test_linear_of_any_batch_shape(batch, n_in, n_out, bias, seed):
    # a 1-D input records SqueezeBackward4 (no bias) or ViewBackward0; a 3-D one
    # UnsafeViewBackward0 (no bias) or ViewBackward0, as in PyTorch
    rng = np.random.default_rng(seed)
    arrays = [anywhere(rng, (*batch, n_in)), anywhere(rng, (n_out, n_in))]
    arrays += [anywhere(rng, (n_out,))] if bias else []
    out = check(ad.nn.functional.linear, arrays, seed)
    assert tuple(out.shape) == (*batch, n_out)


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
def test_batched_matmul_broadcasts(shapes, n, m, k, seed):
    rng = np.random.default_rng(seed)
    a = anywhere(rng, shapes.input_shapes[0] + (n, m))
    b = anywhere(rng, shapes.input_shapes[1] + (m, k))
    out = check(ad.matmul, [a, b], seed)
    assert tuple(out.shape) == shapes.result_shape + (n, k)
    vec_m, vec_n = anywhere(rng, (m,)), anywhere(rng, (n,))
    out = check(lambda x, y: x @ y, [a, vec_m], seed)  # batch of matrices @ vector
    assert tuple(out.shape) == shapes.input_shapes[0] + (n,)
    out = check(lambda x, y: x @ y, [vec_n, a], seed)  # vector @ batch of matrices
    assert tuple(out.shape) == shapes.input_shapes[0] + (m,)


@FAST
@given(shape=NONEMPTY, seed=SEEDS, data=st.data())
def test_shape_ops(shape, seed, data):
    rng = np.random.default_rng(seed)
    x = anywhere(rng, shape)
    nd = len(shape)
    d0 = data.draw(st.integers(-nd, nd - 1), label="d0")
    d1 = data.draw(st.integers(-nd, nd - 1), label="d1")
    perm = data.draw(st.permutations(range(nd)), label="perm")
    check(lambda t: t.transpose(d0, d1), [x], seed)
    check(lambda t: ad.permute(t, perm), [x], seed)
    check(lambda t: t.permute(*perm), [x], seed)
    check(lambda t: t.reshape(*reversed(shape)), [x], seed)
    check(lambda t: t.view(-1, shape[-1]), [x], seed)
    check(lambda t: t.flatten(start_dim=0, end_dim=-1), [x], seed)
    check(lambda t: t.squeeze(d0), [x], seed)
    check(lambda t: t.unsqueeze(d1), [x], seed)
    check(lambda t: t.expand(3, *shape).sum(0), [x], seed)


@FAST
@given(shape=NONEMPTY, seed=SEEDS, data=st.data())
def test_indexing_scatters_gradients(shape, seed, data):
    rng = np.random.default_rng(seed)
    x = anywhere(rng, shape)
    i = data.draw(st.integers(-shape[0], shape[0] - 1), label="i")
    rows = data.draw(st.lists(st.integers(0, shape[0] - 1), min_size=1, max_size=5), label="rows")
    mask = rng.random(shape) > 0.5
    check(lambda t: t[i], [x], seed)
    check(lambda t: t[1:], [x], seed)
    check(lambda t: t[::2], [x], seed)
    check(lambda t: t[..., -1], [x], seed)
    check(lambda t: t[None, i], [x], seed)
    check(lambda t: t[rows], [x], seed)  # repeated rows add up
    check(lambda t: t[ad.tensor(rows)], [x], seed)
    check(lambda t: t[ad.tensor(mask)], [x], seed)
    check(lambda t: t[np.array(rows)] * 2, [x], seed)


@FAST
@given(shape=SHAPES, n=st.integers(1, 3), seed=SEEDS, data=st.data())
def test_cat_and_stack(shape, n, seed, data):
    rng = np.random.default_rng(seed)
    xs = [anywhere(rng, shape) for _ in range(n)]
    dim = data.draw(st.integers(-len(shape) - 1, len(shape)), label="stack dim")
    check(lambda *ts: ad.stack(list(ts), dim=dim), xs, seed)
    if shape:
        cdim = data.draw(st.integers(-len(shape), len(shape) - 1), label="cat dim")
        ys = [
            anywhere(rng, shape[: cdim % len(shape)] + (j,) + shape[cdim % len(shape) + 1 :])
            for j in range(n)
        ]
        check(lambda *ts: ad.cat(ts, dim=cdim), ys, seed)
        check(lambda *ts: ad.cat([ts[0], ts[0] * 2], cdim), ys[:1], seed)


def _inplace_chain(x):
    y = x * 1
    y.sin_()
    y.mul_(x)
    y += 2.0
    y /= x * x + 1
    y.sub_(x)
    y.tanh_()
    return y


def _inplace_setitem(x):
    y = x * 1
    y[0] = x[-1] * 3  # overwritten elements get no gradient from their old value
    y[..., :1] = x[..., :1] * x[..., -1:]
    return y


def test_inplace_on_a_view_of_a_recorded_tensor_is_refused_clearly():
    y = ad.arange(4.0, requires_grad=True) * 1
    with pytest.raises(RuntimeError, match="out-of-place form"):
        y[:2] *= 2


@FAST
@given(shape=NONEMPTY, seed=SEEDS)
def test_recorded_inplace_ops_on_non_leaves(shape, seed):
    x = anywhere(np.random.default_rng(seed), shape)
    check(_inplace_chain, [x], seed)
    check(_inplace_setitem, [x], seed)


def test_every_formula_in_the_table_is_exercised():
    """A new entry in DERIVATIVES needs a finite-difference test here too."""
    covered = {
        "add",
        "sub",
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
        "sum",
        "sum_dim",
        "mean",
        "mean_dim",
        "max",
        "min",
        "max_dim",
        "min_dim",
        "norm",
        "dot",
        "mm",
        "mv",
        "matmul",
        "view",
        "squeeze",
        "squeeze_dim",
        "unsqueeze",
        "transpose",
        "permute",
        "expand",
        "cat",
        "stack",
        "select",
        "slice",
        "index",
        "index_put",
        "index_scatter",
        "maximum",
        "minimum",
        "softmax",
        "log_softmax",
        "logsumexp",
        "prod",
        "prod_dim",
        "cumsum",
        "var",
        "std",
        "log1p",
        "expm1",
        "sign",
        "gather",
        "masked_fill",
        "masked_fill_tensor",
        "t",
        "flip",
        "add_alpha",
        "sub_alpha",
        "addcmul",
        "addcdiv",
        "lerp",
        "lerp_tensor",
        "addmm",
        "squeeze_dim_",
        "unsafe_view",
        "erf",
        "gelu",
        "softplus",
        "embedding",
        "log10",
        "log2",
        "unbind",
        "nll_loss",
        # finite differences and second derivatives in tests/test_nn_layers.py
        "native_layer_norm",
        "native_batch_norm",
    }
    assert set(DERIVATIVES) <= covered


@FAST
@given(
    rows=st.integers(1, 4),
    dim=st.integers(0, 3),
    index_shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3),
    padding=st.booleans(),
    seed=SEEDS,
)
def test_embedding_gathers_rows_and_adds_gradients_back(rows, dim, index_shape, padding, seed):
    rng = np.random.default_rng(seed)
    weight = anywhere(rng, (rows, dim))
    indices = ad.tensor(rng.integers(0, rows, index_shape))
    padding_idx = int(rng.integers(0, rows)) if padding else None

    def lookup(w):
        return ad.nn.functional.embedding(indices, w, padding_idx=padding_idx)

    if padding_idx is None:
        out = check(lookup, [weight], seed)
        assert out.shape == (*index_shape, dim) and out.grad_fn.name() == "EmbeddingBackward0"
        return
    # the padding row gets no gradient, by design: the differences with that row zeroed
    v = rng.normal(size=(*index_shape, dim))
    (analytic,), _ = analytic_vjp(lookup, [weight], v)
    (numeric,) = numerical_vjp(lookup, [weight], v)
    numeric[padding_idx] = 0
    np.testing.assert_allclose(analytic, numeric, rtol=1e-4, atol=1e-6)


def test_dtype_conversion_and_index_put_gradients():
    x = np.array([0.3, -1.2, 2.0])
    f32 = ad.tensor([0.3, -1.2, 2.0], requires_grad=True)
    y = f32.double() * ad.tensor([1.0, 2.0, 3.0], dtype=ad.float64)
    assert y.dtype == ad.float64 and y.grad_fn.next_functions[0][0].name() == "ToCopyBackward0"
    y.sum().backward()
    assert f32.grad.dtype == ad.float32
    np.testing.assert_array_equal(f32.grad.numpy(), [1.0, 2.0, 3.0])

    def put(t, v):
        y = t * 1
        y[1] = v.sum()
        y[ad.tensor([0, 2])] = v * 2
        return y

    assert_vjp_matches(put, [x, np.array([0.5, 0.7])])


# ---------------------------------------------------------------- second derivatives


def first_derivative(fn):
    """x -> d/dx sum(fn(x)) computed by backward (a function NumPy differences can evaluate)."""

    def g(x):
        with ad.enable_grad():
            x = x.detach().requires_grad_()
            (gx,) = ad.autograd.grad(fn(x).sum(), x)
        return gx

    return g


SECOND = {
    "sin": (ad.sin, anywhere),
    "cos": (ad.cos, anywhere),
    "exp": (ad.exp, anywhere),
    "log": (ad.log, positive),
    "sqrt": (ad.sqrt, positive),
    "tan": (ad.tan, small),
    "tanh": (ad.tanh, anywhere),
    "sigmoid": (ad.sigmoid, anywhere),
    "pow": (lambda x: x**3, anywhere),
    "pow_frac": (lambda x: x**1.5, positive),
    "rpow": (lambda x: 3.0**x, anywhere),
    "div": (lambda x: 1 / (1 + x * x), anywhere),
    "abs_mul": (lambda x: ad.abs(x) * x, away_from_zero),
    "relu_sq": (lambda x: ad.relu(x) ** 2, away_from_zero),
    "mean_sq": (lambda x: (x - x.mean()) ** 2, anywhere),
    "norm": (lambda x: x.norm() * x, away_from_zero),
    "max": (lambda x: x.max() * x, distinct),
    "sum_dim": (lambda x: x.sum(0, keepdim=True) * x, anywhere),
    "index": (lambda x: x[[0, 0]] ** 2, anywhere),
    "slice_cat": (lambda x: ad.cat([x[1:], x[:1]]) * x, anywhere),
    "stack": (lambda x: ad.stack([x, x * x]).sum(0) * x, anywhere),
    "dot": (lambda x: ad.dot(x, x) * x, anywhere),
    "matmul": (lambda x: (x.unsqueeze(1) @ x.unsqueeze(0)).sum(1) * x, anywhere),
    "where": (lambda x: ad.where(x > 0, x**3, x * x), away_from_zero),
    "clamp": (lambda x: ad.clamp(x, -0.5, 0.5) * x, away_from_clamp_edges),
    "reshape": (lambda x: (x.reshape(-1, 1) * x).sum(1), anywhere),
    "expand_T": (lambda x: x.expand(2, x.shape[0]).T.sum(1) ** 2, anywhere),
    "mean_dim": (lambda x: x.reshape(1, -1).mean(1, keepdim=True) * x * x, anywhere),
    "min_dim": (lambda x: x.unsqueeze(0).min(1).values * x * x, distinct),
    "norm_dim": (lambda x: x.unsqueeze(1).norm(dim=0) * x, away_from_zero),
    "transpose": (lambda x: (x.unsqueeze(0).transpose(0, 1) ** 2).squeeze(1) * x, anywhere),
    "permute": (lambda x: (x.unsqueeze(1).permute(1, 0) ** 3).squeeze(0), anywhere),
    "squeeze": (lambda x: ad.sin(x.unsqueeze(0)).squeeze() * x, anywhere),
    "mask": (lambda x: x[x > 0] ** 3, away_from_zero),
    "setitem": (lambda x: _set_first(x) ** 2, anywhere),
    "mv": (lambda x: ad.mv(x.unsqueeze(0).expand(2, -1) * x, x), anywhere),
    "mm": (lambda x: ad.mm(x.unsqueeze(1), x.unsqueeze(0) * x), anywhere),
    "rsub_rdiv": (lambda x: (1 - x) / (2 + x * x), anywhere),
    "neg_sigmoid": (lambda x: -ad.sigmoid(x) * x, anywhere),
    "softmax": (lambda x: x.softmax(0) * x, anywhere),
    "log_softmax": (lambda x: x.unsqueeze(0).log_softmax(1).squeeze(0) * x, anywhere),
    "logsumexp": (lambda x: x.logsumexp(0) * x, anywhere),
    "cumsum": (lambda x: x.cumsum(0) * x, anywhere),
    "var": (lambda x: x.var(correction=0) * x, anywhere),
    "std": (lambda x: x.std(correction=0) * x + x.std(unbiased=False), distinct),
    "log1p_expm1": (lambda x: ad.log1p(x * x) * ad.expm1(x), anywhere),
    "log10_log2": (lambda x: ad.log10(x) * ad.log2(x * x), positive),
    "unbind": (lambda x: ad.stack([p * p for p in x.unbind()]) * x, anywhere),
    "nll_loss": (
        lambda x: (
            ad.nn.functional.cross_entropy(
                x.unsqueeze(0) * x.unsqueeze(1), ad.tensor([i % 2 for i in range(len(x))])
            )
            * x
        ),
        anywhere,
    ),
    "maximum": (lambda x: ad.maximum(x, x.flip(0)) * x, distinct),
    "gather": (lambda x: x.gather(0, ad.tensor([0] * len(x))) * x, anywhere),
    "masked_fill": (lambda x: x.masked_fill(x > 0, 1.0) * x, away_from_zero),
    "t": (lambda x: x.unsqueeze(0).t().squeeze(1) ** 3, anywhere),
    "prod": (lambda x: x.prod() * x, anywhere),
    "prod_dim": (lambda x: x.expand(2, -1).prod(1, keepdim=True) * x, anywhere),
    "prod_with_a_zero": (lambda x: ad.cat([x, x[:1] * 0]).prod() + (x * x).prod(0), anywhere),
    "erf": (lambda x: ad.erf(x) * x, anywhere),
    "gelu": (lambda x: ad.nn.functional.gelu(x) * x, anywhere),
    "gelu_tanh": (lambda x: ad.nn.functional.gelu(x, approximate="tanh") * x, anywhere),
    "softplus": (lambda x: ad.nn.functional.softplus(x) * x, anywhere),
    "embedding": (
        lambda x: (
            ad.nn.functional.embedding(
                ad.tensor([[0, len(x) - 1], [0, 0]]), x.unsqueeze(1), padding_idx=len(x) - 1
            )
            ** 3
        ),
        anywhere,
    ),
}


def _set_first(x):
    y = x * 1
    y[0] = x[-1] * x[0]
    return y


@pytest.mark.parametrize("name", sorted(SECOND))
@settings(max_examples=10, deadline=None)
@given(n=st.integers(1, 4), seed=SEEDS)
def test_second_derivatives_match_differences_of_the_first(name, n, seed):
    fn, domain = SECOND[name]
    x = domain(np.random.default_rng(seed), (n,))
    v = np.random.default_rng(seed + 1).normal(size=n)
    t = ad.tensor(x, dtype=ad.float64, requires_grad=True)
    (g,) = ad.autograd.grad(fn(t).sum(), t, create_graph=True)
    assert g.requires_grad
    (h,) = ad.autograd.grad(g, t, grad_outputs=ad.tensor(v))
    (expected,) = numerical_vjp(first_derivative(fn), [x], v)
    np.testing.assert_allclose(h.numpy(), expected, rtol=1e-4, atol=1e-6)


SECOND_BINARY = {
    "mul": (lambda a, b: a * b * a, anywhere, anywhere),
    "div": (lambda a, b: a / b, anywhere, away_from_zero),
    "pow": (lambda a, b: a**b, positive, anywhere),
    "sub_sin": (lambda a, b: ad.sin(a - b) * b, anywhere, anywhere),
    "where": (lambda a, b: ad.where(a > b, a * b, b * b), anywhere, anywhere),
    "matmul": (lambda a, b: ad.tanh(a.unsqueeze(-1) @ b.unsqueeze(-2)), anywhere, anywhere),
}


@pytest.mark.parametrize("name", sorted(SECOND_BINARY))
@settings(max_examples=10, deadline=None)
@given(
    shapes=hnp.mutually_broadcastable_shapes(
        num_shapes=2, min_dims=0, max_dims=2, min_side=1, max_side=3
    ),
    seed=SEEDS,
)
def test_second_derivatives_with_broadcasting(name, shapes, seed):
    fn, da, db = SECOND_BINARY[name]
    if name == "matmul" and not all(shapes.input_shapes):
        return  # unsqueeze(-1) @ needs at least 1-d inputs
    rng = np.random.default_rng(seed)
    a, b = da(rng, shapes.input_shapes[0]), db(rng, shapes.input_shapes[1])
    v = rng.normal(size=a.shape)
    ta, tb = as_tensors([a, b])
    (ga,) = ad.autograd.grad(fn(ta, tb).sum(), ta, create_graph=True)
    ha, hb = ad.autograd.grad(ga, (ta, tb), grad_outputs=ad.tensor(v), allow_unused=True)

    def first(x, y):
        with ad.enable_grad():
            x, y = x.detach().requires_grad_(), y.detach().requires_grad_()
            return ad.autograd.grad(fn(x, y).sum(), x)[0]

    ea, eb = numerical_vjp(first, [a, b], v)
    for got, expected in ((ha, ea), (hb, eb)):
        got = np.zeros_like(expected) if got is None else got.numpy()
        np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-6)


def test_gradient_through_broadcast_reduces_over_stretched_axes():
    a = ad.ones(3, 1, requires_grad=True)
    b = ad.ones(1, 4, requires_grad=True)
    c = ad.ones(4, requires_grad=True)
    (a * b + c).sum().backward()
    np.testing.assert_array_equal(a.grad.numpy(), np.full((3, 1), 4.0))
    np.testing.assert_array_equal(b.grad.numpy(), np.full((1, 4), 3.0))
    np.testing.assert_array_equal(c.grad.numpy(), np.full(4, 3.0))
    assert a.grad.dtype == ad.float32
