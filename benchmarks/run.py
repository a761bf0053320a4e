"""Speed and memory of autodiff_tr, side by side with hand-written NumPy and PyTorch CPU.

    python benchmarks/run.py              # full run (15 rounds)
    python benchmarks/run.py --quick      # smoke run (3 rounds, shorter inner loops)
    python benchmarks/run.py --rounds 30

Every case exists three times: with the engine, written by hand in NumPy (the forward keeps what the
backward needs, the backward is the hand-derived formula), and with PyTorch when it is installed
(`import torch` is guarded; PyTorch is never a dependency). Cases 1, 2 and 3c also run on
`floor.py`, a bare-bones engine that shows what Python on NumPy costs at least. Before any timing,
the script asserts that the gradients of all of them equal the NumPy ones.

All three run in this one process, on one thread each. The timing goes in rounds: in every round
each case is timed with the engine, NumPy and PyTorch, one after the other, each in an inner loop
sized (once, at the start) to take about 30 ms. A round gives the ratios engine/NumPy and
engine/PyTorch; the table shows the median of these per-round ratios, so that slow drifts of the
machine hit all three alike. Case 4 (memory) compares tracemalloc peaks, which NumPy reports to
and PyTorch does not, so it has no PyTorch column.
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
import gc  # noqa: E402
import importlib.util  # noqa: E402
import math  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from functools import partial  # noqa: E402

import numpy as np  # noqa: E402

import autodiff_tr as ad  # noqa: E402
from autodiff_tr.learn.examples import f  # noqa: E402  (the chapter's, for autodiff_tr and torch alike)

# floor.py, next to this file (loaded by path: the tests load this script by path, too)
_spec = importlib.util.spec_from_file_location(
    "benchmarks_floor", os.path.join(os.path.dirname(os.path.abspath(__file__)), "floor.py")
)
floor = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(floor)

try:  # PyTorch is optional: without it the PyTorch column says n/a
    import torch
except ImportError:  # pragma: no cover - depends on the machine
    torch = None
else:
    torch.set_num_threads(1)

LIBS = ("engine", "numpy", "torch", "floor")
# The engine's API is a subset of PyTorch's, so each case's autograd code is written once, for a
# `lib` that is autodiff_tr or torch.
AUTOGRAD_LIBS = (ad, torch) if torch is not None else (ad,)


def _with_torch(run):
    """The torch side of a case: `run` bound to torch, or None where torch is not installed."""
    return partial(run, torch) if torch is not None else None


def _np(value):
    """A gradient from any of the three libraries, as a NumPy array."""
    if value is None:
        return None
    if torch is not None and isinstance(value, torch.Tensor):
        return value.detach().numpy().copy()
    if isinstance(value, ad.Tensor):
        return np.array(value.detach().numpy())
    if isinstance(value, floor.Tensor):
        return np.array(value.data)
    return np.array(value)


class Case:
    """One benchmark case: the same computation with the engine, NumPy by hand and PyTorch (and,
    for some, the floor engine).

    Each `run` function does one forward and backward. Called with a list, it appends (copies of)
    the gradients it computed, for the equality check; called with None, it only computes.
    """

    def __init__(
        self,
        name,
        engine,
        numpy,
        torch_fn,
        target_numpy=None,
        target_torch=None,
        rtol=1e-5,
        atol=1e-8,
        floor_fn=None,
    ):
        self.name = name
        self.runs = {"engine": engine, "numpy": numpy, "torch": torch_fn, "floor": floor_fn}
        self.target_numpy = target_numpy
        self.target_torch = target_torch
        self.rtol = rtol
        self.atol = atol

    def gradients(self, lib):
        out = []
        self.runs[lib](out)
        return [_np(g) for g in out]

    def check(self):
        """Assert that the engine (and PyTorch, and the floor) compute the NumPy gradients."""
        expected = self.gradients("numpy")
        libs = [lib for lib in LIBS if lib != "numpy" and self.runs[lib] is not None]
        for lib in libs:
            got = self.gradients(lib)
            assert len(got) == len(expected), (self.name, lib, len(got), len(expected))
            for k, (g, e) in enumerate(zip(got, expected)):
                assert g.shape == e.shape, (self.name, lib, k, g.shape, e.shape)
                assert g.dtype == e.dtype, (self.name, lib, k, g.dtype, e.dtype)
                assert np.allclose(g, e, rtol=self.rtol, atol=self.atol), (
                    f"{self.name}: {lib} gradient #{k} differs from NumPy's: "
                    f"max abs diff {np.max(np.abs(g - e))}"
                )


# ---------------------------------------------------------------- case 1: the chapter

A_CHAPTER = 0.75  # the 0-d input of the control-flow function f (the chapter draws it at random)


def chapter_case():
    """The whole sequence of the autograd chapter (notebook 01), each step with its backward."""

    def sequence(lib, out):  # `lib` is autodiff_tr or torch: the same code runs on both
        x = lib.arange(4.0)
        x.requires_grad_()
        y = 2 * lib.dot(x, x)
        y.backward()
        if out is not None:
            out.append(x.grad.clone())
        x.grad.zero_()
        y = x.sum()
        y.backward()
        if out is not None:
            out.append(x.grad.clone())
        x.grad.zero_()
        y = x * x
        y.sum().backward()
        if out is not None:
            out.append(x.grad.clone())
        x.grad.zero_()
        y = x * x
        u = y.detach()
        z = u * x
        z.sum().backward()
        if out is not None:
            out.append(x.grad.clone())
        x.grad.zero_()
        y.sum().backward()
        if out is not None:
            out.append(x.grad.clone())
        a = lib.tensor(A_CHAPTER, requires_grad=True)
        d = f(a)
        d.backward()
        if out is not None:
            out.append(a.grad.clone())

    def numpy(out):
        # Each step: the forward value, then its gradient by the hand-derived formula.
        x = np.arange(4.0, dtype=np.float32)
        y = 2 * np.dot(x, x)  # noqa: F841 - the forward, as in the chapter
        grad = 4 * x  # d(2 x.x)/dx
        if out is not None:
            out.append(grad.copy())
        grad[...] = 0
        y = x.sum()  # noqa: F841
        grad += 1  # d(sum x)/dx
        if out is not None:
            out.append(grad.copy())
        grad[...] = 0
        y = x * x
        y.sum()
        grad += 2 * x  # d(sum x*x)/dx
        if out is not None:
            out.append(grad.copy())
        grad[...] = 0
        y = x * x
        u = y.copy()  # detach: a constant with the values of y
        z = u * x
        z.sum()
        grad += u  # d(sum u*x)/dx with u constant
        if out is not None:
            out.append(grad.copy())
        grad[...] = 0
        y.sum()
        grad += 2 * x
        if out is not None:
            out.append(grad.copy())
        # f(a): c = k * a for the k that the control flow picks; dc/da = k.
        a = np.float32(A_CHAPTER)
        k = np.float32(2)
        b = a * k
        while np.abs(b) < 1000:  # the norm of a 0-d array is its absolute value
            b = b * 2
            k = k * 2
        if b > 0:
            c = b  # noqa: F841
        else:
            c = 100 * b  # noqa: F841
            k = k * 100
        if out is not None:
            out.append(np.array(k, dtype=np.float32))

    return Case(
        "1 chapter sequence (arange(4.0), f(a))",
        partial(sequence, ad),
        numpy,
        _with_torch(sequence),
        target_torch=0.3,
        floor_fn=partial(sequence, floor),
    )


# ---------------------------------------------------------------- case 2: a long chain


def chain_case(n_ops=1000, size=16):
    """`n_ops` cheap elementwise ops on a short float32 vector, then sum().backward()."""
    rng = np.random.default_rng(0)
    x0 = rng.standard_normal(size).astype(np.float32)
    kinds = ("sin", "scale", "shift", "tanh", "neg", "exp")
    plan = [kinds[i % len(kinds)] for i in range(n_ops)]

    def chain(lib, out):  # `lib` is autodiff_tr or torch: the same code runs on both
        x = lib.from_numpy(x0.copy()).requires_grad_()
        y = x
        for kind in plan:
            if kind == "sin":
                y = y.sin()
            elif kind == "scale":
                y = y * 1.01
            elif kind == "shift":
                y = y + 0.1
            elif kind == "tanh":
                y = y.tanh()
            elif kind == "neg":
                y = -y
            else:
                y = y.exp()
        y.sum().backward()
        if out is not None:
            out.append(x.grad)

    def numpy(out):
        # Forward: keep what each op's derivative needs (the input of sin, the output of tanh
        # and exp); backward: multiply the incoming gradient by the derivatives in reverse order.
        y = x0
        kept = []
        for kind in plan:
            if kind == "sin":
                kept.append(y)
                y = np.sin(y)
            elif kind == "scale":
                y = y * 1.01
            elif kind == "shift":
                y = y + 0.1
            elif kind == "tanh":
                y = np.tanh(y)
                kept.append(y)
            elif kind == "neg":
                y = -y
            else:
                y = np.exp(y)
                kept.append(y)
        y.sum()
        g = np.ones_like(y)
        for kind in reversed(plan):
            if kind == "sin":
                g = g * np.cos(kept.pop())
            elif kind == "scale":
                g = g * 1.01
            elif kind == "tanh":
                t = kept.pop()
                g = g * (1 - t * t)
            elif kind == "neg":
                g = -g
            elif kind == "exp":
                g = g * kept.pop()
            # shift: the gradient passes through unchanged
        if out is not None:
            out.append(g)

    return Case(
        f"2 chain of {n_ops} elementwise ops, n={size} f32",
        partial(chain, ad),
        numpy,
        _with_torch(chain),
        target_numpy=3.0,
        target_torch=0.75,
        rtol=1e-4,
        atol=1e-6,
        floor_fn=partial(chain, floor),
    )


# ---------------------------------------------------------------- case 3: large arrays


def big_elementwise_inputs(n=1_000_000):
    return np.random.default_rng(1).uniform(-3, 3, n)


def big_elementwise_case(n=1_000_000):
    """sum(sin(x) * x + exp(-x * x)) and its gradient, float64."""
    x0 = big_elementwise_inputs(n)
    leaves = {lib: lib.from_numpy(x0.copy()).requires_grad_() for lib in AUTOGRAD_LIBS}

    def run(lib, out):  # `lib` is autodiff_tr or torch: the same code runs on both
        x = leaves[lib]
        x.grad = None
        y = (lib.sin(x) * x + lib.exp(-x * x)).sum()
        y.backward()
        if out is not None:
            out.append(x.grad)

    def numpy(out):
        x = x0
        s = np.sin(x)
        e = np.exp(-x * x)
        y = (s * x + e).sum()  # noqa: F841 - the forward value
        # d/dx [sin(x) x + exp(-x^2)] = sin(x) + x cos(x) - 2 x exp(-x^2)
        grad = s + x * (np.cos(x) - 2 * e)
        if out is not None:
            out.append(grad)

    label = "1e6" if n == 1_000_000 else str(n)
    return Case(
        f"3a sum(sin(x)*x+exp(-x*x)), n={label} f64",
        partial(run, ad),
        numpy,
        _with_torch(run),
        target_numpy=1.15,
    )


def mlp_case(dtype=np.float64, batch=128, sizes=(784, 256, 10)):
    """One forward and backward of a tanh MLP with a mean-squared-error loss (no update)."""
    n_in, n_hidden, n_out = sizes
    rng = np.random.default_rng(2)
    X = rng.standard_normal((batch, n_in)).astype(dtype)
    T = rng.standard_normal((batch, n_out)).astype(dtype)
    W1 = (rng.standard_normal((n_in, n_hidden)) / math.sqrt(n_in)).astype(dtype)
    b1 = np.zeros(n_hidden, dtype)
    W2 = (rng.standard_normal((n_hidden, n_out)) / math.sqrt(n_hidden)).astype(dtype)
    b2 = np.zeros(n_out, dtype)
    arrays = (W1, b1, W2, b2)

    params = {
        lib: [lib.from_numpy(p.copy()).requires_grad_() for p in arrays] for lib in AUTOGRAD_LIBS
    }
    data = {lib: (lib.from_numpy(X), lib.from_numpy(T)) for lib in AUTOGRAD_LIBS}

    def step(lib, out):  # `lib` is autodiff_tr or torch: the same code runs on both
        w1, c1, w2, c2 = params[lib]
        inputs, targets = data[lib]
        for p in params[lib]:
            p.grad = None
        h = lib.tanh(inputs @ w1 + c1)
        loss = ((h @ w2 + c2 - targets) ** 2).mean()
        loss.backward()
        if out is not None:
            out.extend(p.grad for p in params[lib])

    def numpy(out):
        h = np.tanh(X @ W1 + b1)
        diff = h @ W2 + b2 - T
        loss = (diff * diff).mean()  # noqa: F841 - the forward value
        d_out = diff * (2 / diff.size)  # d loss / d output
        g_W2 = h.T @ d_out
        g_b2 = d_out.sum(axis=0)
        d_pre = (d_out @ W2.T) * (1 - h * h)  # through tanh: 1 - tanh^2
        g_W1 = X.T @ d_pre
        g_b1 = d_pre.sum(axis=0)
        if out is not None:
            out.extend((g_W1, g_b1, g_W2, g_b2))

    bits = np.dtype(dtype).itemsize * 8
    tol = {"rtol": 1e-4, "atol": 1e-6} if bits == 32 else {}
    return Case(
        f"3b MLP {n_in}-{n_hidden}-{n_out} tanh, batch {batch}, f{bits}",
        partial(step, ad),
        numpy,
        _with_torch(step),
        target_numpy=1.15,
        **tol,
    )


def sin_case(n=10_000):
    """sin over linspace(0, 2 pi, n) (float32, the default), then sum().backward()."""
    leaves = {
        lib: lib.linspace(0, 2 * math.pi, steps=n).requires_grad_()
        for lib in (*AUTOGRAD_LIBS, floor)
    }
    # the same values for NumPy (ad.linspace rounds as PyTorch's does, NumPy's in its own way)
    x0 = leaves[ad].detach().numpy().copy()
    assert np.allclose(x0, np.linspace(0, 2 * math.pi, n, dtype=np.float32), rtol=1e-6, atol=1e-6)

    def run(lib, out):  # `lib` is autodiff_tr or torch: the same code runs on both
        x = leaves[lib]
        x.grad = None
        lib.sin(x).sum().backward()
        if out is not None:
            out.append(x.grad)

    def numpy(out):
        np.sin(x0).sum()
        grad = np.cos(x0)  # d(sum sin x)/dx
        if out is not None:
            out.append(grad)

    return Case(
        f"3c sin(linspace(0, 2pi, {n})).sum(), f32",
        partial(run, ad),
        numpy,
        _with_torch(run),
        target_numpy=1.15,
        rtol=1e-5,
        atol=1e-6,
        floor_fn=partial(run, floor),
    )


def train_step_case(batch=128, sizes=(784, 256, 10), lr=0.01, momentum=0.9):
    """One training step of a ReLU MLP as a learner writes it with `nn` and `optim`:
    `nn.Sequential(Linear, ReLU, Linear)`, `nn.CrossEntropyLoss()`, `optim.SGD(momentum=0.9)`;
    zero_grad, forward, backward, step. float32, PyTorch's layout (weight: out x in)."""
    n_in, n_hidden, n_out = sizes
    rng = np.random.default_rng(3)
    X = rng.standard_normal((batch, n_in)).astype(np.float32)
    y = rng.integers(0, n_out, batch)
    initial = [
        (rng.uniform(-1, 1, (n_hidden, n_in)) / math.sqrt(n_in)).astype(np.float32),
        (rng.uniform(-1, 1, n_hidden) / math.sqrt(n_in)).astype(np.float32),
        (rng.uniform(-1, 1, (n_out, n_hidden)) / math.sqrt(n_hidden)).astype(np.float32),
        (rng.uniform(-1, 1, n_out) / math.sqrt(n_hidden)).astype(np.float32),
    ]

    def model(lib):
        nn = lib.nn
        net = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_out))
        with lib.no_grad():
            for param, value in zip(net.parameters(), initial):
                param.copy_(lib.from_numpy(value.copy()))
        optimizer = lib.optim.SGD(net.parameters(), lr=lr, momentum=momentum)
        return net, nn.CrossEntropyLoss(), optimizer, lib.from_numpy(X), lib.from_numpy(y)

    models = {lib: model(lib) for lib in AUTOGRAD_LIBS}

    def step(lib, out):  # `lib` is autodiff_tr or torch: the same code runs on both
        net, loss_fn, optimizer, inputs, labels = models[lib]
        optimizer.zero_grad()
        loss = loss_fn(net(inputs), labels)
        loss.backward()
        if out is not None:
            out.extend(p.grad.clone() for p in net.parameters())
        optimizer.step()

    params = [p.copy() for p in initial]
    buffers = [None] * 4
    rows = np.arange(batch)

    def numpy(out):
        W1, b1, W2, b2 = params
        h = np.maximum(X @ W1.T + b1, 0)
        logits = h @ W2.T + b2
        shifted = logits - logits.max(axis=1, keepdims=True)
        exps = np.exp(shifted)
        sums = exps.sum(axis=1, keepdims=True)
        loss = -(shifted[rows, y] - np.log(sums[:, 0])).mean()  # noqa: F841 - the forward value
        d_logits = exps / sums  # softmax minus one-hot, over the batch size
        d_logits[rows, y] -= 1
        d_logits /= batch
        d_h = d_logits @ W2
        d_h[h <= 0] = 0  # through ReLU
        grads = (d_h.T @ X, d_h.sum(axis=0), d_logits.T @ h, d_logits.sum(axis=0))
        if out is not None:
            out.extend(g.copy() for g in grads)
        for i, g in enumerate(grads):  # SGD with momentum: b = m*b + g (b = g at first); p -= lr*b
            if buffers[i] is None:
                buffers[i] = g.copy()
            else:
                buffers[i] *= momentum
                buffers[i] += g
            params[i] -= lr * buffers[i]

    return Case(
        f"3d train step {n_in}-{n_hidden}-{n_out} nn+SGD(momentum), batch {batch}, f32",
        partial(step, ad),
        numpy,
        _with_torch(step),
        target_numpy=1.15,
        rtol=1e-4,
        atol=1e-6,
    )


def makemore_step_case(batch=32, vocab=27, block=3, n_embd=10, n_hidden=200, n_words=300, lr=0.1):
    """One training step of makemore's MLP (Karpathy's part 2) as the notebook writes it:
    embedding lookup `C[X]`, `view`, a tanh layer, `F.cross_entropy`, then `p.grad = None`,
    backward and `p.data += -lr * p.grad` for each parameter; a minibatch of 32 contexts of 3
    characters, float32. NumPy by hand: the same forward, the softmax-minus-one-hot backward,
    the embedding's gradient added up with `np.add.at`, and the same update."""
    rng = np.random.default_rng(4)
    X = rng.integers(0, vocab, (n_words, block))
    Y = rng.integers(0, vocab, n_words)
    ix = rng.integers(0, n_words, batch)
    Xb, Yb = X[ix], Y[ix]
    initial = [
        rng.standard_normal((vocab, n_embd)).astype(np.float32),
        (rng.standard_normal((block * n_embd, n_hidden)) * 0.2).astype(np.float32),
        (rng.standard_normal(n_hidden) * 0.01).astype(np.float32),
        (rng.standard_normal((n_hidden, vocab)) * 0.01).astype(np.float32),
        np.zeros(vocab, np.float32),
    ]
    params = {
        lib: [lib.from_numpy(p.copy()).requires_grad_() for p in initial] for lib in AUTOGRAD_LIBS
    }
    data = {lib: (lib.from_numpy(Xb), lib.from_numpy(Yb)) for lib in AUTOGRAD_LIBS}

    def step(lib, out):  # `lib` is autodiff_tr or torch: the same code runs on both
        C, W1, b1, W2, b2 = params[lib]
        inputs, targets = data[lib]
        emb = C[inputs]
        h = lib.tanh(emb.view(-1, block * n_embd) @ W1 + b1)
        logits = h @ W2 + b2
        loss = lib.nn.functional.cross_entropy(logits, targets)
        for p in params[lib]:
            p.grad = None
        loss.backward()
        if out is not None:
            out.extend(p.grad.clone() for p in params[lib])
        for p in params[lib]:
            p.data += -lr * p.grad

    arrays = [p.copy() for p in initial]
    rows = np.arange(batch)

    def numpy(out):
        C, W1, b1, W2, b2 = arrays
        flat = C[Xb].reshape(batch, block * n_embd)
        h = np.tanh(flat @ W1 + b1)
        logits = h @ W2 + b2
        shifted = logits - logits.max(axis=1, keepdims=True)
        exps = np.exp(shifted)
        sums = exps.sum(axis=1, keepdims=True)
        loss = -(shifted[rows, Yb] - np.log(sums[:, 0])).mean()  # noqa: F841 - the forward value
        d_logits = exps / sums  # softmax minus one-hot, over the batch size
        d_logits[rows, Yb] -= 1
        d_logits /= batch
        d_pre = (d_logits @ W2.T) * (1 - h * h)  # through tanh
        g_C = np.zeros_like(C)
        np.add.at(g_C, Xb, (d_pre @ W1.T).reshape(batch, block, n_embd))
        grads = (g_C, flat.T @ d_pre, d_pre.sum(axis=0), h.T @ d_logits, d_logits.sum(axis=0))
        if out is not None:
            out.extend(g.copy() for g in grads)
        for p, g in zip(arrays, grads):
            p += -lr * g

    return Case(
        f"3e makemore MLP step {block}x{n_embd}-{n_hidden}-{vocab}, batch {batch}, f32",
        partial(step, ad),
        numpy,
        _with_torch(step),
        rtol=1e-4,
        atol=1e-6,
    )


def all_cases(small=False):
    """The cases of the spec; `small` shrinks them for the smoke test."""
    if small:
        return [
            chapter_case(),
            chain_case(n_ops=30, size=4),
            big_elementwise_case(n=1000),
            mlp_case(np.float64, batch=4, sizes=(7, 5, 3)),
            mlp_case(np.float32, batch=4, sizes=(7, 5, 3)),
            sin_case(n=50),
            train_step_case(batch=4, sizes=(7, 5, 3)),
            makemore_step_case(batch=4, n_hidden=5, n_words=10),
        ]
    return [
        chapter_case(),
        chain_case(),
        big_elementwise_case(),
        mlp_case(np.float64),
        mlp_case(np.float32),
        sin_case(),
        train_step_case(),
        makemore_step_case(),
    ]


# ---------------------------------------------------------------- case 4: memory


def peak_memory(run):
    """tracemalloc's peak (bytes) during one call of `run`, above what was allocated before."""
    gc.collect()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        run(None)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak - before


def memory_ratio(case):
    """Peak memory of the engine over that of NumPy by hand, for one forward and backward."""
    case.runs["engine"](None)  # warm up: first-call allocations (caches) do not count
    case.runs["numpy"](None)
    engine = min(peak_memory(case.runs["engine"]) for _ in range(3))
    numpy = min(peak_memory(case.runs["numpy"]) for _ in range(3))
    return engine / numpy, engine, numpy


# ---------------------------------------------------------------- timing


def time_loop(run, number):
    """Seconds per call of `run(None)`, over `number` calls."""
    start = time.perf_counter()
    for _ in range(number):
        run(None)
    return (time.perf_counter() - start) / number


def calibrate(run, budget):
    """How many calls take about `budget` seconds (at least 1)."""
    number = 1
    while True:
        elapsed = time_loop(run, number) * number
        if elapsed >= budget / 4 or number >= 1 << 20:
            return max(1, round(number * budget / max(elapsed, 1e-9)))
        number *= 4


def measure(cases, rounds, budget, log=None, times=None):
    """Per case, the lists of per-round ratios engine/numpy and engine/torch (keys "numpy" and
    "torch"), and for a case with a floor, floor/numpy and floor/torch ("floor numpy", ...).

    With a dict `times`, also keeps the seconds per call, per (case name, lib), of every round.
    """
    numbers = {}
    for case in cases:
        for lib in LIBS:
            run = case.runs[lib]
            if run is not None:
                run(None)  # warm-up
                numbers[case.name, lib] = calibrate(run, budget)
    ratios = {
        case.name: {"numpy": [], "torch": [], "floor numpy": [], "floor torch": []}
        for case in cases
    }
    for r in range(rounds):
        for case in cases:
            libs = [lib for lib in LIBS if case.runs[lib] is not None]
            seconds = {}
            order = libs[r % len(libs) :] + libs[: r % len(libs)]  # rotate who goes first
            for lib in order:
                seconds[lib] = time_loop(case.runs[lib], numbers[case.name, lib])
                if times is not None:
                    times.setdefault((case.name, lib), []).append(seconds[lib])
            for lib, prefix in (("engine", ""), ("floor", "floor ")):
                for base in ("numpy", "torch"):
                    if lib in seconds and base in seconds:
                        ratios[case.name][prefix + base].append(seconds[lib] / seconds[base])
        if log is not None:
            log(f"round {r + 1}/{rounds} done")
    return ratios


def verdict(ratio_np, ratio_torch, case):
    """MISS if a target that can be checked is missed; n/a if one cannot be checked (no PyTorch)."""
    checks = [(case.target_numpy, ratio_np), (case.target_torch, ratio_torch)]
    checks = [(target, ratio) for target, ratio in checks if target is not None]
    if any(ratio is not None and ratio > target for target, ratio in checks):
        return "MISS"
    if any(ratio is None for _, ratio in checks):
        return "n/a"
    return "PASS"


def target_text(case):
    parts = []
    if case.target_numpy is not None:
        parts.append(f"<= {case.target_numpy:g}x NumPy")
    if case.target_torch is not None:
        parts.append(f"<= {case.target_torch:g}x PyTorch")
    return ", ".join(parts)


def table(rows):
    header = ("case", "vs NumPy", "vs PyTorch", "target", "")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(w) for cell, w in zip(header, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(str(cell).ljust(w) for cell, w in zip(row, widths)).rstrip())
    return "\n".join(lines)


def profile(prefix, seconds=2.0, top=25):
    """cProfile the engine side of the matching cases for about `seconds` each; print hot spots."""
    import cProfile
    import pstats

    for case in all_cases():
        if not case.name.startswith(prefix):
            continue
        run = case.runs["engine"]
        run(None)
        number = max(1, round(seconds / max(time_loop(run, 1), 1e-9)))
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(number):
            run(None)
        profiler.disable()
        print(f"== {case.name}: engine, {number} calls ==")
        stats = pstats.Stats(profiler).strip_dirs()
        stats.sort_stats("tottime").print_stats(top)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=15, help="timing rounds (default 15)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 3 short rounds")
    parser.add_argument(
        "--budget", type=float, default=0.03, help="seconds per inner timing loop (default 0.03)"
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="also print the median time per call of each library (stderr)",
    )
    parser.add_argument(
        "--only", metavar="CASE", help="time only the cases whose name starts with CASE (e.g. 3d)"
    )
    parser.add_argument(
        "--profile",
        metavar="CASE",
        help="instead of timing, cProfile the engine side of the cases whose name "
        "starts with CASE (e.g. 1, 2, 3a, 3c)",
    )
    args = parser.parse_args(argv)
    if args.profile:
        return profile(args.profile)
    rounds, budget = (3, 0.01) if args.quick else (args.rounds, args.budget)

    def log(text):
        print(text, file=sys.stderr, flush=True)

    torch_text = f"PyTorch {torch.__version__}" if torch is not None else "PyTorch not installed"
    print(
        f"autodiff_tr {ad.__version__}, NumPy {np.__version__}, {torch_text}, "
        f"Python {sys.version.split()[0]}; one thread; {rounds} rounds, "
        f"inner loops of ~{budget * 1000:g} ms; ratios are medians of per-round ratios"
    )
    cases = all_cases()
    memory_case = cases[2]
    if args.only:
        cases = [case for case in cases if case.name.startswith(args.only)]
    for case in cases:
        case.check()
    log("gradients checked: the engine (and PyTorch, and the floor) agree with NumPy by hand")
    times = {}
    ratios = measure(cases, rounds, budget, log, times)
    if args.verbose:
        for (name, lib), values in times.items():
            log(f"{name:44s} {lib:6s} {statistics.median(values) * 1e6:12.1f} us")
        for name, per_lib in ratios.items():
            for lib, values in per_lib.items():
                if len(values) >= 4:
                    q1, _, q3 = statistics.quantiles(values, n=4)
                    who = lib.replace(" ", "/") if lib.startswith("floor") else "engine/" + lib
                    log(
                        f"{name:44s} {who:12s} quartiles of the per-round ratios "
                        f"{q1:.2f}x .. {q3:.2f}x"
                    )

    rows = []
    for case in cases:
        r_np = statistics.median(ratios[case.name]["numpy"])
        r_t = statistics.median(ratios[case.name]["torch"]) if ratios[case.name]["torch"] else None
        rows.append(
            (
                case.name,
                f"{r_np:.2f}x",
                "n/a" if r_t is None else f"{r_t:.2f}x",
                target_text(case),
                verdict(r_np, r_t, case),
            )
        )
    mem, mem_engine, mem_numpy = memory_ratio(memory_case)
    if args.verbose:
        log(
            f"peak memory of 3a: engine {mem_engine / 2**20:.1f} MiB, "
            f"NumPy {mem_numpy / 2**20:.1f} MiB"
        )
    rows.append(
        (
            "4 peak memory of 3a (tracemalloc)",
            f"{mem:.2f}x",
            "n/a",
            "<= 1.5x NumPy",
            "PASS" if mem <= 1.5 else "MISS",
        )
    )
    print(table(rows))
    floor_rows = []
    for case in cases:
        if ratios[case.name]["floor numpy"]:
            r_np = statistics.median(ratios[case.name]["floor numpy"])
            r_t = (
                statistics.median(ratios[case.name]["floor torch"])
                if ratios[case.name]["floor torch"]
                else None
            )
            floor_rows.append(
                (
                    case.name,
                    f"{r_np:.2f}x",
                    "n/a" if r_t is None else f"{r_t:.2f}x",
                    target_text(case),
                    verdict(r_np, r_t, case),
                )
            )
    print(
        "\nThe floor (benchmarks/floor.py, a bare-bones engine without any checks) on the same "
        "code:"
    )
    print(table(floor_rows))
    return rows


if __name__ == "__main__":
    main()
