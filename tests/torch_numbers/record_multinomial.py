"""Record PyTorch's multinomial, exponential and geometric samples for
tests/test_random_sampling.py (run with a PyTorch install):

    python tests/torch_numbers/record_multinomial.py > tests/torch_numbers/multinomial.json

Each case is an expression that runs unchanged on PyTorch and on autodiff_tr (the test binds
`torch` to `autodiff_tr`); `seed` is given either to `torch.manual_seed` (key "manual_seed") or
to a fresh `torch.Generator()` passed as `generator=g`. The weights are built from a small
deterministic formula (no random numbers), so that the test rebuilds them exactly. Recorded:
the samples themselves, and one `torch.rand(3)` after them (the generator's position), and the
exception type and message of the bad cases.
"""

import json
import sys

import torch

SEEDS = [0, 42, 2147483647, 2**32 + 7]


def weights(rows, n, dtype, zeros=False, scale=1.0):
    """The code of `w(...)` below."""
    return (f"w({rows}, {n}, torch.{dtype}, zeros={zeros}, scale={scale})")


def w(rows, n, dtype, zeros=False, scale=1.0):
    """Deterministic weights in [0, scale): (i * 7919 + j * 104729) % 1000 / 1000 per entry
    (the first of a row raised by 0.001); with `zeros`, every third entry is 0. rows=0: one row,
    as a 1-d tensor. tests/test_random_sampling.py has the same function."""
    values = [[((i * 7919 + j * 104729) % 1000) / 1000 * scale + (1e-3 if j == 0 else 0)
               for j in range(n)] for i in range(max(rows, 1))]
    if zeros:
        values = [[0.0 if j % 3 == 2 else v for j, v in enumerate(row)] for row in values]
    t = torch.tensor(values, dtype=dtype)
    return t[0] if rows == 0 else t


def cases():
    for seed in SEEDS:
        for dtype in ("float32", "float64"):
            for n in (1, 2, 5, 27, 100):
                for rows in (0, 1, 3):  # rows 0: a 1-d distribution
                    for zeros in (False, True):
                        p = weights(rows, n, dtype, zeros, 3.5 if zeros else 1.0)
                        nonzero = n - (n // 3 if zeros else 0)
                        for k in sorted({1, 2, nonzero // 2 + 1, nonzero}):
                            if k <= nonzero:
                                yield seed, f"torch.multinomial({p}, {k}{{g}})"
                        for k in (1, 3, 50):
                            yield seed, f"torch.multinomial({p}, {k}, replacement=True{{g}})"
            yield seed, f"{weights(1, 27, dtype)}.multinomial(5, True{{g}})"
            yield seed, f"torch.multinomial({weights(5, 4, dtype)}.t(), 3{{g}})"
            yield seed, f"torch.multinomial({weights(5, 4, dtype)}.t(), 3, replacement=True{{g}})"
            yield seed, f"torch.zeros(4, 9, dtype=torch.{dtype}).t().exponential_(2.5{{g}}).t()"
            yield seed, f"torch.zeros(100, dtype=torch.{dtype}).exponential_(1.0{{g}})"
            for p in (0.01, 0.3, 0.9):
                yield seed, f"torch.zeros(30, dtype=torch.{dtype}).geometric_({p}{{g}})"
        yield seed, "torch.zeros(30, dtype=torch.int64).geometric_(0.2{g})"
        # more samples than positive weights without replacement: zeros tie, in topk's order
        # (its nth_element path, and partial_sort where k * 64 <= n)
        for n, k, m in ((9, 9, 3), (27, 20, 5), (100, 80, 10), (300, 200, 40), (700, 10, 5),
                        (1300, 20, 5)):  # m positive weights, n - m zeros
            for dtype in ("float32", "float64"):
                yield seed, (f"torch.multinomial(w(2, {n}, torch.{dtype}) * (torch.arange({n})"
                             f" < {m}), {k}{{g}})")
        # the softmax of makemore's sampling loop
        yield seed, "torch.multinomial(torch.softmax(torch.arange(27.0) / 9, 0), 1, True{g})"


BAD = [
    "torch.multinomial(torch.tensor([0.5, -0.1]), 1)",
    "torch.multinomial(torch.tensor([0.0, 0.0]), 1)",
    "torch.multinomial(torch.tensor([0.0, float('inf')]), 1)",
    "torch.multinomial(torch.tensor([0.0, float('nan')]), 1)",
    "torch.multinomial(torch.tensor([0.5, -0.1]), 2, True)",
    "torch.multinomial(torch.tensor([0.0, 0.0]), 2, True)",
    "torch.multinomial(torch.tensor([1.0, float('inf')]), 2, True)",
    "torch.multinomial(torch.tensor([1.0, float('nan')]), 2, True)",
    "torch.multinomial(torch.tensor([[1.0, 2.0], [0.0, 0.0]]), 1)",
    "torch.multinomial(torch.tensor([[1.0, 2.0], [0.0, 0.0]]), 2, True)",
    "torch.multinomial(torch.tensor([1.0, 2.0]), 3)",
    "torch.multinomial(torch.tensor([1.0, 2.0]), 0)",
    "torch.multinomial(torch.tensor([1, 2]), 1)",
    "torch.multinomial(torch.tensor(1.0), 1)",
    "torch.multinomial(torch.ones(2, 2, 2), 1)",
    "torch.multinomial(torch.ones(0), 1)",
    "torch.zeros(3).exponential_(-1.0)",
    "torch.zeros(3).exponential_(0.0)",
    "torch.zeros(3).geometric_(0.0)",
    "torch.zeros(3).geometric_(1.5)",
]


def record():
    out = {"torch": torch.__version__, "cases": [], "bad": []}
    for seed, code in cases():
        for how in ("manual_seed", "generator"):
            torch.manual_seed(seed)
            g = torch.Generator().manual_seed(seed)
            value = eval(code.format(g="" if how == "manual_seed" else ", generator=g"))
            after = (torch.rand(3) if how == "manual_seed" else torch.rand(3, generator=g)).tolist()
            out["cases"].append({"seed": seed, "how": how, "code": code,
                                 "shape": list(value.shape), "dtype": str(value.dtype),
                                 "values": value.flatten().tolist(), "after": after})
    for code in BAD:
        try:
            eval(code)
        except Exception as error:  # noqa: BLE001 - the recorded type is the point
            out["bad"].append({"code": code, "error": type(error).__name__,
                               "message": str(error).split("\n")[0]})
        else:
            raise AssertionError(code)
    return out


if __name__ == "__main__":
    recorded = record()
    lines = [json.dumps(case, separators=(",", ":")) for case in recorded.pop("cases")]
    sys.stdout.write(json.dumps(recorded, indent=1)[:-2] + ',\n "cases": [\n'
                     + ",\n".join(lines) + "\n]}\n")
