"""autodiff_tr.optim: SGD, Adam, AdamW, RMSprop and Adagrad follow PyTorch's update formulas.
Each case takes four steps on one least-squares problem; the parameters after them are PyTorch
2.13's, recorded as literals by running the same code with `import torch` (float32 and float64)."""

import numpy as np
import pytest
from torch_numbers.record_optim import OPTIMIZERS, run_optimizer

import autodiff_tr as ad
from autodiff_tr import nn, optim

X = [[1.0, 2.0, -1.0], [0.5, -0.5, 3.0], [-2.0, 0.0, 1.5], [0.3, 0.2, 0.1]]
Y = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.5]]
W0 = [[0.5, -0.25, 0.125], [-1.0, 0.75, 0.3]]
B0 = [0.1, -0.2]

CONFIGS = {
    "sgd": ("SGD", {"lr": 0.1}),
    "momentum": ("SGD", {"lr": 0.1, "momentum": 0.9}),
    "dampening_wd": ("SGD", {"lr": 0.05, "momentum": 0.8, "dampening": 0.3,
                             "weight_decay": 0.01}),
    "nesterov": ("SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.1}),
    "maximize": ("SGD", {"lr": 0.01, "momentum": 0.5, "maximize": True}),
    "adam": ("Adam", {"lr": 0.1}),
    "adam_wd": ("Adam", {"lr": 0.05, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.1}),
    "adam_max": ("Adam", {"lr": 0.01, "maximize": True}),
}

# w (row by row) then b after four steps, from PyTorch
FINAL = {
    "sgd_float32": [
        0.218998179, -0.0563181899, 0.0470078252, -0.71234715, 0.7083233, 0.420801342,
        0.155434713, -0.149670526],
    "momentum_float32": [
        -0.133415073, 0.18473199, -0.045676399, -0.352328271, 0.656436324, 0.564292789,
        0.225121737, -0.0901625901],
    "dampening_wd_float32": [
        0.247471526, -0.0752041861, 0.0446479097, -0.736731648, 0.713028729, 0.422298312,
        0.151633725, -0.146835655],
    "nesterov_float32": [
        0.0505605079, 0.0554339737, 0.00271186722, -0.515464604, 0.643428087, 0.468634963,
        0.178612217, -0.10885223],
    "maximize_float32": [
        0.549458683, -0.284731627, 0.14296405, -1.05181444, 0.756520212, 0.272415191,
        0.0894777253, -0.21189262],
    "adam_float32": [
        0.101837799, 0.11743024, -0.0734202862, -0.602093041, 0.560211658, 0.459278822,
        0.430669844, 0.0228551328],
    "adam_wd_float32": [
        0.300681502, -0.0570225753, -0.0365264677, -0.800525725, 0.569984257, 0.438806504,
        0.288395971, -0.0274727568],
    "adam_max_float32": [
        0.540008664, -0.290062517, 0.165109605, -1.0400058, 0.79011476, 0.259886026, 0.0599378645,
        -0.240104631],
    "sgd_float64": [
        0.218998174324599, -0.0563181849876899, 0.0470078246726406, -0.712347133744238,
        0.70832330288015, 0.420801347101369, 0.1554347069548, -0.149670523085041],
    "momentum_float64": [
        -0.13341507125587, 0.184732020564459, -0.0456763900586094, -0.352328294092753,
        0.656436321536478, 0.564292834590666, 0.225121731370815, -0.0901625675084785],
    "dampening_wd_float64": [
        0.247471497375681, -0.0752041738659481, 0.0446479190109035, -0.736731586600111,
        0.713028696266106, 0.422298289299457, 0.151633711971038, -0.14683565155023],
    "nesterov_float64": [
        0.0505605030671884, 0.0554340071466767, 0.00271188501596548, -0.515464609840648,
        0.643428042389351, 0.468634958627914, 0.178612220993584, -0.108852231008056],
    "maximize_float64": [
        0.549458661253082, -0.284731613934604, 0.142964059727508, -1.05181438365014,
        0.756520248105974, 0.27241518604108, 0.089477717079842, -0.211892608946173],
    "adam_float64": [
        0.101837791422773, 0.117430253896306, -0.0734202527463078, -0.602093106521845,
        0.560211659915907, 0.459278804808961, 0.430669851125993, 0.0228551970269248],
    "adam_wd_float64": [
        0.300681529722659, -0.0570225891477107, -0.0365264597504697, -0.800525726483868,
        0.56998419325392, 0.438806514974442, 0.28839595655848, -0.027472745742037],
    "adam_max_float64": [
        0.540008678747574, -0.290062534328843, 0.165109602477585, -1.0400056964022,
        0.790114810997437, 0.259886042771591, 0.0599378611689922, -0.240104619009886],
    "groups": [
        -0.0202944912, 0.0763732046, -0.0459695607, -0.345788866, 0.481978297, 0.397566825,
        0.386059195, 0.13170594],
}


# RMSprop, Adagrad and AdamW: the cases of tests/torch_numbers/record_optim.py, four steps on
# the same problem, recorded from PyTorch 2.13 by that script
FINAL_MORE = {
    "rmsprop_float32": [
        0.231262803, -0.0193102881, -0.00805683993, -0.732713938, 0.593603015, 0.408626407,
        0.282591343, -0.0539752766],
    "rmsprop_float64": [
        0.231262811557709, -0.0193102961432889, -0.00805682572257818, -0.732713879593702,
        0.593602986438208, 0.408626406302462, 0.282591350130602, -0.0539752833936518],
    "rmsprop_all_float32": [
        0.0685101151, 0.115977772, -0.0831831396, -0.567254066, 0.458143175, 0.44876498,
        0.400404483, 0.0480117835],
    "rmsprop_all_float64": [
        0.0685100927146849, 0.115977799743234, -0.0831831291541693, -0.567254067480603,
        0.458143179468033, 0.448764985437569, 0.400404448650052, 0.0480117939555254],
    "rmsprop_momentum_max_float32": [
        0.955904365, -0.757357419, 0.667598009, -1.45165992, 1.29910874, -0.246651232,
        -0.403039098, -0.73760432],
    "rmsprop_momentum_max_float64": [
        0.955904389073998, -0.757357499358464, 0.667598038658908, -1.45165981233236,
        1.29910880798795, -0.246651255697931, -0.403039118983973, -0.737604298614047],
    "adagrad_float32": [
        0.232088506, -0.020070374, -0.00796132348, -0.733527243, 0.594107449, 0.408655852,
        0.282394022, -0.0542891622],
    "adagrad_float64": [
        0.232088500583136, -0.0200703780325199, -0.00796132915827441, -0.733527298009721,
        0.594107460469881, 0.408655842650616, 0.282394034588149, -0.0542891927999942],
    "adagrad_all_float32": [
        0.0973338261, 0.0725206733, 0.0117475493, -0.596426368, 0.617358923, 0.44481343,
        0.211103827, -0.0979243517],
    "adagrad_all_float64": [
        0.0973338480681038, 0.0725206785680442, 0.0117475547310027, -0.596426389335482,
        0.617358901923079, 0.444813429864174, 0.211103836390641, -0.0979243309594286],
    "adagrad_max_float32": [
        0.640235543, -0.399243802, 0.284088701, -1.1396426, 0.911491215, 0.139419675,
        -0.0482809953, -0.357433379],
    "adagrad_max_float64": [
        0.640235525086788, -0.399243782881785, 0.284088691217608, -1.13964255877422,
        0.911491252608046, 0.13941966283125, -0.0482809864507034, -0.357433372304242],
    "adamw_float32": [
        0.100464649, 0.117870845, -0.073170431, -0.59875387, 0.557572484, 0.458295673,
        0.429839939, 0.0241731964],
    "adamw_float64": [
        0.100464617682372, 0.11787083215073, -0.0731704364775468, -0.598753795842337,
        0.557572465023342, 0.458295678161674, 0.429839940740629, 0.0241732107970108],
    "adamw_all_float32": [
        0.27591756, -0.046718508, -0.0367539674, -0.746803403, 0.558824897, 0.434080005,
        0.282124847, -0.0174273364],
    "adamw_all_float64": [
        0.275917540281096, -0.0467185006810004, -0.0367539732657914, -0.746803386703327,
        0.558824826639384, 0.43407998218583, 0.28212482657293, -0.0174273084674661],
    "adamw_max_float32": [
        0.539802551, -0.28995648, 0.165053546, -1.0395993, 0.78980875, 0.259772003, 0.0599038042,
        -0.240018785],
    "adamw_max_float64": [
        0.53980258066028, -0.289956515175534, 0.165053538249319, -1.03959944857096,
        0.78980884656892, 0.25977202246423, 0.0599038052543338, -0.240018765628657],
}


def loss_of(w, b, dtype=ad.float32):
    return ((ad.tensor(X, dtype=dtype) @ w.T + b - ad.tensor(Y, dtype=dtype)) ** 2).mean()


@pytest.mark.parametrize("dtype", [ad.float32, ad.float64], ids=["float32", "float64"])
@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_four_steps_give_pytorchs_parameters(name, dtype):
    cls, kwargs = CONFIGS[name]
    w = ad.tensor(W0, dtype=dtype, requires_grad=True)
    b = ad.tensor(B0, dtype=dtype, requires_grad=True)
    opt = getattr(optim, cls)([w, b], **kwargs)
    for _ in range(4):
        opt.zero_grad()
        loss_of(w, b, dtype).backward()
        opt.step()
    got = np.concatenate([w.detach().numpy().ravel(), b.detach().numpy()])
    expected = FINAL[f"{name}_{dtype.name}"]
    tolerance = 1e-12 if dtype is ad.float64 else 2e-6
    np.testing.assert_allclose(got, expected, rtol=tolerance, atol=tolerance)
    assert w.dtype == dtype


@pytest.mark.parametrize("dtype", [ad.float32, ad.float64], ids=["float32", "float64"])
@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_rmsprop_adagrad_adamw_give_pytorchs_parameters(name, dtype):
    got = run_optimizer(ad, name, dtype)
    tolerance = 1e-12 if dtype is ad.float64 else 2e-6
    np.testing.assert_allclose(got, FINAL_MORE[f"{name}_{dtype.name}"], rtol=tolerance,
                               atol=tolerance)


def test_adamw_is_adam_with_the_decay_taken_out_of_the_averages():
    # hand derivation of one step from p = 1, g = 0.5: p (1 - lr wd) - lr m^ / (sqrt(v^) + eps)
    # with m^ = g, v^ = g**2 after bias correction: 1 * (1 - 0.1 * 0.5) - 0.1 * 0.5 / (0.5 + 1e-8)
    p = ad.ones(1, dtype=ad.float64, requires_grad=True)
    p.grad = ad.full((1,), 0.5, dtype=ad.float64)
    optim.AdamW([p], lr=0.1, weight_decay=0.5).step()
    assert p.item() == pytest.approx(0.95 - 0.1 * 0.5 / (0.5 + 1e-8), rel=1e-14)
    q = ad.ones(1, dtype=ad.float64, requires_grad=True)
    q.grad = ad.full((1,), 0.5, dtype=ad.float64)
    optim.Adam([q], lr=0.1, weight_decay=0.5, decoupled_weight_decay=True).step()
    assert q.item() == p.item()


def test_optimizer_state_dict_is_pytorchs_structure():
    # PyTorch 2.13 after two RMSprop steps on two groups (printed with 4 digits)
    w = ad.tensor([[0.5, -0.25], [1.0, 2.0]], requires_grad=True)
    b = ad.tensor([0.1, -0.2], requires_grad=True)
    opt = optim.RMSprop([{"params": [w], "momentum": 0.5},
                         {"params": [b], "lr": 0.1, "centered": True}], lr=0.01)
    for _ in range(2):
        opt.zero_grad()
        ((w @ ad.tensor([1.0, -2.0]) + b) ** 2).sum().backward()
        opt.step()
    saved = opt.state_dict()
    assert list(saved) == ["state", "param_groups"]
    assert [list(g) for g in saved["param_groups"]] == [
        ["momentum", "lr", "alpha", "eps", "centered", "weight_decay", "capturable", "foreach",
         "maximize", "differentiable", "params"],
        ["lr", "centered", "momentum", "alpha", "eps", "weight_decay", "capturable", "foreach",
         "maximize", "differentiable", "params"]]
    assert [g["params"] for g in saved["param_groups"]] == [[0], [1]]
    assert list(saved["state"]) == [0, 1]
    assert list(saved["state"][0]) == ["step", "square_avg", "momentum_buffer"]
    assert list(saved["state"][1]) == ["step", "square_avg", "grad_avg"]
    assert saved["state"][0]["step"].item() == 2.0
    np.testing.assert_allclose(saved["state"][0]["square_avg"].numpy(),
                               [[0.0496, 0.1984], [0.5491, 2.1966]], atol=5e-5)
    np.testing.assert_allclose(saved["state"][0]["momentum_buffer"].numpy(),
                               [[3.1587, -3.1587], [-10.1143, 10.1143]], atol=5e-5)
    np.testing.assert_allclose(saved["state"][1]["grad_avg"].numpy(), [0.0177, -0.1013],
                               atol=5e-5)
    # loading into a fresh optimizer over the same parameters continues the run exactly
    again = optim.RMSprop([{"params": [w]}, {"params": [b]}], lr=0.5)
    again.load_state_dict(saved)
    assert again.param_groups[1]["lr"] == 0.1 and again.param_groups[0]["momentum"] == 0.5
    assert again.state[w]["momentum_buffer"] is not opt.state[w]["momentum_buffer"]
    w2, b2 = w.detach().clone().requires_grad_(), b.detach().clone().requires_grad_()
    for p, q in ((w, w2), (b, b2)):
        p.grad = ad.ones_like(p)
        q.grad = ad.ones_like(q)
    third = optim.RMSprop([{"params": [w2]}, {"params": [b2]}])
    third.load_state_dict(saved)
    opt.step()
    third.step()
    assert w2.tolist() == w.tolist() and b2.tolist() == b.tolist()


def test_add_param_group_then_step():
    w = ad.tensor(W0, requires_grad=True)
    b = ad.tensor(B0, requires_grad=True)
    opt = optim.Adagrad([w], lr=0.1)
    opt.add_param_group({"params": b, "lr": 0.5})
    assert opt.param_groups[1]["lr"] == 0.5 and opt.param_groups[1]["lr_decay"] == 0
    loss_of(w, b).backward()
    opt.step()
    assert opt.state[b]["step"].item() == 1.0
    with pytest.raises(ValueError, match="some parameters appear in more than one parameter"
                                         " group"):
        opt.add_param_group({"params": [w]})
    with pytest.raises(TypeError, match="param_group must be a dict, but got <class 'list'>"):
        opt.add_param_group([b])
    with pytest.warns(UserWarning, match="optimizer contains a parameter group with duplicate"
                                         " parameters"):
        optim.SGD([b, b], lr=0.1)


def test_param_groups_override_the_defaults():
    w = ad.tensor(W0, requires_grad=True)
    b = ad.tensor(B0, requires_grad=True)
    opt = optim.SGD([{"params": w, "weight_decay": 0.5}, {"params": [b], "lr": 0.5}], lr=0.1,
                    momentum=0.9)
    assert [g["lr"] for g in opt.param_groups] == [0.1, 0.5]
    assert [g["weight_decay"] for g in opt.param_groups] == [0.5, 0]
    for _ in range(3):
        opt.zero_grad()
        loss_of(w, b).backward()
        opt.step()
    got = np.concatenate([w.detach().numpy().ravel(), b.detach().numpy()])
    np.testing.assert_allclose(got, FINAL["groups"], rtol=2e-6, atol=2e-6)
    np.testing.assert_allclose(opt.state[w]["momentum_buffer"].numpy(),
                               [[2.310302257537842, -1.408525824546814, 0.7526082992553711],
                                [-2.8761072158813477, 1.2860047817230225, -0.2991705536842346]],
                               rtol=2e-6)


def test_adam_state_after_one_step_is_pytorchs():
    w = ad.tensor(W0, requires_grad=True)
    opt = optim.Adam([w])
    ((ad.tensor(X) @ w.T) ** 2).mean().backward()
    opt.step()
    state = opt.state[w]
    assert sorted(state) == ["exp_avg", "exp_avg_sq", "step"]
    assert state["step"].item() == 1.0
    np.testing.assert_allclose(state["exp_avg"].numpy(), [
        [0.047718752175569534, -0.015062500722706318, 0.029187500476837158],
        [-0.11808749288320541, 0.009087499231100082, 0.08845000714063644]], rtol=2e-6)
    np.testing.assert_allclose(state["exp_avg_sq"].numpy(), [
        [0.00022770793293602765, 2.2687892851536162e-05, 8.519102266291156e-05],
        [0.0013944656820967793, 8.258264642790891e-06, 0.0007823402993381023]], rtol=2e-6)
    saved = opt.state_dict()
    assert saved["param_groups"][0]["params"] == [0] and saved["param_groups"][0]["lr"] == 0.001
    again = optim.Adam([w])
    again.load_state_dict(saved)
    assert again.state[w]["step"].item() == 1.0


def test_parameters_without_grad_are_skipped_and_zero_grad_sets_none():
    net = nn.Sequential(nn.Linear(3, 2), nn.Linear(2, 1))
    opt = optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
    before = [p.detach().clone() for p in net.parameters()]
    net[1](ad.ones(1, 2)).sum().backward()  # only the second layer gets gradients
    opt.step()
    after = list(net.parameters())
    assert after[0].tolist() == before[0].tolist() and after[1].tolist() == before[1].tolist()
    assert after[2].tolist() != before[2].tolist()
    assert net[0].weight not in opt.state
    opt.zero_grad()
    assert all(p.grad is None for p in net.parameters())
    net(ad.ones(1, 3)).sum().backward()
    opt.zero_grad(set_to_none=False)
    assert all(p.grad is not None and not p.grad.any() for p in net.parameters())


def test_step_with_closure_returns_its_loss():
    w = ad.tensor(W0, requires_grad=True)
    b = ad.tensor(B0, requires_grad=True)
    opt = optim.SGD([w, b], lr=0.1)

    def closure():
        opt.zero_grad()
        loss = loss_of(w, b)
        loss.backward()
        return loss

    with ad.no_grad():  # the closure still records: step enables grad for it
        loss = opt.step(closure)
    assert loss.item() == pytest.approx(loss_of(ad.tensor(W0), ad.tensor(B0)).item())


def test_repr_is_pytorchs():
    p = ad.ones(2, requires_grad=True)
    assert repr(optim.SGD([p], lr=0.1, momentum=0.9)) == (
        "SGD (\nParameter Group 0\n    dampening: 0\n    differentiable: False\n"
        "    foreach: None\n    fused: None\n    lr: 0.1\n    maximize: False\n"
        "    momentum: 0.9\n    nesterov: False\n    weight_decay: 0\n)")
    assert repr(optim.Adam([p])) == (
        "Adam (\nParameter Group 0\n    amsgrad: False\n    betas: (0.9, 0.999)\n"
        "    capturable: False\n    decoupled_weight_decay: False\n    differentiable: False\n"
        "    eps: 1e-08\n    foreach: None\n    fused: None\n    lr: 0.001\n"
        "    maximize: False\n    weight_decay: 0\n)")
    assert repr(optim.RMSprop([p])) == (
        "RMSprop (\nParameter Group 0\n    alpha: 0.99\n    capturable: False\n"
        "    centered: False\n    differentiable: False\n    eps: 1e-08\n    foreach: None\n"
        "    lr: 0.01\n    maximize: False\n    momentum: 0\n    weight_decay: 0\n)")
    assert repr(optim.Adagrad([p])) == (
        "Adagrad (\nParameter Group 0\n    differentiable: False\n    eps: 1e-10\n"
        "    foreach: None\n    fused: None\n    initial_accumulator_value: 0\n    lr: 0.01\n"
        "    lr_decay: 0\n    maximize: False\n    weight_decay: 0\n)")
    assert repr(optim.AdamW([p])) == (
        "AdamW (\nParameter Group 0\n    amsgrad: False\n    betas: (0.9, 0.999)\n"
        "    capturable: False\n    decoupled_weight_decay: True\n    differentiable: False\n"
        "    eps: 1e-08\n    foreach: None\n    fused: None\n    lr: 0.001\n"
        "    maximize: False\n    weight_decay: 0.01\n)")


def test_bad_parameters_get_pytorchs_errors_with_advice():
    with pytest.raises(ValueError, match="optimizer got an empty parameter list") as info:
        optim.SGD([], lr=0.1)
    assert "net.parameters()" in str(info.value)
    net = nn.Linear(2, 1)
    params = net.parameters()
    optim.SGD(params, lr=0.1)
    with pytest.raises(ValueError, match="optimizer got an empty parameter list"):
        optim.Adam(params)  # the generator is used up
    w = ad.ones(2, requires_grad=True)
    with pytest.raises(ValueError, match="can't optimize a non-leaf Tensor") as info:
        optim.SGD([w * 0.01], lr=0.1)
    assert "requires_grad_()" in str(info.value)
    with pytest.raises(TypeError, match="params argument given to the optimizer should be an"
                                        " iterable of Tensors or dicts, but got FloatTensor"):
        optim.SGD(w, lr=0.1)
    with pytest.raises(TypeError, match="optimizer can only optimize Tensors, but one of the"
                                        " params is float"):
        optim.SGD([1.0], lr=0.1)
    with pytest.raises(ValueError, match="some parameters appear in more than one parameter"
                                         " group"):
        optim.SGD([{"params": [w]}, {"params": [w]}], lr=0.1)


@pytest.mark.parametrize("cls,kwargs,start", [
    ("SGD", {"lr": -1}, "Invalid learning rate: -1"),
    ("SGD", {"lr": 0.1, "momentum": -1}, "Invalid momentum value: -1"),
    ("SGD", {"lr": 0.1, "weight_decay": -1}, "Invalid weight_decay value: -1"),
    ("SGD", {"lr": 0.1, "nesterov": True}, "Nesterov momentum requires a momentum and zero"
                                           " dampening"),
    ("Adam", {"eps": -1}, "Invalid epsilon value: -1"),
    ("Adam", {"betas": (1.0, 0.9)}, "Invalid beta parameter at index 0: 1.0"),
    ("Adam", {"betas": (0.9, -0.1)}, "Invalid beta parameter at index 1: -0.1"),
    ("AdamW", {"betas": (0.9, 1.0)}, "Invalid beta parameter at index 1: 1.0"),
    ("AdamW", {"lr": -1}, "Invalid learning rate: -1"),
    ("RMSprop", {"lr": -1}, "Invalid learning rate: -1"),
    ("RMSprop", {"alpha": -1}, "Invalid alpha value: -1"),
    ("RMSprop", {"eps": -1}, "Invalid epsilon value: -1"),
    ("RMSprop", {"momentum": -1}, "Invalid momentum value: -1"),
    ("RMSprop", {"weight_decay": -1}, "Invalid weight_decay value: -1"),
    ("Adagrad", {"lr_decay": -1}, "Invalid lr_decay value: -1"),
    ("Adagrad", {"initial_accumulator_value": -1},
     "Invalid initial_accumulator_value value: -1"),
    ("Adagrad", {"eps": -1}, "Invalid epsilon value: -1"),
])
def test_bad_hyperparameters_are_value_errors(cls, kwargs, start):
    with pytest.raises(ValueError) as info:
        getattr(optim, cls)([ad.ones(2, requires_grad=True)], **kwargs)
    assert str(info.value).startswith(start)


def test_step_does_not_record_and_keeps_leaves():
    net = nn.Linear(3, 1)
    opt = optim.Adam(net.parameters(), lr=0.1)
    net(ad.ones(4, 3)).sum().backward()
    opt.step()
    assert all(p.is_leaf and p.grad_fn is None and p.requires_grad for p in net.parameters())
    assert isinstance(net.weight, nn.Parameter)


def test_a_step_counts_as_an_in_place_change_of_the_parameters():
    # as in PyTorch: a graph that saved a parameter refuses to backward after the step changed it
    w = ad.tensor(W0, requires_grad=True)
    loss = (w * w).sum()
    loss.backward(retain_graph=True)
    opt = optim.SGD([w], lr=0.1, momentum=0.9)
    opt.step()
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        loss.backward()


def test_linear_gradients_come_back_in_the_weights_layout():
    # AccumulateGrad's layout contract: weight.grad is row-major like weight (though the graph
    # computes it for weight.t()), so optimizer steps add arrays of one memory order
    layer = nn.Linear(5, 3)
    layer(ad.ones(4, 5)).sum().backward()
    assert layer.weight.grad.numpy().flags.c_contiguous
    np.testing.assert_allclose(layer.weight.grad.numpy(), np.full((3, 5), 4.0))
    np.testing.assert_allclose(layer.bias.grad.numpy(), np.full(3, 4.0))


# PyTorch's exception types and first words (PyTorch 2.13, the same calls), then what to do.
@pytest.mark.parametrize(("make", "pytorch_text", "hint"), [
    (lambda w: optim.SGD([w], lr=-1), "Invalid learning rate: -1", "lr=0.01"),
    (lambda w: optim.Adam([w], lr=-1), "Invalid learning rate: -1", "lr=0.01"),
    (lambda w: optim.SGD([w], lr=0.1, momentum=-1), "Invalid momentum value: -1", "momentum=0.9"),
    (lambda w: optim.SGD([w], lr=0.1, weight_decay=-1), "Invalid weight_decay value: -1",
     "0 turns it off"),
    (lambda w: optim.Adam([w], betas=(1.5, 0.9)), "Invalid beta parameter at index 0: 1.5",
     "betas=(0.9, 0.999)"),
    (lambda w: optim.Adam([w], betas=(0.9, 1.0)), "Invalid beta parameter at index 1: 1.0",
     "betas=(0.9, 0.999)"),
    (lambda w: optim.Adam([w], eps=-1), "Invalid epsilon value: -1", "leave it at its default"),
    (lambda w: optim.SGD([{"params": [w]}, {"params": [w]}], lr=0.1),
     "some parameters appear in more than one parameter group", "one group only"),
])
def test_bad_hyperparameters_say_what_to_give(make, pytorch_text, hint):
    with pytest.raises(ValueError) as raised:
        make(nn.Parameter(ad.ones(2)))
    assert str(raised.value).startswith(pytorch_text) and hint in str(raised.value)


def test_a_parameter_twice_in_one_group_warns_as_pytorch():
    w = nn.Parameter(ad.ones(2))
    with pytest.warns(UserWarning, match="^optimizer contains a parameter group with duplicate"
                                         " parameters"):
        optim.SGD([w, w], lr=0.1)
