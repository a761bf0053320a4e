"""Record what PyTorch does when user code calls NumPy on a tensor, for tests/test_higher_order.py
(run with a PyTorch install):

    python tests/torch_numbers/record_numpy_calls.py > tests/torch_numbers/numpy_calls.json

Each case is an expression in `np` and a float32 tensor `t` = [0.5, 1, 2], run once with
`t.requires_grad` True and once False. Recorded: "ok", or the type of the exception it raises.
PyTorch refuses a tensor that requires grad with a RuntimeError when NumPy converts it to an
array; for the reductions NumPy hands to the tensor's own method with NumPy's keywords
(`t.sum(axis=None, out=None)`), PyTorch's signature refuses first, with a TypeError, and does so
for a tensor without grad too.
"""

import json
import warnings

CASES = [
    "np.sin(t)",
    "np.exp(t * 2)",
    "np.add(t, 1)",
    "np.exp(t, out=np.empty(3, dtype=np.float32))",
    "np.isfinite(t)",
    "np.sign(t)",
    "np.add.reduce(t)",
    "np.multiply.reduce(t)",
    "np.add.accumulate(t)",
    "np.dot(t, t)",
    "np.matmul(t, t)",
    "np.concatenate([t, t])",
    "np.stack([t, t])",
    "np.reshape(t, (3, 1))",
    "np.cumsum(t)",
    "np.where(t > 1, t, 0)",
    "np.linalg.norm(t)",
    "np.asarray(t)",
    "np.sum(t)",
    "np.mean(t)",
    "np.prod(t)",
    "np.max(t)",
    "np.min(t)",
    "np.std(t)",
    "np.var(t)",
    "np.any(t)",
    "np.all(t)",
    # operators with a NumPy scalar on one side stay operators, recorded as such
    "np.float64(2) - t",
    "t * np.float64(2)",
]


def outcome(code, namespace):
    try:
        eval(code, namespace)
    except Exception as error:  # noqa: BLE001 - the type is the record
        return type(error).__name__
    return "ok"


def main():
    import numpy as np
    import torch

    warnings.simplefilter("ignore")  # NumPy 2's notes on PyTorch's __array_wrap__
    records = []
    for code in CASES:
        row = {"code": code}
        for requires_grad in (True, False):
            t = torch.tensor([0.5, 1.0, 2.0], requires_grad=requires_grad)
            key = "requires_grad" if requires_grad else "no_grad"
            row[key] = outcome(code, {"np": np, "t": t})
        records.append(json.dumps(row))  # one case a line
    versions = json.dumps({"torch": torch.__version__, "numpy": np.__version__})
    print(f'{{"versions": {versions}, "cases": [\n' + ",\n".join(records) + "\n]}")


if __name__ == "__main__":
    main()
