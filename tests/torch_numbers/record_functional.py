"""Record torch.autograd.functional's results for tests/test_autograd_functional.py (run with a
PyTorch install):

    python tests/torch_numbers/record_functional.py > tests/torch_numbers/functional.json

Each case is a line of code that runs unchanged on both libraries: the test binds `torch` to
`autodiff_tr` and `F` to `autodiff_tr.autograd.functional`. The results (tensors, tuples of them,
nested tuples) are kept whole, as nested lists of float64 values with their shapes.
"""

import json
import sys

X = "torch.tensor([0.5, -1.2, 2.0], dtype=torch.float64)"
Y = "torch.tensor([[1.5, 0.3], [-0.7, 2.2]], dtype=torch.float64)"
S = "torch.tensor(0.8, dtype=torch.float64)"
V3 = "torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64)"
V2 = "torch.tensor([[0.3, -1.0], [2.0, 0.5]], dtype=torch.float64)"

CASES = [
    # one input, one output
    f"F.jacobian(lambda x: x.exp() * x.sum(), {X})",
    f"F.jacobian(lambda x: (x * x).sum(), {X})",
    f"F.jacobian(lambda x: x.sin(), {S})",
    f"F.jacobian(lambda y: y @ y, {Y})",
    f"F.jacobian(lambda x: x[1:] * 3, {X})",
    f"F.jacobian(lambda x: torch.ones(2, dtype=torch.float64), {X})",
    # tuples of inputs and of outputs
    f"F.jacobian(lambda x, s: (x * s, (x ** 2).sum() + s.tanh()), ({X}, {S}))",
    f"F.jacobian(lambda x, y: x[:2] @ y, ({X}, {Y}))",
    f"F.jacobian(lambda x: (x.sigmoid(), x.sum()), {X})",
    # Hessians
    f"F.hessian(lambda x: (x ** 3).sum() + x[0] * x[1] * x[2], {X})",
    f"F.hessian(lambda x: x.sin() * x.exp(), {S})",
    f"F.hessian(lambda y: (y @ y).sum(), {Y})",
    f"F.hessian(lambda x, s: (x * s).exp().sum(), ({X}, {S}))",
    f"F.hessian(lambda x: x.sum(), {X})",
    # products with vectors
    f"F.vjp(lambda x: x.exp() * x.sum(), {X}, {V3})",
    f"F.vjp(lambda y: y @ y, {Y}, {V2})",
    f"F.vjp(lambda x: (x ** 2).sum(), {X})",
    f"F.vjp(lambda x, y: (x[:2] @ y, x.sum()), ({X}, {Y}),"
    f" (torch.tensor([1.0, 2.0], dtype=torch.float64), torch.tensor(3.0, dtype=torch.float64)))",
    f"F.jvp(lambda x: x.exp() * x.sum(), {X}, {V3})",
    f"F.jvp(lambda y: y @ y, {Y}, {V2})",
    f"F.jvp(lambda s: s.sin() * 2, {S})",
    f"F.jvp(lambda x, s: x * s, ({X}, {S}), ({V3}, torch.tensor(2.0, dtype=torch.float64)))",
    f"F.vhp(lambda x: (x ** 3).sum() + x[0] * x[1] * x[2], {X}, {V3})",
    f"F.hvp(lambda x: (x ** 3).sum() + x[0] * x[1] * x[2], {X}, {V3})",
    f"F.vhp(lambda y: (y @ y).sum(), {Y}, {V2})",
    f"F.hvp(lambda y: (y @ y).sum(), {Y}, {V2})",
    f"F.hvp(lambda x, s: (x * s).exp().sum(), ({X}, {S}),"
    f" ({V3}, torch.tensor(2.0, dtype=torch.float64)))",
    f"F.vhp(lambda s: s.sin() * s, {S})",
]


def as_data(value):
    """Tensors as {"shape", "values", "dtype"}; tuples as lists of those."""
    if isinstance(value, tuple):
        return [as_data(v) for v in value]
    return {
        "dtype": str(value.dtype).split(".")[-1],
        "shape": list(value.shape),
        "values": value.detach().double().reshape(-1).tolist(),
    }


def main():
    import torch
    import torch.autograd.functional as F

    records = [
        {"code": code, "result": as_data(eval(code, {"torch": torch, "F": F}))} for code in CASES
    ]
    sys.stdout.write(
        json.dumps({"torch": torch.__version__})[:-1]
        + ', "cases": [\n'
        + ",\n".join(json.dumps(r) for r in records)
        + "\n]}\n"
    )


if __name__ == "__main__":
    main()
