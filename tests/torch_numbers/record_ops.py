"""Record PyTorch's values, grad_fn names and gradients of the Tensor API for
tests/test_tensor_api.py (run with a PyTorch install):

    python tests/torch_numbers/record_ops.py > tests/torch_numbers/ops.json

Each case is an expression that runs unchanged on PyTorch and on autodiff_tr (the test binds
`torch` to `autodiff_tr`), on the inputs SETUP makes. When the result requires grad,
`(result * w).sum()` is differentiated, with w = 1, 1.1, 1.2, ... in the result's shape, and the
gradient of every input is recorded too.
"""

import json
import sys

SETUP = {
    "x": "torch.tensor([[0.5, -1.2, 2.0, 0.3], [1.1, 0.0, -0.4, 2.5], [-2.0, 0.7, 0.7, -0.1]],"
    " dtype=torch.float64, requires_grad=True)",
    "v": "torch.tensor([0.5, -1.5, 2.5, 1.0], dtype=torch.float64, requires_grad=True)",
    "z": "torch.tensor([[0.0, 2.0, 0.0], [1.5, 0.0, 3.0], [2.0, -1.0, 0.5]], dtype=torch.float64,"
    " requires_grad=True)",
    "f": "torch.tensor([[0.25, -1.5, 3.0], [0.75, 2.0, -0.5]], requires_grad=True)",
}

CASES = [
    # argmax / argmin, max / min along a dim
    "x.argmax()",
    "x.argmax(1)",
    "x.argmax(dim=0, keepdim=True)",
    "torch.argmax(x, dim=1)",
    "x.argmin(1)",
    "torch.argmin(x)",
    "x.argmax(axis=1, keepdims=True)",
    "torch.max(x, 1).values",
    "torch.max(x, 1).indices",
    "x.max(dim=0, keepdim=True)[0]",
    "x.min(1)[1]",
    "torch.min(x, dim=-1, keepdims=True).values",
    "x.max(axis=0).values",
    # maximum / minimum (x has a tie at 0.7 with the constant)
    "torch.maximum(x, v)",
    "torch.minimum(x, v)",
    "x.maximum(v * 0 + 0.7)",
    "torch.minimum(v, x)",
    "torch.max(x, v)",
    "torch.min(x, torch.tensor(0.5, dtype=torch.float64))",
    # softmax family
    "x.softmax(1)",
    "torch.softmax(x, dim=0)",
    "x.log_softmax(-1)",
    "torch.log_softmax(x, 0)",
    "x.softmax(dim=-1)",
    "f.softmax(1)",
    "f.log_softmax(0)",
    "v.softmax(0)",
    "x.logsumexp(1)",
    "torch.logsumexp(x, dim=0, keepdim=True)",
    "x.logsumexp((0, 1))",
    "f.logsumexp(1)",
    "(x * 300).logsumexp(1)",
    "(x * 300).softmax(1)",
    "(x * 300).log_softmax(1)",
    # prod (z has zeros: one in a row, two in a column)
    "x.prod()",
    "x.prod(1)",
    "x.prod(0, keepdim=True)",
    "torch.prod(v)",
    "z.prod()",
    "z.prod(0)",
    "z.prod(1)",
    "z[1:].prod()",
    "z.prod(dim=1, keepdims=True)",
    # cumsum
    "x.cumsum(1)",
    "torch.cumsum(x, dim=0)",
    "v.cumsum(0)",
    "x.cumsum(-1)",
    "f.cumsum(0)",
    # var / std
    "x.var()",
    "x.var(1)",
    "x.var(0, unbiased=False)",
    "x.var(dim=1, correction=0, keepdim=True)",
    "x.std()",
    "x.std(1)",
    "torch.std(x, dim=0, keepdim=True)",
    "torch.var(v)",
    "f.std(1)",
    "x.var((0, 1))",
    "x.std(1, correction=2)",
    "torch.var(x, 1, True, True)",
    "x.std(axis=0)",
    # elementwise
    "x.square()",
    "torch.square(v)",
    "x.abs().log1p()",
    "torch.log1p(v.abs())",
    "x.expm1()",
    "torch.expm1(v)",
    "x.sign()",
    "torch.sign(v) * v",
    "f.square()",
    "f.expm1()",
    # gather, masked_fill
    "x.gather(1, torch.tensor([[0, 1], [2, 3], [1, 1]]))",
    "torch.gather(x, 0, torch.tensor([[0, 1, 2, 0]]))",
    "x.gather(-1, torch.tensor([[3], [3], [0]]))",
    "torch.gather(v, 0, torch.tensor([3, 3, 0]))",
    "x.masked_fill(x > 0.5, 0.0)",
    "x.masked_fill(torch.tensor([True, False, True, False]), -1.0)",
    "x.masked_fill(x < 0, v[0])",
    "torch.masked_fill(x, x > 1, 2.5)",
    "f.masked_fill(f < 0, 1)",
    # conversions and shapes
    "x.type(torch.float32)",
    "f.type(torch.float64)",
    "x.type('torch.FloatTensor')",
    "x.t()",
    "v.t()",
    "x.t().t()",
    "torch.t(x)",
    "f.t() * 2",
    # keepdims / axis, PyTorch's NumPy-style spellings
    "x.sum(1, keepdims=True)",
    "x.mean(1, keepdims=True)",
    "x.sum(axis=0)",
    "x.mean(axis=1)",
    "torch.sum(x, axis=1, keepdims=True)",
    "torch.mean(x, axis=0, keepdims=True)",
    # linspace: PyTorch's step and fused multiply-adds (sin of its values near pi shows them)
    "torch.linspace(0., 2. * 3.141592653589793, steps=25)",
    "torch.linspace(0., 2. * 3.141592653589793, steps=25).sin()",
    "torch.linspace(-3.3, 7.1, 1000)",
    "torch.linspace(0.1, 2, 20, dtype=torch.float64)",
    "torch.linspace(0, 10, 4, dtype=torch.int64)",
    "torch.linspace(2, -1, 17)",
    "torch.linspace(0, 1, 1)",
    "torch.linspace(0, 1, 0)",
    # arange with a float step: PyTorch's blocks of 8 (float32) or 4 (float64) values
    "torch.arange(-8.0, 8.0, 0.1)",
    "torch.arange(-8.0, 8.0, 0.1).relu()",
    "torch.arange(0.5, 100., 0.37)",
    "torch.arange(-5.3, 7.9, 0.123, dtype=torch.float64)",
    "torch.arange(0., 1., 0.001)",
    "torch.arange(4.0)",
    "torch.arange(0, 10, 3)",
    # new tensors
    "x.new_zeros(2, 3)",
    "x.new_ones((2,))",
    "v.new_zeros(3, dtype=torch.int64)",
    "f.new_ones(2)",
    "torch.zeros(2, dtype=torch.int64).new_ones(3)",
]


def as_data(value):
    if value is None:
        return None
    return {
        "dtype": str(value.dtype).split(".")[-1],
        "shape": list(value.shape),
        "values": value.detach().double().reshape(-1).tolist(),
    }


def run(torch, code):
    """The case `code` on the library `torch`: its result, grad_fn and input gradients."""
    inputs = {name: eval(make, {"torch": torch}) for name, make in SETUP.items()}
    result = eval(code, {"torch": torch, **inputs})
    record = {
        "code": code,
        "result": as_data(result),
        "grad_fn": None if result.grad_fn is None else result.grad_fn.name(),
    }
    if result.requires_grad:
        w = torch.arange(result.numel(), dtype=result.dtype).reshape(result.shape) * 0.1 + 1
        (result * w).sum().backward()
        record["grads"] = {name: as_data(t.grad) for name, t in inputs.items()}
    return record


def main():
    import torch

    records = [run(torch, code) for code in CASES]
    sys.stdout.write(
        json.dumps({"torch": torch.__version__, "setup": SETUP})[:-1]
        + ', "cases": [\n'
        + ",\n".join(json.dumps(r) for r in records)
        + "\n]}\n"
    )


if __name__ == "__main__":
    main()
