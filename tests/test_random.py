"""random.py: shapes, dtypes and reproducibility of the random functions under manual_seed."""

import numpy as np
import pytest

import autodiff_tr as ad


def test_randn_size_forms():
    assert ad.randn(size=()).shape == () and ad.randn(size=()).ndim == 0
    assert ad.randn(2, 3).shape == (2, 3)
    assert ad.randn((2, 3)).shape == (2, 3)
    assert ad.randn(size=(2, 3)).shape == (2, 3)
    assert ad.randn(2, 0).shape == (2, 0)
    assert ad.rand(0).shape == (0,)


def test_dtypes():
    assert ad.randn(3).dtype == ad.float32 and ad.rand(2).dtype == ad.float32
    assert ad.randn(2, dtype=ad.float64).dtype == ad.float64
    assert ad.normal(0.0, 1.0, size=(2,)).dtype == ad.float32
    assert ad.normal(ad.zeros(3), 1.0).shape == (3,)
    assert ad.normal(ad.zeros(3), ad.ones(3)).dtype == ad.float32
    assert ad.normal(ad.zeros(3, dtype=ad.float64), 1.0).dtype == ad.float64
    assert ad.randint(0, 10, (3,)).dtype == ad.int64
    assert ad.randperm(4).dtype == ad.int64


def test_requires_grad():
    t = ad.randn(3, requires_grad=True)
    assert t.requires_grad and t.is_leaf
    assert ad.randn(size=(), requires_grad=True).requires_grad


@pytest.mark.parametrize("draw", [
    lambda: ad.randn(5), lambda: ad.rand(2, 2), lambda: ad.randn(size=()),
    lambda: ad.normal(2.0, 3.0, size=(4,)), lambda: ad.randint(0, 100, (5,)),
    lambda: ad.randperm(6),
])
def test_manual_seed_makes_every_random_function_reproducible(draw):
    ad.manual_seed(123)
    a = draw().tolist()
    ad.manual_seed(123)
    b = draw().tolist()
    assert a == b
    ad.manual_seed(124)
    assert draw().tolist() != a


def test_sequence_after_seed_is_reproducible_across_functions():
    ad.manual_seed(0)
    first = [ad.randn(3).tolist(), ad.rand(2).tolist(), ad.randn(size=()).item()]
    ad.manual_seed(0)
    second = [ad.randn(3).tolist(), ad.rand(2).tolist(), ad.randn(size=()).item()]
    assert first == second


def test_manual_seed_return_value_has_no_address():
    g = ad.manual_seed(0)
    assert "0x" not in repr(g)
    assert ad.initial_seed() == 0


def test_values_are_plausible():
    ad.manual_seed(0)
    u = ad.rand(10_000).numpy()
    assert u.min() >= 0 and u.max() < 1 and abs(u.mean() - 0.5) < 0.02
    n = ad.randn(10_000).numpy()
    assert abs(n.mean()) < 0.05 and abs(n.std() - 1) < 0.05
    m = ad.normal(2.0, 3.0, size=(10_000,)).numpy()
    assert abs(m.mean() - 2) < 0.15 and abs(m.std() - 3) < 0.15
    r = ad.randint(3, 7, (1000,)).numpy()
    assert set(np.unique(r)) == {3, 4, 5, 6}
    assert sorted(ad.randperm(5).tolist()) == [0, 1, 2, 3, 4]


def test_generator_argument():
    g1, g2 = ad.Generator(5), ad.Generator(5)
    assert ad.randn(3, generator=g1).tolist() == ad.randn(3, generator=g2).tolist()


def test_randint_with_high_and_size_only():
    ad.manual_seed(0)
    r = ad.randint(10, (3,))
    assert r.shape == (3,) and all(0 <= v < 10 for v in r.tolist())
