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
