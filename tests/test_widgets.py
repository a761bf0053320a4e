"""Tests for autodiff_tr.learn.widgets, driving the explorers from Python as the notebooks do."""

import base64
import io
import math
import threading
import time

import ipywidgets
import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

import autodiff_tr as ad  # noqa: E402
from autodiff_tr.learn import widgets  # noqa: E402
from autodiff_tr.learn.examples import f as chapter_f  # noqa: E402


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """These tests check the English texts, whatever folder pytest runs in."""
    monkeypatch.setenv("AUTODIFF_TR_LANG", "en")


@pytest.fixture
def explorer():
    return widgets.GradientExplorer()


def test_sin_readout_and_curves(explorer):
    explorer.function.value = "sin"
    explorer.x0.value = 1.0
    r = explorer.readout
    assert r["f"] == pytest.approx(math.sin(1.0), abs=1e-12)
    assert r["df_autograd"] == pytest.approx(math.cos(1.0), abs=1e-12)
    assert r["df_finite_difference"] == pytest.approx(math.cos(1.0), abs=1e-6)
    assert r["difference"] == pytest.approx(r["df_autograd"] - r["df_finite_difference"])
    assert r["d2f_autograd"] == pytest.approx(-math.sin(1.0), abs=1e-12)
    c = explorer.curves
    np.testing.assert_allclose(c["dy"], np.cos(c["x"]), atol=1e-12)
    np.testing.assert_allclose(c["fd"], np.cos(c["x"]), atol=1e-6)
    assert explorer.summary() == {
        "x0": 1.0, "f": 0.8415, "df_autograd": 0.5403, "df_finite_difference": 0.5403,
        "difference": 0.0, "d2f_autograd": -0.8415,
    }


def test_second_derivative_of_sin_is_minus_sin(explorer):
    explorer.show_second.value = True
    c = explorer.curves
    np.testing.assert_allclose(c["d2y"], -np.sin(c["x"]), atol=1e-12)
    labels = [line.get_label() for line in explorer.ax.get_lines()]
    assert "f''(x) autograd" in labels


def test_tangent_touches_the_curve_at_x0(explorer):
    explorer.function.value = "gaussian"
    explorer.x0.value = 0.7
    c, r = explorer.curves, explorer.readout
    assert np.interp(0.7, c["x"], c["tangent"]) == pytest.approx(r["f"], abs=1e-12)
    slope = np.polyfit(c["x"], c["tangent"], 1)[0]
    assert slope == pytest.approx(-2 * 0.7 * math.exp(-0.49), abs=1e-9)


def test_checkboxes_choose_the_drawn_curves(explorer):
    def labels():
        return [line.get_label() for line in explorer.ax.get_lines() if line.get_label()[0] != "_"]

    assert labels() == ["f(x)", "f'(x) autograd", "tangent at x0"]
    explorer.show_derivative.value = False
    explorer.show_tangent.value = False
    explorer.show_fd.value = True
    assert labels() == ["f(x)", "f'(x) finite difference"]


def test_changing_the_function_moves_the_slider_range_and_clamps_x0(explorer):
    explorer.x0.value = -5.0
    explorer.function.value = "control_flow"
    assert (explorer.x0.min, explorer.x0.max) == (0.5, 4.0)
    assert explorer.x0.value == 0.5
    assert explorer.curves["x"][0] == 0.5 and explorer.curves["x"][-1] == 4.0


def test_cubic_has_zero_derivative_at_minus_and_plus_one(explorer):
    explorer.function.value = "cubic"
    explorer.x0.value = -1.0
    assert explorer.summary()["df_autograd"] == 0.0
    assert explorer.summary()["d2f_autograd"] == -6.0
    explorer.x0.value = 1.0
    assert explorer.summary()["d2f_autograd"] == 6.0
    c = explorer.curves
    np.testing.assert_allclose(c["dy"], 3 * c["x"] ** 2 - 3, atol=1e-12)


@pytest.mark.parametrize("a", [0.3, 1.5, 1.96, 3.0, -0.7, -2.5])
def test_elementwise_control_flow_f_equals_the_chapter_f(a):
    x = ad.tensor(a, dtype=ad.float64, requires_grad=True)
    y = chapter_f(x)  # the chapter's f, verbatim
    y.backward()
    xs = ad.tensor([a, 1.0], dtype=ad.float64, requires_grad=True)
    ys = widgets.control_flow_f(xs)
    ys.sum().backward()
    assert ys.detach().numpy()[0] == pytest.approx(y.item())
    assert xs.grad.numpy()[0] == pytest.approx(x.grad.item())
    assert x.grad.item() == pytest.approx(y.item() / a)  # f(a) = k a, gradient k


def test_finite_difference_across_the_jump_of_the_control_flow_f(explorer):
    explorer.function.value = "control_flow"
    explorer.x0.value = 1.5
    assert explorer.summary()["f"] == 1536.0
    assert explorer.summary()["df_autograd"] == 1024.0
    assert explorer.summary()["df_finite_difference"] == 1024.0
    explorer.x0.value = 1.953  # the jump is at 1000 / 512 = 1.953125
    s = explorer.summary()
    assert s["df_autograd"] == 1024.0
    # (512 * 1.954 - 1024 * 1.952) / 0.002
    assert s["df_finite_difference"] == pytest.approx(-499200.0)


def test_abs_has_autograd_derivative_zero_at_the_kink(explorer):
    explorer.function.value = "abs"
    explorer.x0.value = 0.0
    assert explorer.summary()["df_autograd"] == 0.0
    explorer.x0.value = -1.0
    assert explorer.summary()["df_autograd"] == -1.0


def test_own_function_is_added_and_selected():
    e = widgets.GradientExplorer(functions={"x sin x": lambda x: x * ad.sin(x)})
    assert e.function.value == "x sin x"
    assert "sin" in dict((v, k) for k, v in e.function.options)
    e.x0.value = 0.0
    assert e.summary() == {
        "x0": 0.0, "f": 0.0, "df_autograd": 0.0, "df_finite_difference": 0.0,
        "difference": 0.0, "d2f_autograd": 2.0,
    }


def test_a_function_that_is_not_elementwise_is_rejected():
    with pytest.raises(ValueError, match="elementwise"):
        widgets.GradientExplorer(functions={"norm": lambda x: x.norm()})


def test_texts_replace_the_english_defaults():
    e = widgets.GradientExplorer(texts={"x0": "nokta", "curve_function": "fonksiyon"})
    assert e.x0.description == "nokta"
    assert e.ax.get_lines()[0].get_label() == "fonksiyon"


def test_the_explorer_displays_as_a_widget_and_renders_png(explorer):
    bundle, _ = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert explorer.png()[:8] == b"\x89PNG\r\n\x1a\n"


def picture(png: bytes):
    from PIL import Image

    return Image.open(io.BytesIO(png)).convert("RGB")


@pytest.mark.parametrize("make", [widgets.GradientExplorer, widgets.GradientDescentExplorer])
def test_the_output_carries_a_picture_of_the_state_it_was_shown_in(make):
    """Untrusted, without a kernel or on a repository viewer the widget view
    cannot render; the output must still show the picture (and not "VBox(children=...")."""
    e = make()
    data, metadata = e._repr_mimebundle_()
    shown = base64.b64decode(data["image/png"])
    assert shown == e.png()
    width, height = picture(shown).size
    # shown at half its pixels: sharp at a device pixel ratio of 2
    assert metadata["image/png"] == {"width": width // 2, "height": height // 2}
    assert "VBox" not in data["text/plain"] and len(data["text/plain"]) < 120
    assert data["text/plain"].startswith(type(e).__name__ + "(")
    # a later change of the controls does not alter what that output shows
    e.function.value = "tanh" if make is widgets.GradientExplorer else "saddle"
    assert e.png() != shown


@pytest.mark.parametrize("make", [widgets.GradientExplorer, widgets.GradientDescentExplorer])
def test_the_picture_is_shown_at_its_own_pixel_size(make):
    """An Image widget without a width is stretched to the output width and
    blurs; its CSS width must be half the PNG's width in pixels (narrower only on a narrow page):
    the PNG has two pixels per CSS pixel, sharp on a screen with a device pixel ratio of 2."""
    e = make()
    width, height = picture(e.png()).size
    assert (width, height) == tuple(round(v * 200) for v in e.figure.get_size_inches())
    width, height = width // 2, height // 2
    assert e.image.layout.width == f"{width}px"
    assert e.image.layout.max_width == "100%" and e.image.layout.height == "auto"
    assert width <= 900 and height <= 360  # the controls and the picture fit on one screen


def test_labels_get_the_width_of_their_text():
    """The default fixed label width cut "öğrenme oranı" to "öğrenme …"."""
    explorers = (
        widgets.GradientExplorer(language="tr"),
        widgets.GradientDescentExplorer(language="id"),
    )
    for e in explorers:
        for control in e._controls():
            if not isinstance(control, ipywidgets.Checkbox):
                assert control.style.description_width == "initial", control.description
        assert e.function.layout.width == "auto"  # the drop-down as wide as its longest option


def test_sliders_send_values_only_when_let_go():
    """A continuously updating slider snaps every value set from Python to its
    step and sends the snapped value back (1.953 -> 1.95); the browser test shows the effect."""
    sliders = [widgets.GradientExplorer().x0]
    d = widgets.GradientDescentExplorer()
    sliders += [d.x_start, d.y_start, d.learning_rate, d.steps]
    assert [s.continuous_update for s in sliders] == [False] * 5


@pytest.mark.slow
def test_redraws_from_two_threads_take_turns(monkeypatch):
    """JupyterLab delivers widget messages on a second kernel thread, so a
    slider moved in the browser and a cell run at the same time redraw at once. Each finished
    drawing must hold exactly the curves the controls ask for, once each."""
    e = widgets.GradientExplorer()
    draw, plot = e._draw, e.ax.plot
    drawn = []

    def slow_plot(*args, **kwargs):  # widen the window in which two redraws can interleave
        time.sleep(0.002)
        return plot(*args, **kwargs)

    def recording_draw():
        draw()
        drawn.append([line.get_label() for line in e.ax.get_lines()])

    monkeypatch.setattr(e.ax, "plot", slow_plot)
    monkeypatch.setattr(e, "_draw", recording_draw)

    def move_x0():
        for i in range(15):
            e.x0.value = 0.1 * i

    def toggle_second():
        for i in range(15):
            e.show_second.value = i % 2 == 0

    threads = [threading.Thread(target=move_x0), threading.Thread(target=toggle_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(drawn) >= 20
    for labels in drawn:
        curves = [label for label in labels if not label.startswith("_")]
        assert len(curves) == len(set(curves)), labels
        assert len(labels) == len(curves) + 2, labels  # unlabelled: the point x0, the axis y=0
    assert picture(e.png()).size == (1400, 680)


def test_values_set_again_do_not_redraw(explorer, monkeypatch):
    """An echo of the values already drawn (what the browser sends back) costs no redraw."""
    calls = []
    real = explorer.compute
    monkeypatch.setattr(explorer, "compute", lambda: calls.append(1) or real())
    explorer.function.value = "cubic"
    assert len(calls) == 1
    explorer._on_change({"name": "value", "new": explorer.x0.value})
    assert len(calls) == 1


# -- 2-D gradient descent -----------------------------------------------------------------------


@pytest.fixture
def descent():
    return widgets.GradientDescentExplorer()


def test_descent_on_the_bowl_follows_the_closed_form_and_decreases_the_loss(descent):
    descent.function.value = "bowl"
    descent.x_start.value, descent.y_start.value = 2.0, 1.5
    descent.learning_rate.value = 0.1
    descent.steps.value = 20
    k = np.arange(21)
    # f = x^2 + 2 y^2: x <- x (1 - 2 lr), y <- y (1 - 4 lr)
    np.testing.assert_allclose(descent.path[:, 0], 2.0 * 0.8**k, atol=1e-12)
    np.testing.assert_allclose(descent.path[:, 1], 1.5 * 0.6**k, atol=1e-12)
    x, y = descent.path[:, 0], descent.path[:, 1]
    np.testing.assert_allclose(descent.losses, x**2 + 2 * y**2)
    assert np.all(np.diff(descent.losses) < 0)
    assert descent.diverged is False
    assert descent.summary()["loss_start"] == 8.5


def test_too_large_learning_rate_diverges(descent):
    descent.function.value = "bowl"
    descent.learning_rate.value = 0.6  # y factor 1 - 4 * 0.6 = -1.4
    assert descent.diverged is True
    assert descent.losses[-1] > descent.losses[0]
    assert descent.summary()["steps_taken"] == 20


def test_divergence_stops_at_the_limit():
    d = widgets.GradientDescentExplorer(learning_rate=1.0, steps=200, limit=1e3)
    # y factor 1 - 4 = -3: |y| passes 1000 after 6 steps (1.5 * 3^6 = 1093.5)
    assert d.diverged is True
    assert d.summary()["steps_taken"] == 5
    assert len(d.losses) == len(d.path)


def test_gradient_field_from_one_backward_pass(descent):
    f = descent.field
    np.testing.assert_allclose(f["u"], 2 * f["arrow_x"], atol=1e-12)
    np.testing.assert_allclose(f["v"], 4 * f["arrow_y"], atol=1e-12)
    assert f["z"].shape == (240, 240)


def test_saddle_start_on_the_ridge_walks_into_the_saddle_point(descent):
    descent.function.value = "saddle"
    descent.x_start.value, descent.y_start.value = 1.0, 0.0
    assert descent.path[-1, 1] == 0.0
    assert descent.summary()["end"] == [0.0115, 0.0]
    descent.y_start.value = 0.01
    assert descent.losses[-1] < 0


def test_own_2d_function():
    d = widgets.GradientDescentExplorer(functions={"shifted": lambda x, y: (x - 1) ** 2 + y * y},
                                        learning_rate=0.25, steps=1)
    # one step with lr 0.25 halves the distance to the minimum (1, 0)
    np.testing.assert_allclose(d.path[-1], [1.5, 0.75])


@pytest.mark.parametrize("make", [widgets.GradientExplorer, widgets.GradientDescentExplorer])
def test_each_explorer_carries_the_keyboard_guard(make):
    """In Notebook 7 an arrow key on a slider jumped to the next heading. The
    guard (tested in the browser, tests/browser) acts on slider handles inside the explorer's
    box, which it finds by this class."""
    e = make()
    assert "autodiff-tr-explorer" in e.widget._dom_classes
    guards = [c for c in e.widget.children if isinstance(c, widgets._KeyboardGuard)]
    assert len(guards) == 1
    for part in ('".autodiff-tr-explorer "', '".noUi-handle"', '"select"', '".widget-readout"'):
        assert part in guards[0]._esm
    assert "preventDefault" in guards[0]._esm


def test_a_function_name_that_is_not_there_lists_the_names_that_are():
    import traitlets

    for make in (lambda: widgets.GradientExplorer(start="sine"),
                 lambda: widgets.GradientDescentExplorer(start="bowl2")):
        with pytest.raises(traitlets.TraitError, match=r"^Invalid selection: value not found\."
                                                       r" '\w+' is not a function of this"
                                                       r" explorer: choose one of 'sin'|'bowl'"):
            make()
    explorer = widgets.GradientExplorer()
    with pytest.raises(traitlets.TraitError, match="choose one of 'sin', 'cubic'"):
        explorer.function.value = "sine"
    assert explorer.function.value == "sin"


def test_a_function_with_the_wrong_number_of_arguments_is_refused_at_once():
    with pytest.raises(TypeError, match=r"'f' of a `GradientDescentExplorer` must take two"
                                        r" arguments, f\(x, y\)"):
        widgets.GradientDescentExplorer(functions={"f": lambda x: x * x})
    with pytest.raises(TypeError, match=r"'g' of a `GradientExplorer` must take one argument"):
        widgets.GradientExplorer(functions={"g": lambda x, y: x * y})
    widgets.GradientExplorer(functions={"s": ad.sin})  # an ad function (no signature issue)


def test_the_x0_slider_lies_on_a_round_grid_that_reaches_zero():
    """The sin slider started at -2π with step 0.01, so it showed 0.00 where
    the table said -0.00318531, and neither 0 nor 1.57 could be reached."""
    e = widgets.GradientExplorer()
    assert (e.x0.min, e.x0.max, e.x0.step) == (-6.28, 6.28, 0.01)
    for k in (628, 785, 728):  # 0, 1.57, 1.00 as the browser computes them: min + k * step
        e.x0.value = -6.28 + k * 0.01
        assert e.x0.value == round(-6.28 + k * 0.01, 2)
        assert e.readout["x0"] == e.x0.value
    e.x0.value = math.pi / 2  # a value set from Python stays as it is
    assert e.x0.value == math.pi / 2
    e.function.value = "control_flow"
    assert (e.x0.min, e.x0.max) == (0.5, 4.0)


def test_the_table_prints_no_minus_zero():
    e = widgets.GradientExplorer(start="cubic", x0=0.0)
    assert e.readout["x0"] == 0.0
    e.x0.value = -0.0
    assert ">-0<" not in e.readout_box.value
    assert widgets._table_number(-0.0) == "0"
    assert widgets._table_number(math.cos(math.pi / 2)) == "0"  # 6.1e-17, not 6.12323e-17
    assert widgets._table_number(-1.953125) == "-1.95312"


def test_each_curve_keeps_its_colour_whatever_else_is_shown(explorer):
    def colours():
        return {line.get_label(): line.get_color() for line in explorer.ax.get_lines()}

    explorer.show_second.value = True
    explorer.show_fd.value = True
    all_on = colours()
    explorer.show_derivative.value = False
    explorer.show_tangent.value = False
    for label, colour in colours().items():
        if not label.startswith("_"):
            assert all_on[label] == colour, label


def test_the_control_flow_curve_is_broken_at_its_jumps():
    e = widgets.GradientExplorer(start="control_flow", x0=1.5)
    (line,) = [ln for ln in e.ax.get_lines() if ln.get_label() == "f(x)"]
    x = line.get_xdata()
    gaps = x[np.isnan(x)]
    # jumps of f on [0.5, 4]: at 1000/1024, 1000/512 and 1000/256
    assert len(gaps) == 3


def test_the_rosenbrock_minimum_is_marked_and_one_step_has_whole_ticks():
    d = widgets.GradientDescentExplorer(start="rosenbrock", start_point=(-1.5, 2.0), steps=1,
                                        learning_rate=0.001)
    marked = [ln for ln in d.ax.get_lines() if ln.get_label() == "minimum"]
    assert len(marked) == 1 and list(marked[0].get_xdata()) == [1.0]
    d.figure.canvas.draw()
    ticks = [t for t in d.loss_ax.get_xticks() if 0 <= t <= 1]
    assert ticks == [0.0, 1.0]
