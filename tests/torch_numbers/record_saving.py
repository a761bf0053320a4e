"""Files of torch.save for tests/test_serialization.py, and a check that PyTorch reads ad.save's.

Run with a PyTorch install (and NumPy), from the repository's root:

    python tests/torch_numbers/record_saving.py

1. `objects(torch)` (saving_cases.py) is saved by torch.save to saved/torch_<name>.pt, and what
   it holds is described in saved/expected.json (the test reads them with ad.load);
2. `objects(autodiff_tr)`, the same values built with this checkout's package, is saved by ad.save
   to saved/autodiff_tr_<name>.pt and loaded back by torch.load(weights_only=True), which must give
   what torch.save's file gives. The test checks that ad.save still writes the same pickle and
   values as these verified files.
"""

import collections
import json
import pathlib
import sys

import torch

HERE = pathlib.Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))
sys.path.insert(0, str(HERE))
from saving_cases import objects  # noqa: E402

import autodiff_tr  # noqa: E402

SAVED = HERE / "saved"


def _describe(value):
    """A JSON description of what a loaded object holds."""
    if isinstance(value, torch.Tensor):
        return {
            "tensor": str(value.dtype).removeprefix("torch."),
            "shape": list(value.shape),
            "requires_grad": value.requires_grad,
            "parameter": isinstance(value, torch.nn.Parameter),
            "values": value.detach().reshape(-1).tolist(),
        }
    if isinstance(value, collections.OrderedDict):
        return {"OrderedDict": [[_describe(k), _describe(v)] for k, v in value.items()]}
    if isinstance(value, dict):
        return {"dict": [[_describe(k), _describe(v)] for k, v in value.items()]}
    if isinstance(value, (list, tuple)):
        return {type(value).__name__: [_describe(v) for v in value]}
    return {type(value).__name__: value}


def main():
    SAVED.mkdir(exist_ok=True)
    expected = {"torch": torch.__version__, "files": {}}
    theirs, ours = objects(torch), objects(autodiff_tr)
    for name, obj in theirs.items():
        torch.save(obj, SAVED / f"torch_{name}.pt")
        described = _describe(torch.load(SAVED / f"torch_{name}.pt", weights_only=True))
        assert described == _describe(obj)
        expected["files"][name] = described
        autodiff_tr.save(ours[name], SAVED / f"autodiff_tr_{name}.pt")
        read_by_torch = torch.load(SAVED / f"autodiff_tr_{name}.pt", weights_only=True)
        assert _describe(read_by_torch) == described, name
    # a view into a larger storage (offset and strides), and two tensors sharing one storage
    base = torch.arange(12.0).reshape(3, 4)
    torch.save({"view": base[1:, 1:3].t(), "shared": (base[0], base[2])}, SAVED / "torch_views.pt")
    expected["files"]["views"] = _describe(torch.load(SAVED / "torch_views.pt", weights_only=True))
    (SAVED / "expected.json").write_text(json.dumps(expected, indent=1) + "\n")
    print("torch.load(weights_only=True) read every ad.save file as torch.save's own")


if __name__ == "__main__":
    main()
