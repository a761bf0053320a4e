"""Interactive explorers for derivatives and gradient descent (plain ipywidgets + matplotlib).

* :class:`GradientExplorer` -- one variable: a function, its autograd derivative, the tangent line
  at a point x0, the second derivative and a finite-difference estimate, with read-outs.
* :class:`GradientDescentExplorer` -- two variables: contour lines, the gradient field as arrows,
  and the path of gradient descent with its loss per step.

Every curve and the whole gradient field come from ONE backward pass over a grid of points (no
Python loop over points). The widgets are ordinary ipywidgets (no front-end extension); all controls
are public attributes, so the explorers can be driven from Python::

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

import autodiff_tr as ad
from autodiff_tr import i18n
from autodiff_tr.learn.examples import control_flow_f
from autodiff_tr.learn.plot import derivative_curves, legend_beside, to_numpy
from autodiff_tr.messages import message

__all__ = [
    "FUNCTIONS_1D",
    "FUNCTIONS_2D",
    "GradientDescentExplorer",
    "GradientExplorer",
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

#: English texts of :class:`GradientExplorer` / :class:`GradientDescentExplorer` (the tables of
#: all languages are in :mod:`autodiff_tr.i18n`).
TEXTS_1D = i18n.EN["widgets_1d"]
TEXTS_2D = i18n.EN["widgets_2d"]


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


#: Pixels per inch of the pictures. The picture is shown at exactly its pixel size (never
#: stretched to the output width, which blurs it).
DPI = 100


def _slider_style() -> dict[str, str]:
    """Labels as wide as their text: the default fixed width cuts longer labels off."""
    return {"description_width": "initial"}


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


class _KeyboardGuard(anywidget.AnyWidget):
    """Lets the arrow keys reach a focused slider of an explorer in Notebook 7 (invisible).

    Notebook 7 reads key presses before the page's own elements do (JupyterLab after them), and
    in a notebook's command mode the right and left arrows jump to the next or previous heading:
    clicking a slider's handle and pressing an arrow scrolled the page away instead of moving the
    slider. ipywidgets has no way to stop that; this tiny front-end part (anywidget, the ecosystem's
    way to ship one) marks such a key press as handled before the notebook sees it, for slider
    handles inside an explorer only. The slider still moves: its own handler ignores that mark.
    """

    _esm = """
    const KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown",
                          "PageUp", "PageDown", "Home", "End"]);
    function render({ el }) {
      el.style.display = "none";
      if (window.__autodiffTrKeyboardGuard) return;
      window.__autodiffTrKeyboardGuard = true;
      window.addEventListener("keydown", (event) => {
        const target = event.target;
        if (KEYS.has(event.key) && target instanceof Element
            && target.closest(".autodiff-tr-explorer .noUi-handle")) {
          event.preventDefault();  // the notebook's shortcuts skip a handled key press
        }
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

    Three things the browser taught us (tests/browser):

    * Sliders send a value only when the reader lets go of them (``continuous_update=False``).
      A slider that updates continuously also answers every value set from Python: it snaps the
      value to its step (1.953 -> 1.95, a learning rate of 0.6 -> 0.631 on the log slider) and
      sends the snapped value back, after later cells ran.
    * JupyterLab hands widget messages to the kernel on a second thread (a kernel subshell), so
      a slider moved in the browser and a cell run in the notebook can redraw at the same time.
      One lock makes redraws take turns, and a redraw is skipped when the controls still hold
      the values of the picture already drawn.
    * Shown as output, an explorer also carries a PNG of its picture at that moment: a notebook
      opened untrusted, without a kernel or on a repository viewer shows that image.
    * In Notebook 7 the arrow keys on a slider jumped between headings: :class:`_KeyboardGuard`.
    """

    widget: w.Widget
    figure: Figure
    image: w.Image

    _displayed = False
    _busy = False  # True while a new function moves the sliders: one update at the end, not many
    _drawn: tuple | None = None  # the control values the current picture shows

    def _init_plumbing(self, figsize: tuple[float, float]) -> None:
        self._lock = threading.RLock()
        # fixed margins (set by each explorer), not a layout engine: constrained layout moves the
        # axes a little on every redraw until it settles, so the same state would not give the
        # same picture
        self.figure = Figure(figsize=figsize, dpi=DPI)
        width, height = (round(v * DPI) for v in figsize)
        # exactly the picture's pixel size; narrower only if the output area is narrower
        self.image = w.Image(
            format="png",
            layout=w.Layout(width=f"{width}px", max_width="100%", height="auto"),
        )

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
        """Give each (slider, low, high) its new range, then update once."""
        with self._lock:
            self._busy = True
            try:  # widen first, then narrow, so a slider never sees min > max
                for slider, low, high in ranges:
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
        width, height = self.figure.canvas.get_width_height()
        return data, {"image/png": {"width": width, "height": height}}

    def png(self) -> bytes:
        """The current picture as PNG bytes (its size is ``figsize`` times :data:`DPI`).

        Reduced to a palette of 128 colours: a quarter of the bytes, and no visible change for
        these line drawings. Every picture is stored in the notebook twice (the widget's state,
        and the output's static copy), in four languages.
        """
        from PIL import Image  # matplotlib's own dependency

        buffer = io.BytesIO()
        with self._lock:
            self.figure.savefig(buffer, format="png", dpi=DPI)
        picture = Image.open(buffer).convert("RGB")
        small = io.BytesIO()
        picture.quantize(colors=128, method=Image.Quantize.FASTOCTREE).save(
            small, format="png", optimize=True
        )
        return small.getvalue()

    def _show(self) -> None:
        if self._displayed and _in_kernel():
            self.image.value = self.png()


class GradientExplorer(_Explorer):
    """Explore a function of one variable and its derivatives at a point ``x0``.

    ``functions`` (optional) maps names to extra functions (elementwise on a tensor of points) or to
    ``(text, function, (low, high))`` triples; they are added to :data:`FUNCTIONS_1D` and the first
    one is selected. Controls: ``function`` (Dropdown), ``x0`` (FloatSlider), ``show_derivative``,
    ``show_tangent``, ``show_second``, ``show_fd`` (Checkboxes). Results: ``readout`` (dict of
    floats), ``curves`` (dict of NumPy arrays ``x, y, dy, d2y, fd, tangent``), :meth:`summary`.
    Texts: ``language`` ("en", "tr", "de", "id"; None = :func:`autodiff_tr.i18n.language`), and
    ``texts`` overrides single entries (keys of :data:`TEXTS_1D`).
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
        self.texts = _texts("widgets_1d", self.language, texts)
        self._init_plumbing(figsize)
        self.points = points
        self.h = h
        self.functions = _localized(FUNCTIONS_1D, "functions_1d", self.language)
        for name, spec in (functions or {}).items():
            if callable(spec):
                spec = (name, spec, x_range)
            self.functions[name] = tuple(spec)
        _check_functions(self.functions, 1)
        if start is None:
            start = next(iter(functions)) if functions else "sin"
        if start not in self.functions:
            raise _unknown_function(start, self.functions)
        self.readout: dict[str, float] = {}
        self.curves: dict[str, np.ndarray] = {}

        t = self.texts
        self.function = _FunctionDropdown(
            options=[(spec[0], name) for name, spec in self.functions.items()],
            value=start,
            description=t["function"],
            style=_slider_style(),
            layout=w.Layout(width="auto"),
        )
        low, high = self.functions[start][2]
        self.x0 = w.FloatSlider(
            value=min(max(x0, low), high),
            min=low,
            max=high,
            step=0.01,
            description=t["x0"],
            continuous_update=False,
            style=_slider_style(),
            layout=w.Layout(width="360px"),
        )
        checkbox = {"indent": False, "layout": w.Layout(width="auto", margin="0 16px 0 0")}
        self.show_derivative = w.Checkbox(True, description=t["show_derivative"], **checkbox)
        self.show_tangent = w.Checkbox(True, description=t["show_tangent"], **checkbox)
        self.show_second = w.Checkbox(False, description=t["show_second"], **checkbox)
        self.show_fd = w.Checkbox(False, description=t["show_fd"], **checkbox)
        self.readout_box = w.HTML(layout=w.Layout(margin="0 0 0 12px"))
        self.ax = self.figure.subplots()
        self.figure.subplots_adjust(left=0.08, right=0.66, bottom=0.14, top=0.96)  # legend right
        wrap = w.Layout(flex_flow="row wrap", align_items="center")
        self.widget = w.VBox(
            [
                w.HBox([self.function, self.x0], layout=wrap),
                w.HBox(
                    [self.show_derivative, self.show_tangent, self.show_second, self.show_fd],
                    layout=wrap,
                ),
                w.HBox([self.image, self.readout_box], layout=wrap),
                _KeyboardGuard(),
            ]
        )
        self.widget.add_class("autodiff-tr-explorer")
        self.function.observe(self._on_function, names="value")
        for control in self._controls()[1:]:
            control.observe(self._on_change, names="value")
        self.update()

    def __repr__(self) -> str:
        return f"GradientExplorer(function={self.function.value!r}, x0={self.x0.value!r})"

    def _controls(self) -> tuple[w.ValueWidget, ...]:
        return (
            self.function,
            self.x0,
            self.show_derivative,
            self.show_tangent,
            self.show_second,
            self.show_fd,
        )

    # -- reacting to the controls -------------------------------------------------------------
    def _on_function(self, change) -> None:
        low, high = self.functions[change["new"]][2]
        self._set_ranges((self.x0, low, high))

    # -- computation ---------------------------------------------------------------------------
    def compute(self) -> None:
        """Fill ``curves`` and ``readout`` for the current function and x0 (no drawing)."""
        _, f, (low, high) = self.functions[self.function.value]
        c = derivative_curves(f, low, high, self.points, x0=float(self.x0.value), second=True,
                              finite_difference=True, h=self.h)
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

    def _redraw(self) -> None:
        """Recompute, redraw the figure and the read-out table."""
        self.compute()
        self._draw()
        t = self.texts
        rows = "".join(
            f"<tr><td>{t['readout_' + key]}</td><td style='text-align:right; "
            f"font-family:monospace'>{value:.6g}</td></tr>"
            for key, value in self.readout.items()
        )
        self.readout_box.value = f"<table>{rows}</table>"

    def _draw(self) -> None:
        t, c, ax = self.texts, self.curves, self.ax
        ax.clear()
        ax.plot(c["x"], c["y"], label=t["curve_function"])
        if self.show_derivative.value:
            ax.plot(c["x"], c["dy"], label=t["curve_derivative"])
        if self.show_second.value:
            ax.plot(c["x"], c["d2y"], label=t["curve_second"])
        if self.show_fd.value:
            ax.plot(c["x"], c["fd"], linestyle="--", label=t["curve_fd"])
        x0, y0 = self.readout["x0"], self.readout["f"]
        if self.show_tangent.value:
            near = np.abs(c["x"] - x0) <= 0.12 * (c["x"][-1] - c["x"][0])
            ax.plot(c["x"][near], c["tangent"][near], linestyle=":", label=t["curve_tangent"])
        ax.plot([x0], [y0], marker="o", color="black")
        ax.axhline(0.0, color="gray", linewidth=0.5)
        ax.set_xlabel("x")
        legend_beside(ax)
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
    arrays), :meth:`summary`. Descent stops early when a coordinate leaves ``[-limit, limit]``.
    Texts: ``language`` ("en", "tr", "de", "id"; None = :func:`autodiff_tr.i18n.language`), and
    ``texts`` overrides single entries (keys of :data:`TEXTS_2D`).
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
        resolution: int = 80,
        arrows: int = 15,
        texts: Mapping[str, str] | None = None,
        language: str | None = None,
        figsize: tuple[float, float] = (9.0, 3.6),
    ):
        self.language = i18n.language() if language is None else i18n.resolve(language)
        self.texts = _texts("widgets_2d", self.language, texts)
        self._init_plumbing(figsize)
        self.functions = _localized(FUNCTIONS_2D, "functions_2d", self.language)
        for name, spec in (functions or {}).items():
            if callable(spec):
                spec = (name, spec, ((-3.0, 3.0), (-3.0, 3.0)))
            self.functions[name] = tuple(spec)
        _check_functions(self.functions, 2)
        if start is None:
            start = next(iter(functions)) if functions else "bowl"
        if start not in self.functions:
            raise _unknown_function(start, self.functions)
        self.limit = limit
        self.resolution = resolution
        self.arrows = arrows
        self.path = np.zeros((0, 2))
        self.losses = np.zeros(0)
        self.diverged = False
        self.field: dict[str, np.ndarray] = {}

        t = self.texts
        (xl, xh), (yl, yh) = self.functions[start][2]
        self.function = _FunctionDropdown(
            options=[(spec[0], name) for name, spec in self.functions.items()],
            value=start,
            description=t["function"],
            style=_slider_style(),
            layout=w.Layout(width="auto"),
        )
        slider = {
            "continuous_update": False,
            "style": _slider_style(),
            "layout": w.Layout(width="300px"),
        }
        self.x_start = w.FloatSlider(
            value=min(max(start_point[0], xl), xh),
            min=xl,
            max=xh,
            step=0.01,
            description=t["x_start"],
            **slider,
        )
        self.y_start = w.FloatSlider(
            value=min(max(start_point[1], yl), yh),
            min=yl,
            max=yh,
            step=0.01,
            description=t["y_start"],
            **slider,
        )
        self.learning_rate = w.FloatLogSlider(
            value=learning_rate,
            base=10,
            min=-4,
            max=0,
            step=0.05,
            description=t["learning_rate"],
            readout_format=".4f",
            **slider,
        )
        self.steps = w.IntSlider(
            value=steps, min=1, max=max_steps, description=t["steps"], **slider
        )
        self.ax, self.loss_ax = self.figure.subplots(1, 2)
        self.figure.subplots_adjust(left=0.08, right=0.98, bottom=0.14, top=0.92, wspace=0.28)
        wrap = w.Layout(flex_flow="row wrap", align_items="center")
        self.widget = w.VBox(
            [
                w.HBox([self.function], layout=wrap),
                w.HBox([self.x_start, self.y_start], layout=wrap),
                w.HBox([self.learning_rate, self.steps], layout=wrap),
                self.image,
                _KeyboardGuard(),
            ]
        )
        self.widget.add_class("autodiff-tr-explorer")
        self.function.observe(self._on_function, names="value")
        for control in self._controls()[1:]:
            control.observe(self._on_change, names="value")
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

    def compute_field(self) -> None:
        """Contour values on a fine grid and gradient arrows on a coarse grid (one backward)."""
        f = self._f()
        (xl, xh), (yl, yh) = self.functions[self.function.value][2]
        gx, gy = np.meshgrid(
            np.linspace(xl, xh, self.resolution), np.linspace(yl, yh, self.resolution)
        )
        with ad.no_grad():
            z = to_numpy(f(ad.tensor(gx, dtype=ad.float64), ad.tensor(gy, dtype=ad.float64)))
        ax_, ay_ = np.meshgrid(np.linspace(xl, xh, self.arrows), np.linspace(yl, yh, self.arrows))
        tx = ad.tensor(ax_, dtype=ad.float64, requires_grad=True)
        ty = ad.tensor(ay_, dtype=ad.float64, requires_grad=True)
        f(tx, ty).sum().backward()  # one backward pass: the gradient at every arrow position
        self.field = {
            "x": gx,
            "y": gy,
            "z": z,
            "arrow_x": ax_,
            "arrow_y": ay_,
            "u": to_numpy(tx.grad),
            "v": to_numpy(ty.grad),
        }

    def descend(self) -> None:
        """Run gradient descent from the start point; fill ``path``, ``losses``, ``diverged``."""
        f = self._f()
        lr = float(self.learning_rate.value)
        point = np.array([self.x_start.value, self.y_start.value], dtype=float)
        path, losses = [point], []
        stopped = False
        for step in range(int(self.steps.value) + 1):
            x = ad.tensor(point[0], dtype=ad.float64, requires_grad=True)
            y = ad.tensor(point[1], dtype=ad.float64, requires_grad=True)
            loss = f(x, y)
            losses.append(loss.item())
            if step == self.steps.value:
                break
            loss.backward()
            point = point - lr * np.array([x.grad.item(), y.grad.item()])
            if not np.all(np.isfinite(point)) or np.abs(point).max() > self.limit:
                stopped = True
                break
            path.append(point)
        self.path = np.array(path)
        self.losses = np.array(losses)
        self.diverged = bool(stopped or self.losses[-1] > self.losses[0])

    def _redraw(self) -> None:
        """Recompute field and path, redraw."""
        self.compute_field()
        self.descend()
        self._draw()

    def _draw(self) -> None:
        t, fld, ax, lax = self.texts, self.field, self.ax, self.loss_ax
        ax.clear()
        lax.clear()
        z_low, z_high = float(fld["z"].min()), float(fld["z"].max())
        if z_low >= 0 and z_high > 0:  # geometric levels: more lines near the minimum
            levels = np.geomspace(max(z_low, z_high * 1e-4), z_high, 16)
        else:
            levels = np.linspace(z_low, z_high, 16)
        levels = np.unique(levels)
        if len(levels) > 1:
            ax.contour(fld["x"], fld["y"], fld["z"], levels=levels, cmap="viridis", linewidths=0.8)
        norm = np.hypot(fld["u"], fld["v"])
        norm[norm == 0] = 1.0
        ax.quiver(
            fld["arrow_x"],
            fld["arrow_y"],
            fld["u"] / norm,
            fld["v"] / norm,
            color="gray",
            alpha=0.6,
            angles="xy",
        )
        (xl, xh), (yl, yh) = self.functions[self.function.value][2]
        ax.plot(self.path[:, 0], self.path[:, 1], marker=".", color="red")
        ax.plot(self.path[0, 0], self.path[0, 1], marker="o", color="black")
        ax.set_xlim(xl, xh)
        ax.set_ylim(yl, yh)
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ax.set_title(t["contour_title"])
        lax.plot(np.arange(len(self.losses)), self.losses, marker=".")
        if np.all(self.losses > 0) and self.losses.max() > 100 * self.losses.min():
            lax.set_yscale("log")
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
