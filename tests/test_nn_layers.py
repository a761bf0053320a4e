"""nn's layers of the first courses: Embedding, BatchNorm1d, LayerNorm, GELU, LazyLinear and
nn.init.kaiming_normal_ give PyTorch's numbers (tests/torch_numbers/nn.json, recorded by running
the programs of tests/torch_numbers/record_nn.py on PyTorch 2.13), their gradients agree with
finite differences, and their mistakes get PyTorch's errors."""

import json
import pathlib
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numdiff import as_tensors, assert_vjp_matches, numerical_vjp
from torch_numbers.record_nn import CASES, run

import autodiff_tr as ad
from autodiff_tr import nn
from autodiff_tr.nn import functional as F

RECORD = json.loads((pathlib.Path(__file__).parent / "torch_numbers" / "nn.json").read_text())
# normal draws: PyTorch's numbers exactly, not merely close (a uniform draw on a bound such as
# 1/sqrt(3), as Linear's, is within an ulp of PyTorch's: tests/test_nn_init.py)
EXACT = {
    ("embedding", "weight"),
    ("embedding_init_float64", "weight"),
    ("kaiming_normal", "a"),
    ("kaiming_normal", "b"),
    ("kaiming_normal", "c"),
    ("kaiming_normal", "d"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_layers_give_pytorchs_numbers(name):
    got = run(ad, nn, CASES[name])
    expected = RECORD["cases"][name]
    assert sorted(got) == sorted(expected)
    for key, want in expected.items():
        value = got[key]
        assert list(value.shape) == want["shape"], key
        values = value.detach().numpy().astype(np.float64).reshape(-1)
        if (name, key) in EXACT:
            np.testing.assert_array_equal(values, want["values"], err_msg=key)
        elif value.dtype == ad.float64:
            np.testing.assert_allclose(values, want["values"], rtol=1e-10, atol=1e-12, err_msg=key)
        else:
            np.testing.assert_allclose(values, want["values"], rtol=2e-5, atol=2e-6, err_msg=key)


def test_the_comparison_can_fail():
    expected = RECORD["cases"]["gelu"]["y"]["values"]
    got = run(ad, nn, CASES["gelu"])["yt"].detach().numpy()  # the other formula
    with pytest.raises(AssertionError):
        np.testing.assert_allclose(got, expected, rtol=2e-5, atol=2e-6)


# ---------------------------------------------------------------- what a learner sees


def test_reprs_and_grad_fn_names_are_pytorchs():
    assert repr(nn.Embedding(5, 3, padding_idx=-1)) == "Embedding(5, 3, padding_idx=4)"
    assert repr(nn.BatchNorm1d(3)) == (
        "BatchNorm1d(3, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)"
    )
    assert repr(nn.BatchNorm1d(3, momentum=None, affine=False, track_running_stats=False)) == (
        "BatchNorm1d(3, eps=1e-05, momentum=None, affine=False, bias=False,"
        " track_running_stats=False)"
    )
    assert repr(nn.LayerNorm(4)) == "LayerNorm((4,), eps=1e-05, elementwise_affine=True, bias=True)"
    assert repr(nn.LayerNorm([2, 3], elementwise_affine=False)) == (
        "LayerNorm((2, 3), eps=1e-05, elementwise_affine=False, bias=False)"
    )
    assert repr(nn.GELU()) == "GELU(approximate='none')"
    assert repr(nn.GELU("tanh")) == "GELU(approximate='tanh')"
    assert repr(nn.Softmax(dim=1)) == "Softmax(dim=1)"
    x = ad.ones(2, 3, requires_grad=True)
    assert nn.GELU()(x).grad_fn.name() == "GeluBackward0"
    assert nn.Embedding(4, 2)(ad.tensor([1, 3])).grad_fn.name() == "EmbeddingBackward0"
    assert ad.erf(x).grad_fn.name() == "ErfBackward0"
    assert nn.LayerNorm(3)(x).grad_fn.name() == "NativeLayerNormBackward0"
    assert nn.BatchNorm1d(3)(x).grad_fn.name() == "NativeBatchNormBackward0"
    assert nn.BatchNorm1d(3).eval()(x).grad_fn.name() == "NativeBatchNormBackward0"
    assert nn.Linear(3, 2)(x).grad_fn.name() == "AddmmBackward0"


def test_embedding_state_and_from_pretrained():
    emb = nn.Embedding(4, 2)
    assert list(emb.state_dict()) == ["weight"] and emb.weight.requires_grad
    table = ad.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    frozen = nn.Embedding.from_pretrained(table)
    assert repr(frozen) == "Embedding(3, 2)" and not frozen.weight.requires_grad
    assert frozen(ad.tensor([2, 0])).tolist() == [[5.0, 6.0], [1.0, 2.0]]
    trainable = nn.Embedding.from_pretrained(table, freeze=False, padding_idx=1)
    trainable(ad.tensor([1, 1, 2])).sum().backward()
    assert trainable.weight.grad.tolist() == [[0.0, 0.0], [0.0, 0.0], [1.0, 1.0]]
    assert trainable.weight[1].tolist() == [3.0, 4.0]  # from_pretrained keeps the padding row
    assert nn.Embedding(3, 2)(ad.tensor([1], dtype=ad.int32)).shape == (1, 2)


def test_batchnorm_buffers_train_and_eval():
    bn = nn.BatchNorm1d(2)
    assert list(bn.state_dict()) == [
        "weight",
        "bias",
        "running_mean",
        "running_var",
        "num_batches_tracked",
    ]
    assert [name for name, _ in bn.named_buffers()] == [
        "running_mean",
        "running_var",
        "num_batches_tracked",
    ]
    assert bn.num_batches_tracked.dtype == ad.int64 and bn.num_batches_tracked.item() == 0
    x = ad.tensor([[1.0, 10.0], [3.0, 20.0]])
    y = bn(x)
    # hand derivation: batch mean (2, 15), biased variance (1, 25): y = (x - mean) / sqrt(v + eps)
    np.testing.assert_allclose(y.detach().numpy(), [[-1, -1], [1, 1]], rtol=1e-4)
    # running: 0.9 * (0, 0) + 0.1 * mean; 0.9 * (1, 1) + 0.1 * unbiased variance (2, 50)
    np.testing.assert_allclose(bn.running_mean.numpy(), [0.2, 1.5], rtol=1e-6)
    np.testing.assert_allclose(bn.running_var.numpy(), [1.1, 5.9], rtol=1e-6)
    assert bn.num_batches_tracked.item() == 1 and not bn.running_mean.requires_grad
    bn.eval()
    before = bn.running_mean.tolist()
    np.testing.assert_allclose(
        bn(x).detach().numpy(),
        (x.numpy() - [0.2, 1.5]) / np.sqrt(np.array([1.1, 5.9]) + 1e-5),
        rtol=1e-5,
    )
    assert bn.running_mean.tolist() == before and bn.num_batches_tracked.item() == 1
    assert bn(ad.ones(1, 2)).shape == (1, 2)  # one sample is fine in eval mode
    bn.double()
    assert bn.running_var.dtype == ad.float64 and bn.num_batches_tracked.dtype == ad.int64


def test_lazy_linear_infers_its_input_size_at_the_first_call():
    layer = nn.LazyLinear(4)
    assert repr(layer) == "LazyLinear(in_features=0, out_features=4, bias=True)"
    assert repr(layer.weight) == "<UninitializedParameter>"
    assert isinstance(layer.weight, nn.parameter.UninitializedParameter)
    assert isinstance(layer.weight, nn.Parameter)
    with pytest.raises(RuntimeError, match="Can't access the shape of an uninitialized"):
        layer.weight.shape  # noqa: B018 (the access raises)
    net = nn.Sequential(layer, nn.ReLU(), nn.LazyLinear(1, bias=False))
    assert net(ad.ones(2, 3)).shape == (2, 1)
    assert type(layer) is nn.Linear and type(layer.weight) is nn.Parameter
    assert repr(layer) == "Linear(in_features=3, out_features=4, bias=True)"
    assert layer.weight.shape == (4, 3) and net[2].bias is None
    assert [tuple(p.shape) for p in net.parameters()] == [(4, 3), (4,), (1, 4)]
    net(ad.ones(5, 3)).sum().backward()
    assert net[0].weight.grad.shape == (4, 3)


def test_a_lazy_layer_takes_its_shapes_from_a_loaded_state_dict():
    # as PyTorch's: materialised by load_state_dict, in_features set at the first call
    trained = nn.Sequential(nn.LazyLinear(3))
    trained(ad.ones(2, 4))
    fresh = nn.Sequential(nn.LazyLinear(3))
    assert repr(fresh.load_state_dict(trained.state_dict())) == "<All keys matched successfully>"
    assert repr(fresh[0]) == "LazyLinear(in_features=0, out_features=3, bias=True)"
    assert fresh(ad.ones(2, 4)).tolist() == trained(ad.ones(2, 4)).tolist()
    assert repr(fresh[0]) == "Linear(in_features=4, out_features=3, bias=True)"


def test_module_apply_named_modules_and_buffers_move_with_the_module():
    net = nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3), nn.Sequential(nn.GELU()))
    seen = []
    assert net.apply(lambda m: seen.append(type(m).__name__)) is net
    assert seen == ["Linear", "BatchNorm1d", "GELU", "Sequential", "Sequential"]
    assert [name for name, _ in net.named_modules()] == ["", "0", "1", "2", "2.0"]
    module = nn.Module()
    module.register_buffer("steps", ad.zeros(2))
    module.register_buffer("scratch", ad.zeros(2), persistent=False)
    assert list(module.state_dict()) == ["steps"]
    module.to(ad.float64)
    assert module.steps.dtype == ad.float64 and module.scratch.dtype == ad.float64


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "make,error,start",
    [
        (
            lambda: nn.Embedding(5, 3, padding_idx=7),
            AssertionError,
            "Padding_idx must be within num_embeddings",
        ),
        (lambda: nn.Embedding(5, 3)(ad.tensor([5])), IndexError, "index out of range in self"),
        (lambda: nn.Embedding(5, 3)(ad.tensor([-1])), IndexError, "index out of range in self"),
        (
            lambda: nn.Embedding(5, 3)(ad.tensor([1.0])),
            RuntimeError,
            "Expected tensor for argument #1 'indices' to have one of the following scalar types:"
            " Long, Int; but got FloatTensor instead (while checking arguments for embedding)",
        ),
        (
            lambda: nn.Embedding.from_pretrained(ad.ones(3)),
            AssertionError,
            "Embeddings parameter is expected to be 2-dimensional",
        ),
        (
            lambda: nn.BatchNorm1d(3)(ad.ones(1, 3)),
            ValueError,
            "Expected more than 1 value per channel when training, got input size",
        ),
        (
            lambda: nn.BatchNorm1d(3)(ad.ones(2, 3, 4, 5)),
            ValueError,
            "expected 2D or 3D input (got 4D input)",
        ),
        (
            lambda: nn.BatchNorm1d(3)(ad.ones(2, 4)),
            RuntimeError,
            "running_mean should contain 4 elements not 3",
        ),
        (
            lambda: nn.LayerNorm(4)(ad.ones(2, 3)),
            RuntimeError,
            "Given normalized_shape=[4], expected input with shape [*, 4], "
            "but got input of size[2, 3]",
        ),
        (
            lambda: nn.GELU("tan")(ad.ones(2)),
            RuntimeError,
            "approximate argument must be either none or tanh.",
        ),
    ],
)
def test_mistakes_get_pytorchs_errors(make, error, start):
    with pytest.raises(error) as info:
        make()
    assert str(info.value).startswith(start)


def test_messages_are_translated():
    ad.set_language("tr")
    try:
        with pytest.raises(IndexError) as info:
            nn.Embedding(5, 3)(ad.tensor([9]))
    finally:
        ad.set_language(None)
    translated, english = str(info.value).split("\n")
    assert english.startswith("index out of range in self") and translated != english


# ---------------------------------------------------------------- derivatives

FAST = settings(max_examples=20, deadline=None)
SEEDS = st.integers(0, 2**32 - 1)


@FAST
@given(
    shape=hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=3),
    last=st.integers(1, 2),
    affine=st.booleans(),
    seed=SEEDS,
)
def test_layer_norm_matches_finite_differences(shape, last, affine, seed):
    last = min(last, len(shape))
    normalized = shape[len(shape) - last :]
    if np.prod(normalized) < 2:  # a variance needs two values (and PyTorch's none are zero)
        normalized = (*(max(n, 1) for n in normalized[:-1]), 2)
        shape = (*shape[: len(shape) - last], *normalized)
    rng = np.random.default_rng(seed)
    arrays = [rng.uniform(-2, 2, shape)]
    if affine:
        arrays += [rng.uniform(-2, 2, normalized), rng.uniform(-2, 2, normalized)]
    out = assert_vjp_matches(lambda x, *wb: F.layer_norm(x, normalized, *wb), arrays, seed=seed)
    assert out.shape == shape


@FAST
@given(
    batch=st.integers(2, 4),
    channels=st.integers(1, 3),
    length=st.sampled_from([None, 1, 3]),
    seed=SEEDS,
)
def test_batch_norm_matches_finite_differences(batch, channels, length, seed):
    shape = (batch, channels) if length is None else (batch, channels, length)
    rng = np.random.default_rng(seed)
    arrays = [rng.uniform(-2, 2, shape), rng.uniform(-2, 2, channels), rng.uniform(-2, 2, channels)]

    def normalise(x, w, b):
        return F.batch_norm(x, None, None, w, b, training=True)

    assert_vjp_matches(normalise, arrays, seed=seed)


@FAST
@given(
    batch=st.integers(1, 3),
    channels=st.integers(1, 3),
    length=st.sampled_from([None, 1, 2]),
    seed=SEEDS,
)
def test_batch_norm_in_eval_mode_matches_finite_differences(batch, channels, length, seed):
    shape = (batch, channels) if length is None else (batch, channels, length)
    rng = np.random.default_rng(seed)
    arrays = [rng.uniform(-2, 2, shape), rng.uniform(-2, 2, channels), rng.uniform(-2, 2, channels)]
    mean = ad.tensor(rng.uniform(-1, 1, channels))
    var = ad.tensor(rng.uniform(0.5, 2, channels))

    def normalise(x, w, b):
        return F.batch_norm(x, mean, var, w, b, training=False)

    assert_vjp_matches(normalise, arrays, seed=seed)


@pytest.mark.parametrize(
    "fn",
    [
        lambda x: F.layer_norm(x.reshape(1, -1), (x.numel(),)).reshape(-1) * x,
        lambda x: F.batch_norm(x.reshape(-1, 1), None, None, training=True).reshape(-1) * x,
        lambda x: F.gelu(x) * x,
        lambda x: F.layer_norm(x.reshape(1, -1) * x, (x.numel(),), x * x, x).reshape(-1),
        lambda x: (
            F.batch_norm(
                x.reshape(-1, 1) * x.reshape(1, -1), None, None, x * 2, x, training=True
            ).sum(1)
            * x
        ),
    ],
    ids=["layer_norm", "batch_norm", "gelu", "layer_norm_affine", "batch_norm_affine"],
)
@settings(max_examples=10, deadline=None)
@given(n=st.integers(2, 4), seed=SEEDS)
def test_second_derivatives_match_differences_of_the_first(fn, n, seed):
    rng = np.random.default_rng(seed)
    x = rng.permutation(n) * 0.7 + rng.uniform(-1, 1)  # distinct values: a variance above 0
    v = rng.normal(size=n)
    (t,) = as_tensors([x])
    (g,) = ad.autograd.grad(fn(t).sum(), t, create_graph=True)
    (h,) = ad.autograd.grad(g, t, grad_outputs=ad.tensor(v))

    def first(y):
        with ad.enable_grad():
            y = y.detach().requires_grad_()
            return ad.autograd.grad(fn(y).sum(), y)[0]

    (expected,) = numerical_vjp(first, [x], v)
    np.testing.assert_allclose(h.numpy(), expected, rtol=1e-4, atol=1e-6)


def test_no_warnings_in_a_training_step():
    ad.manual_seed(0)
    net = nn.Sequential(
        nn.Embedding(10, 4),
        nn.Flatten(),
        nn.LazyLinear(8),
        nn.BatchNorm1d(8),
        nn.GELU(),
        nn.LayerNorm(8),
        nn.Linear(8, 10),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = F.cross_entropy(net(ad.tensor([[1, 2, 3], [4, 5, 6]])), ad.tensor([1, 2]))
        loss.backward()
    assert all(p.grad is not None for p in net.parameters())


# F.softplus(x) and its gradient in float64, printed by PyTorch 2.13: both sides of the
# threshold (20), the point on it (beta x == threshold still takes the logarithm) and far beyond
SOFTPLUS_X = [-30.0, -1.0, 0.0, 1.0, 19.9, 20.0, 20.5, 50.0, 1000.0]
SOFTPLUS_Y = [
    9.357622968839737e-14,
    0.31326168751822286,
    0.6931471805599453,
    1.3132616875182228,
    19.900000002277924,
    20.000000002061153,
    20.5,
    50.0,
    1000.0,
]
SOFTPLUS_GRAD = [
    9.3576229688393e-14,
    0.2689414213699951,
    0.5,
    0.7310585786300049,
    0.9999999977220729,
    0.9999999979388464,
    1.0,
    1.0,
    1.0,
]


def test_softplus_gives_pytorchs_numbers_on_both_sides_of_the_threshold():
    x = ad.tensor(SOFTPLUS_X, dtype=ad.float64, requires_grad=True)
    y = F.softplus(x)
    assert y.grad_fn.name() == "SoftplusBackward0"
    np.testing.assert_allclose(y.detach().numpy(), SOFTPLUS_Y, rtol=1e-14)
    y.sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), SOFTPLUS_GRAD, rtol=1e-14)


def test_softplus_beta_and_threshold_are_pytorchs():
    x = ad.tensor([-3.0, 0.5, 2.0, 11.0], dtype=ad.float64, requires_grad=True)
    y = nn.Softplus(beta=2.0, threshold=5.0)(x)  # 2 * 11 > 5: the last one is linear
    np.testing.assert_allclose(
        y.detach().numpy(), [0.0012378425688652247, 0.6566308437591114, 2.0090749639589047, 11.0]
    )
    y.sum().backward()
    np.testing.assert_allclose(
        x.grad.numpy(), [0.0024726231566347748, 0.7310585786300049, 0.9820137900379085, 1.0]
    )
    assert repr(nn.Softplus()) == "Softplus(beta=1.0, threshold=20.0)"
    assert repr(nn.Softplus(beta=2, threshold=5)) == "Softplus(beta=2, threshold=5)"
    assert F.softplus(ad.tensor([1.0, 2.0]), 0.5, 1.0).tolist() == pytest.approx(
        [1.9482, 2.6265], abs=1e-4
    )
    assert F.softplus(ad.ones(3, dtype=ad.float32)).dtype == ad.float32


def test_softplus_refuses_integers_and_non_tensors_as_pytorch():
    with pytest.raises(NotImplementedError, match="\"softplus_cpu\" not implemented for 'Long'"):
        F.softplus(ad.tensor([1, 2]))
    with pytest.raises(TypeError, match="must be Tensor, not list"):
        F.softplus([1.0])
