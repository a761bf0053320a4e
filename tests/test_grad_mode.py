"""grad_mode.py: no_grad, enable_grad and set_grad_enabled as context managers and decorators,
one grad mode per thread."""

import sys
import threading

import numpy as np
import pytest

import autodiff_tr as ad


def leaf():
    return ad.arange(4.0, requires_grad=True)


# ---------------------------------------------------------------- grad mode

def test_no_grad_and_enable_grad_as_context_managers():
    x = leaf()
    with ad.no_grad():
        y = x * 2
        assert not ad.is_grad_enabled()
        with ad.enable_grad():
            z = x * 2
            assert ad.is_grad_enabled()
        assert not ad.is_grad_enabled()
    assert ad.is_grad_enabled()
    assert not y.requires_grad and y.grad_fn is None
    assert z.grad_fn.name() == "MulBackward0"


def test_grad_mode_restored_after_an_exception():
    with pytest.raises(ValueError), ad.no_grad():
        raise ValueError
    assert ad.is_grad_enabled()


def test_no_grad_and_enable_grad_as_decorators():
    x = leaf()

    @ad.no_grad()
    def f(a):
        return a * 2

    @ad.enable_grad()
    def g(a):
        return a * 2

    assert f.__name__ == "f"
    assert not f(x).requires_grad
    with ad.no_grad():
        assert g(x).requires_grad
    assert ad.is_grad_enabled()


def test_bare_no_grad_decorator():
    @ad.no_grad
    def f(a):
        return a * 2

    assert not f(leaf()).requires_grad


def test_set_grad_enabled():
    x = leaf()
    ad.set_grad_enabled(False)
    try:
        assert not (x * 2).requires_grad
    finally:
        ad.set_grad_enabled(True)
    assert (x * 2).requires_grad
    with ad.set_grad_enabled(False):
        assert not (x * 2).requires_grad
    assert ad.is_grad_enabled()
    with ad.no_grad(), ad.set_grad_enabled(True):
        assert (x * 2).requires_grad

    @ad.set_grad_enabled(False)
    def f(a):
        return a * 2

    assert ad.is_grad_enabled()  # the decorator does not switch at definition time
    assert not f(x).requires_grad
    assert ad.is_grad_enabled()


# ---------------------------------------------------------------- inference tensors
# (PyTorch 2.13's behaviour and messages, tried there)

def test_tensors_made_in_inference_mode_are_inference_tensors():
    with ad.inference_mode():
        made = ad.ones(3)
        computed = made * 2
        drawn = ad.randn(2)
        made.add_(1)  # in place inside inference mode: allowed
    assert made.is_inference() and computed.is_inference() and drawn.is_inference()
    assert made[1:].is_inference()  # a view of one is one
    assert not ad.ones(2).is_inference() and not (made + 1).is_inference()
    assert not made.clone().is_inference()
    with ad.no_grad():
        assert not ad.ones(2).is_inference()
    assert made.tolist() == [2.0, 2.0, 2.0]


def test_a_view_of_an_ordinary_tensor_made_in_inference_mode_stays_ordinary():
    a = ad.ones(2, 3)
    with ad.inference_mode():
        views = a.view(6), a[0, 1], a.t(), a[0]
    # PyTorch 2.13: (False, False, False, False), each `_base is a`; after v.add_(1) outside
    # inference mode, a._version == v._version == 1 and a[0, 0] == 2.0
    assert [v.is_inference() for v in views] == [False, False, False, False]
    assert all(v._base[0] is a for v in views)
    views[0].add_(1)
    assert a._version == 1 and all(v._version == 1 for v in views)
    assert a[0, 0].item() == 2.0


def test_an_inference_tensor_can_enter_a_graph_where_nothing_saves_it():
    with ad.inference_mode():
        e = ad.ones(3)
    w = ad.ones(3, requires_grad=True)
    (e + w).sum().backward()  # add saves neither input
    assert w.grad.tolist() == [1.0, 1.0, 1.0]
    w.grad = None
    (e.clone() * w).sum().backward()  # PyTorch's workaround: a clone
    assert w.grad.tolist() == [1.0, 1.0, 1.0]


@pytest.mark.parametrize("use, words", [
    (lambda e, w: (e * w).sum(), "Inference tensors cannot be saved for backward"),
    (lambda e, w: (w * e).sum(), "Inference tensors cannot be saved for backward"),
    (lambda e, w: ad.nn.functional.linear(w.unsqueeze(0), e.reshape(1, 3)),
     "Inference tensors cannot be saved for backward"),
    (lambda e, w: e.add_(1), "Inplace update to inference tensor outside InferenceMode"),
    (lambda e, w: e.zero_(), "Inplace update to inference tensor outside InferenceMode"),
    (lambda e, w: e.__setitem__(0, 5.0), "Inplace update to inference tensor outside"),
    (lambda e, w: e.normal_(), "Inplace update to inference tensor outside InferenceMode"),
    (lambda e, w: e.requires_grad_(), "Setting requires_grad=True on inference tensor"),
])
def test_what_pytorch_refuses_for_an_inference_tensor(use, words):
    with ad.inference_mode():
        e = ad.ones(3)
    w = ad.ones(3, requires_grad=True)
    with pytest.raises(RuntimeError, match=words):
        use(e, w)  # PyTorch writes the values, then its version bump refuses: so here


def test_an_inference_tensor_has_no_version():
    with ad.inference_mode():
        e = ad.ones(2)
    with pytest.raises(RuntimeError, match="Inference tensors do not track version counter"):
        _ = e._version
    assert e.clone()._version == 0


# ---------------------------------------------------------------- one mode per thread

@pytest.fixture
def frequent_thread_switches():
    """Let Python switch threads every microsecond (instead of every 5 ms), so that two threads
    interleave their ops many times within a test."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def run_together(*functions):
    """Run each function on its own thread, starting together; their results, in order (an
    exception in a thread is raised here)."""
    start = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def run(i, fn):
        start.wait()
        try:
            results[i] = fn()
        except BaseException as error:  # handed to the main thread
            results[i] = error

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(functions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for r in results:
        if isinstance(r, BaseException):
            raise r
    return results


def test_no_grad_in_one_thread_leaves_recording_in_another_alone(frequent_thread_switches):
    x = leaf()
    stop = threading.Event()

    def evaluate_under_no_grad():  # as a widget redraws on a second kernel thread
        while not stop.is_set():
            with ad.no_grad():
                x * 2

    def record(n=5000):
        try:
            return sum((x * 2).grad_fn is None for _ in range(n))
        finally:
            stop.set()

    _, unrecorded = run_together(evaluate_under_no_grad, record)
    assert unrecorded == 0


def test_backward_in_one_thread_leaves_recording_in_another_alone(frequent_thread_switches):
    x = leaf()
    stop = threading.Event()

    def differentiate():  # backward runs its formulas with recording off, in its own thread
        while not stop.is_set():
            (x * x).sum().backward()

    def record(n=5000):
        try:
            return sum((x * 2).grad_fn is None for _ in range(n))
        finally:
            stop.set()

    _, unrecorded = run_together(differentiate, record)
    assert unrecorded == 0


def test_a_new_thread_starts_with_grad_mode_on():
    with ad.no_grad(), ad.inference_mode():
        seen = run_together(lambda: (ad.is_grad_enabled(), ad.is_inference_mode_enabled()))
    assert seen == [(True, False)]


def train(seed, steps=300):
    """A small model trained by SGD; its parameters and last gradients."""
    rng = np.random.default_rng(seed)
    x = ad.tensor(rng.normal(size=(16, 3)), dtype=ad.float32)
    y = ad.tensor(rng.normal(size=(16, 1)), dtype=ad.float32)
    w = ad.tensor([[0.5, -0.25, 0.125]], requires_grad=True)
    b = ad.tensor([0.1], requires_grad=True)
    opt = ad.optim.SGD([w, b], lr=0.05, momentum=0.9)
    for _ in range(steps):
        opt.zero_grad()
        loss = ((ad.tanh(x @ w.T + b) - y) ** 2).mean()
        loss.backward()
        opt.step()
    return [w.detach().numpy().copy(), b.detach().numpy().copy(), w.grad.numpy().copy(),
            b.grad.numpy().copy()]


def test_two_threads_training_their_own_models_get_the_single_threaded_gradients(
        frequent_thread_switches):
    alone = [train(1), train(2)]
    together = run_together(lambda: train(1), lambda: train(2))
    for got, expected in zip(together, alone):
        for a, b in zip(got, expected):
            np.testing.assert_array_equal(a, b)
