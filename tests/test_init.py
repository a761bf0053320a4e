"""The package's top level: what importing it loads, and the lazily loaded modules."""

import subprocess
import sys

import autodiff_tr as ad

HEAVY = ("matplotlib", "ipywidgets", "IPython", "scipy", "torch")


def test_import_loads_numpy_and_nothing_heavy():
    code = (
        "import sys, autodiff_tr\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))\n"
        "print('numpy' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[0] == "[]", f"importing autodiff_tr loaded {out[0]}"
    assert out[1] == "True"


def test_the_learners_tools_load_on_first_use():
    code = (
        "import sys, autodiff_tr as ad\n"
        "print('autodiff_tr.learn.plot' in sys.modules)\n"
        "ad.plot\n"
        "print('autodiff_tr.learn.plot' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "True"]
    assert ad.drawing.__name__ == "autodiff_tr.learn.drawing"
    assert ad.teaching.__name__ == "autodiff_tr.learn.teaching"
    assert "widgets" in dir(ad)


def test_unknown_attribute_is_an_attribute_error():
    try:
        ad.no_such_function  # noqa: B018
    except AttributeError as e:
        assert "no_such_function" in str(e)
    else:
        raise AssertionError("expected AttributeError")


def test_no_numpy_float_warnings_from_the_package_as_in_pytorch():
    """PyTorch computes inf and nan without a warning; NumPy would warn from the package's lines."""
    code = (
        "import numpy as np, autodiff_tr as ad\n"
        "x = ad.tensor([0.0, 1.0], requires_grad=True)\n"
        "ad.sqrt(x * x).sum().backward()\n"  # 0 * inf in the backward: nan, as PyTorch
        "s = ad.tensor([1000.0, 0.0, -1000.0]).exp()\n"
        "print((s / s.sum()).tolist(), x.grad.tolist(), ad.log(ad.tensor([0.0])).item())\n"
        "try:\n"
        "    np.exp(np.array([1000.0]))\n"
        "except RuntimeWarning as w:\n"
        "    print('user code still warns:', w)\n"
    )
    # -W: every RuntimeWarning an error, unless a filter installed later (the package's) says else
    out = subprocess.run(
        [sys.executable, "-W", "error::RuntimeWarning", "-c", code], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    # PyTorch 2.13 prints [nan, 0.0, 0.0] [nan, 1.0] -inf for the same three lines, silently
    assert out.stdout.splitlines() == [
        "[nan, 0.0, 0.0] [nan, 1.0] -inf",
        "user code still warns: overflow encountered in exp",
    ]
