"""The yardstick: tutorials' PyTorch code runs on autodiff_tr with only its import
lines changed and gives PyTorch's numbers.

Each program in tests/yardstick/ is such code (micrograd's test_engine.py torch halves, PyTorch's
"Fundamentals of Autograd" and "Gentle Introduction to torch.autograd", d2l's linear regression,
softmax regression, MLP, weight decay and dropout, on small synthetic data). It runs here seeded,
and its printed output and its top-level values must equal what the same text printed and
computed under PyTorch 2.13 (tests/torch_numbers/yardstick.json, written by
tests/torch_numbers/record_yardstick.py): the same words, and numbers equal up to float32
rounding.
"""

import json
import math
import pathlib

import matplotlib
import pytest
from yardstick import harness

import autodiff_tr as ad

HERE = pathlib.Path(__file__).resolve().parent
PROGRAMS = sorted(p for p in (HERE / "yardstick").glob("*.py") if p.name != "harness.py")
RECORD = json.loads((HERE / "torch_numbers" / "yardstick.json").read_text())["programs"]

def _close(got, expected, where, rtol=1e-4, atol=1e-5):
    if isinstance(expected, dict):
        assert isinstance(got, dict) and sorted(got) == sorted(expected), where
        for key in expected:
            _close(got[key], expected[key], f"{where}.{key}", rtol, atol)
    elif isinstance(expected, list):
        assert isinstance(got, list) and len(got) == len(expected), where
        for i, (g, e) in enumerate(zip(got, expected)):
            _close(g, e, f"{where}[{i}]", rtol, atol)
    elif isinstance(expected, bool) or expected is None:
        assert got == expected, where
    else:
        assert math.isclose(got, expected, rel_tol=rtol, abs_tol=atol), (where, got, expected)


@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_program_gives_pytorchs_numbers(path):
    matplotlib.use("Agg")
    output, values = harness.run(path.read_text(), ad, str(path))
    import matplotlib.pyplot as plt

    plt.close("all")
    expected = RECORD[path.stem]
    words, numbers = harness.split_output(output)
    expected_words, expected_numbers = harness.split_output(expected["output"])
    assert words == expected_words
    # printed with 4 digits: one unit in the last printed digit apart at most
    _close(numbers, expected_numbers, "printed", rtol=2e-4, atol=1.5e-4)
    _close(values, expected["snapshot"], path.stem)


def test_the_comparison_can_fail():
    expected = RECORD["micrograd_sanity_check"]["snapshot"]
    changed = dict(expected, xpt_grad=expected["xpt_grad"] + 0.01)
    with pytest.raises(AssertionError):
        _close(changed, expected, "changed")


def test_micrograd_numbers_are_micrograds():
    # micrograd's own Value engine gives these (its test compares them with PyTorch's)
    assert RECORD["micrograd_sanity_check"]["snapshot"]["ypt_data"] == -20.0
    assert RECORD["micrograd_sanity_check"]["snapshot"]["xpt_grad"] == 46.0
