"""The gradient explorers (notebook 03), used with mouse and keyboard in a real browser.

After Run All, for every explorer shown in the notebook: every drop-down option is chosen (with
the mouse, then with the keyboard), every slider is dragged with the mouse and moved with the
arrow keys, every check box is clicked. After each action the kernel must have redrawn exactly
once, the read-out must equal the derivative at the new point (closed forms, independent of the
engine), the plot must hold exactly the curves the controls ask for, the picture in the page
must have changed, and the page must not have scrolled away from the control.
"""

from __future__ import annotations

import math

import pytest
from notebook_page import NotebookPage

# f and f' in closed form, for the read-out checks (keys of autodiff_tr.learn.widgets.FUNCTIONS_1D)
CLOSED_FORMS_1D = {
    "sin": (math.sin, math.cos),
    "cubic": (lambda x: x**3 - 3 * x, lambda x: 3 * x**2 - 3),
    "tanh": (math.tanh, lambda x: 1 - math.tanh(x) ** 2),
    "gaussian": (lambda x: math.exp(-x * x), lambda x: -2 * x * math.exp(-x * x)),
    "abs": (abs, lambda x: float((x > 0) - (x < 0))),
}
CLOSED_FORMS_2D = {
    "bowl": lambda x, y: x * x + 2 * y * y,
    "rosenbrock": lambda x, y: (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    "saddle": lambda x, y: x * x - y * y,
}


def control_flow(a: float) -> tuple[float, float]:
    """Notebook 01's f for one number, and its slope f(a) / a (the piece a lies on)."""
    b = 2 * a
    while abs(b) < 1000:
        b *= 2
    value = b if b > 0 else 100 * b
    return value, value / a


FIND = """
from autodiff_tr.learn import widgets as _w
_e = [o for o in list(globals().values())
      if isinstance(o, _w._Explorer) and o.widget.model_id == {model_id!r}][0]
if not hasattr(_e, "_test_redraws"):
    _e._test_redraws = 0
    def _counting(_draw=_e._redraw, _e=_e):
        _e._test_redraws += 1
        _draw()
    _e._redraw = _counting
"""

STATE = """{
    "kind": type(_e).__name__,
    "redraws": _e._test_redraws,
    "controls": {c.description: c.value for c in _e._controls()},
    "function": _e.function.value,
    "ranges": {c.description: [c.min, c.max] for c in _e._controls()
               if hasattr(c, "min") and not hasattr(c, "base")},  # a log slider: exponents
    "lines": [[l.get_label() for l in ax.get_lines()] for ax in _e.figure.axes],
    "readout": getattr(_e, "readout", None),
    "path": _e.path.tolist() if hasattr(_e, "path") else None,
    "losses": _e.losses.tolist() if hasattr(_e, "losses") else None,
    "texts": _e.texts,
}"""


# The explorers' functions with a marked minimum (autodiff_tr.learn.widgets.MINIMA_2D)
MARKED_MINIMA = {"bowl", "rosenbrock"}


class ExplorerView:
    """One explorer's output in the page, and the explorer object in the kernel behind it."""

    def __init__(self, page: NotebookPage, output, model_id: str, cell_id: str = ""):
        self.nb = page
        self.output = output  # Playwright locator of the output area element
        self.model_id = model_id
        self.cell_id = cell_id

    def state(self) -> dict:
        return self.nb.evaluate(STATE, setup=FIND.format(model_id=self.model_id))

    def picture(self) -> str:
        return self.output.locator("img.widget-image").first.get_attribute("src")

    def scroll_top(self) -> float:
        return self.nb.page.evaluate(
            """() => Math.max(...[document.scrollingElement,
                ...document.querySelectorAll('.jp-WindowedPanel-outer, .jp-NotebookPanel,'
                    + ' #main-panel, .jp-Notebook')].map(n => n ? n.scrollTop : 0))"""
        )

    def act(self, action, what: str) -> dict:
        """Do ``action``; wait until the kernel redrew and the page shows the new picture; the
        kernel must redraw exactly once (an echo from the front end would make a second)."""
        before = self._last if getattr(self, "_last", None) else self.state()
        picture = self.picture()
        action()
        page = self.nb.page
        waited = 0
        while self.state()["redraws"] == before["redraws"]:
            assert waited < 30_000, f"{what}: the kernel never redrew"
            page.wait_for_timeout(50)
            waited += 50
        page.wait_for_function(
            "([el, old]) => { const img = el.querySelector('img.widget-image');"
            " return img && img.src !== old && img.complete; }",
            arg=[self.output.element_handle(), picture],
            timeout=30_000,
        )
        page.wait_for_timeout(200)  # a second redraw (an echo) would come now
        after = self.state()
        assert after["redraws"] - before["redraws"] == 1, (
            f"{what}: {after['redraws'] - before['redraws']} redraws"
        )
        self._last = after
        return after


def explorer_views(page: NotebookPage) -> list[ExplorerView]:
    views = []
    cells = page.page.locator(".jp-Notebook .jp-Cell")
    for index, cell in enumerate(page.cells()):
        for number, output in enumerate(cell["outputs"]):
            view = output.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view:
                element = cells.nth(index).locator(".jp-OutputArea-output").nth(number)
                views.append(ExplorerView(page, element, view["model_id"], cell.get("id", "")))
    return views


def check_picture_lines(state: dict) -> None:
    """The plot holds exactly the curves the controls ask for, each once."""
    t = state["texts"]
    if state["kind"] == "GradientExplorer":
        c = state["controls"]
        wanted = [t["curve_function"]]
        wanted += [t["curve_derivative"]] if c[t["show_derivative"]] else []
        wanted += [t["curve_second"]] if c[t["show_second"]] else []
        wanted += [t["curve_fd"]] if c[t["show_fd"]] else []
        wanted += [t["curve_tangent"]] if c[t["show_tangent"]] else []
        (labels,) = state["lines"]
        assert [x for x in labels if not x.startswith("_")] == wanted
        assert len(labels) == len(wanted) + 2  # and the point x0, the axis y = 0
    else:
        contour, losses = state["lines"]
        marked = 1 if state["function"] in MARKED_MINIMA else 0
        # the path, its start (and the minimum); the loss curve
        assert len(contour) == 2 + marked and len(losses) == 1, state["lines"]
        assert (t["minimum"] in contour) == bool(marked)


def check_readout(state: dict) -> None:
    """The read-out (or the path) belongs to the point the sliders show."""
    t, c = state["texts"], state["controls"]
    if state["kind"] == "GradientExplorer":
        r = state["readout"]
        x0 = c[t["x0"]]
        assert r["x0"] == x0
        if state["function"] == "control_flow":
            f, df = control_flow(x0)
        elif state["function"] in CLOSED_FORMS_1D:
            function, derivative = CLOSED_FORMS_1D[state["function"]]
            f, df = function(x0), derivative(x0)
        else:
            return
        assert r["f"] == pytest.approx(f, rel=1e-9, abs=1e-12)
        assert r["df_autograd"] == pytest.approx(df, rel=1e-9, abs=1e-12)
    else:
        start = [c[t["x_start"]], c[t["y_start"]]]
        assert state["path"][0] == start
        f = CLOSED_FORMS_2D.get(state["function"])
        if f is not None:
            assert state["losses"][0] == pytest.approx(f(*start), rel=1e-12, abs=1e-12)
        steps_taken = len(state["path"]) - 1
        assert steps_taken <= c[t["steps"]]


def drag(page, handle, dx: float) -> None:
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y, steps=6)
    page.mouse.up()


def use_every_control(view: ExplorerView) -> None:
    page = view.nb.page
    state = view.state()
    check_picture_lines(state)
    check_readout(state)
    t = state["texts"]

    # every option of the drop-down, with the mouse (choosing it from the list)
    select = view.output.locator(".widget-dropdown select")
    options = select.locator("option").all_inner_texts()
    for index in [*range(len(options)), 0]:
        if select.evaluate("s => s.selectedIndex") == index:
            continue
        state = view.act(lambda i=index: select.select_option(index=i), f"option {index}")
        c = state["controls"]
        assert c[t["function"]] == state["function"]
        for description, (low, high) in state["ranges"].items():
            assert low <= c[description] <= high, description
        check_picture_lines(state)
        check_readout(state)
    # ... and with the keyboard: space opens the list, an arrow moves, enter chooses. (A bare
    # arrow key on the closed list moves to the next cell instead: the notebook's own shortcut,
    # in JupyterLab and Notebook 7 alike.)
    if len(options) > 1:
        select.focus()
        before = select.evaluate("s => s.selectedIndex")
        arrow, step = ("ArrowDown", 1) if before == 0 else ("ArrowUp", -1)

        def choose_by_keyboard():
            for key in ("Space", arrow, "Enter"):
                page.keyboard.press(key)

        state = view.act(choose_by_keyboard, "drop-down by keyboard")
        assert select.evaluate("s => s.selectedIndex") == before + step
        check_readout(state)
        check_picture_lines(state)

        # a bare arrow key on the closed list chooses the next function, and the notebook's
        # selected cell stays where it is (the arrows moved the cell selection instead)
        select.focus()
        cell = view.nb.active_cell()
        now = select.evaluate("s => s.selectedIndex")
        arrow, step = ("ArrowDown", 1) if now == 0 else ("ArrowUp", -1)
        state = view.act(lambda k=arrow: page.keyboard.press(k), f"drop-down: bare {arrow}")
        assert select.evaluate("s => s.selectedIndex") == now + step
        assert view.nb.active_cell() == cell, f"{arrow} on the drop-down moved the cell selection"
        check_readout(state)
        check_picture_lines(state)

    # every slider, dragged with the mouse, then moved with the arrow keys
    for slider in view.output.locator(".widget-slider").all():
        name = slider.locator(".widget-label").inner_text()
        handle = slider.locator(".noUi-handle")
        track = slider.locator(".noUi-target").bounding_box()
        box = handle.bounding_box()
        left_half = box["x"] + box["width"] / 2 < track["x"] + track["width"] / 2
        value = view.state()["controls"][name]
        state = view.act(lambda h=handle, d=(40 if left_half else -40): drag(page, h, d),
                         f"{name}: drag")
        moved = state["controls"][name]
        assert (moved > value) if left_half else (moved < value), f"{name}: drag did not move it"
        check_readout(state)
        check_picture_lines(state)
        check_slider_readout(slider, moved, name)

        handle.focus()
        top = view.scroll_top()
        key = "ArrowRight" if left_half else "ArrowLeft"
        state = view.act(lambda k=key: page.keyboard.press(k), f"{name}: {key}")
        pressed = state["controls"][name]
        assert (pressed > moved) if left_half else (pressed < moved), f"{name}: {key} did nothing"
        # in Notebook 7 the arrow key scrolled the page away from the slider
        assert view.scroll_top() == top, f"{name}: the arrow key scrolled the page"
        check_readout(state)
        check_slider_readout(slider, pressed, name)

    # a number typed with a decimal comma (German and Turkish write one), also with the minus
    # sign of typeset text, into the first slider's number field
    first = view.output.locator(".widget-slider").first
    name = first.locator(".widget-label").inner_text()
    low, high = view.state()["ranges"][name]
    for typed, wanted in (("1,5", 1.5), ("\u22120,75", -0.75)):
        wanted = min(max(wanted, low), high)
        if view.state()["controls"][name] == wanted:
            continue

        def type_number(text=typed, slider=first):
            readout = slider.locator(".widget-readout")
            readout.click()
            page.keyboard.press("Control+A")
            page.keyboard.type(text)
            page.keyboard.press("Enter")

        state = view.act(type_number, f"{name}: typed {typed!r}")
        assert state["controls"][name] == pytest.approx(wanted), (typed, state["controls"][name])
        check_readout(state)

    # every check box
    for box in view.output.locator(".widget-checkbox input").all():
        state = view.act(box.click, "check box")
        check_picture_lines(state)
        check_readout(state)


def check_slider_readout(slider, value: float, name: str) -> None:
    """The number beside the slider is the kernel's value, to the digits it shows."""
    text = slider.locator(".widget-readout").inner_text().strip().replace("−", "-")
    digits = len(text.split(".")[1]) if "." in text else 0
    assert float(text) == pytest.approx(value, abs=0.51 * 10**-digits), (name, text, value)


# What each section of notebook 03 says its explorer shows (by the id of the cell that shows
# it), checked after Run All: the sections' later cells must not have moved it on.
SECTION_CLAIMS = {
    # "Derivatives in One Dimension": the sine at x0 = 1, slope cos(1)
    "explorer-widgets": {"function": "sin", "x0": 1.0, "df_autograd": math.cos(1.0)},
    # "Where the Derivative Vanishes": the sine at π/2, slope 0, second derivative -1
    "explorer-maximum-widget": {"function": "sin", "x0": math.pi / 2, "df_autograd": 0.0,
                                "d2f_autograd": -1.0},
    # "Where the Function with Control Flow Jumps": slope 1024 at a = 1.5
    "explorer-jump-widget": {"function": "control_flow", "x0": 1.5, "f": 1536.0,
                             "df_autograd": 1024.0},
    # "Gradient Descent in Two Dimensions": the bowl from (2, 1.5), rate 0.1, 20 steps
    "descent-widgets": {"function": "bowl", "start": [2.0, 1.5], "learning_rate": 0.1,
                        "steps": 20, "diverged": False},
    # "A Learning Rate That Is Too Large": rate 0.6 on the bowl diverges
    "descent-too-large-widget": {"function": "bowl", "learning_rate": 0.6, "diverged": True},
    # "The Saddle": started on the line y = 0, it runs into the saddle point
    "descent-saddle-widget": {"function": "saddle", "start": [1.0, 0.0], "end_y": 0.0},
    # "The Rosenbrock Function": 200 steps at 0.001 from (-1.5, 2), still far from (1, 1)
    "descent-rosenbrock-widget": {"function": "rosenbrock", "start": [-1.5, 2.0],
                                  "learning_rate": 0.001, "steps": 200, "diverged": False},
}


def check_section_claim(view: ExplorerView) -> None:
    claim = SECTION_CLAIMS[view.cell_id]
    state = view.state()
    t, c = state["texts"], state["controls"]
    where = view.cell_id
    assert state["function"] == claim["function"], where
    if state["kind"] == "GradientExplorer":
        assert c[t["x0"]] == pytest.approx(claim["x0"]), where
        for key in ("f", "df_autograd", "d2f_autograd"):
            if key in claim:
                assert state["readout"][key] == pytest.approx(claim[key], abs=1e-9), (where, key)
    else:
        if "start" in claim:
            assert [c[t["x_start"]], c[t["y_start"]]] == claim["start"], where
        if "learning_rate" in claim:
            assert c[t["learning_rate"]] == pytest.approx(claim["learning_rate"]), where
        if "steps" in claim:
            assert c[t["steps"]] == claim["steps"], where
        if "end_y" in claim:
            assert state["path"][-1][1] == claim["end_y"], where
        if "diverged" in claim:
            losses = state["losses"]
            rose = losses[-1] > min(losses) or len(state["path"]) - 1 < c[t["steps"]]
            assert rose == claim["diverged"], where
