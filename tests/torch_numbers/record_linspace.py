"""Record PyTorch's `linspace` values, to the last bit, for tests/test_creation.py (run with a
PyTorch install):

    python tests/torch_numbers/record_linspace.py > tests/torch_numbers/linspace.json

Each case is an expression that runs unchanged on PyTorch and on autodiff_tr (the test binds
`torch` to `autodiff_tr`): float32 and float64, 1 to 5000 steps (around the halfway split and the
vector widths of PyTorch's kernel), starts at 0 and elsewhere, negative ranges, start > end, signed
zeros, ranges far from 0 (where a fused multiply-add rounds otherwise than a multiply then an
add), and a few integer dtypes. Recorded: dtype, shape, the SHA-256 of the values' little-endian
bytes (any change of a bit, a signed zero included, changes it) and a few values to read when a
case fails.
"""

import hashlib
import json
import math

STEPS = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 25, 31, 32, 33, 100, 999, 1000, 1001, 4096, 4999, 5000]
RANGES = [
    ("0", "1"), ("0", "2 * math.pi"), ("0", "6.28"), ("0", "-1"), ("-0.0", "-1"), ("-0.0", "1"),
    ("0", "1e-3"), ("-3.3", "7.1"), ("2", "-1"), ("1", "0"), ("-2 * math.pi", "2 * math.pi"),
    ("-10", "-1"), ("-1", "-10"), ("0.1", "2"), ("5", "5"), ("1e6", "1e6 + 1"),
    ("-7.25", "1e4"), ("123.456", "-0.001"), ("1", "-0.0"),
]
INTEGER_CASES = [
    "torch.linspace(0, 10, 4, dtype=torch.int64)",
    "torch.linspace(-5, 7, 13, dtype=torch.int32)",
    "torch.linspace(3, -4, 9, dtype=torch.int64)",
    "torch.linspace(0.5, 9.7, 11, dtype=torch.int64)",
    "torch.linspace(-2.7, 3.9, 100, dtype=torch.int16)",
    "torch.linspace(0, 255, 256, dtype=torch.uint8)",
]


def cases():
    for dtype in ("float32", "float64"):
        for start, end in RANGES:
            for steps in STEPS:
                yield f"torch.linspace({start}, {end}, {steps}, dtype=torch.{dtype})"
    yield from INTEGER_CASES


def record(value):
    array = value.numpy()
    little_endian = array.astype(array.dtype.newbyteorder("<"))
    n = array.size
    positions = sorted({0, 1, n // 2 - 1, n // 2, n - 2, n - 1} & set(range(n)))
    return {"dtype": str(value.dtype).split(".")[-1], "shape": list(value.shape),
            "sha256": hashlib.sha256(little_endian.tobytes()).hexdigest(),
            "values": {str(i): float(array[i]) for i in positions}}


def main():
    import torch
    records = [json.dumps({"code": code, **record(eval(code, {"torch": torch, "math": math}))})
               for code in cases()]  # one case a line
    version = json.dumps(torch.__version__)
    print(f'{{"torch": {version}, "cases": [\n' + ",\n".join(records) + "\n]}")


if __name__ == "__main__":
    main()
