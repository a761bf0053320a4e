"""nn.init and Linear's initialisation give PyTorch's numbers after manual_seed (literals recorded
with PyTorch 2.13 running the same lines with `torch.empty` for `ad.zeros`)."""

import math

import numpy as np
import pytest

import autodiff_tr as ad
from autodiff_tr import nn


def close(t, expected, atol=1e-6):
    np.testing.assert_allclose(t.detach().numpy(), expected, rtol=1e-6, atol=atol)


def test_linear_initialisation_is_pytorchs():
    ad.manual_seed(0)
    layer = nn.Linear(3, 2)
    close(
        layer.weight,
        [
            [-0.004322517663240433, 0.3097158372402191, -0.4751853346824646],
            [-0.4248946011066437, -0.2223689705133438, 0.15482072532176971],
        ],
    )
    close(layer.bias, [-0.011439144611358643, 0.45777493715286255])
    ad.manual_seed(0)
    layer = nn.Linear(3, 2, dtype=ad.float64)
    assert layer.weight.dtype == ad.float64
    close(
        layer.weight,
        [
            [0.5427704542528101, 0.23996970930833816, -0.046900537438113156],
            [0.48583757737745076, 0.16745942958373372, 0.3361886278485809],
        ],
        atol=1e-12,
    )
    close(layer.bias, [-0.3711136225274598, -0.17192610627289664], atol=1e-12)


@pytest.mark.parametrize(
    "seed,shape,fill,expected",
    [
        (
            1,
            (3, 4),
            lambda w: nn.init.xavier_uniform_(w),
            [
                [
                    0.4770410358905792,
                    -0.40863683819770813,
                    -0.17948086559772491,
                    0.4345512092113495,
                ],
                [
                    -0.8716012239456177,
                    0.5552303194999695,
                    -0.19046463072299957,
                    0.47100532054901123,
                ],
                [0.1287047266960144, -0.11336126178503036, 0.2567863166332245, 0.04567235708236694],
            ],
        ),
        (
            2,
            (3, 4),
            lambda w: nn.init.kaiming_uniform_(w, a=0.1),
            [
                [
                    0.27955013513565063,
                    -0.29001131653785706,
                    0.3341933786869049,
                    -0.062246862798929214,
                ],
                [0.520599365234375, 0.2901313304901123, -0.14006707072257996, -0.9852465987205505],
                [0.2782391607761383, -1.0789400339126587, 0.160166934132576, 0.08098998665809631],
            ],
        ),
        (
            3,
            (2, 3),
            lambda w: nn.init.normal_(w, mean=1.0, std=0.5),
            [
                [1.4016380310058594, 1.087416648864746, 1.0444890260696411],
                [0.693140983581543, 1.023091197013855, 0.31587040424346924],
            ],
        ),
        (
            4,
            (2, 3),
            lambda w: nn.init.uniform_(w, -2, 3),
            [
                [0.798193097114563, 0.7954620122909546, -1.5427157878875732],
                [-0.9499840140342712, -1.9640271663665771, -1.8051905632019043],
            ],
        ),
    ],
)
def test_init_functions_give_pytorchs_numbers(seed, shape, fill, expected):
    ad.manual_seed(seed)
    w = ad.zeros(*shape)
    assert fill(w) is w
    close(w, expected)


def test_normal_on_17_values_takes_pytorchs_vectorised_path():
    ad.manual_seed(5)
    w = nn.init.normal_(ad.zeros(17, 3), std=0.01)
    close(
        w.reshape(-1)[:5],
        [
            0.018423298373818398,
            0.005188871640712023,
            -0.017119212076067924,
            -0.0170137919485569,
            0.020194193348288536,
        ],
    )
    assert w.sum().item() == pytest.approx(0.06899967789649963, abs=1e-6)


def test_constant_fills_and_gains():
    w = ad.ones(2, 2, requires_grad=True)
    nn.init.zeros_(w)
    assert not w.any() and w.requires_grad and w.is_leaf
    nn.init.ones_(w)
    assert w.tolist() == [[1.0, 1.0], [1.0, 1.0]]
    nn.init.constant_(w, 0.5)
    assert w.tolist() == [[0.5, 0.5], [0.5, 0.5]]
    assert nn.init.calculate_gain("tanh") == pytest.approx(1.6666666666666667)
    assert nn.init.calculate_gain("leaky_relu", 0.2) == pytest.approx(1.3867504905630728)
    assert nn.init.calculate_gain("relu") == math.sqrt(2)


def test_bounds_follow_the_formulas():
    ad.manual_seed(0)
    w = nn.init.xavier_uniform_(ad.zeros(50, 30), gain=2.0)
    bound = 2.0 * math.sqrt(6 / 80)
    assert np.abs(w.numpy()).max() <= bound and np.abs(w.numpy()).max() > 0.9 * bound
    w = nn.init.kaiming_uniform_(ad.zeros(40, 25), nonlinearity="relu")
    bound = math.sqrt(2) * math.sqrt(3 / 25)
    assert np.abs(w.numpy()).max() <= bound and np.abs(w.numpy()).max() > 0.9 * bound


def test_fans_need_two_dimensions_and_known_modes():
    with pytest.raises(
        ValueError,
        match="Fan in and fan out can not be computed for tensor with fewer than 2 dimensions",
    ):
        nn.init.xavier_uniform_(ad.zeros(3))
    with pytest.raises(ValueError, match="Mode fan_up not supported"):
        nn.init.kaiming_uniform_(ad.zeros(2, 2), mode="fan_up")
    with pytest.raises(ValueError, match="Unsupported nonlinearity softsign"):
        nn.init.calculate_gain("softsign")
