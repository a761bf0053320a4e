"""autodiff_tr.nn: modules, layers and losses against PyTorch 2.13's numbers, recorded as literals
(each recorded by running the same lines with `import torch`), and finite differences."""

import copy
import pickle
import warnings
from collections import OrderedDict

import numpy as np
import pytest

import autodiff_tr as ad
from autodiff_tr import nn
from autodiff_tr.nn import functional as F

W = [[0.5, -0.25, 0.125], [-1.0, 0.75, 0.3]]
B = [0.1, -0.2]
X = [[1.0, 2.0, -1.0], [0.5, -0.5, 3.0], [-2.0, 0.0, 1.5], [0.3, 0.2, 0.1]]
LOGITS = [[1.0, 2.0, 0.5, -1.0], [0.0, -0.5, 3.0, 1.0], [2.0, 2.0, 2.0, 2.0]]


def close(t, expected, atol=2e-6):
    np.testing.assert_allclose(np.asarray(t.detach()).reshape(-1), np.ravel(expected),
                               rtol=1e-5, atol=atol)


def linear_with(weight, bias):
    layer = nn.Linear(len(weight[0]), len(weight))
    with ad.no_grad():
        layer.weight.copy_(ad.tensor(weight))
        layer.bias.copy_(ad.tensor(bias))
    return layer


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(4, 3)
        self.scale = nn.Parameter(ad.ones(1))
        self.register_buffer("running", ad.zeros(2))
        self.out = nn.Sequential(nn.Tanh(), nn.Linear(3, 2))

    def forward(self, x):
        return self.out(self.hidden(x)) * self.scale


# ---------------------------------------------------------------- Module

def test_registration_by_attribute_names_and_orders_like_pytorch():
    net = Net()
    assert [k for k, _ in net.named_parameters()] == [
        "scale", "hidden.weight", "hidden.bias", "out.1.weight", "out.1.bias"]
    assert list(net.state_dict()) == [
        "scale", "running", "hidden.weight", "hidden.bias", "out.1.weight", "out.1.bias"]
    assert [type(m).__name__ for m in net.modules()] == ["Net", "Linear", "Sequential", "Tanh",
                                                         "Linear"]
    assert [k for k, _ in net.named_modules()] == ["", "hidden", "out", "out.0", "out.1"]
    assert [type(m).__name__ for m in net.children()] == ["Linear", "Sequential"]
    assert all(isinstance(p, nn.Parameter) and p.requires_grad for p in net.parameters())
    assert list(net.buffers())[0] is net.running


def test_repr_is_pytorchs():
    assert repr(Net()) == (
        "Net(\n"
        "  (hidden): Linear(in_features=4, out_features=3, bias=True)\n"
        "  (out): Sequential(\n"
        "    (0): Tanh()\n"
        "    (1): Linear(in_features=3, out_features=2, bias=True)\n"
        "  )\n"
        ")")
    seq = nn.Sequential(nn.Linear(2, 3), nn.Sequential(nn.ReLU(), nn.Linear(3, 1, bias=False)))
    assert repr(seq) == (
        "Sequential(\n"
        "  (0): Linear(in_features=2, out_features=3, bias=True)\n"
        "  (1): Sequential(\n"
        "    (0): ReLU()\n"
        "    (1): Linear(in_features=3, out_features=1, bias=False)\n"
        "  )\n"
        ")")
    assert [repr(m) for m in (nn.ReLU(inplace=True), nn.Softmax(dim=1), nn.Identity(),
                              nn.Flatten(), nn.Dropout(), nn.MSELoss(), nn.Module())] == [
        "ReLU(inplace=True)", "Softmax(dim=1)", "Identity()", "Flatten(start_dim=1, end_dim=-1)",
        "Dropout(p=0.5, inplace=False)", "MSELoss()", "Module()"]


def test_parameter_makes_no_array_of_its_own(monkeypatch):
    from autodiff_tr.engine import tensor
    data = ad.ones(2)

    def refuse(*args, **kwargs):
        raise AssertionError("Parameter(data) converted data to a new array")

    monkeypatch.setattr(tensor, "to_array", refuse)
    p = nn.Parameter(data)
    assert np.shares_memory(p.detach().numpy(), data.numpy())
    assert p.requires_grad and p.grad_fn is None and p._version == 0


def test_parameter_repr_and_sharing():
    data = ad.ones(2)
    p = nn.Parameter(data)
    assert repr(p) == "Parameter containing:\ntensor([1., 1.], requires_grad=True)"
    assert repr(nn.Parameter(ad.ones(2, dtype=ad.float64))) == (
        "Parameter containing:\ntensor([1., 1.], dtype=autodiff_tr.float64, requires_grad=True)")
    assert repr(nn.Parameter(data, requires_grad=False)) == (
        "Parameter containing:\ntensor([1., 1.])")
    data += 1  # a Parameter shares its argument's values, as in PyTorch
    assert p.tolist() == [2.0, 2.0]
    assert p.is_leaf and isinstance(p, ad.Tensor)
    assert type(p * 2) is ad.Tensor


def test_parameter_survives_deepcopy_and_pickle_as_a_copy():
    net = nn.Sequential(nn.Linear(2, 1))
    for clone in (copy.deepcopy(net), pickle.loads(pickle.dumps(net))):
        assert isinstance(clone[0].weight, nn.Parameter)
        assert clone[0].weight.tolist() == net[0].weight.tolist()
        with ad.no_grad():
            clone[0].weight.fill_(5.0)
        assert net[0].weight.tolist() != clone[0].weight.tolist()


def test_call_runs_forward_and_missing_forward_says_so():
    class NoForward(nn.Module):
        pass

    with pytest.raises(NotImplementedError, match=r'Module \[NoForward\] is missing the required'
                                                    r' "forward" function'):
        NoForward()(1)


def test_assigning_before_init_or_a_wrong_type_is_refused():
    class Early(nn.Module):
        def __init__(self):
            self.w = nn.Parameter(ad.ones(1))

    with pytest.raises(AttributeError, match=r"cannot assign parameters before "
                                             r"Module.__init__\(\) call.*super\(\).__init__\(\)"):
        Early()
    layer = nn.Linear(2, 2)
    with pytest.raises(TypeError, match="cannot assign 'Tensor' as parameter 'weight'"):
        layer.weight = ad.ones(2, 2)
    layer.weight = None  # None is allowed, as in PyTorch
    assert layer.weight is None
    assert [k for k, _ in layer.named_parameters()] == ["bias"]


def test_train_eval_requires_grad_and_zero_grad():
    net = Net()
    assert net.training and net.out[0].training
    assert net.eval() is net and not net.training and not net.out[1].training
    net.train()
    assert net.hidden.training
    net.requires_grad_(False)
    assert not any(p.requires_grad for p in net.parameters())
    net.requires_grad_()
    net(ad.ones(2, 4)).sum().backward()
    assert all(p.grad is not None for p in net.parameters())
    net.zero_grad(set_to_none=False)
    assert all(p.grad is not None and not p.grad.any() for p in net.parameters())
    net.zero_grad()
    assert all(p.grad is None for p in net.parameters())


def test_state_dict_round_trip_and_detached_values():
    source, target = Net(), Net()
    with ad.no_grad():
        for p in source.parameters():
            p.fill_(0.5)
    state = source.state_dict()
    assert isinstance(state, OrderedDict)
    assert not state["hidden.weight"].requires_grad
    assert repr(target.load_state_dict(state)) == "<All keys matched successfully>"
    assert target.hidden.weight.tolist() == [[0.5] * 4] * 3
    assert isinstance(target.hidden.weight, nn.Parameter)


def test_load_state_dict_missing_and_unexpected_keys_are_pytorchs_error():
    net = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
    with pytest.raises(RuntimeError) as info:
        net.load_state_dict({"0.weight": ad.ones(3, 2), "foo": ad.ones(1)})
    text = str(info.value)
    assert text.startswith('Error(s) in loading state_dict for Sequential:\n\tMissing key(s) in'
                           ' state_dict: "0.bias", "2.weight", "2.bias". ')
    assert '\n\tUnexpected key(s) in state_dict: "foo". ' in text
    assert "strict=False" in text
    result = net.load_state_dict({"foo": ad.ones(1)}, strict=False)
    assert result.missing_keys == ["0.weight", "0.bias", "2.weight", "2.bias"]
    assert result.unexpected_keys == ["foo"]
    with pytest.raises(RuntimeError, match=r"size mismatch for 0.weight: copying a param with"
                                           r" shape .*\[3, 3\].* the shape in current model is"
                                           r" .*\[3, 2\]"):
        net.load_state_dict({"0.weight": ad.ones(3, 3)}, strict=False)


# ---------------------------------------------------------------- Sequential

def test_sequential_indexing_slicing_assignment_len_iteration():
    layers = [nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1)]
    net = nn.Sequential(*layers)
    assert len(net) == 3 and list(net) == layers
    assert net[0] is layers[0] and net[-1] is layers[2]
    head = net[:2]
    assert type(head) is nn.Sequential and list(head) == layers[:2]
    assert repr(net[1:]) == ("Sequential(\n  (1): ReLU()\n"
                             "  (2): Linear(in_features=3, out_features=1, bias=True)\n)")
    net[1] = nn.Tanh()
    assert [type(m).__name__ for m in net] == ["Linear", "Tanh", "Linear"]
    assert list(net._modules) == ["0", "1", "2"]
    del net[0]
    assert list(net._modules) == ["0", "1"] and net[1] is layers[2]
    with pytest.raises(IndexError, match="index 5 is out of range"):
        net[5]
    named = nn.Sequential(OrderedDict([("fc", nn.Linear(2, 1)), ("act", nn.Sigmoid())]))
    assert [k for k, _ in named.named_parameters()] == ["fc.weight", "fc.bias"]
    assert named.fc is named[0]


def test_sequential_forward_applies_in_order():
    net = nn.Sequential(linear_with(W, B), nn.ReLU())
    close(net(ad.tensor(X)), np.maximum([-0.025, -0.0, 0.85, -0.175, -0.7125, 2.25, 0.2125,
                                         -0.32], 0))


# ---------------------------------------------------------------- Linear

def test_linear_forward_and_backward_match_pytorch():
    layer = linear_with(W, B)
    out = layer(ad.tensor(X))
    close(out, [-0.025, -0.0, 0.85, -0.175, -0.7125, 2.25, 0.2125, -0.32])
    out.pow(2).sum().backward()
    close(layer.weight.grad, [3.7774999, -0.8650001, 3.0550008, -9.3670006, 0.0469999, 5.6360002],
          atol=1e-5)
    close(layer.bias.grad, [0.6500002, 3.5100002])


def graph_of(tensor):
    """The graph below `tensor` as nested (name, [children]) tuples, None for a constant."""

    def walk(node):
        if node is None:
            return None
        return node.name(), [walk(child) for child, _ in node.next_functions]

    return walk(tensor.grad_fn)


LEAF = ("torch::autograd::AccumulateGrad", [])
WEIGHT = ("TBackward0", [LEAF])
# Recorded with PyTorch 2.13: nn.Linear(3, 2, bias=...) of ones of each shape, the input without
# and with requires_grad (the names of each node and of its next_functions, in order)
LINEAR_GRAPHS = {
    ((3,), True, False): ("ViewBackward0", [("AddmmBackward0", [LEAF, None, WEIGHT])]),
    ((3,), True, True): ("ViewBackward0", [
        ("AddmmBackward0", [LEAF, ("ViewBackward0", [LEAF]), WEIGHT])]),
    ((4, 3), True, False): ("AddmmBackward0", [LEAF, None, WEIGHT]),
    ((4, 3), True, True): ("AddmmBackward0", [LEAF, LEAF, WEIGHT]),
    ((5, 4, 3), True, False): ("ViewBackward0", [("AddmmBackward0", [LEAF, None, WEIGHT])]),
    ((5, 4, 3), True, True): ("ViewBackward0", [
        ("AddmmBackward0", [LEAF, ("ViewBackward0", [LEAF]), WEIGHT])]),
    ((3,), False, False): ("SqueezeBackward4", [("MmBackward0", [None, WEIGHT])]),
    ((3,), False, True): ("SqueezeBackward4", [
        ("MmBackward0", [("UnsqueezeBackward0", [LEAF]), WEIGHT])]),
    ((4, 3), False, False): ("MmBackward0", [None, WEIGHT]),
    ((4, 3), False, True): ("MmBackward0", [LEAF, WEIGHT]),
    ((5, 4, 3), False, False): ("UnsafeViewBackward0", [("MmBackward0", [None, WEIGHT])]),
    ((5, 4, 3), False, True): ("UnsafeViewBackward0", [
        ("MmBackward0", [("ViewBackward0", [LEAF]), WEIGHT])]),
}


@pytest.mark.parametrize("shape, bias, input_requires_grad", sorted(LINEAR_GRAPHS))
def test_linear_records_pytorchs_graph(shape, bias, input_requires_grad):
    layer = nn.Linear(3, 2, bias=bias)
    out = layer(ad.ones(*shape, requires_grad=input_requires_grad))
    assert graph_of(out) == LINEAR_GRAPHS[shape, bias, input_requires_grad]


def test_linear_shapes_and_bounds():
    layer = nn.Linear(5, 3)
    assert layer.weight.shape == (3, 5) and layer.bias.shape == (3,)
    bound = 1 / np.sqrt(5)  # kaiming_uniform_(a=sqrt(5)) and the bias both give 1/sqrt(fan_in)
    assert np.abs(layer.weight.detach().numpy()).max() <= bound
    assert np.abs(layer.bias.detach().numpy()).max() <= bound
    assert layer(ad.ones(5)).shape == (3,)
    assert layer(ad.ones(2, 4, 5)).shape == (2, 4, 3)
    assert nn.Linear(2, 1, bias=False).bias is None


@pytest.mark.parametrize("shape,rows", [((5, 4), 5), ((4,), 1), ((2, 5, 4), 10)])
def test_linear_wrong_feature_count_is_pytorchs_error_with_advice(shape, rows):
    with pytest.raises(RuntimeError) as info:
        nn.Linear(2, 3)(ad.ones(*shape))
    text = str(info.value)
    assert text.startswith(f"mat1 and mat2 shapes cannot be multiplied ({rows}x4 and 2x3)")
    assert "expects 2 input features" in text and "Linear(4, 3)" in text


def test_linear_0d_input():
    with pytest.raises(RuntimeError, match="both arguments to linear need to be at least 1D, but"
                                           " they are 0D and 2D"):
        nn.Linear(2, 3)(ad.tensor(1.0))


# ---------------------------------------------------------------- activations, Flatten, Dropout

def test_activation_modules():
    x = ad.tensor([[-1.0, 0.0, 2.0]])
    assert nn.ReLU()(x).tolist() == [[0.0, 0.0, 2.0]]
    close(nn.Tanh()(x), np.tanh([-1.0, 0.0, 2.0]))
    close(nn.Sigmoid()(x), 1 / (1 + np.exp([1.0, 0.0, -2.0])))
    assert nn.Flatten()(ad.ones(2, 3, 4)).shape == (2, 12)
    assert nn.Flatten(0)(ad.ones(2, 3, 4)).shape == (24,)


def test_dropout_zeroes_and_scales_in_training_and_passes_through_in_eval():
    ad.manual_seed(0)
    drop = nn.Dropout(0.25)
    x = ad.ones(100, 100)
    y = drop(x).numpy()
    assert set(np.unique(y)) == {0.0, np.float32(1 / 0.75)}
    assert abs((y == 0).mean() - 0.25) < 0.02
    assert drop.eval()(x) is x
    assert nn.Dropout(0.0)(x) is x and not nn.Dropout(1.0)(x).any()
    with pytest.raises(ValueError, match="dropout probability has to be between 0 and 1, but got"
                                         " 1.5"):
        nn.Dropout(1.5)


def test_dropout_masks_are_pytorchs():
    ad.manual_seed(0)
    kept = 1 / 0.7
    close(F.dropout(ad.ones(12), 0.3), [0, 0, kept, 0, kept, 0, kept, kept, kept, kept, kept, kept])


def test_dropout_gradient_uses_the_same_mask():
    ad.manual_seed(1)
    x = ad.ones(50, requires_grad=True)
    y = F.dropout(x, 0.5)
    y.sum().backward()
    assert np.array_equal(x.grad.numpy(), y.detach().numpy())


# ---------------------------------------------------------------- functional

SOFTMAX_1 = [0.2242078, 0.6094601, 0.1359889, 0.0303432, 0.0409662, 0.0248473, 0.8228287,
             0.1113578, 0.25, 0.25, 0.25, 0.25]
SOFTMAX_0 = [0.2447285, 0.4802878, 0.0566117, 0.035119, 0.0900306, 0.0394244, 0.6896721,
             0.2594965, 0.6652409, 0.4802878, 0.2537162, 0.7053845]
LOG_SOFTMAX_1 = [-1.4951819, -0.4951819, -1.9951819, -3.4951818, -3.1950073, -3.6950073,
                 -0.1950072, -2.1950073, -1.3862944, -1.3862944, -1.3862944, -1.3862944]


def test_softmax_and_log_softmax_match_pytorch():
    logits = ad.tensor(LOGITS)
    close(F.softmax(logits, 1), SOFTMAX_1)
    close(F.softmax(logits, dim=0), SOFTMAX_0)
    close(F.log_softmax(logits, 1), LOG_SOFTMAX_1)
    close(F.log_softmax(ad.tensor([1000.0, 0.0, -1000.0]), 0), [0.0, -1000.0, -2000.0])
    close(nn.Softmax(dim=1)(logits), SOFTMAX_1)


def test_softmax_without_dim_warns_as_pytorch_does():
    with pytest.warns(UserWarning, match="Implicit dimension choice for softmax has been"
                                         " deprecated"):
        close(F.softmax(ad.ones(3)), [1 / 3] * 3)


@pytest.mark.parametrize("fn", [
    lambda x: F.softmax(x, 1), lambda x: F.log_softmax(x, 0), lambda x: F.log_softmax(x, -1),
    lambda x: F.cross_entropy(x, ad.tensor([1, 0, 3])),
    lambda x: F.cross_entropy(x, ad.tensor([1, 0, 3]), reduction="none"),
    lambda x: F.cross_entropy(x, ad.tensor([1, 2, 3]), weight=ad.tensor([1.0, 2.0, 0.5, 3.0],
                                                                       dtype=ad.float64)),
    lambda x: F.mse_loss(x, ad.ones(3, 4, dtype=ad.float64)),
    lambda x: F.linear(x, x[:2] * 2, x[0, :2]),
])
def test_gradients_match_finite_differences(fn):
    x = ad.tensor(np.random.default_rng(0).normal(size=(3, 4)), requires_grad=True)
    assert ad.gradcheck(fn, (x,))


def test_one_hot():
    assert F.one_hot(ad.tensor([0, 2, 1])).tolist() == [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
    assert F.one_hot(ad.tensor([1]), 4).tolist() == [[0, 1, 0, 0]]
    assert F.one_hot(ad.tensor([1])).dtype == ad.int64
    assert F.one_hot(ad.tensor([[0, 1], [1, 0]])).shape == (2, 2, 2)
    with pytest.raises(RuntimeError, match="one_hot is only applicable to index tensor of type"
                                           " LongTensor"):
        F.one_hot(ad.tensor([1.0]))
    with pytest.raises(RuntimeError, match="Class values must be smaller than num_classes"):
        F.one_hot(ad.tensor([3]), 2)
    with pytest.raises(RuntimeError, match="Class values must be non-negative"):
        F.one_hot(ad.tensor([-1]))


# ---------------------------------------------------------------- losses

CE_GRAD_SUM = [0.2242078, -0.3905399, 0.1359889, 0.0303432, 0.0409662, 0.0248473, -0.1771713,
               0.1113577, -0.75, 0.25, 0.25, 0.25]


@pytest.mark.parametrize("reduction,value,grad_scale", [
    ("mean", [0.6921611], 1 / 3), ("sum", [2.0764835], 1.0),
    ("none", [0.4951819, 0.1950072, 1.3862944], 1.0)])
def test_cross_entropy_matches_pytorch(reduction, value, grad_scale):
    logits = ad.tensor(LOGITS, requires_grad=True)
    loss = nn.CrossEntropyLoss(reduction=reduction)(logits, ad.tensor([1, 2, 0]))
    close(loss, value)
    loss.sum().backward()
    close(logits.grad, np.array(CE_GRAD_SUM) * grad_scale)


def test_cross_entropy_weight_ignore_index_probabilities_and_shapes():
    logits = ad.tensor(LOGITS, requires_grad=True)
    loss = F.cross_entropy(logits, ad.tensor([1, 2, 0]), weight=ad.tensor([1.0, 2.0, 0.5, 3.0]))
    close(loss, [0.7069034])
    loss.backward()
    close(logits.grad, [0.1281188, -0.2231657, 0.0777079, 0.017339, 0.0058523, 0.0035496,
                        -0.0253102, 0.0159083, -0.2142857, 0.0714286, 0.0714286, 0.0714286])
    logits.grad = None
    loss = nn.CrossEntropyLoss(ignore_index=-100)(logits, ad.tensor([1, -100, 0]))
    close(loss, [0.9407381])
    loss.backward()
    close(logits.grad, [0.1121039, -0.19527, 0.0679945, 0.0151716, 0, 0, 0, 0, -0.375, 0.125,
                        0.125, 0.125])
    logits.grad = None
    probs = ad.tensor([[0.2, 0.3, 0.5, 0.0], [1.0, 0, 0, 0], [0.25, 0.25, 0.25, 0.25]])
    loss = F.cross_entropy(logits, probs)
    close(loss, [2.0088279])
    loss.backward()
    close(logits.grad, [0.0080693, 0.1031534, -0.121337, 0.0101144, -0.3196779, 0.0082824,
                        0.2742763, 0.0371193, 0, 0, 0, 0])
    close(F.cross_entropy(ad.tensor(LOGITS[0]), ad.tensor(3)), [3.4951818])
    spatial = ad.arange(24.0).reshape(2, 3, 4) / 10
    close(F.cross_entropy(spatial, ad.tensor([[0, 1, 2, 0], [2, 2, 1, 0]]), reduction="none"),
          [1.5512505, 1.1512505, 0.7512505, 1.5512505, 0.7512505, 0.7512506, 1.1512506,
           1.5512505])


@pytest.mark.parametrize("target,error,start", [
    ([0, 1, 4], IndexError, "Target 4 is out of bounds."),
    ([0, 1, -1], IndexError, "Target -1 is out of bounds."),
    ([0, 1], ValueError, "Expected input batch_size (3) to match target batch_size (2)."),
    ([[0], [1], [2]], RuntimeError, "0D or 1D target tensor expected, multi-target not supported"),
    (np.zeros((3, 5), np.float32), RuntimeError,
     "0D or 1D target tensor expected, multi-target not supported"),
    ([0.0, 1.0, 2.0], RuntimeError, "expected target dtype to be Long or Byte, but got Float"),
    (np.zeros(3, np.int32), RuntimeError,
     "expected target dtype to be Long or Byte, but got Int"),
    (np.zeros((3, 4), np.int64), RuntimeError,
     "Expected floating point type for target with class probabilities, got Long"),
])
def test_cross_entropy_bad_targets_get_pytorchs_errors_with_advice(target, error, start):
    with pytest.raises(error) as info:
        nn.CrossEntropyLoss()(ad.tensor(LOGITS), ad.tensor(target))
    text = str(info.value)
    assert text.startswith(start)
    assert len(text) > len(start) + 20  # ... and then says what to do


@pytest.mark.parametrize("reduction,value,grad", [
    ("mean", [0.625], [0.25, -0.25, 0.5, -0.5]), ("sum", [2.5], [1.0, -1.0, 2.0, -2.0]),
    ("none", [0.25, 0.25, 1.0, 1.0], [1.0, -1.0, 2.0, -2.0])])
def test_mse_loss_matches_pytorch(reduction, value, grad):
    a = ad.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    loss = nn.MSELoss(reduction=reduction)(a, ad.tensor([[0.5, 2.5], [2.0, 5.0]]))
    close(loss, value)
    loss.sum().backward()
    close(a.grad, grad)


def test_mse_loss_warns_on_broadcasting_shapes_and_refuses_unknown_reduction():
    with pytest.warns(UserWarning, match=r"Using a target size .*\[3\].* that is different to the"
                                         r" input size .*\[3, 1\]"):
        F.mse_loss(ad.ones(3, 1), ad.ones(3))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        F.mse_loss(ad.ones(3), ad.ones(3))
    with pytest.raises(ValueError, match="foo is not a valid value for reduction"):
        nn.MSELoss(reduction="foo")


def test_linear_output_takes_in_place_ops_with_and_without_bias():
    for bias in (True, False):
        net = nn.Sequential(nn.Linear(3, 4, bias=bias), nn.ReLU(inplace=True))
        out = net(ad.tensor(X))
        out.sum().backward()
        assert (out.detach().numpy() >= 0).all() and net[0].weight.grad is not None


# ---------------------------------------------------------------- shapes (hypothesis)

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

SHAPES = st.lists(st.integers(0, 4), min_size=1, max_size=3).map(tuple)


@settings(max_examples=40, deadline=None)
@given(shape=SHAPES, seed=st.integers(0, 2**16), data=st.data())
def test_softmax_family_on_any_shape_matches_float64_numpy(shape, seed, data):
    dim = data.draw(st.integers(-len(shape), len(shape) - 1))
    x = np.random.default_rng(seed).normal(size=shape) * 5
    t = ad.tensor(x)
    e = np.exp(x - (x.max(axis=dim, keepdims=True) if x.size else 0))
    expected = e / e.sum(axis=dim, keepdims=True)
    got = F.softmax(t, dim)
    assert got.shape == shape and got.dtype == ad.float64
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(F.log_softmax(t, dim).numpy(), np.log(expected), rtol=1e-10,
                               atol=1e-12)


@settings(max_examples=25, deadline=None)
@given(shape=st.lists(st.integers(1, 3), min_size=1, max_size=3).map(tuple),
       seed=st.integers(0, 2**16), data=st.data())
def test_softmax_family_gradients_match_finite_differences(shape, seed, data):
    dim = data.draw(st.integers(-len(shape), len(shape) - 1))
    x = ad.tensor(np.random.default_rng(seed).normal(size=shape), requires_grad=True)
    weights = ad.tensor(np.random.default_rng(seed + 1).normal(size=shape))
    assert ad.gradcheck(lambda t: (F.log_softmax(t, dim) * weights).sum(), (x,))
    assert ad.gradcheck(lambda t: (F.softmax(t, dim) * weights).sum(), (x,))


@settings(max_examples=25, deadline=None)
@given(n=st.integers(0, 5), classes=st.integers(1, 5), seed=st.integers(0, 2**16),
       reduction=st.sampled_from(["mean", "sum", "none"]))
def test_cross_entropy_on_any_batch_matches_float64_numpy(n, classes, seed, reduction):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, classes))
    y = rng.integers(0, classes, n)
    got = F.cross_entropy(ad.tensor(x), ad.tensor(y, dtype=ad.int64), reduction=reduction)
    m = x.max(axis=1, keepdims=True) if x.size else 0
    each = -(x[np.arange(n), y] - (m[:, 0] if n else 0) - np.log(np.exp(x - m).sum(axis=1)))
    expected = {"mean": each.mean() if n else np.nan, "sum": each.sum(), "none": each}[reduction]
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-12, atol=1e-12)


@settings(max_examples=25, deadline=None)
@given(shape=st.lists(st.integers(1, 3), min_size=1, max_size=3).map(tuple),
       seed=st.integers(0, 2**16))
def test_mse_loss_gradients_for_both_arguments(shape, seed):
    rng = np.random.default_rng(seed)
    a = ad.tensor(rng.normal(size=shape), requires_grad=True)
    b = ad.tensor(rng.normal(size=shape), requires_grad=True)
    assert ad.gradcheck(lambda u, v: F.mse_loss(u, v), (a, b))
    np.testing.assert_allclose(F.mse_loss(a, b).item(),
                               ((a.detach().numpy() - b.detach().numpy()) ** 2).mean())


def test_to_converts_dtypes_and_accepts_the_cpu():
    net = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
    assert net.to("cpu") is net and net.cpu() is net
    net.to(ad.float64)
    assert all(p.dtype == ad.float64 and isinstance(p, nn.Parameter) for p in net.parameters())
    assert net(ad.ones(4, 2, dtype=ad.float64)).dtype == ad.float64
    net.float()
    assert all(p.dtype == ad.float32 for p in net.parameters())


def test_module_list_deletes_appends_and_renumbers_like_pytorch():
    # PyTorch 2.13: del ml[0] on [ReLU, Tanh, Sigmoid] leaves children "0", "1" = Tanh, Sigmoid;
    # append + extend give "0".."3"; del ml[1:3] leaves "0", "1" = Tanh, Tanh
    ml = nn.ModuleList([nn.ReLU(), nn.Tanh(), nn.Sigmoid()])
    del ml[0]
    assert len(ml) == 2 and [n for n, _ in ml.named_children()] == ["0", "1"]
    assert [type(m).__name__ for m in ml] == ["Tanh", "Sigmoid"]
    assert ml.append(nn.ReLU()).extend([nn.Tanh()]) is ml
    assert [n for n, _ in ml.named_children()] == ["0", "1", "2", "3"]
    del ml[1:3]
    assert [n for n, _ in ml.named_children()] == ["0", "1"]
    assert [type(m).__name__ for m in ml] == ["Tanh", "Tanh"]


# -- bad input: PyTorch's exception type and words (PyTorch 2.13), then what to do ---------------

def test_a_container_index_out_of_range_names_the_valid_indices():
    seq = nn.Sequential(nn.Linear(2, 2), nn.ReLU())
    for bad in (lambda: seq[5], lambda: seq[-3], lambda: seq.__delitem__(2),
                lambda: nn.ModuleList([nn.ReLU()]).__setitem__(1, nn.ReLU())):
        with pytest.raises(IndexError, match=r"^index -?\d is out of range; .* from -\d to -1"):
            bad()
    with pytest.raises(IndexError, match="this container has 2 modules. Use an index from 0 to 1"):
        seq[2]
    with pytest.raises(IndexError, match=r"this container is empty\. .*`model.append"):
        nn.ModuleList()[0]


@pytest.mark.parametrize("state", [None, [], "weights.pt"])
def test_load_state_dict_of_something_else_than_a_dict(state):
    with pytest.raises(TypeError, match=r"^Expected state_dict to be dict-like, got <class '\w+'>\."
                                        r" Pass the dictionary that `state_dict\(\)` returned"):
        nn.Linear(2, 1).load_state_dict(state)


@pytest.mark.parametrize(("sizes", "shown"), [((2.5, 2), "in_features=2.5, out_features=2"),
                                              ((2, 2.5), "in_features=2, out_features=2.5"),
                                              (("a", 2), "in_features='a', out_features=2"),
                                              ((True, 2), "in_features=True, out_features=2")])
def test_a_linear_layer_of_fractional_size_is_refused(sizes, shown):
    with pytest.raises(TypeError, match=shown):  # TypeError, as PyTorch (from its empty())
        nn.Linear(*sizes)
    assert nn.Linear(np.int64(3), 2).weight.shape == (2, 3)


def test_a_linear_layer_of_negative_size_is_a_runtime_error_as_in_pytorch():
    with pytest.raises(RuntimeError, match="must be non-negative"):
        nn.Linear(-1, 2)
