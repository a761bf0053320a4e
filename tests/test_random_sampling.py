"""random.py's sampling: `multinomial`, `exponential_` and `geometric_` give PyTorch's samples
(recorded in torch_numbers/multinomial.json by record_multinomial.py), after `manual_seed` and
with a `Generator`, and PyTorch's errors for bad weights."""

import json
import pathlib

import numpy as np
import pytest

import autodiff_tr as ad
import autodiff_tr as torch  # the recorded expressions are PyTorch code

RECORDED = json.loads(
    (pathlib.Path(__file__).parent / "torch_numbers" / "multinomial.json").read_text()
)


def w(rows, n, dtype, zeros=False, scale=1.0):
    """The weights of the recording (record_multinomial.py has the same function)."""
    values = [
        [
            ((i * 7919 + j * 104729) % 1000) / 1000 * scale + (1e-3 if j == 0 else 0)
            for j in range(n)
        ]
        for i in range(max(rows, 1))
    ]
    if zeros:
        values = [[0.0 if j % 3 == 2 else v for j, v in enumerate(row)] for row in values]
    t = torch.tensor(values, dtype=dtype)
    return t[0] if rows == 0 else t


@pytest.mark.parametrize(
    "case", RECORDED["cases"], ids=lambda c: f"{c['seed']}:{c['how']}:{c['code']}"
)
def test_same_samples_as_pytorch(case):
    """The expression gives PyTorch 2.13's samples, and leaves the generator where PyTorch's
    was: the next `rand(3)` agrees too."""
    torch.manual_seed(case["seed"])
    g = torch.Generator().manual_seed(case["seed"])
    generator = "" if case["how"] == "manual_seed" else ", generator=g"
    result = eval(case["code"].format(g=generator), {"torch": ad, "w": w, "g": g})
    assert str(result.dtype) == f"autodiff_tr.{case['dtype'].removeprefix('torch.')}"
    assert list(result.shape) == case["shape"]
    assert result.numpy().reshape(-1).tolist() == case["values"]
    after = torch.rand(3) if case["how"] == "manual_seed" else torch.rand(3, generator=g)
    assert after.tolist() == case["after"]


@pytest.mark.parametrize("case", RECORDED["bad"], ids=lambda c: c["code"])
def test_bad_weights_raise_as_in_pytorch(case):
    """PyTorch's exception type and its words first, then what to do."""
    with pytest.raises(Exception) as info:  # noqa: PT011 - the type is checked by name below
        eval(case["code"], {"torch": ad})
    assert type(info.value).__name__ == case["error"]
    assert str(info.value).startswith(case["message"].split(":")[0])
    assert len(str(info.value)) > len(case["message"].split(":")[0]) + 5


def test_counts_follow_the_weights():
    """Unnormalised weights: frequencies close to weights / total (a loose statistical check,
    independent of the recording)."""
    weights = ad.tensor([1.0, 0.0, 3.0, 6.0])
    samples = ad.multinomial(
        weights, 20000, replacement=True, generator=ad.Generator().manual_seed(3)
    )
    counts = np.bincount(samples.numpy(), minlength=4) / 20000
    assert counts[1] == 0
    np.testing.assert_allclose(counts, [0.1, 0.0, 0.3, 0.6], atol=0.015)


def test_without_replacement_each_category_once():
    samples = ad.multinomial(ad.ones(3, 10), 10, generator=ad.Generator().manual_seed(0))
    assert samples.dtype == ad.int64
    for row in samples.tolist():
        assert sorted(row) == list(range(10))


def test_zero_weights_are_never_drawn():
    p = ad.tensor([[0.0, 2.0, 0.0, 1.0], [5.0, 0.0, 0.0, 0.0]])
    ad.manual_seed(7)
    first = ad.multinomial(p, 2)
    assert sorted(first[0].tolist()) == [1, 3]
    assert ad.multinomial(p, 30, replacement=True)[1].tolist() == [0] * 30


def test_no_rows_gives_an_empty_result():
    assert ad.multinomial(ad.ones(0, 3), 2).shape == (0, 2)


def test_exponential_and_geometric_check_their_parameter():
    with pytest.raises(RuntimeError, match="lambda > 0.0"):
        ad.zeros(2).exponential_(0)
    with pytest.raises(RuntimeError, match=r"in \(0, 1\)"):
        ad.zeros(2).geometric_(1)
    values = ad.zeros(1000).geometric_(0.25, generator=ad.Generator().manual_seed(1))
    assert values.min().item() >= 1 and abs(values.mean().item() - 4) < 0.4


def test_samples_translated():
    ad.set_language("de")
    try:
        with pytest.raises(RuntimeError) as info:
            ad.multinomial(ad.tensor([1.0, 2.0]), 3)
    finally:
        ad.set_language(None)
    assert "cannot sample n_sample > prob_dist.size(-1)" in str(info.value)
    assert str(info.value).count("\n") == 1
