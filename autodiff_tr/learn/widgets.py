"""Interactive explorers for derivatives and gradient descent (plain ipywidgets + matplotlib).

* :class:`GradientExplorer` -- one variable: a function, its autograd derivative, the tangent line
  at a point x0, the second derivative and a finite-difference estimate, with read-outs.
* :class:`GradientDescentExplorer` -- two variables: contour lines, the gradient field as arrows,
  and the path of gradient descent with its loss per step.

This module is the view: controls and pictures. What is shown is computed by plain functions of
:mod:`autodiff_tr.learn.plot` (:func:`~autodiff_tr.learn.plot.derivative_curves`,
:func:`~autodiff_tr.learn.plot.descent_path`, :func:`~autodiff_tr.learn.plot.gradient_field`),
each curve and the whole gradient field from ONE backward pass over a grid of points. The
widgets are ordinary ipywidgets; all controls are public attributes, so the explorers can be
driven from Python::

    explorer = GradientExplorer()
    explorer.function.value = "sin"
    explorer.x0.value = 1.0
    explorer.summary()      # rounded read-outs
    explorer.curves["dy"]   # the plotted derivative

ipywidgets and matplotlib are imported when this module is imported, which happens only on first
use of ``autodiff_tr.widgets``; ``import autodiff_tr`` alone does not import them. All visible texts
come from :mod:`autodiff_tr.i18n` in the language given by ``language=`` (default
:func:`autodiff_tr.i18n.language`, e.g. the notebook's folder ``tr``/``de``/``id``); entries of the
``texts`` argument override them.
"""

from __future__ import annotations

import base64
import inspect
import io
import math
import threading
from collections.abc import Callable, Mapping
from typing import Any

import anywidget
import ipywidgets as w
import numpy as np
import traitlets
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

import autodiff_tr as ad
from autodiff_tr import i18n
from autodiff_tr.learn import plot
from autodiff_tr.learn.examples import control_flow_f
from autodiff_tr.messages import message

__all__ = [
    "FUNCTIONS_1D",
    "FUNCTIONS_2D",
    "GradientDescentExplorer",
    "GradientExplorer",
    "MINIMA_2D",
    "TEXTS_1D",
    "TEXTS_2D",
    "control_flow_f",
]


_NAMES_1D = i18n.EN["functions_1d"]
_NAMES_2D = i18n.EN["functions_2d"]

#: 1-D functions: key -> (drop-down text, function, default x range). The texts shown are
#: translated per language from :mod:`autodiff_tr.i18n` (section ``functions_1d``).
FUNCTIONS_1D: dict[str, tuple[str, Callable, tuple[float, float]]] = {
    "sin": (_NAMES_1D["sin"], lambda x: ad.sin(x), (-2 * math.pi, 2 * math.pi)),
    "cubic": (_NAMES_1D["cubic"], lambda x: x * x * x - 3 * x, (-2.5, 2.5)),
    "tanh": (_NAMES_1D["tanh"], lambda x: ad.tanh(x), (-4.0, 4.0)),
    "gaussian": (_NAMES_1D["gaussian"], lambda x: ad.exp(-(x * x)), (-3.0, 3.0)),
    "abs": (_NAMES_1D["abs"], lambda x: ad.abs(x), (-2.0, 2.0)),
    "control_flow": (_NAMES_1D["control_flow"], control_flow_f, (0.5, 4.0)),
}

#: 2-D functions: key -> (drop-down text, function of (x, y), (x range, y range)).
FUNCTIONS_2D: dict[str, tuple[str, Callable, tuple[tuple[float, float], tuple[float, float]]]] = {
    "bowl": (_NAMES_2D["bowl"], lambda x, y: x * x + 2 * (y * y), ((-3.0, 3.0), (-3.0, 3.0))),
    "rosenbrock": (
        _NAMES_2D["rosenbrock"],
        lambda x, y: (1 - x) * (1 - x) + 100 * ((y - x * x) * (y - x * x)),
        ((-2.0, 2.0), (-1.0, 3.0)),
    ),
    "saddle": (_NAMES_2D["saddle"], lambda x, y: x * x - y * y, ((-2.0, 2.0), (-2.0, 2.0))),
}

#: Where the built-in 2-D functions have their minimum, marked in the contour plot (the saddle
#: has none).
MINIMA_2D: dict[str, tuple[float, float]] = {"bowl": (0.0, 0.0), "rosenbrock": (1.0, 1.0)}

#: English texts of :class:`GradientExplorer` / :class:`GradientDescentExplorer` (the tables of
#: all languages are in :mod:`autodiff_tr.i18n`).
TEXTS_1D = i18n.EN["widgets_1d"]
TEXTS_2D = i18n.EN["widgets_2d"]

#: Pixels per inch at which the pictures are SHOWN (CSS pixels): a picture of ``figsize`` inches
#: is ``figsize * DPI`` wide on the page, never stretched to the output width (which blurs it).
DPI = 100
#: Image pixels per shown pixel: the PNG is rendered at this multiple of :data:`DPI`, so that it
#: stays sharp on a screen with a device pixel ratio of 2 (most laptops, every phone).
PIXEL_RATIO = 2

#: The slider step of x0 and of the start point: a slider's range is put on this grid (its ends
#: are multiples of the step), so that 0, 1, 1.57 and every other round value can be reached.
STEP = 0.01


def _localized(
    builtin: Mapping[str, tuple], section: str, code: str | None
) -> dict[str, tuple]:
    """The built-in functions with their drop-down texts in language ``code``."""
    names = i18n.texts(section, code)
    return {key: (names.get(key, spec[0]), *spec[1:]) for key, spec in builtin.items()}


def _texts(section: str, code: str | None, texts: Mapping[str, str] | None) -> dict[str, str]:
    table = i18n.texts(section, code)
    unknown = set(texts or {}) - set(table)
    if unknown:
        raise ValueError(message("widget_text_keys", unknown=sorted(unknown), known=sorted(table)))
    return {**table, **(texts or {})}


def _functions(builtin, section, language, extra, default_range) -> dict[str, tuple]:
    """The built-in functions (texts in ``language``) and the learner's ``extra`` ones: a bare
    function gets its name as text and ``default_range``."""
    functions = _localized(builtin, section, language)
    for name, spec in (extra or {}).items():
        functions[name] = (name, spec, default_range) if callable(spec) else tuple(spec)
    return functions


def _clean(value: float, digits: int) -> float:
    value = round(float(value), digits)
    return 0.0 if value == 0 else value  # no -0.0 in printed read-outs


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def _slider_style() -> dict[str, str]:
    """Labels as wide as their text: the default fixed width cuts longer labels off."""
    return {"description_width": "initial"}


def _on_grid(low: float, high: float, step: float = STEP) -> tuple[float, float]:
    """``[low, high]`` narrowed to multiples of ``step`` (-2π..2π -> -6.28..6.28)."""
    return (round(math.ceil(low / step - 1e-9) * step, 10),
            round(math.floor(high / step + 1e-9) * step, 10))


class _GridSlider(w.FloatSlider):
    """A FloatSlider whose values from the browser land exactly on its grid.

    The browser computes a dragged value as ``min + k * step`` in floating point and sends, say,
    1.5700000000000003; the read-out table would print that and the slider "1.57". A value within
    rounding noise of a grid point becomes that point; any other value (π/2 or 1000/512 set from
    Python) stays as it is.
    """

    @traitlets.validate("value")
    def _validate_value(self, proposal):
        value = super()._validate_value(proposal)
        on_grid = round(round(value / self.step) * self.step, 10)
        return on_grid if abs(value - on_grid) <= 1e-9 * max(1.0, abs(value)) else value


def _slider(value: float, low: float, high: float, description: str, width: str) -> _GridSlider:
    low, high = _on_grid(low, high)
    return _GridSlider(
        value=min(max(value, low), high), min=low, max=high, step=STEP, description=description,
        continuous_update=False, style=_slider_style(), layout=w.Layout(width=width),
    )


class _FunctionDropdown(w.Dropdown):
    """The drop-down list of an explorer's functions: a name that is not among them (in
    `start=` or in `explorer.function.value = ...`) is refused with the names that are."""

    @traitlets.validate("value")
    def _validate_value(self, proposal):
        try:
            return super()._validate_value(proposal)
        except traitlets.TraitError:
            raise _unknown_function(proposal.value, self._options_values) from None


def _unknown_function(name, names):
    return traitlets.TraitError(message("explorer_function_name", name=name,
                                        names=", ".join(repr(n) for n in names)))


def _check_functions(functions: Mapping[str, tuple], arguments: int) -> None:
    """Each function must take `arguments` arguments (1: f(x), 2: f(x, y)): a TypeError now
    says so, where a wrong one would fail later, inside a redraw."""
    for name, (_, f, _) in functions.items():
        try:
            inspect.signature(f).bind(*range(arguments))
        except TypeError:
            raise TypeError(message("explorer_2d_arity", name=name) if arguments == 2 else
                            message("explorer_1d_arity", name=name)) from None
        except ValueError:  # no signature to read (some built-ins): it will tell when called
            pass


def _function_dropdown(functions: Mapping[str, tuple], start: str, description: str):
    if start not in functions:
        raise _unknown_function(start, functions)
    return _FunctionDropdown(
        options=[(spec[0], name) for name, spec in functions.items()],
        value=start,
        description=description,
        style=_slider_style(),
        layout=w.Layout(width="auto"),
    )


class _KeyboardGuard(anywidget.AnyWidget):
    """Makes the keyboard work on an explorer's controls in JupyterLab and Notebook 7 (invisible).

    In a notebook's command mode the arrow keys belong to the notebook: they move the cell
    selection (JupyterLab and Notebook 7) or jump between headings (Notebook 7). Notebook 7
    reads key presses before the page's own elements do (JupyterLab after them). ipywidgets has
    no way to stop that; this tiny front-end part (anywidget, the ecosystem's way to ship one)
    handles three things inside an explorer, before the notebook sees the key:

    * on a slider handle, an arrow key is marked as handled; the slider still moves (its own
      handler ignores that mark);
    * on the function drop-down, an arrow key chooses the previous or next function itself
      (marking it handled would also stop the drop-down's own reaction);
    * in a slider's number field, a decimal comma ("1,5") and the minus sign of typeset text
      ("−0,75") become what the field understands ("1.5", "-0.75") when the learner presses
      Enter or leaves the field: German and Turkish write decimal commas.
    """

    _esm = """
    const SLIDER_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown",
                                 "PageUp", "PageDown", "Home", "End"]);
    const CHOICE_KEYS = {ArrowUp: -1, ArrowLeft: -1, ArrowDown: 1, ArrowRight: 1};
    function inExplorer(target, selector) {
      return target instanceof Element ? target.closest(".autodiff-tr-explorer " + selector)
                                       : null;
    }
    function normalizeNumber(readout) {
      const text = readout.textContent;
      const number = text.trim().replace(/\\u2212/g, "-").replace(/,/g, ".");
      if (number !== text) readout.textContent = number;
    }
    function render({ el }) {
      el.style.display = "none";
      if (window.__autodiffTrKeyboardGuard) return;
      window.__autodiffTrKeyboardGuard = true;
      window.addEventListener("keydown", (event) => {
        const target = event.target;
        if (SLIDER_KEYS.has(event.key) && inExplorer(target, ".noUi-handle")) {
          event.preventDefault();  // the notebook's shortcuts skip a handled key press
        } else if (event.key in CHOICE_KEYS && !event.altKey
                   && inExplorer(target, "select")) {
          event.preventDefault();
          event.stopPropagation();  // the notebook never sees it
          const index = target.selectedIndex + CHOICE_KEYS[event.key];
          if (index >= 0 && index < target.options.length) {
            target.selectedIndex = index;
            target.dispatchEvent(new Event("change", {bubbles: true}));
          }
        } else if (event.key === "Enter" && inExplorer(target, ".widget-readout")) {
          normalizeNumber(inExplorer(target, ".widget-readout"));
        }
      }, true);
      window.addEventListener("blur", (event) => {
        const readout = inExplorer(event.target, ".widget-readout");
        if (readout) normalizeNumber(readout);
      }, true);
    }
    export default { render };
    """


class _Explorer:
    """Shared plumbing: the ipywidgets box in ``widget``, the matplotlib ``figure`` and the
    ``image`` widget that shows it.

    The picture is a PNG in an ``ipywidgets.Image`` (not an ``Output`` widget): updating it is a
    plain widget-state change, which also works when a notebook is executed without a browser
    (``jupyter nbconvert --execute``, nbval). It is re-rendered only inside a Jupyter kernel;
    elsewhere (tests, scripts) call :meth:`png` or read ``figure``. An explorer that is never
    displayed renders no picture (keeps executed notebooks small).

    What the browser taught us (tests/browser):

    * Sliders send a value only when the reader lets go of them (``continuous_update=False``).
      A slider that updates continuously also answers every value set from Python: it snaps the
      value to its step (1.953 -> 1.95, a learning rate of 0.6 -> 0.631 on the log slider) and
      sends the snapped value back, after later cells ran.
    * JupyterLab hands widget messages to the kernel on a second thread (a kernel subshell), so
      a slider moved in the browser and a cell run in the notebook can redraw at the same time.
      One lock makes redraws take turns, and a redraw is skipped when the controls still hold
      the values of the picture already drawn.
    * Shown as output, an explorer also carries a PNG of its picture at that moment: a notebook
      opened untrusted, without a kernel or on a repository viewer shows that image. The stored
      notebooks keep only that picture (tools/execute_notebooks.py drops the widget view, which
      would say "model not found" once its kernel is gone).
    * The keyboard: :class:`_KeyboardGuard`.
    """

    widget: w.Widget
    figure: Figure
    image: w.Image

    _displayed = False
    _busy = False  # True while a new function moves the sliders: one update at the end, not many
    _drawn: tuple | None = None  # the control values the current picture shows

    def _init_view(self, figsize: tuple[float, float], *rows) -> None:
        """The lock, the figure, the image showing it, and ``widget``: a box of ``rows`` (a list
        is a row of widgets; ``"image"`` stands for the picture) and the keyboard guard."""
        self._lock = threading.RLock()
        # fixed margins (set by each explorer), not a layout engine: constrained layout moves the
        # axes a little on every redraw until it settles, so the same state would not give the
        # same picture
        self.figure = Figure(figsize=figsize, dpi=DPI)
        width, _ = self._shown_size()
        # exactly the picture's shown size; narrower only if the output area is narrower
        self.image = w.Image(
            format="png",
            layout=w.Layout(width=f"{width}px", max_width="100%", height="auto"),
        )
        wrap = w.Layout(flex_flow="row wrap", align_items="center")
        children = [
            w.HBox([self.image if c == "image" else c for c in row], layout=wrap)
            if isinstance(row, list) else (self.image if row == "image" else row)
            for row in rows
        ]
        self.widget = w.VBox([*children, _KeyboardGuard()])
        self.widget.add_class("autodiff-tr-explorer")

    def _connect(self) -> None:
        self.function.observe(self._on_function, names="value")
        for control in self._controls()[1:]:
            control.observe(self._on_change, names="value")

    def _shown_size(self) -> tuple[int, int]:
        width, height = self.figure.get_size_inches()
        return round(width * DPI), round(height * DPI)

    def _controls(self) -> tuple[w.ValueWidget, ...]:
        raise NotImplementedError

    def _state(self) -> tuple:
        return tuple(control.value for control in self._controls())

    def _on_change(self, change) -> None:
        with self._lock:
            if self._busy or self._state() == self._drawn:
                return
            self.update()

    def _set_ranges(self, *ranges) -> None:
        """Give each (slider, low, high) its new range (on the slider grid), then update once."""
        with self._lock:
            self._busy = True
            try:  # widen first, then narrow, so a slider never sees min > max
                for slider, low, high in ranges:
                    low, high = _on_grid(low, high)
                    with slider.hold_sync():  # the browser gets min, max and value at once
                        slider.min, slider.max = min(low, slider.min), max(high, slider.max)
                        slider.value = min(max(slider.value, low), high)
                        slider.min, slider.max = low, high
            finally:
                self._busy = False
            self.update()

    def update(self) -> None:
        """Recompute and redraw (one redraw at a time, whichever thread asks)."""
        with self._lock:
            self._drawn = self._state()
            self._redraw()
            self._show()

    def _redraw(self) -> None:
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs):
        with self._lock:
            if not self._displayed:  # render the picture only once the explorer is shown
                self._displayed = True
                self._show()
            png = self.png()
        data = self.widget._repr_mimebundle_(**kwargs)
        data["text/plain"] = repr(self)
        data["image/png"] = base64.b64encode(png).decode("ascii")
        width, height = self._shown_size()
        return data, {"image/png": {"width": width, "height": height}}

    def png(self) -> bytes:
        """The current picture as PNG bytes: ``figsize`` times :data:`DPI` times
        :data:`PIXEL_RATIO` pixels, shown at half that size.

        Reduced to a palette of 128 colours: a quarter of the bytes, and no visible change for
        these line drawings (the notebooks store one picture per explorer, in four languages).
        """
        from PIL import Image  # matplotlib's own dependency

        buffer = io.BytesIO()
        with self._lock:
            self.figure.savefig(buffer, format="png", dpi=DPI * PIXEL_RATIO)
        picture = Image.open(buffer).convert("RGB")
        small = io.BytesIO()
        picture.quantize(colors=128, method=Image.Quantize.FASTOCTREE).save(
            small, format="png", optimize=True
        )
        return small.getvalue()

    def _show(self) -> None:
        if self._displayed and _in_kernel():
            self.image.value = self.png()


def _table_number(value: float) -> str:
    """A read-out as the table prints it: six significant digits of the value rounded to ten
    decimals (cos(π/2) is 6.1e-17 in floating point: the table says 0), never "-0"."""
    value = round(float(value), 10)
    return f"{0.0 if value == 0 else value:.6g}"


class GradientExplorer(_Explorer):
    """Explore a function of one variable and its derivatives at a point ``x0``.

    ``functions`` (optional) maps names to extra functions (elementwise on a tensor of points) or to
    ``(text, function, (low, high))`` triples; they are added to :data:`FUNCTIONS_1D` and the first
    one is selected. Controls: ``function`` (Dropdown), ``x0`` (FloatSlider on a grid of
    :data:`STEP`), ``show_derivative``, ``show_tangent``, ``show_second``, ``show_fd``
    (Checkboxes). Results: ``readout`` (dict of floats), ``curves`` (dict of NumPy arrays
    ``x, y, dy, d2y, fd, tangent``), :meth:`summary`. Texts: ``language`` ("en", "tr", "de", "id";
    None = :func:`autodiff_tr.i18n.language`), and ``texts`` overrides single entries (keys of
    :data:`TEXTS_1D`).
    """

    def __init__(
        self,
        functions: Mapping[str, Any] | None = None,
        *,
        start: str | None = None,
        x0: float = 1.0,
        x_range: tuple[float, float] = (-4.0, 4.0),
        points: int = 400,
        h: float = 1e-3,
        texts: Mapping[str, str] | None = None,
        language: str | None = None,
        figsize: tuple[float, float] = (7.0, 3.4),
    ):
        self.language = i18n.language() if language is None else i18n.resolve(language)
        self.texts = t = _texts("widgets_1d", self.language, texts)
        self.functions = _functions(FUNCTIONS_1D, "functions_1d", self.language, functions,
                                    x_range)
        _check_functions(self.functions, 1)
        start = start or (next(iter(functions)) if functions else "sin")
        self.points, self.h = points, h
        self.readout: dict[str, float] = {}
        self.curves: dict[str, np.ndarray] = {}

        self.function = _function_dropdown(self.functions, start, t["function"])
        self.x0 = _slider(x0, *self.functions[start][2], t["x0"], width="360px")
        box = {"indent": False, "layout": w.Layout(width="auto", margin="0 16px 0 0")}
        self.show_derivative = w.Checkbox(True, description=t["show_derivative"], **box)
        self.show_tangent = w.Checkbox(True, description=t["show_tangent"], **box)
        self.show_second = w.Checkbox(False, description=t["show_second"], **box)
        self.show_fd = w.Checkbox(False, description=t["show_fd"], **box)
        self.readout_box = w.HTML(layout=w.Layout(margin="0 0 0 12px"))
        self._init_view(
            figsize,
            [self.function, self.x0],
            [self.show_derivative, self.show_tangent, self.show_second, self.show_fd],
            ["image", self.readout_box],
        )
        self.ax = self.figure.subplots()
        self.figure.subplots_adjust(left=0.08, right=0.66, bottom=0.14, top=0.96)  # legend right
        self._connect()
        self.update()

    def __repr__(self) -> str:
        return f"GradientExplorer(function={self.function.value!r}, x0={self.x0.value!r})"

    def _controls(self) -> tuple[w.ValueWidget, ...]:
        return (self.function, self.x0, self.show_derivative, self.show_tangent,
                self.show_second, self.show_fd)

    def _on_function(self, change) -> None:
        low, high = self.functions[change["new"]][2]
        self._set_ranges((self.x0, low, high))

    # -- computation (plot.derivative_curves) --------------------------------------------------
    def compute(self) -> None:
        """Fill ``curves`` and ``readout`` for the current function and x0 (no drawing)."""
        _, f, (low, high) = self.functions[self.function.value]
        c = plot.derivative_curves(f, low, high, self.points, x0=float(self.x0.value),
                                   second=True, finite_difference=True, h=self.h)
        self._computed = c
        self.curves = {"x": c.x, "y": c.y, "dy": c.dy, "d2y": c.d2y, "fd": c.fd,
                       "tangent": c.tangent}
        self.readout = {
            "x0": c.x0,
            "f": c.y0,
            "df_autograd": c.slope,
            "df_finite_difference": c.fd_slope,
            "difference": c.slope - c.fd_slope,
            "d2f_autograd": c.curvature,
        }

    # -- view ----------------------------------------------------------------------------------
    def _redraw(self) -> None:
        """Recompute, redraw the figure and the read-out table."""
        self.compute()
        self._draw()
        t = self.texts
        rows = "".join(
            f"<tr><td>{t['readout_' + key]}</td><td style='text-align:right; "
            f"font-family:monospace'>{_table_number(value)}</td></tr>"
            for key, value in self.readout.items()
        )
        self.readout_box.value = f"<table>{rows}</table>"

    def _draw(self) -> None:
        t, c, ax = self.texts, self._computed, self.ax
        ax.clear()
        labels = {"function": t["curve_function"], "derivative": t["curve_derivative"],
                  "second_derivative": t["curve_second"], "finite_difference": t["curve_fd"],
                  "tangent": t["curve_tangent"]}
        plot.draw_curves(ax, c, labels, derivative=self.show_derivative.value,
                          second=self.show_second.value, finite_difference=self.show_fd.value,
                          tangent=self.show_tangent.value,
                          tangent_width=0.12 * (c.x[-1] - c.x[0]))
        ax.axhline(0.0, color="gray", linewidth=0.5)
        ax.set_xlabel("x")
        plot.legend_beside(ax)
        ax.grid(True, alpha=0.3)

    def summary(self, digits: int = 4) -> dict[str, float]:
        """The read-out values rounded to ``digits`` decimals (``-0.0`` printed as ``0.0``)."""
        return {key: _clean(value, digits) for key, value in self.readout.items()}


class GradientDescentExplorer(_Explorer):
    """Gradient descent on a function of two variables, with contour lines and gradient arrows.

    ``functions`` (optional) maps names to extra functions ``f(x, y)`` (tensors in, tensor out,
    elementwise) or to ``(text, function, ((x_low, x_high), (y_low, y_high)))`` triples; they are
    added to :data:`FUNCTIONS_2D` and the first one is selected. Controls: ``function``
    (Dropdown), ``x_start``, ``y_start`` (FloatSliders), ``learning_rate`` (FloatLogSlider),
    ``steps`` (IntSlider). Results: ``path`` (array ``(n, 2)`` of visited points, start included),
    ``losses`` (``f`` at each point of ``path``), ``diverged``, ``field`` (grid and gradient
    arrays), :meth:`summary`; computed by :func:`autodiff_tr.learn.plot.descent_path` and
    :func:`autodiff_tr.learn.plot.gradient_field`. Descent stops early when a coordinate leaves
    ``[-limit, limit]``. Texts: ``language`` ("en", "tr", "de", "id"; None =
    :func:`autodiff_tr.i18n.language`), and ``texts`` overrides single entries (keys of
    :data:`TEXTS_2D`).
    """

    def __init__(
        self,
        functions: Mapping[str, Any] | None = None,
        *,
        start: str | None = None,
        start_point: tuple[float, float] = (2.0, 1.5),
        learning_rate: float = 0.1,
        steps: int = 20,
        max_steps: int = 500,
        limit: float = 1e6,
        resolution: int = 240,
        arrows: int = 15,
        texts: Mapping[str, str] | None = None,
        language: str | None = None,
        figsize: tuple[float, float] = (9.0, 3.6),
    ):
        self.language = i18n.language() if language is None else i18n.resolve(language)
        self.texts = t = _texts("widgets_2d", self.language, texts)
        self.functions = _functions(FUNCTIONS_2D, "functions_2d", self.language, functions,
                                    ((-3.0, 3.0), (-3.0, 3.0)))
        _check_functions(self.functions, 2)
        start = start or (next(iter(functions)) if functions else "bowl")
        self.limit, self.resolution, self.arrows = limit, resolution, arrows
        self.path, self.losses, self.diverged = np.zeros((0, 2)), np.zeros(0), False
        self.field: dict[str, np.ndarray] = {}

        self.function = _function_dropdown(self.functions, start, t["function"])
        (xl, xh), (yl, yh) = self.functions[start][2]
        self.x_start = _slider(start_point[0], xl, xh, t["x_start"], width="300px")
        self.y_start = _slider(start_point[1], yl, yh, t["y_start"], width="300px")
        slider = {"continuous_update": False, "style": _slider_style(),
                  "layout": w.Layout(width="300px")}
        self.learning_rate = w.FloatLogSlider(
            value=learning_rate, base=10, min=-4, max=0, step=0.05,
            description=t["learning_rate"], readout_format=".4f", **slider,
        )
        self.steps = w.IntSlider(value=steps, min=1, max=max_steps, description=t["steps"],
                                 **slider)
        self._init_view(figsize, [self.function], [self.x_start, self.y_start],
                        [self.learning_rate, self.steps], "image")
        self.ax, self.loss_ax = self.figure.subplots(1, 2)
        self.figure.subplots_adjust(left=0.08, right=0.98, bottom=0.14, top=0.92, wspace=0.28)
        self._connect()
        self.update()

    def __repr__(self) -> str:
        return (
            f"GradientDescentExplorer(function={self.function.value!r}, "
            f"start=({self.x_start.value!r}, {self.y_start.value!r}), "
            f"learning_rate={self.learning_rate.value!r}, steps={self.steps.value!r})"
        )

    def _controls(self) -> tuple[w.ValueWidget, ...]:
        return (self.function, self.x_start, self.y_start, self.learning_rate, self.steps)

    def _on_function(self, change) -> None:
        (xl, xh), (yl, yh) = self.functions[change["new"]][2]
        self._set_ranges((self.x_start, xl, xh), (self.y_start, yl, yh))

    def _f(self) -> Callable:
        return self.functions[self.function.value][1]

    # -- computation (plot.gradient_field, plot.descent_path) ----------------------------------
    def compute_field(self) -> None:
        """Contour values on a fine grid and gradient arrows on a coarse grid (one backward)."""
        x_range, y_range = self.functions[self.function.value][2]
        self.field = plot.gradient_field(self._f(), x_range, y_range,
                                         resolution=self.resolution, arrows=self.arrows)

    def descend(self) -> None:
        """Run gradient descent from the start point; fill ``path``, ``losses``, ``diverged``."""
        result = plot.descent_path(
            self._f(), (self.x_start.value, self.y_start.value),
            float(self.learning_rate.value), int(self.steps.value), limit=self.limit,
        )
        self.path, self.losses, self.diverged = result.path, result.losses, result.diverged

    # -- view ----------------------------------------------------------------------------------
    def _redraw(self) -> None:
        """Recompute field and path, redraw."""
        self.compute_field()
        self.descend()
        self._draw_contours()
        self._draw_losses()

    def _draw_contours(self) -> None:
        t, fld, ax = self.texts, self.field, self.ax
        ax.clear()
        z_low, z_high = float(fld["z"].min()), float(fld["z"].max())
        if z_low >= 0 and z_high > 0:
            # geometric levels: more lines near the minimum, down to a thousandth of the range
            # (lower ones are specks on the valley floor that no grid resolves)
            levels = np.geomspace(max(z_low, z_high * 1e-3), z_high, 16)
        else:
            levels = np.linspace(z_low, z_high, 16)
        levels = np.unique(levels)
        if len(levels) > 1:
            ax.contour(fld["x"], fld["y"], fld["z"], levels=levels, cmap="viridis",
                       linewidths=0.8)
        norm = np.hypot(fld["u"], fld["v"])
        norm[norm == 0] = 1.0
        ax.quiver(fld["arrow_x"], fld["arrow_y"], fld["u"] / norm, fld["v"] / norm,
                  color="gray", alpha=0.6, angles="xy")
        minimum = MINIMA_2D.get(self.function.value)
        if minimum is not None:
            # above the contour lines and the path, which crowd around it
            ax.plot(*minimum, marker="*", markersize=13, color="gold", markeredgecolor="black",
                    linestyle="none", label=t["minimum"], zorder=5)
            ax.annotate(f"{t['minimum']} ({minimum[0]:g}, {minimum[1]:g})", minimum,
                        xytext=(8, -15), textcoords="offset points", fontsize=8, zorder=5,
                        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                              "edgecolor": "none", "alpha": 0.85})
        ax.plot(self.path[:, 0], self.path[:, 1], marker=".", color="red", zorder=3)
        ax.plot(self.path[0, 0], self.path[0, 1], marker="o", color="black", zorder=4)
        (xl, xh), (yl, yh) = self.functions[self.function.value][2]
        ax.set_xlim(xl, xh)
        ax.set_ylim(yl, yh)
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ax.set_title(t["contour_title"])

    def _draw_losses(self) -> None:
        t, lax = self.texts, self.loss_ax
        lax.clear()
        lax.plot(np.arange(len(self.losses)), self.losses, marker=".")
        if np.all(self.losses > 0) and self.losses.max() > 100 * self.losses.min():
            lax.set_yscale("log")
        # whole steps (one step: 0 and 1, not 0.2, 0.4), at most up to the last one
        lax.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
        last = len(self.losses) - 1
        lax.set_xlim(-0.04 * last - 0.04, 1.04 * last + 0.04)
        lax.set_xlabel(t["loss_xlabel"])
        lax.set_ylabel(t["loss_ylabel"])
        lax.set_title(t["loss_title"])
        lax.grid(True, alpha=0.3)

    def summary(self, digits: int = 4) -> dict[str, Any]:
        """Start and end point, loss at both, steps taken and ``diverged``, rounded."""
        return {
            "start": [_clean(v, digits) for v in self.path[0]],
            "end": [_clean(v, digits) for v in self.path[-1]],
            "loss_start": _clean(self.losses[0], digits),
            "loss_end": _clean(self.losses[-1], digits),
            "steps_taken": len(self.path) - 1,
            "diverged": self.diverged,
        }
