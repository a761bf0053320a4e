"""compat.tensorflow: the TensorFlow code of the reference chapter runs with only its import line
changed and gives what the chapter says; then TensorFlow's tape rules one by one."""

import numpy
import pytest

import autodiff_tr as ad
import autodiff_tr.compat.tensorflow as tf


def test_the_chapters_tensorflow_code():
    # The chapter's cells in order, verbatim but for the import; each claim checked after it.
    x = tf.range(4, dtype=tf.float32)
    assert repr(x) == (
        "<tf.Tensor: shape=(4,), dtype=float32, numpy=array([0., 1., 2., 3.], dtype=float32)>"
    )

    x = tf.Variable(x)
    assert repr(x) == (
        "<tf.Variable 'Variable:0' shape=(4,) dtype=float32, numpy=array([0., 1.,"
        " 2., 3.], dtype=float32)>"
    )

    # Record all computations onto a tape
    with tf.GradientTape() as t:
        y = 2 * tf.tensordot(x, x, axes=1)
    assert repr(y) == "<tf.Tensor: shape=(), dtype=float32, numpy=28.0>"

    x_grad = t.gradient(y, x)
    assert repr(x_grad) == (
        "<tf.Tensor: shape=(4,), dtype=float32, numpy=array([ 0.,  4.,  8., 12.], dtype=float32)>"
    )

    assert repr(x_grad == 4 * x) == (
        "<tf.Tensor: shape=(4,), dtype=bool, numpy=array([ True,  True,  True,  True])>"
    )

    with tf.GradientTape() as t:
        y = tf.reduce_sum(x)
    assert t.gradient(y, x).numpy().tolist() == [1.0] * 4  # Overwritten: a new gradient

    with tf.GradientTape() as t:
        y = x * x
    assert t.gradient(y, x).numpy().tolist() == [0.0, 2.0, 4.0, 6.0]  # the sum's gradient

    # Set `persistent=True` to run `t.gradient` more than once
    with tf.GradientTape(persistent=True) as t:
        y = x * x
        u = tf.stop_gradient(y)
        z = u * x

    x_grad = t.gradient(z, x)
    assert (x_grad == u).numpy().all()

    assert (t.gradient(y, x) == 2 * x).numpy().all()

    def f(a):
        b = a * 2
        while tf.norm(b) < 1000:
            b = b * 2
        if tf.reduce_sum(b) > 0:
            c = b
        else:
            c = 100 * b
        return c

    for seed in (0, 4):  # a > 0 and a < 0: both branches of the `if`
        ad.manual_seed(seed)
        a = tf.Variable(tf.random.normal((1, 1), dtype=tf.float32))
        with tf.GradientTape() as t:
            d = f(a)
        d_grad = t.gradient(d, a)
        assert d_grad.shape == (1, 1)

        assert (d_grad == (d / a)).numpy().tolist() == [[True]]

        # the German and Indonesian versions draw a 0-d value
        a = tf.Variable(tf.random.normal(shape=()))
        with tf.GradientTape() as t:
            d = f(a)
        d_grad = t.gradient(d, a)
        assert repr(d_grad == d / a) == "<tf.Tensor: shape=(), dtype=bool, numpy=True>"


def test_a_tape_answers_once_unless_persistent():
    x = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as t:
        y = tf.reduce_sum(x * x)
    assert t.gradient(y, x).numpy().tolist() == [2.0, 4.0]
    with pytest.raises(
        RuntimeError,
        match="A non-persistent GradientTape can only be used to compute one set of gradients",
    ) as info:
        t.gradient(y, x)
    assert "persistent=True" in str(info.value)


def test_only_operations_inside_the_tape_on_watched_values_count():
    x = tf.Variable(3.0)
    c = tf.constant(2.0)
    y_outside = x * x
    with tf.GradientTape(persistent=True) as t:
        y = x * c
        t.watch(c)
        w = x * c
    assert t.gradient(y_outside, x) is None
    assert t.gradient(y, x).numpy() == 2.0
    assert t.gradient(y, c) is None  # c was watched only after y was computed
    assert t.gradient(w, [x, c])[1].numpy() == 3.0
    unused = tf.Variable(1.0)
    assert t.gradient(y, unused) is None
    zero = t.gradient(y, unused, unconnected_gradients=tf.UnconnectedGradients.ZERO)
    assert zero.numpy() == 0.0


def test_dtypes_follow_tensorflow():
    assert tf.range(4).dtype is tf.int32
    assert tf.constant([1.5]).dtype is tf.float32
    assert tf.constant(numpy.array([1.5])).dtype is tf.float64
    assert tf.cast(tf.range(3), tf.float32).numpy().tolist() == [0.0, 1.0, 2.0]
    v = tf.Variable(1.0)
    v.assign_add(2.0)
    assert v.numpy() == 3.0 and repr(tf.float32) == "tf.float32"


def test_tensordot_matmul_and_reductions_match_numpy():
    rng = numpy.random.default_rng(0)
    a, b = rng.normal(size=(2, 3, 4)), rng.normal(size=(3, 4, 5))
    got = tf.tensordot(tf.constant(a), tf.constant(b), axes=2).numpy()
    numpy.testing.assert_allclose(got, numpy.tensordot(a, b, axes=2), rtol=1e-12)
    got = tf.tensordot(tf.constant(a), tf.constant(b), axes=[[1], [0]]).numpy()
    numpy.testing.assert_allclose(got, numpy.tensordot(a, b, axes=[[1], [0]]), rtol=1e-12)
    m = tf.constant(a[0])
    numpy.testing.assert_allclose(tf.matmul(m, m, transpose_b=True).numpy(), a[0] @ a[0].T)
    numpy.testing.assert_allclose(tf.reduce_sum(m, axis=1).numpy(), a[0].sum(1))
    numpy.testing.assert_allclose(tf.reduce_max(m, axis=0).numpy(), a[0].max(0))
    numpy.testing.assert_allclose(tf.norm(m).numpy(), numpy.linalg.norm(a[0]))


def test_gradient_through_tensordot_matches_finite_differences():
    base = numpy.random.default_rng(1).normal(size=(3, 4))
    w = tf.Variable(base)
    v = tf.constant(numpy.arange(4.0))
    with tf.GradientTape() as t:
        y = tf.reduce_sum(tf.tanh(tf.tensordot(w, v, axes=1)))
    grad = t.gradient(y, w).numpy()
    eps, numeric = 1e-6, numpy.zeros_like(base)
    for idx in numpy.ndindex(base.shape):
        step = numpy.zeros_like(base)
        step[idx] = eps
        numeric[idx] = (
            numpy.tanh((base + step) @ numpy.arange(4.0)).sum()
            - numpy.tanh((base - step) @ numpy.arange(4.0)).sum()
        ) / (2 * eps)
    numpy.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-8)
