"""Record PyTorch's random numbers for tests/test_random.py (run with a PyTorch install):

    python tests/torch_numbers/record_random.py > tests/torch_numbers/random.json

Each case is a line of code that runs unchanged on PyTorch and on autodiff_tr (the test binds
`torch` to `autodiff_tr`), after `torch.manual_seed(seed)`. What is kept of each result: its dtype
and shape, the first and last values, and two exact sums over all values (math.fsum of the values
and of value * position), so that a change of one value in its last bit, or two values swapped,
changes the record.
"""

import json
import math
import sys

SIZES = [1, 2, 7, 15, 16, 17, 31, 32, 33, 100, 1000, 4099]
SEEDS = [0, 1, 42, 2**32 + 7]
DTYPES = ["float32", "float64"]


def cases():
    for seed in SEEDS:
        for dtype in DTYPES:
            for n in SIZES:
                d = f"dtype=torch.{dtype}"
                yield seed, f"torch.rand({n}, {d})"
                yield seed, f"torch.randn({n}, {d})"
                yield seed, f"torch.normal(1.5, 0.3, size=({n},), {d})"
                yield seed, f"torch.zeros({n}, {d}).uniform_(-0.7, 0.3)"
                yield seed, f"torch.zeros({n}, {d}).normal_(2.0, 0.5)"
            # the spare value of Box-Muller carries over from one call to the next
            for n in (1, 3, 16, 17):
                yield (
                    seed,
                    (
                        f"torch.cat([torch.randn(3, {d}), torch.randn({n}, {d}),"
                        f" torch.randn(1, {d}), torch.rand(2, {d}), torch.randn(2, {d})])"
                    ),
                )
            yield seed, f"torch.randn(4, 5, {d})"
            yield seed, f"torch.randn_like(torch.zeros(3, 7, {d}))"
            yield seed, f"torch.rand_like(torch.zeros(2, 9, {d}))"
            # non-contiguous: PyTorch fills in memory order, and normal_ one value at a time
            yield seed, f"torch.zeros(5, 7, {d}).t().uniform_(0, 2).t()"
            yield seed, f"torch.zeros(5, 7, {d}).t().normal_(0, 2).t()"
            yield seed, f"torch.zeros(5, 70, {d}).t().normal_(0, 2).t()"
            yield (
                seed,
                (f"torch.normal(torch.arange(20, {d}).reshape(4, 5), torch.arange(1, 6, {d}) / 4)"),
            )
            yield seed, f"torch.normal(torch.arange(20, {d}).reshape(4, 5), 0.7)"
            yield seed, f"torch.normal(0.4, torch.arange(1, 21, {d}) / 8)"
            yield seed, f"torch.normal(torch.arange(3, {d}), torch.ones(3, {d}))"
        yield seed, "torch.rand(50, dtype=torch.float16)"
        yield seed, "torch.zeros(50, dtype=torch.float16).uniform_(-2, 3)"
        yield seed, "torch.rand(size=())"
        yield seed, "torch.randn(size=())"
        yield seed, "torch.randn(2, 3, 4)"
        yield seed, "torch.rand((3, 5))"
        for n in (0, 1, 2, 5, 10, 16, 17, 100, 1000, 5000):
            yield seed, f"torch.randperm({n})"
        for size in (1, 5, 17, 100):
            yield seed, f"torch.randint(-3, 10, ({size},))"
            yield seed, f"torch.randint(10, ({size},))"
            yield seed, f"torch.randint(0, 2**40, ({size},))"
            yield seed, f"torch.randint(2**31, 2**33, ({size},))"
            yield seed, f"torch.randint(0, 7, ({size},), dtype=torch.float32)"
        for n in (1, 7, 16, 100, 1000):
            yield seed, f"torch.zeros({n}).bernoulli_(0.3)"
            yield seed, f"torch.bernoulli(torch.arange({n}, dtype=torch.float32) / {n})"
            yield seed, f"torch.bernoulli(torch.arange({n}, dtype=torch.float64) / {n})"
            yield seed, f"torch.bernoulli(torch.zeros({n}), 0.8)"
        yield seed, "torch.zeros(3, 5).t().bernoulli_(torch.tensor([0.1, 0.5, 0.9]))"
        yield seed, "torch.randint(3, 10, (2, 3))"
        yield seed, "torch.randint_like(torch.zeros(4), 5)"
        yield seed, "torch.randn(5, generator=torch.Generator().manual_seed(7))"
    yield None, "torch.randn(20, generator=torch.Generator())"  # a new Generator's seed
    yield None, "torch.rand(3, generator=torch.Generator())"


def fingerprint(values, dtype):
    flat = values.reshape(-1).tolist()
    return {
        "dtype": dtype,
        "shape": list(values.shape),
        "head": flat[:4],
        "tail": flat[-4:],
        "sum": math.fsum(flat),
        "weighted": math.fsum(v * (i + 1) for i, v in enumerate(flat)),
    }


def main():
    import torch

    records = []
    for seed, code in cases():
        if seed is not None:
            torch.manual_seed(seed)
        result = eval(code, {"torch": torch})
        dtype = str(result.dtype).replace("torch.", "")
        records.append(
            {
                "seed": seed,
                "code": code,
                **fingerprint(
                    result.double().numpy() if result.is_floating_point() else result.numpy(), dtype
                ),
            }
        )
    header = {"torch": torch.__version__, "cpu": torch.backends.cpu.get_cpu_capability()}
    lines = ",\n".join(json.dumps(r) for r in records)  # one case per line, for readable diffs
    sys.stdout.write(json.dumps(header)[:-1] + ', "cases": [\n' + lines + "\n]}\n")


if __name__ == "__main__":
    main()
