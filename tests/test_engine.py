"""engine/backward.py: backward and autograd.grad with PyTorch's semantics, the errors of bad input,
leaves and non-leaves, and that a released graph leaves no memory behind."""

import gc
import tracemalloc
import warnings
import weakref

import numpy as np
import pytest

import autodiff_tr as ad
from autodiff_tr.learn.examples import f


def leaf():
    return ad.arange(4.0, requires_grad=True)


# ---------------------------------------------------------------- backward


def test_chapter_sequence():
    x = leaf()
    assert x.grad is None  # None until a backward reaches it
    y = 2 * ad.dot(x, x)
    assert repr(y) == "tensor(28., grad_fn=<MulBackward0>)"
    y.backward()
    assert x.grad.tolist() == [0.0, 4.0, 8.0, 12.0]
    assert (x.grad == 4 * x).all()
    x.grad.zero_()
    x.sum().backward()
    assert repr(x.grad) == "tensor([1., 1., 1., 1.])"
    x.grad.zero_()
    y = x * x
    y.sum().backward()
    assert x.grad.tolist() == [0.0, 2.0, 4.0, 6.0]
    x.grad.zero_()
    y = x * x
    u = y.detach()
    z = u * x
    z.sum().backward()
    assert (x.grad == u).all()


def test_control_flow_function():
    ad.manual_seed(0)
    a = ad.randn(size=(), requires_grad=True)
    d = f(a)
    d.backward()
    assert a.grad.item() == pytest.approx((d / a).item())


def test_gradients_accumulate_across_backward_calls():
    x = leaf()
    for k in range(1, 4):
        (x * x).sum().backward()
        assert x.grad.tolist() == [k * 2.0 * v for v in range(4)]


def test_backward_with_gradient_argument():
    x = leaf()
    y = x * x
    y.backward(gradient=ad.tensor([1.0, 0.0, 2.0, 1.0]))
    assert x.grad.tolist() == [0.0, 0.0, 8.0, 6.0]
    x = leaf()
    y = x * 3
    y.backward(ad.ones_like(y))
    assert x.grad.tolist() == [3.0] * 4


def test_sum_twice_works_because_sum_saves_no_tensors():
    x = leaf()
    y = x.sum()
    y.backward()
    y.backward()  # PyTorch allows this: SumBackward0 keeps only a shape
    assert x.grad.tolist() == [2.0] * 4
    y = (x * x).sum()
    y.backward()
    with pytest.raises(RuntimeError, match="second time"):  # MulBackward0 saved x: freed
        y.backward()


def test_retain_graph_allows_a_second_backward():
    x = leaf()
    y = (x * x).sum()
    y.backward(retain_graph=True)
    y.backward()
    assert x.grad.tolist() == [0.0, 4.0, 8.0, 12.0]


@pytest.mark.parametrize(
    "make",
    [
        lambda x: (x * x).sum(),
        lambda x: x.sin().sum(),
        lambda x: x.exp().sum(),
        lambda x: ad.dot(x, x),
    ],
)
def test_second_backward_after_free_raises(make):
    x = leaf()
    y = make(x)
    y.backward()
    with pytest.raises(RuntimeError, match="backward through the graph a second time") as info:
        y.backward()
    assert "retain_graph=True" in str(info.value)


def test_backward_on_non_scalar_without_gradient():
    z = leaf() * 2
    with pytest.raises(
        RuntimeError, match="grad can be implicitly created only for scalar"
    ) as info:
        z.backward()
    text = str(info.value)
    assert ".sum().backward()" in text and "gradient=" in text
    # the engine cannot know what the caller named the tensor, so the hint names no variable
    assert "y." not in text and "z." not in text


@pytest.mark.parametrize("gradient", [ad.ones(3), ad.ones(4, 1), ad.ones(())])
def test_backward_with_gradient_of_wrong_shape(gradient):
    y = leaf() * 2
    with pytest.raises(RuntimeError, match="Mismatch in shape") as info:
        y.backward(gradient)
    assert "same shape" in str(info.value)


def test_scalar_backward_with_gradient_of_wrong_shape():
    y = (leaf() * 2).sum()
    with pytest.raises(RuntimeError, match="Mismatch in shape"):
        y.backward(ad.tensor([1.0]))


@pytest.mark.parametrize(
    "make", [lambda: ad.arange(4.0).sum(), lambda: ad.tensor(2.0), lambda: leaf().detach().sum()]
)
def test_backward_without_grad_fn(make):
    with pytest.raises(
        RuntimeError, match="does not require grad and does not have a grad_fn"
    ) as info:
        make().backward()
    assert "requires_grad_()" in str(info.value)


def test_backward_inside_no_grad_result_has_no_grad_fn():
    x = leaf()
    with ad.no_grad():
        y = (x * x).sum()
    with pytest.raises(RuntimeError, match="does not have a grad_fn"):
        y.backward()


def test_backward_of_a_leaf_itself():
    x = ad.tensor(3.0, requires_grad=True)
    x.backward()
    assert x.grad.item() == 1.0


def test_unused_leaf_keeps_grad_none_and_diamond_adds_both_paths():
    x, w = leaf(), ad.ones(4, requires_grad=True)
    y = x.sin()
    (y * y + y).sum().backward()  # y is used twice: both paths add up
    expected = (2 * np.sin(np.arange(4.0)) + 1) * np.cos(np.arange(4.0))
    np.testing.assert_allclose(x.grad.numpy(), expected, rtol=1e-6)
    assert w.grad is None


@pytest.mark.parametrize("n", [4, 5000])  # the gradient of sum: written out, or a view
def test_leaf_gradients_are_writable_and_never_shared(n):
    a, b = ad.ones(n, requires_grad=True), ad.ones(n, requires_grad=True)
    (a + b).sum().backward()  # one gradient array reaches both leaves
    assert not np.shares_memory(a.grad.numpy(), b.grad.numpy())
    a.grad.add_(1.0)  # writable; and b's is unaffected
    assert a.grad.tolist() == [2.0] * n and b.grad.tolist() == [1.0] * n


def test_the_gradient_that_starts_backward_is_not_handed_out():
    # backward() of a scalar starts from ones; a tensor whose op passes its gradient through
    # must get a copy, or changing its .grad would change every later backward
    for make in (lambda x: x, lambda x: x.clone(), lambda x: x + 0):
        x = ad.tensor(3.0, requires_grad=True)
        make(x).backward()
        x.grad.mul_(10.0)
        assert x.grad.item() == 10.0
        z = ad.tensor(3.0, requires_grad=True)
        make(z).backward()
        assert z.grad.item() == 1.0


def test_a_long_chain_runs_without_recursion():
    x = ad.tensor([1.0, 2.0], dtype=ad.float64, requires_grad=True)
    y = x
    for _ in range(5000):  # far deeper than Python's recursion limit
        y = y * 1.0001
    y.sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), [1.0001**5000] * 2, rtol=1e-12)


# ---------------------------------------------------------------- leaves and non-leaves


def test_non_leaf_grad_is_none_with_pytorchs_warning():
    x = leaf()
    y = x * 2
    y.sum().backward()
    with pytest.warns(UserWarning, match="not a leaf Tensor is being accessed") as record:
        assert y.grad is None
    assert "retain_grad()" in str(record[0].message)


def test_retain_grad_keeps_a_non_leaf_grad():
    x = leaf()
    y = x * 2
    y.retain_grad()
    assert y.retains_grad
    (y * y).sum().backward()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert y.grad.tolist() == [0.0, 4.0, 8.0, 12.0]
    assert x.grad.tolist() == [0.0, 8.0, 16.0, 24.0]


def test_leaf_grad_access_does_not_warn():
    x = leaf()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert x.grad is None


def test_is_leaf_and_requires_grad():
    x = leaf()
    y = x * 2
    assert x.is_leaf and not y.is_leaf and y.requires_grad
    assert ad.arange(4.0).is_leaf and not ad.arange(4.0).requires_grad
    d = y.detach()
    assert d.is_leaf and not d.requires_grad
    x.requires_grad = False
    assert not x.requires_grad
    assert x.requires_grad_() is x and x.requires_grad
    with pytest.raises(RuntimeError, match="only change requires_grad flags of leaf"):
        y.requires_grad = False


def test_requires_grad_true_on_a_non_leaf_is_a_no_op():
    y = leaf() * 2
    assert y.requires_grad_(True) is y


@pytest.mark.parametrize(
    "make",
    [lambda: ad.arange(4), lambda: ad.tensor([True, False]), lambda: ad.zeros(2, dtype=ad.int64)],
)
def test_requires_grad_on_int_or_bool(make):
    t = make()
    with pytest.raises(RuntimeError, match="floating point") as info:
        t.requires_grad_()
    assert "ad.arange(4.0)" in str(info.value) or "float" in str(info.value)
    with pytest.raises(RuntimeError, match="floating point"):
        t.requires_grad = True
    with pytest.raises(RuntimeError, match="floating point"):
        ad.tensor(t.tolist(), requires_grad=True)


# ---------------------------------------------------------------- autograd.grad


def test_grad_returns_a_tuple_and_leaves_dot_grad_alone():
    x = leaf()
    (g,) = ad.autograd.grad((x * x).sum(), x)
    assert g.tolist() == [0.0, 2.0, 4.0, 6.0]
    assert x.grad is None
    assert not g.requires_grad


def test_grad_with_grad_outputs_and_several_inputs():
    x, w = leaf(), ad.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
    y = x * w
    gx, gw = ad.autograd.grad(y, [x, w], grad_outputs=ad.tensor([1.0, 1.0, 0.0, 2.0]))
    assert gx.tolist() == [1.0, 2.0, 0.0, 8.0]
    assert gw.tolist() == [0.0, 1.0, 0.0, 6.0]


def test_grad_of_several_outputs_adds_up():
    x = leaf()
    (g,) = ad.autograd.grad([x.sum(), (x * x).sum()], [x])
    assert g.tolist() == [1.0, 3.0, 5.0, 7.0]


def test_grad_allow_unused():
    x, z = leaf(), ad.ones(2, requires_grad=True)
    with pytest.raises(RuntimeError, match="allow_unused=True"):
        ad.autograd.grad((x * x).sum(), [x, z])
    gx, gz = ad.autograd.grad((x * x).sum(), [x, z], allow_unused=True)
    assert gz is None and gx.tolist() == [0.0, 2.0, 4.0, 6.0]


def test_grad_errors():
    x = leaf()
    with pytest.raises(RuntimeError, match="does not require grad"):
        ad.autograd.grad((x * x).sum(), ad.ones(2))
    with pytest.raises(RuntimeError, match="only for scalar outputs"):
        ad.autograd.grad(x * x, x)
    y = (x * x).sum()
    ad.autograd.grad(y, x)
    with pytest.raises(RuntimeError, match="second time"):
        ad.autograd.grad(y, x)


def test_grad_retain_graph_and_none_grad_outputs():
    x = leaf()
    y = (x * x).sum()
    (g1,) = ad.autograd.grad(y, x, retain_graph=True)
    (g2,) = ad.autograd.grad(y, x)
    assert g1.tolist() == g2.tolist() == [0.0, 2.0, 4.0, 6.0]
    (g,) = ad.autograd.grad([x.sum(), x * 2], x, grad_outputs=[None, ad.ones(4)])
    assert g.tolist() == [3.0] * 4
    with pytest.raises(RuntimeError, match="grad_output"):
        ad.autograd.grad([x.sum(), x.sum()], x, grad_outputs=[None])


def test_grad_of_an_intermediate():
    x = leaf()
    y = x * 3
    z = (y * y).sum()
    (gy,) = ad.autograd.grad(z, y)
    assert gy.tolist() == [0.0, 6.0, 12.0, 18.0]


def test_grad_create_graph():
    x = leaf()
    (g,) = ad.autograd.grad((x**3).sum(), x, create_graph=True)
    assert g.requires_grad and g.grad_fn is not None
    (h,) = ad.autograd.grad(g.sum(), x)
    assert h.tolist() == [0.0, 6.0, 12.0, 18.0]


def test_gradients_have_the_dtype_of_what_they_differentiate():
    x = ad.ones(2, requires_grad=True)
    y = x.double()
    y.retain_grad()
    y.float().sum().backward()
    assert y.grad.dtype == ad.float64 and x.grad.dtype == ad.float32  # as PyTorch
    x = ad.ones(2, requires_grad=True)
    (g,) = ad.autograd.grad((x.double() ** 2).sum(), x, create_graph=True)
    assert g.dtype == ad.float32 and g.grad_fn.name() == "ToCopyBackward0"
    (h,) = ad.autograd.grad(g.sum(), x)
    assert h.dtype == ad.float32 and h.tolist() == [2.0, 2.0]


def test_create_graph_gradient_dtype_of_a_mixed_product():
    x = ad.ones(2, requires_grad=True)
    w = ad.ones(2, dtype=ad.float64)
    (g,) = ad.autograd.grad((x * w).sum(), x, create_graph=True)
    assert g.dtype == ad.float32


# ---------------------------------------------------------------- memory


def _mlp_step(w1, b1, w2, b2, inputs, targets, lr=0.01):
    hidden = ad.tanh(inputs @ w1 + b1)
    out = hidden @ w2 + b2
    loss = ((out - targets) ** 2).mean()
    loss.backward()
    with ad.no_grad():
        for p in (w1, b1, w2, b2):
            p -= lr * p.grad
            p.grad.zero_()
    return loss, hidden, out


def _mlp():
    ad.manual_seed(0)
    params = (
        ad.randn(4, 16, requires_grad=True),
        ad.zeros(16, requires_grad=True),
        ad.randn(16, 1, requires_grad=True),
        ad.zeros(1, requires_grad=True),
    )
    return params, ad.randn(8, 4), ad.randn(8, 1)


@pytest.mark.slow
def test_ten_thousand_steps_keep_memory_flat():
    params, inputs, targets = _mlp()
    first_loss = None
    tracemalloc.start()
    try:
        for step in range(1, 10_001):
            loss, _, _ = _mlp_step(*params, inputs, targets)
            if step == 1:
                first_loss = loss.item()
            if step == 1_000:
                gc.collect()
                at_1000 = tracemalloc.get_traced_memory()[0]
        gc.collect()
        at_10000 = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert loss.item() < first_loss  # it did learn
    assert at_10000 - at_1000 < 20_000, (at_1000, at_10000)


def test_no_reference_cycle_keeps_the_graph_alive():
    params, inputs, targets = _mlp()
    gc.collect()
    gc.disable()
    try:
        loss, hidden, out = _mlp_step(*params, inputs, targets)
        refs = [weakref.ref(t) for t in (loss, hidden, out)]
        refs += [weakref.ref(t.grad_fn) for t in (loss, hidden, out)]
        refs.append(weakref.ref(loss.grad_fn.next_functions[0][0]))
        del loss, hidden, out
        assert [r() for r in refs] == [None] * len(refs)  # freed by reference counting alone
    finally:
        gc.enable()


def test_graph_without_backward_is_freed_by_refcount():
    x = leaf()
    gc.disable()
    try:
        y = (x.sin() * x).sum()
        refs = [weakref.ref(y), weakref.ref(y.grad_fn)]
        del y
        assert [r() for r in refs] == [None, None]
        acc = (x * 1).grad_fn.next_functions[0][0]
        assert acc.variable is x
        ref_x = weakref.ref(x)
        del x
        assert ref_x() is not None  # the AccumulateGrad we hold keeps x, as in PyTorch
        del acc
        assert ref_x() is None
    finally:
        gc.enable()


def test_backward_releases_saved_tensors():
    x = ad.ones(1000, requires_grad=True)
    y = x.sin() * 2
    z = y.sum()
    saved = weakref.ref(y.grad_fn.next_functions[0][0])
    z.backward()
    assert saved() is not None
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(50):
            (x.sin() * 2).sum().backward()
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert after - before < 4000


# ---------------------------------------------------------------- a walk pruned to the inputs


@pytest.fixture
def formula_calls(monkeypatch):
    """The grad_fn name of every derivative formula run from now on, in order."""
    from autodiff_tr.engine.derivatives import DERIVATIVE_OF

    calls = []

    def counting(formula, name):
        def counted(grad, *args):
            calls.append(name)
            return formula(grad, *args)

        return counted

    for derivative in DERIVATIVE_OF.values():
        monkeypatch.setattr(
            derivative,
            "formulas",
            tuple(counting(f, derivative.grad_fn) for f in derivative.formulas),
        )
    return calls


def three_leaves():
    a = ad.tensor([1.0, 2.0], requires_grad=True)
    b = ad.tensor([3.0, -1.0], requires_grad=True)
    c = ad.tensor([0.5, 0.25], requires_grad=True)
    return a, b, c


def test_backward_runs_every_formula(formula_calls):
    # y = sum(a*b + sin(c)*exp(c)): sum 1, add 2, each of the two products 2, sin 1, exp 1
    a, b, c = three_leaves()
    (a * b + c.sin() * c.exp()).sum().backward()
    assert sorted(formula_calls) == sorted(
        ["SumBackward0"]
        + ["AddBackward0"] * 2
        + ["MulBackward0"] * 4
        + ["SinBackward0", "ExpBackward0"]
    )


def test_grad_runs_only_the_formulas_on_a_path_to_its_inputs(formula_calls):
    a, b, c = three_leaves()
    y = (a * b + c.sin() * c.exp()).sum()
    # to a: sum, add's first input, a*b's first input; nothing of c's branch, nor b's formula
    (ga,) = ad.autograd.grad(y, [a], retain_graph=True)
    assert formula_calls == ["SumBackward0", "AddBackward0", "MulBackward0"]
    np.testing.assert_array_equal(ga.numpy(), [3.0, -1.0])  # b
    formula_calls.clear()
    # to c: sum, add's second input, both factors of sin(c)*exp(c), sin and exp
    (gc_,) = ad.autograd.grad(y, [c], retain_graph=True)
    assert sorted(formula_calls) == sorted(
        [
            "SumBackward0",
            "AddBackward0",
            "MulBackward0",
            "MulBackward0",
            "SinBackward0",
            "ExpBackward0",
        ]
    )
    x = np.array([0.5, 0.25])
    np.testing.assert_allclose(gc_.numpy(), np.exp(x) * (np.cos(x) + np.sin(x)), rtol=1e-6)


def test_grad_stops_at_a_non_leaf_input(formula_calls):
    a, b, c = three_leaves()
    h = a * b
    y = (h + c.sin()).sum()
    (gh,) = ad.autograd.grad(y, [h])
    assert formula_calls == ["SumBackward0", "AddBackward0"]  # h's own node does not run
    np.testing.assert_array_equal(gh.numpy(), [1.0, 1.0])


def test_backward_with_inputs_fills_only_their_grad(formula_calls):
    a, b, c = three_leaves()
    h = a * b
    y = (h * h + c.sin()).sum()
    y.backward(inputs=[a], retain_graph=True)  # dy/da = 2 h b = 2 a b^2
    assert sorted(formula_calls) == sorted(
        ["SumBackward0", "AddBackward0", "MulBackward0", "MulBackward0", "MulBackward0"]
    )
    np.testing.assert_array_equal(a.grad.numpy(), [18.0, 4.0])
    assert b.grad is None and c.grad is None
    y.backward(inputs=h)  # a non-leaf's .grad, 2h, without a warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_array_equal(h.grad.numpy(), [6.0, -4.0])
    assert b.grad is None


def test_backward_with_inputs_errors():
    a, b, c = three_leaves()
    y = (a * b).sum()
    with pytest.raises(RuntimeError, match="`inputs` argument to `backward\\(\\)` cannot be empty"):
        y.backward(inputs=[])
    with pytest.raises(RuntimeError, match="can't retain_grad on Tensor that has requires_grad"):
        y.backward(inputs=[ad.ones(2)])
    y.backward(inputs=[c])  # not on a path from y: nothing happens, as in PyTorch
    assert c.grad is None


# ---------------------------------------------------------------- which route the formulas take


@pytest.fixture
def formula_grad_types(monkeypatch):
    """The type of the gradient each formula of the table receives, in the order they run."""
    from autodiff_tr.engine.derivatives import DERIVATIVE_OF

    types = []

    def noting(formula):
        def noted(grad, *args):
            types.append(type(grad).__name__)
            return formula(grad, *args)

        return noted

    for derivative in DERIVATIVE_OF.values():
        monkeypatch.setattr(derivative, "formulas", tuple(map(noting, derivative.formulas)))
    return types


def test_formulas_run_on_arrays_unless_a_graph_or_a_tangent_needs_tensors(formula_grad_types):
    import autodiff_tr.autograd.forward_ad as fwAD
    from autodiff_tr.engine.backward import formulas_on_tensors

    x = ad.tensor([1.0, 2.0], requires_grad=True)
    assert not formulas_on_tensors(False) and formulas_on_tensors(True)
    ad.autograd.grad(x.sin().sum(), x)
    assert formula_grad_types == ["ndarray", "ndarray"]  # the fast route
    with fwAD.dual_level():
        assert not formulas_on_tensors(False)  # a dual level without tangents: still arrays
        ad.autograd.grad(x.sin().sum(), x)
        xd = fwAD.make_dual(x, ad.tensor([1.0, 0.0]))
        assert formulas_on_tensors(False)  # forward over reverse: tangents flow through ops
        (g,) = ad.autograd.grad(xd.sin().sum(), x)
        assert not g.requires_grad  # without create_graph, nothing is recorded
    assert not formulas_on_tensors(False)  # the level's tangents are gone with it
    ad.autograd.grad(x.sin().sum(), x, create_graph=True)
    # sum, sin twice on arrays; sum, sin, make_dual's view on Tensors; sum, sin for the graph
    assert formula_grad_types == ["ndarray"] * 4 + ["Tensor"] * 3 + ["Tensor"] * 2
