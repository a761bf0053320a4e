"""Two versions of the engine in one process, timed in the same rounds: before and after a change.

    git worktree add /tmp/before <commit>
    python benchmarks/compare.py /tmp/before            # that commit against this checkout
    python benchmarks/compare.py /tmp/before --rounds 30

Each checkout's own `benchmarks/run.py` is loaded with that checkout's `autodiff_tr`, and the cases
both have are timed as `run.py` times them (inner loops of about 30 ms, who goes first rotating),
except that every round times the engine of both checkouts and their NumPy by hand. So the two
engines meet the same state of the machine, which on a machine shared with other work matters more
than anything else: separate runs of `run.py` drift apart by far more than the changes measured.
Printed per case: the median over the rounds of engine/NumPy for each checkout, and of
after/before (the engines' own times), with the quartiles of the per-round after/before. PyTorch
and the floor are left out.

    python benchmarks/compare.py /tmp/before --calls 400   # call by call: fastest calls

For a change smaller than the machine's noise (a few percent when other work shares the cores),
`--calls N` times instead N single calls of each case's engine, the two checkouts alternating call
by call (who goes first alternating too), and prints after/before of the fastest call and of the
10th percentile and median of the calls: a loaded machine can make a call slower, never faster, so
the fastest calls of the two are the steadiest comparison. Run it on main against itself to see
its own spread.
"""

import os

if __name__ == "__main__":  # before NumPy loads its BLAS: one thread each
    for _var in (
        "OMP_NUM_THREADS",
        "OPENBLAS_NUM_THREADS",
        "MKL_NUM_THREADS",
        "VECLIB_MAXIMUM_THREADS",
        "NUMEXPR_NUM_THREADS",
    ):
        os.environ[_var] = "1"

import argparse  # noqa: E402
import importlib.util  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(tree, tag):
    """`tree`'s benchmarks/run.py as a module, bound to `tree`'s own autodiff_tr.

    The package is loaded under a name of its own, `autodiff_tr_<tag>`, so that the imports
    inside each engine (also those in functions, at run time) find that engine's modules; while
    run.py itself is loaded, `autodiff_tr` stands for it."""
    alias = f"autodiff_tr_{tag}"
    saved = {
        name: module for name, module in sys.modules.items() if name.split(".")[0] == "autodiff_tr"
    }  # put back afterwards
    spec = importlib.util.spec_from_file_location(
        alias,
        os.path.join(tree, "autodiff_tr", "__init__.py"),
        submodule_search_locations=[os.path.join(tree, "autodiff_tr")],
    )
    package = importlib.util.module_from_spec(spec)
    sys.modules[alias] = package
    spec.loader.exec_module(package)
    for name in saved:
        del sys.modules[name]
    standing_in = [name for name in list(sys.modules) if name.split(".")[0] == alias]
    for name in standing_in:
        sys.modules["autodiff_tr" + name[len(alias) :]] = sys.modules[name]
    try:
        spec = importlib.util.spec_from_file_location(
            f"run_{tag}", os.path.join(tree, "benchmarks", "run.py")
        )
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        for name in [m for m in sys.modules if m.split(".")[0] == "autodiff_tr"]:
            del sys.modules[name]
        sys.modules.update(saved)
    module.torch = None  # PyTorch's column is not compared
    return module


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before", help="a checkout of the engine to compare against")
    parser.add_argument("after", nargs="?", default=HERE, help="default: this checkout")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--budget", type=float, default=0.03, help="seconds per inner loop")
    parser.add_argument("--small", action="store_true", help="the smoke test's small cases")
    parser.add_argument("--calls", type=int, help="time N single calls per engine (see above)")
    parser.add_argument("--only", help="only the cases whose name starts with this (as run.py)")
    args = parser.parse_args(argv)
    runs = {
        "before": load(os.path.abspath(args.before), "before"),
        "after": load(os.path.abspath(args.after), "after"),
    }
    cases = {
        tag: {case.name: case for case in run.all_cases(small=args.small)}
        for tag, run in runs.items()
    }
    names = [name for name in cases["after"] if name in cases["before"]]
    names = [name for name in names if args.only is None or name.startswith(args.only)]
    if args.calls:
        by_calls(cases, names, args.calls)
        return
    timed = [(tag, name, lib) for name in names for tag in runs for lib in ("engine", "numpy")]
    time_loop = runs["after"].time_loop
    numbers = {}
    for tag, name, lib in timed:
        run = cases[tag][name].runs[lib]
        run(None)  # warm-up
        numbers[tag, name, lib] = runs["after"].calibrate(run, args.budget)
    ratios = {name: {"before": [], "after": [], "after/before": []} for name in names}
    for r in range(args.rounds):
        for name in names:
            order = [(tag, lib) for tag in runs for lib in ("engine", "numpy")]
            order = order[r % 4 :] + order[: r % 4]  # rotate who goes first
            seconds = {
                (tag, lib): time_loop(cases[tag][name].runs[lib], numbers[tag, name, lib])
                for tag, lib in order
            }
            for tag in runs:
                ratios[name][tag].append(seconds[tag, "engine"] / seconds[tag, "numpy"])
            ratios[name]["after/before"].append(
                seconds["after", "engine"] / seconds["before", "engine"]
            )
        print(f"round {r + 1}/{args.rounds} done", file=sys.stderr)
    width = max(len(name) for name in names + ["4 peak memory of 3a (tracemalloc)"])
    print(
        f"{'case':<{width}}  {'before':>8}  {'after':>8}  {'after/before':>12}  {'quartiles':>13}"
    )
    for name in names:
        medians = [
            statistics.median(ratios[name][key]) for key in ("before", "after", "after/before")
        ]
        low, high = _quartiles(ratios[name]["after/before"])
        print(
            f"{name:<{width}}  {medians[0]:7.2f}x  {medians[1]:7.2f}x  {medians[2]:11.3f}"
            f"  {low:.3f}..{high:.3f}"
        )
    for name in [n for n in names if n.startswith("3a")]:
        before = runs["before"].memory_ratio(cases["before"][name])[0]
        after = runs["after"].memory_ratio(cases["after"][name])[0]
        print(f"{'4 peak memory of 3a (tracemalloc)':<{width}}  {before:7.2f}x  {after:7.2f}x")


def by_calls(cases, names, calls):
    """`--calls`: each case's engine of both checkouts, call by call, alternating; after/before of
    the fastest call, the 10th percentile and the median. Large cases get fewer calls (about
    1.5 s per engine, at least 20)."""
    print(f"{'case':<{max(map(len, names))}}  calls  fastest before -> after   ratio   p10  median")
    for name in names:
        before, after = cases["before"][name].runs["engine"], cases["after"][name].runs["engine"]
        before(None), after(None)  # warm-up
        fastest = min(_seconds(after) for _ in range(3))
        n = max(20, min(calls, int(1.5 / fastest)))
        seconds = {before: [], after: []}
        for i in range(n):
            for run in (before, after) if i % 2 else (after, before):
                seconds[run].append(_seconds(run))
        b, a = sorted(seconds[before]), sorted(seconds[after])
        print(
            f"{name:<{max(map(len, names))}}  {n:5d}  {b[0] * 1e6:9.1f} us -> {a[0] * 1e6:9.1f} us"
            f"  {a[0] / b[0]:.3f}  {a[n // 10] / b[n // 10]:.3f}  {a[n // 2] / b[n // 2]:.3f}"
        )


def _seconds(run):
    start = time.perf_counter()
    run(None)
    return time.perf_counter() - start


def _quartiles(values):
    """The first and third quartiles of the per-round ratios: how far a median can be trusted."""
    if len(values) < 2:
        return values[0], values[0]
    low, _, high = statistics.quantiles(values, n=4)
    return low, high


if __name__ == "__main__":
    main()
