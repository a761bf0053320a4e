"""teaching.py against the real engine: every op the teaching engine has runs on both, with the
same inputs, and must give the same values, the same graph (grad_fn names, next_functions) and the
same gradients, which are also checked against central finite differences (numdiff.py). A new op
in teaching.py without a case here fails `test_every_op_of_the_teaching_engine_has_a_case`.
"""

import numpy as np
import pytest
from numdiff import evaluate, numerical_vjp

import autodiff_tr as ad
from autodiff_tr.learn import drawing, teaching


def anywhere(rng, shape):
    return rng.uniform(-2, 2, shape)


def positive(rng, shape):
    return rng.uniform(0.3, 2.5, shape)


def away_from_zero(rng, shape):
    return rng.uniform(0.3, 2, shape) * rng.choice([-1.0, 1.0], shape)


# op (a method of teaching.Tensor) -> (the computation, written once for both engines; the value
# domain and shape of each input). Shapes that broadcast exercise the one unbroadcast.
CASES = {
    "__add__": (lambda a, b: a + b, [(anywhere, (2, 3)), (anywhere, (3,))]),
    "__radd__": (lambda a: 2.5 + a, [(anywhere, (3,))]),
    "__sub__": (lambda a, b: a - b, [(anywhere, (2, 1)), (anywhere, (1, 3))]),
    "__rsub__": (lambda a: 2.5 - a, [(anywhere, (3,))]),
    "__mul__": (lambda a, b: a * b, [(anywhere, (2, 3)), (anywhere, (2, 1))]),
    "__rmul__": (lambda a: 3.0 * a, [(anywhere, (2, 2))]),
    "__truediv__": (lambda a, b: a / b, [(anywhere, (3,)), (away_from_zero, (2, 3))]),
    "__rtruediv__": (lambda a: 2.0 / a, [(away_from_zero, (3,))]),
    "__neg__": (lambda a: -a, [(anywhere, (4,))]),
    "__pow__": (lambda a: a**3, [(anywhere, (3,))]),
    "__matmul__": (lambda a, b: a @ b, [(anywhere, (2, 3)), (anywhere, (3, 4))]),
    "exp": (lambda a: a.exp(), [(anywhere, (3,))]),
    "log": (lambda a: a.log(), [(positive, (3,))]),
    "sin": (lambda a: a.sin(), [(anywhere, (2, 3))]),
    "cos": (lambda a: a.cos(), [(anywhere, (3,))]),
    "tanh": (lambda a: a.tanh(), [(anywhere, (3,))]),
    "relu": (lambda a: a.relu(), [(away_from_zero, (5,))]),
    "sum": (lambda a: a.sum(), [(anywhere, (2, 3))]),
}

NOT_OPS = {"__init__", "__array__", "__repr__", "backward"}  # the methods that are no op


def test_every_op_of_the_teaching_engine_has_a_case():
    ops = {name for name, value in vars(teaching.Tensor).items() if callable(value)} - NOT_OPS
    assert ops == set(CASES)


def names(node):
    """The graph below `node` as nested (name, [inputs]) with the engines' own names."""
    if node is None:
        return None
    name = node.name().rsplit("::", 1)[-1]
    return name, [names(child) for child, _ in node.next_functions]


def run(engine, op, arrays, v):
    """The op on `engine`'s tensors; its output, the graph, and the inputs' gradients for v."""
    fn, _ = CASES[op]
    if engine == "real":
        inputs = [ad.tensor(a, dtype=ad.float64, requires_grad=True) for a in arrays]
    else:
        inputs = [teaching.Tensor(a, requires_grad=True) for a in arrays]
    out = fn(*inputs)
    value = np.array(out.detach().numpy() if engine == "real" else out.data)
    graph_names = names(out.grad_fn)
    out.backward(ad.tensor(v, dtype=ad.float64) if engine == "real" else v)
    grads = [np.array(t.grad.numpy() if engine == "real" else t.grad) for t in inputs]
    return value, graph_names, grads


@pytest.mark.parametrize("op", sorted(CASES))
@pytest.mark.parametrize("seed", [0, 1])
def test_both_engines_agree_and_match_finite_differences(op, seed):
    rng = np.random.default_rng(seed)
    arrays = [domain(rng, shape) for domain, shape in CASES[op][1]]
    v = rng.normal(size=evaluate(CASES[op][0], arrays).shape)
    real, taught = run("real", op, arrays, v), run("teaching", op, arrays, v)
    np.testing.assert_allclose(taught[0], real[0], rtol=1e-12, atol=1e-12)
    assert taught[1] == real[1]  # the same grad_fn names, the same next_functions
    numeric = numerical_vjp(CASES[op][0], arrays, v)
    for g_taught, g_real, g_numeric, a in zip(taught[2], real[2], numeric, arrays):
        assert g_taught.shape == g_real.shape == np.shape(a)
        np.testing.assert_allclose(g_taught, g_real, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(g_taught, g_numeric, rtol=1e-5, atol=1e-7)


def test_the_chapter_example_and_gradients_accumulate():
    x = teaching.Tensor(np.arange(4.0), requires_grad=True)
    y = 2 * (x * x).sum()  # 2 * dot(x, x) = 28
    assert y.data == 28.0
    y.backward()
    np.testing.assert_array_equal(x.grad, [0.0, 4.0, 8.0, 12.0])  # 4 x
    (x * x).sum().backward()
    np.testing.assert_array_equal(x.grad, [0.0, 6.0, 12.0, 18.0])  # + 2 x


def test_a_diamond_adds_both_paths_and_a_constant_gets_no_node():
    x = teaching.Tensor([1.0, 2.0], requires_grad=True)
    c = teaching.Tensor([5.0, 7.0])  # no grad
    y = x.sin() * x.exp() + c
    assert y.grad_fn.next_functions[1] == (None, 0)
    y.backward(np.ones(2))
    a = np.array([1.0, 2.0])
    np.testing.assert_allclose(x.grad, np.exp(a) * (np.cos(a) + np.sin(a)))
    assert c.grad is None


def test_backward_of_a_non_scalar_needs_a_gradient():
    with pytest.raises(RuntimeError, match="scalar"):
        (teaching.Tensor([1.0, 2.0], requires_grad=True) * 2).backward()


def test_graph_draw_draws_a_teaching_graph_like_the_real_one():
    drawings = []
    for make in (
        lambda a: ad.tensor(a, requires_grad=True),
        lambda a: teaching.Tensor(a, requires_grad=True),
    ):
        x = make([1.0, 2.0])
        y = (x.sin() * x).sum()
        y.backward()
        drawings.append(drawing.draw(y, params={"x": x, "y": y}))
    real, taught = drawings
    assert taught.edge_names() == real.edge_names()
    assert [n.name for n in taught.nodes] == [n.name for n in real.nodes]
    assert taught.node("n3").lines[-1] == "grad [1.3818, 0.0770]"  # sin x + x cos x
    assert "<svg" in taught.svg()
