"""Smoke test of benchmarks/run.py: every case runs once, small, and its gradients check out.

No timing is asserted here, ever: speed is what `python benchmarks/run.py` reports. The script is
loaded with `torch` hidden, so the tests never import PyTorch and exercise the path without it.
"""

import importlib.util
import pathlib
import sys

import numpy as np
import pytest

RUN = pathlib.Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"


def _load():
    spec = importlib.util.spec_from_file_location("benchmarks_run", RUN)
    module = importlib.util.module_from_spec(spec)
    hidden = "torch" not in sys.modules
    saved = sys.modules.get("torch")
    sys.modules["torch"] = None  # `import torch` raises ImportError inside the script
    try:
        spec.loader.exec_module(module)
    finally:
        if hidden:
            del sys.modules["torch"]
        else:
            sys.modules["torch"] = saved
    assert module.torch is None
    return module


bench = _load()
CASES = bench.all_cases(small=True)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_gradients_agree(case):
    case.check()  # asserts engine == NumPy by hand (and PyTorch, if installed)
    assert case.runs["torch"] is None
    for run in case.runs.values():
        if run is not None:
            run(None)  # the timed form runs too


@pytest.mark.parametrize("lib", ["engine", "floor"])
def test_chapter_gradients_are_the_chapter_values(lib):
    # Hand derivations: 4x, ones, 2x, u = x*x, 2x, and dc/da = 2**11 for a = 0.75
    # (b = 1.5 doubles 10 times to 1536 >= 1000; positive, so c = b).
    grads = bench.chapter_case().gradients(lib)
    x = np.arange(4.0, dtype=np.float32)
    expected = [4 * x, np.ones(4, np.float32), 2 * x, x * x, 2 * x, np.float32(2.0**11)]
    assert len(grads) == len(expected)
    for g, e in zip(grads, expected):
        np.testing.assert_array_equal(g, e)


def test_check_fails_on_a_wrong_gradient():
    case = bench.sin_case(n=20)
    case.runs["numpy"] = lambda out: out.append(np.sin(np.linspace(0, 6.28, 20, dtype=np.float32)))
    with pytest.raises(AssertionError):
        case.check()


@pytest.mark.slow
def test_memory_ratio_and_table_run():
    ratio, engine, numpy = bench.memory_ratio(bench.big_elementwise_case(n=10_000))
    assert engine > 0 and numpy > 0 and ratio > 0
    text = bench.table([("a", "1.00x", "n/a", "<= 1x NumPy", "PASS")])
    assert "vs NumPy" in text and "PASS" in text


@pytest.mark.slow
def test_quick_main_runs(capsys, monkeypatch):
    small = bench.all_cases(small=True)
    monkeypatch.setattr(bench, "all_cases", lambda: small)
    rows = bench.main(["--rounds", "1", "--budget", "0.001"])
    assert len(rows) == len(CASES) + 1
    assert all(row[2] == "n/a" for row in rows)  # no PyTorch: its column says so
    assert all(row[4] in ("PASS", "MISS", "n/a") for row in rows)
    out = capsys.readouterr().out
    assert "vs PyTorch" in out
    floor_table = out.split("The floor")[1]  # cases 1 and 3c, run on the bare-bones engine too
    assert "1 chapter sequence" in floor_table and "3c sin" in floor_table


def test_verdict():
    case = bench.Case("x", None, None, None, target_numpy=3.0, target_torch=0.75)
    assert bench.verdict(2.0, 0.5, case) == "PASS"
    assert bench.verdict(3.5, 0.5, case) == "MISS"
    assert bench.verdict(2.0, 0.8, case) == "MISS"
    assert bench.verdict(3.5, None, case) == "MISS"  # no PyTorch: the NumPy target still counts
    assert bench.verdict(2.0, None, case) == "n/a"


@pytest.mark.slow
def test_compare_times_two_checkouts_in_the_same_rounds(capsys):
    # benchmarks/compare.py, on this checkout against itself: every case both have is printed,
    # and the package the tests use is the one in sys.modules again afterwards
    import autodiff_tr

    spec = importlib.util.spec_from_file_location("benchmarks_compare", RUN.parent / "compare.py")
    compare = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(compare)
    root = str(RUN.parent.parent)
    compare.main([root, root, "--rounds", "1", "--budget", "0.001", "--small"])
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["case", "before", "after", "after/before", "quartiles"]
    assert [line.split("  ")[0] for line in table[1 : 1 + len(CASES)]] == [c.name for c in CASES]
    assert sys.modules["autodiff_tr"] is autodiff_tr


@pytest.mark.slow
def test_compare_by_calls_prints_every_case(capsys):
    # compare.py --calls: the call-by-call comparison, one row per case with its ratios
    spec = importlib.util.spec_from_file_location("benchmarks_compare", RUN.parent / "compare.py")
    compare = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(compare)
    root = str(RUN.parent.parent)
    compare.main([root, root, "--calls", "1", "--small"])
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:2] == ["case", "calls"]
    rows = table[1:]
    assert [line.split("  ")[0] for line in rows] == [c.name for c in CASES]
    for line in rows:
        ratio, p10, median = (float(x) for x in line.split()[-3:])
        assert ratio > 0 and p10 > 0 and median > 0
