"""Record what the yardstick programs compute under PyTorch, for tests/test_yardstick.py:

    python tests/torch_numbers/record_yardstick.py > tests/torch_numbers/yardstick.json

(run with a PyTorch install; from the repository's root). Each program in tests/yardstick/ runs
with its import lines pointed back at torch (harness.torch_source), seeded as the test seeds it;
its printed output and the snapshot of its top-level names are kept. matplotlib is replaced by a
stand-in that draws nothing if it is not installed: plots are not recorded.
"""

import json
import pathlib
import sys
import tempfile
import types

import torch

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from yardstick import harness  # noqa: E402


def _stub_matplotlib():
    try:
        import matplotlib

        matplotlib.use("Agg")
    except ImportError:
        plt = types.ModuleType("matplotlib.pyplot")
        for name in ("plot", "show", "figure", "xlabel", "ylabel", "legend", "title", "close"):
            setattr(plt, name, lambda *args, **kwargs: None)
        package = types.ModuleType("matplotlib")
        package.pyplot, package.ticker = plt, types.ModuleType("matplotlib.ticker")
        sys.modules.update(
            {"matplotlib": package, "matplotlib.pyplot": plt, "matplotlib.ticker": package.ticker}
        )


def main():
    _stub_matplotlib()
    torch.set_num_threads(1)
    record = {"torch": torch.__version__, "programs": {}}
    for path in sorted((ROOT / "tests" / "yardstick").glob("*.py")):
        if path.name == "harness.py":
            continue
        source = harness.torch_source(path.read_text())
        with tempfile.TemporaryDirectory() as directory:  # for the files programs write
            output, snapshot = harness.run(source, torch, str(path), directory=directory)
        record["programs"][path.stem] = {"output": output, "snapshot": snapshot}
        print(f"recorded {path.stem}", file=sys.stderr)
    json.dump(record, sys.stdout, indent=0, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
