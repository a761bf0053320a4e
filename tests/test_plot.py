"""Tests for autodiff_tr.learn.plot: derivative curves from one backward pass, and the drawn
figure."""

import math

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

import autodiff_tr as ad  # noqa: E402
from autodiff_tr.learn import plot  # noqa: E402


def test_sin_curves_match_the_calculus_derivatives():
    c = plot.derivative_curves(ad.sin, -2 * math.pi, 2 * math.pi, 201, second=True)
    assert c.x.shape == (201,)
    np.testing.assert_allclose(c.x[[0, -1]], [-2 * math.pi, 2 * math.pi])
    np.testing.assert_allclose(c.y, np.sin(c.x), atol=1e-12)
    np.testing.assert_allclose(c.dy, np.cos(c.x), atol=1e-12)
    np.testing.assert_allclose(c.d2y, -np.sin(c.x), atol=1e-12)
    assert c.fd is None and c.tangent is None and c.x0 is None


def test_polynomial_first_and_second_derivative():
    c = plot.derivative_curves(lambda x: x * x * x - 3 * x, -2.0, 2.0, 9, second=True)
    np.testing.assert_allclose(c.x, np.linspace(-2, 2, 9))
    np.testing.assert_allclose(c.dy, 3 * c.x**2 - 3, atol=1e-12)
    np.testing.assert_allclose(c.d2y, 6 * c.x, atol=1e-12)


def test_tangent_touches_the_curve_at_x0_and_has_the_derivative_as_slope():
    c = plot.derivative_curves(ad.sin, -3.0, 3.0, 61, x0=1.0, finite_difference=True)
    assert c.y0 == pytest.approx(math.sin(1.0), abs=1e-12)
    assert c.slope == pytest.approx(math.cos(1.0), abs=1e-12)
    # x = 1.0 is grid point 40: the tangent passes through (x0, f(x0))
    assert c.x[40] == pytest.approx(1.0)
    assert c.tangent[40] == pytest.approx(c.y[40], abs=1e-12)
    # ... and stays below sin on the concave part near x0 (it touches, it does not cross)
    near = np.abs(c.x - 1.0) < 0.5
    assert np.all(c.tangent[near] >= c.y[near] - 1e-12)
    # central differences: error about h^2/6 |f'''| <= 1.7e-7 for h = 1e-3
    np.testing.assert_allclose(c.fd, np.cos(c.x), atol=2e-7)
    assert c.fd_slope == pytest.approx(math.cos(1.0), abs=2e-7)


def test_the_function_is_evaluated_once_on_the_whole_grid():
    shapes = []

    def f(x):
        shapes.append(tuple(x.shape))
        return ad.sin(x)

    plot.derivative_curves(f, 0.0, 1.0, 50)
    assert shapes == [(50,)]


def test_a_function_that_is_not_elementwise_is_rejected():
    with pytest.raises(ValueError, match="elementwise"):
        plot.derivative_curves(lambda x: (x * x).sum(), 0.0, 1.0, 5)


def test_a_constant_function_has_zero_derivatives():
    c = plot.derivative_curves(lambda x: 0 * x + 2, 0.0, 1.0, 5, second=True)
    np.testing.assert_array_equal(c.dy, np.zeros(5))
    np.testing.assert_array_equal(c.d2y, np.zeros(5))


def test_plot_derivative_draws_the_curves_it_returns():
    labels = {"function": r"$\sin(x)$", "derivative": r"$\cos(x)$"}
    result = plot.plot_derivative(
        ad.sin, 0.0, 3.0, 31, x0=1.0, finite_difference=True, labels=labels, language="en"
    )
    lines = {line.get_label(): line for line in result.ax.get_lines()}
    assert {r"$\sin(x)$", r"$\cos(x)$", "tangent at x0", "f'(x) finite difference"} <= set(lines)
    np.testing.assert_allclose(lines[r"$\cos(x)$"].get_ydata(), np.cos(result.curves.x), atol=1e-12)
    assert result.slope == pytest.approx(math.cos(1.0), abs=1e-12)
    assert [t.get_text() for t in result.ax.get_legend().get_texts()][:2] == list(labels.values())
    assert repr(result) == "DerivativePlot(points=31, x0=1.0)"


def test_plot_derivative_rejects_unknown_label_keys():
    with pytest.raises(ValueError, match="unknown label keys"):
        plot.plot_derivative(ad.sin, 0.0, 1.0, labels={"fonction": "f"})


def test_plot_curves_takes_tensors_that_require_grad():
    x = ad.linspace(0.0, 1.0, steps=11, requires_grad=True)
    y = x * x
    y.sum().backward()
    fig, ax = plot.plot_curves(x, [y, x.grad], labels=["y", "dy"], xlabel="x")
    ys = [line.get_ydata() for line in ax.get_lines()]
    np.testing.assert_allclose(ys[0], np.linspace(0, 1, 11) ** 2, atol=1e-6)
    np.testing.assert_allclose(ys[1], 2 * np.linspace(0, 1, 11), atol=1e-6)
    assert ax.get_xlabel() == "x"
    assert fig is ax.figure


def test_plot_curves_needs_one_label_per_curve():
    with pytest.raises(ValueError, match="2 curves but 1 labels"):
        plot.plot_curves([0, 1], [[0, 1], [1, 0]], labels=["only one"])


def test_importing_plot_and_drawing_does_not_import_matplotlib():
    import subprocess
    import sys

    code = (
        "import sys, autodiff_tr.learn.plot, autodiff_tr.learn.drawing; "
        "print('matplotlib' in sys.modules, 'ipywidgets' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]


@pytest.mark.parametrize("draw", ["plot_derivative", "plot_curves"])
def test_the_legend_covers_no_curve(draw):
    """Over a full period of sin and cos no place inside the axes is free, and
    the legend hid parts of the curves (notebook 02). It must lie beside the axes, inside the
    saved picture."""
    import matplotlib.pyplot as plt

    if draw == "plot_derivative":
        fig = plot.plot_derivative(
            ad.sin, -2 * math.pi, 2 * math.pi, x0=1.0, finite_difference=True, language="en"
        ).figure
    else:
        x = ad.linspace(-2 * math.pi, 2 * math.pi, steps=200)
        fig, _ = plot.plot_curves(x, [ad.sin(x), ad.cos(x)], labels=["sin", "cos"])
    try:
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        legend = ax.get_legend().get_window_extent(renderer)
        for line in ax.get_lines():
            points = line.get_transform().transform(line.get_xydata())
            covered = (
                (points[:, 0] >= legend.x0) & (points[:, 0] <= legend.x1)
                & (points[:, 1] >= legend.y0) & (points[:, 1] <= legend.y1)
            )
            assert not covered.any(), line.get_label()
        whole = fig.get_window_extent(renderer)
        assert whole.x0 <= legend.x0 and legend.x1 <= whole.x1  # not cut off on the right
    finally:
        plt.close(fig)


def test_descent_path_on_the_bowl_is_the_closed_form():
    # f = x^2 + 2 y^2: each step multiplies x by 1 - 2 lr and y by 1 - 4 lr
    result = plot.descent_path(lambda x, y: x * x + 2 * (y * y), (2.0, 1.5), 0.1, 5)
    k = np.arange(6)
    np.testing.assert_allclose(result.path, np.stack([2.0 * 0.8**k, 1.5 * 0.6**k], axis=1))
    assert result.diverged is False


def test_descent_path_diverges_when_the_loss_rises_even_below_the_start():
    """On the bowl at lr 0.5012 the y factor is -1.0048: the loss falls to 4.54
    after one step (x is gone) and then grows; after 20 steps (5.45) it is still below the start
    (8.5), and yet the descent diverges."""
    bowl = lambda x, y: x * x + 2 * (y * y)  # noqa: E731
    result = plot.descent_path(bowl, (2.0, 1.5), 0.5012, 20)
    assert result.losses[-1] < result.losses[0]
    assert result.diverged is True
    # at exactly 0.5 y flips sign and keeps its size: the loss stays at 4.5, no divergence
    assert plot.descent_path(bowl, (2.0, 1.5), 0.5, 20).diverged is False


def test_gradient_field_is_the_gradient_on_the_arrow_grid():
    field = plot.gradient_field(lambda x, y: x * y * y, (-1.0, 2.0), (0.0, 3.0),
                                resolution=7, arrows=4)
    assert field["z"].shape == (7, 7)
    np.testing.assert_allclose(field["z"], field["x"] * field["y"] ** 2)
    np.testing.assert_allclose(field["u"], field["arrow_y"] ** 2)
    np.testing.assert_allclose(field["v"], 2 * field["arrow_x"] * field["arrow_y"])


def test_a_line_breaks_at_a_jump_and_not_at_a_kink():
    x = np.linspace(-1.0, 1.0, 21)
    step = np.where(x < 0.05, 0.0, 1.0) + x  # jumps by 1 between 0.0 and 0.1, slope 1
    bx, by = plot.break_at_jumps(x, step, np.ones_like(x))
    assert len(bx) == 22 and np.isnan(bx[11]) and np.isnan(by[11])
    assert bx[10] == 0.0 and bx[12] == pytest.approx(0.1)
    kink = np.abs(x)
    same_x, same_y = plot.break_at_jumps(x, kink, np.sign(x))
    assert same_x is x and same_y is kink
