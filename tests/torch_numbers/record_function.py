"""Record PyTorch's results and errors for the autograd.Function cases (function_cases.py), for
tests/test_autograd_function.py (run with a PyTorch install, from the repository's root):

    python tests/torch_numbers/record_function.py > tests/torch_numbers/function.json
"""

import json
import pathlib
import sys

import torch

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import function_cases  # noqa: E402


def _plain(value):
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if value is None:
        return None
    return {
        "dtype": str(value.dtype).removeprefix("torch."),
        "shape": list(value.shape),
        "requires_grad": value.requires_grad,
        "grad_fn": None if value.grad_fn is None else value.grad_fn.name(),
        "values": value.detach().double().reshape(-1).tolist(),
    }


def main():
    names = {"torch": torch, **function_cases.define(torch), **function_cases.helpers(torch)}
    cases = [{"code": code, "result": _plain(eval(code, names))} for code in function_cases.CASES]
    errors = []
    for code in function_cases.ERRORS:
        try:
            eval(code, names)
        except Exception as error:  # noqa: BLE001 - recording whatever PyTorch raises
            errors.append(
                {"code": code, "type": type(error).__name__, "message": str(error).splitlines()[0]}
            )
        else:
            raise AssertionError(f"no error: {code}")
    json.dump({"torch": torch.__version__, "cases": cases, "errors": errors}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
