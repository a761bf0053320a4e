"""autodiff_tr.optim.lr_scheduler: the learning rates of PyTorch's schedules, step by step.

Each case is a program of tests/torch_numbers/record_optim.py, run here unchanged on autodiff_tr;
the rates it saw are PyTorch 2.13's, recorded as literals by running the same program on torch.
"""

import math
import warnings

import pytest
from torch_numbers.record_optim import SCHEDULES, run_schedule

import autodiff_tr as ad
from autodiff_tr import optim
from autodiff_tr.optim import lr_scheduler

LRS = {
    "cosine": [
        0.09140576474687263,
        0.06890576474687263,
        0.04109423525312736,
        0.018594235253127367,
        0.01,
        0.018594235253127367,
        0.04109423525312739,
        0.06890576474687267,
        0.09140576474687269,
        0.10000000000000006,
        0.09140576474687272,
        0.06890576474687268,
        0.0410942352531274,
        0.01859423525312738,
    ],
    "cosine_resumed": [
        0.07938926261462367,
        0.0606479999539898,
        0.04190673729335593,
        0.025000000000000015,
        0.011582737316361029,
    ],
    "exponential": [
        0.1,
        0.09000000000000001,
        0.08100000000000002,
        0.07290000000000002,
        0.06561000000000002,
        0.05904900000000002,
        0.05314410000000002,
        0.04782969000000002,
        0.043046721000000024,
    ],
    "lambda_groups": [
        0.095,
        0.25,
        0.09025,
        0.16666666666666666,
        0.0857375,
        0.125,
        0.081450625,
        0.1,
        0.07737809374999999,
        0.08333333333333333,
        0.07350918906249998,
        0.07142857142857142,
    ],
    "plateau": [
        0.1,
        0.01,
        0.1,
        0.01,
        0.1,
        0.01,
        0.1,
        0.01,
        0.05,
        0.005,
        0.05,
        0.005,
        0.05,
        0.005,
        0.05,
        0.005,
        0.05,
        0.005,
        0.025,
        0.0025,
        0.025,
        0.0025,
        0.025,
        0.0025,
        0.025,
        0.0025,
        0.02,
        0.00125,
        0,
        0.89,
    ],
    "plateau_max_abs": [
        0.1,
        0.1,
        0.1,
        0.010000000000000002,
        0.010000000000000002,
        0.010000000000000002,
        0.0010000000000000002,
        0.0010000000000000002,
    ],
    "step": [0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125, 0.0125],
    "two_schedules": [
        0.9,
        0.08100000000000002,
        0.07290000000000002,
        0.006561000000000002,
        0.005904900000000002,
        0.0005314410000000002,
    ],
}


@pytest.mark.parametrize("name", sorted(SCHEDULES))
def test_schedule_gives_pytorchs_rates_to_the_last_bit(name):
    # the same float operations in the same order: equal, not just close
    assert run_schedule(ad, SCHEDULES[name]) == LRS[name]


def test_the_cosine_follows_its_closed_form():
    # hand derivation: eta_min + (lr0 - eta_min) (1 + cos(pi t / T)) / 2, t = 1..14, T = 5
    closed = [0.01 + 0.09 * (1 + math.cos(math.pi * t / 5)) / 2 for t in range(1, 15)]
    assert LRS["cosine"] == pytest.approx(closed, rel=1e-12)


def _sgd(lr=0.1):
    w = ad.zeros(2, requires_grad=True)
    w.grad = ad.ones(2)
    return optim.SGD([w], lr=lr)


def test_creating_a_scheduler_records_initial_lr_and_epoch_zero():
    opt = _sgd(0.3)
    sched = lr_scheduler.StepLR(opt, step_size=2)
    assert sched.last_epoch == 0 and sched.base_lrs == [0.3] and sched.get_last_lr() == [0.3]
    assert opt.param_groups[0]["initial_lr"] == 0.3
    assert opt.state_dict()["param_groups"][0]["initial_lr"] == 0.3
    state = sched.state_dict()
    assert "optimizer" not in state
    assert sorted(state) == [  # PyTorch 2.13's keys
        "_get_lr_called_within_step",
        "_is_initial",
        "_last_lr",
        "_step_count",
        "base_lrs",
        "gamma",
        "last_epoch",
        "step_size",
    ]
    opt.step()
    sched.step()
    opt.step()
    sched.step()
    assert sched.get_last_lr() == [pytest.approx(0.03)]
    again = lr_scheduler.StepLR(_sgd(0.3), step_size=7)
    again.load_state_dict(sched.state_dict())
    assert again.last_epoch == 2 and again.step_size == 2


def test_a_lambda_object_keeps_its_state_and_a_function_is_none():
    class Halve:
        def __init__(self):
            self.factor = 0.5

        def __call__(self, epoch):
            return self.factor**epoch

    opt = optim.SGD(
        [
            {"params": [ad.zeros(1, requires_grad=True)]},
            {"params": [ad.zeros(1, requires_grad=True)]},
        ],
        lr=0.1,
    )
    sched = lr_scheduler.LambdaLR(opt, [Halve(), lambda e: 1.0])
    sched.lr_lambdas[0].factor = 0.25
    saved = sched.state_dict()
    assert saved["lr_lambdas"] == [{"factor": 0.25}, None]
    other = lr_scheduler.LambdaLR(opt, [Halve(), lambda e: 1.0])
    other.load_state_dict(saved)
    assert other.lr_lambdas[0].factor == 0.25


def test_stepping_the_scheduler_first_warns_as_pytorch():
    opt = _sgd()
    sched = lr_scheduler.ExponentialLR(opt, gamma=0.5)
    with pytest.warns(
        UserWarning,
        match=r"Detected call of `lr_scheduler.step\(\)` before"
        r" `optimizer.step\(\)`",
    ):
        sched.step()
    opt = _sgd()
    sched = lr_scheduler.ExponentialLR(opt, gamma=0.5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        opt.step()
        sched.step()
        sched.step()


def test_get_lr_outside_step_warns_and_epoch_argument_is_deprecated():
    sched = lr_scheduler.StepLR(_sgd(), step_size=1)
    with pytest.warns(UserWarning, match="please use `get_last_lr\\(\\)`"):
        sched.get_lr()
    sched.optimizer.step()
    with pytest.warns(UserWarning, match="The epoch parameter in `scheduler.step\\(\\)`"):
        sched.step(3)  # the closed form: 0.1 * 0.1**3
    assert sched.get_last_lr() == [pytest.approx(1e-4)]


def test_bad_arguments_get_pytorchs_errors():
    opt = _sgd()
    with pytest.raises(TypeError, match="list is not an Optimizer"):
        lr_scheduler.StepLR([], step_size=1)
    with pytest.raises(KeyError, match=r"param .initial_lr. is not specified in param_groups\[0\]"):
        lr_scheduler.StepLR(opt, step_size=1, last_epoch=3)
    with pytest.raises(ValueError, match="Expected 1 lr_lambdas, but got 2"):
        lr_scheduler.LambdaLR(opt, [lambda e: 1, lambda e: 1])
    with pytest.raises(ValueError, match="Factor should be < 1.0."):
        lr_scheduler.ReduceLROnPlateau(opt, factor=2)
    with pytest.raises(ValueError, match="expected 1 min_lrs, got 2"):
        lr_scheduler.ReduceLROnPlateau(opt, min_lr=[0, 0])
    with pytest.raises(ValueError, match="mode minimum is unknown!"):
        lr_scheduler.ReduceLROnPlateau(opt, mode="minimum")
    with pytest.raises(ValueError, match="threshold mode relative is unknown!"):
        lr_scheduler.ReduceLROnPlateau(opt, threshold_mode="relative")
    plateau = lr_scheduler.ReduceLROnPlateau(opt, patience=0, min_lr=[0.0])
    assert sorted(plateau.state_dict()) == [
        "_last_lr",
        "best",
        "cooldown",
        "cooldown_counter",
        "default_min_lr",
        "eps",
        "factor",
        "last_epoch",
        "min_lrs",
        "mode",
        "mode_worse",
        "num_bad_epochs",
        "patience",
        "threshold",
        "threshold_mode",
    ]
    opt.add_param_group({"params": [ad.zeros(1, requires_grad=True)]})
    plateau.step(1.0)
    with pytest.raises(
        RuntimeError, match="The number of param groups in the `optimizer` \\(2\\) differs"
    ):
        plateau.step(2.0)


def test_messages_are_translated():
    ad.set_language("de")
    try:
        with pytest.raises(ValueError) as info:
            lr_scheduler.ReduceLROnPlateau(_sgd(), mode="minimum")
    finally:
        ad.set_language(None)
    first, english = str(info.value).split("\n")
    assert english.startswith("mode minimum is unknown!") and "minimum" in first
    assert first != english
