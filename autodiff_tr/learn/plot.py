"""Plot a function together with its derivative computed by autograd.

The derivative is computed vectorized: the function is evaluated once on a whole grid of points and
ONE backward pass over ``y.sum()`` gives the derivative at every point (point ``i`` of the sum
depends only on ``x[i]`` when ``f`` works elementwise).

matplotlib is imported only when a plot is drawn, so ``import autodiff_tr`` stays NumPy-only.
``derivative_curves`` computes the arrays without drawing anything.

All texts (legend labels, axis labels) are parameters. The default legend texts of
:func:`plot_derivative` come from :mod:`autodiff_tr.i18n` in the language given by ``language=``
(default :func:`autodiff_tr.i18n.language`, e.g. the notebook's folder ``tr``/``de``/``id``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

import autodiff_tr as ad
from autodiff_tr import i18n
from autodiff_tr.messages import message

__all__ = [
    "COLORS",
    "Curves",
    "DEFAULT_LABELS",
    "DerivativePlot",
    "Descent",
    "break_at_jumps",
    "derivative_curves",
    "descent_path",
    "draw_curves",
    "gradient_field",
    "legend_beside",
    "plot_curves",
    "plot_derivative",
    "to_numpy",
]

#: English legend texts of :func:`plot_derivative` (all languages: :mod:`autodiff_tr.i18n`).
DEFAULT_LABELS = i18n.EN["plot"]

#: One colour per curve, the same in :func:`plot_derivative` and the explorers, whichever other
#: curves are switched on (matplotlib's colour cycle would give the derivative the colour of the
#: second derivative as soon as a curve before it is switched off).
COLORS = {
    "function": "C0",
    "derivative": "C1",
    "second_derivative": "C2",
    "finite_difference": "C3",
    "tangent": "C4",
}


def to_numpy(value: Any) -> np.ndarray:
    """Return the values of a tensor (detached), array or sequence as a float NumPy array."""
    if hasattr(value, "detach"):
        value = value.detach()
    if hasattr(value, "numpy"):
        value = value.numpy()
    return np.asarray(value, dtype=float)


@dataclass
class Curves:
    """Arrays computed by :func:`derivative_curves` (all NumPy, float64).

    ``x``, ``y``, ``dy`` always; ``d2y`` if the second derivative was requested; ``fd`` (the
    central finite-difference estimate on the grid) if requested; and, if a point ``x0`` was given,
    its value ``y0``, the autograd ``slope`` f'(x0), the finite-difference slope ``fd_slope``, the
    second derivative ``curvature`` f''(x0) (if requested) and the ``tangent`` line on the grid.
    """

    x: np.ndarray
    y: np.ndarray
    dy: np.ndarray
    d2y: np.ndarray | None = None
    fd: np.ndarray | None = None
    x0: float | None = None
    y0: float | None = None
    slope: float | None = None
    fd_slope: float | None = None
    curvature: float | None = None
    tangent: np.ndarray | None = None
    h: float = 1e-3


def _grad_or_zeros(output, x, *, create_graph: bool):
    """d(output.sum())/dx, or zeros if ``output`` does not depend on ``x`` through the graph."""
    if not getattr(output, "requires_grad", False):
        return ad.zeros(tuple(x.shape), dtype=x.dtype)
    (grad,) = ad.autograd.grad(output.sum(), x, create_graph=create_graph, allow_unused=True)
    if grad is None:
        return ad.zeros(tuple(x.shape), dtype=x.dtype)
    return grad


def _derivatives(f: Callable, x, *, second: bool):
    """Evaluate ``f`` on the leaf tensor ``x``; return (y, dy, d2y or None) as NumPy arrays."""
    y = f(x)
    if tuple(getattr(y, "shape", ())) != tuple(x.shape):
        raise ValueError(message("plot_not_elementwise", expected=tuple(x.shape),
                                 got=tuple(getattr(y, "shape", ()))))
    dy = _grad_or_zeros(y, x, create_graph=second)
    d2y = _grad_or_zeros(dy, x, create_graph=False) if second else None
    return (
        to_numpy(y),
        to_numpy(dy),
        None if d2y is None else to_numpy(d2y),
    )


def _central_difference(f: Callable, x: np.ndarray, h: float, dtype) -> np.ndarray:
    with ad.no_grad():
        plus = to_numpy(f(ad.tensor(x + h, dtype=dtype)))
        minus = to_numpy(f(ad.tensor(x - h, dtype=dtype)))
    return (plus - minus) / (2 * h)


def derivative_curves(
    f: Callable,
    start: float,
    end: float,
    steps: int = 500,
    *,
    x0: float | None = None,
    second: bool = False,
    finite_difference: bool = False,
    h: float = 1e-3,
    dtype=None,
) -> Curves:
    """Compute f, f' (and optionally f'', a finite-difference estimate, a tangent) on a grid.

    ``f`` takes a 1-D tensor of points and must work elementwise. The grid is
    ``ad.linspace(start, end, steps)`` in ``dtype`` (default ``ad.float64``). f' comes from one
    backward pass; f'' from ``ad.autograd.grad(..., create_graph=True)`` on the result.
    """
    dtype = ad.float64 if dtype is None else dtype
    x = ad.linspace(start, end, steps=steps, dtype=dtype, requires_grad=True)
    y, dy, d2y = _derivatives(f, x, second=second)
    grid = to_numpy(x)
    curves = Curves(x=grid, y=y, dy=dy, d2y=d2y, h=h)
    if finite_difference:
        curves.fd = _central_difference(f, grid, h, dtype)
    if x0 is not None:
        point = ad.tensor([float(x0)], dtype=dtype, requires_grad=True)
        y0, slope, curvature = _derivatives(f, point, second=second)
        curves.x0 = float(x0)
        curves.y0 = float(y0[0])
        curves.slope = float(slope[0])
        curves.curvature = None if curvature is None else float(curvature[0])
        curves.fd_slope = float(_central_difference(f, np.array([float(x0)]), h, dtype)[0])
        curves.tangent = curves.y0 + curves.slope * (grid - curves.x0)
    return curves


def break_at_jumps(x: np.ndarray, y: np.ndarray, slope: np.ndarray | None):
    """``(x, y)`` with a NaN put between two grid points where ``y`` jumps, so that a plotted
    line stops at the jump instead of drawing a vertical stroke that makes ``y`` look continuous.

    ``slope`` is dy/dx on the grid (from autograd). Between two neighbours a continuous curve
    changes by at most the larger of their slopes times the spacing (up to the curvature's
    share): a change more than twice that is a jump. A kink, as |x| has at 0, is no jump.
    """
    if slope is None or len(x) < 2:
        return x, y
    change = np.abs(np.diff(y))
    steepest = np.maximum(np.abs(slope[:-1]), np.abs(slope[1:])) * np.diff(x)
    scale = np.nanmax(np.abs(y)) if np.isfinite(y).any() else 1.0
    jumps = np.flatnonzero(change > 2 * steepest + 1e-9 * (1.0 + scale))
    if len(jumps) == 0:
        return x, y
    return (np.insert(x.astype(float), jumps + 1, np.nan),
            np.insert(y.astype(float), jumps + 1, np.nan))


@dataclass
class Descent:
    """What :func:`descent_path` computed: the visited points ``path`` (``(n, 2)``, the start
    included), the loss ``losses`` at each of them, and ``diverged``."""

    path: np.ndarray
    losses: np.ndarray
    diverged: bool


def descent_path(
    f: Callable,
    start: tuple[float, float],
    learning_rate: float,
    steps: int,
    *,
    limit: float = 1e6,
) -> Descent:
    """Gradient descent ``p <- p - learning_rate * grad f(p)`` on ``f(x, y)`` from ``start``.

    Stops early when a coordinate leaves ``[-limit, limit]`` or is no longer finite.
    ``diverged`` is True then, and also when the loss rises: when the last loss is above the
    lowest one on the path (on the bowl at a learning rate just above 0.5, the loss first falls
    and then grows without bound, slowly).
    """
    point = np.array(start, dtype=float)
    path, losses = [point], []
    stopped = False
    for step in range(int(steps) + 1):
        x = ad.tensor(point[0], dtype=ad.float64, requires_grad=True)
        y = ad.tensor(point[1], dtype=ad.float64, requires_grad=True)
        loss = f(x, y)
        losses.append(loss.item())
        if step == steps:
            break
        loss.backward()
        point = point - learning_rate * np.array([x.grad.item(), y.grad.item()])
        if not np.all(np.isfinite(point)) or np.abs(point).max() > limit:
            stopped = True
            break
        path.append(point)
    losses = np.array(losses)
    lowest = float(losses.min())
    rose = bool(losses[-1] > lowest + 1e-12 * max(1.0, abs(lowest)))
    return Descent(path=np.array(path), losses=losses, diverged=stopped or rose)


def gradient_field(
    f: Callable,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    *,
    resolution: int = 200,
    arrows: int = 15,
) -> dict[str, np.ndarray]:
    """The values of ``f(x, y)`` on a fine grid (for contour lines) and its gradient on a coarse
    one (for arrows), the gradient from ONE backward pass over the sum of ``f`` on that grid.

    Returns ``x``, ``y``, ``z`` (``resolution`` squared points) and ``arrow_x``, ``arrow_y``,
    ``u`` (df/dx), ``v`` (df/dy) (``arrows`` squared points).
    """
    (xl, xh), (yl, yh) = x_range, y_range
    gx, gy = np.meshgrid(np.linspace(xl, xh, resolution), np.linspace(yl, yh, resolution))
    with ad.no_grad():
        z = to_numpy(f(ad.tensor(gx, dtype=ad.float64), ad.tensor(gy, dtype=ad.float64)))
    ax_, ay_ = np.meshgrid(np.linspace(xl, xh, arrows), np.linspace(yl, yh, arrows))
    tx = ad.tensor(ax_, dtype=ad.float64, requires_grad=True)
    ty = ad.tensor(ay_, dtype=ad.float64, requires_grad=True)
    f(tx, ty).sum().backward()  # point (i, j) of the sum depends only on x[i, j] and y[i, j]
    return {"x": gx, "y": gy, "z": z, "arrow_x": ax_, "arrow_y": ay_,
            "u": to_numpy(tx.grad), "v": to_numpy(ty.grad)}


@dataclass
class DerivativePlot:
    """What :func:`plot_derivative` drew: matplotlib ``figure`` and ``ax``, and the ``curves``."""

    figure: Any
    ax: Any
    curves: Curves

    @property
    def slope(self) -> float | None:
        """f'(x0) from autograd (None if no point x0 was given)."""
        return self.curves.slope

    def __repr__(self) -> str:  # deterministic: no memory addresses in notebook outputs
        return f"DerivativePlot(points={len(self.curves.x)}, x0={self.curves.x0})"


def _axes(ax):
    if ax is not None:
        return ax.figure, ax
    import matplotlib.pyplot as plt

    # wider than matplotlib's default, and constrained layout, make room for the legend beside
    return plt.subplots(figsize=(8.0, 4.2), layout="constrained")


def legend_beside(ax, **kwargs):
    """Put the legend to the right of the axes, where it cannot cover a curve.

    Inside the axes, even at matplotlib's "best" place, a legend over a full period of sin and
    cos hides parts of the curves the reader is asked to compare.
    """
    return ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0, **kwargs)


def plot_curves(
    x,
    ys: Sequence,
    labels: Sequence[str] | None = None,
    *,
    xlabel: str | None = "x",
    ylabel: str | None = None,
    title: str | None = None,
    ax=None,
):
    """Draw several curves over the same ``x`` on one axes; return ``(figure, ax)``.

    ``x`` and every entry of ``ys`` may be tensors (they are detached), arrays or sequences.
    """
    fig, ax = _axes(ax)
    xs = to_numpy(x)
    labels = list(labels) if labels is not None else [None] * len(ys)
    if len(labels) != len(ys):
        raise ValueError(message("plot_label_count", curves=len(ys), labels=len(labels)))
    for y, label in zip(ys, labels, strict=True):
        ax.plot(xs, to_numpy(y), label=label)
    if xlabel:
        ax.set_xlabel(xlabel)
    if ylabel:
        ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    if any(label for label in labels):
        legend_beside(ax)
    ax.grid(True, alpha=0.3)
    return fig, ax


def draw_curves(ax, curves: Curves, texts: Mapping[str, str], *, derivative: bool,
                 second: bool, finite_difference: bool, tangent: bool,
                 tangent_width: float) -> None:
    """Draw the chosen curves of ``curves`` on ``ax``, each in its own colour of
    :data:`COLORS`, with the legend ``texts`` (keys of :data:`DEFAULT_LABELS`). A curve breaks
    where it jumps (:func:`break_at_jumps`); the finite-difference curve does not, its spikes
    are what it shows at a jump."""
    ax.plot(*break_at_jumps(curves.x, curves.y, curves.dy), color=COLORS["function"],
            label=texts["function"])
    if derivative:
        ax.plot(*break_at_jumps(curves.x, curves.dy, curves.d2y), color=COLORS["derivative"],
                label=texts["derivative"])
    if second and curves.d2y is not None:
        ax.plot(curves.x, curves.d2y, color=COLORS["second_derivative"],
                label=texts["second_derivative"])
    if finite_difference and curves.fd is not None:
        ax.plot(curves.x, curves.fd, linestyle="--", color=COLORS["finite_difference"],
                label=texts["finite_difference"])
    if tangent and curves.tangent is not None:
        # keep the tangent from dominating the y range: draw it only near x0
        near = np.abs(curves.x - curves.x0) <= tangent_width
        ax.plot(curves.x[near], curves.tangent[near], linestyle=":", color=COLORS["tangent"],
                label=texts["tangent"])
    if curves.x0 is not None:
        ax.plot([curves.x0], [curves.y0], marker="o", color="black")


def plot_derivative(
    f: Callable,
    start: float,
    end: float,
    steps: int = 500,
    *,
    x0: float | None = None,
    second: bool = False,
    finite_difference: bool = False,
    h: float = 1e-3,
    labels: dict[str, str] | None = None,
    language: str | None = None,
    xlabel: str | None = "x",
    ylabel: str | None = None,
    title: str | None = None,
    ax=None,
) -> DerivativePlot:
    """Plot ``f`` and its autograd derivative over ``[start, end]`` on one figure.

    Optional: the tangent line at ``x0`` (with the point marked), the second derivative
    (``second=True``) and the central finite-difference estimate ``(f(x+h) - f(x-h)) / 2h``
    (``finite_difference=True``, drawn dashed). The legend texts are those of ``language`` ("en",
    "tr", "de", "id"; None = :func:`autodiff_tr.i18n.language`); ``labels`` overrides entries
    (keys of :data:`DEFAULT_LABELS`: ``function``, ``derivative``, ``second_derivative``,
    ``tangent``, ``finite_difference``).
    """
    texts = {**i18n.texts("plot", language), **(labels or {})}
    unknown = set(texts) - set(DEFAULT_LABELS)
    if unknown:
        raise ValueError(message("plot_label_keys", unknown=sorted(unknown),
                                 known=sorted(DEFAULT_LABELS)))
    curves = derivative_curves(
        f, start, end, steps, x0=x0, second=second, finite_difference=finite_difference, h=h
    )
    fig, ax = _axes(ax)
    draw_curves(ax, curves, texts, derivative=True, second=curves.d2y is not None,
                 finite_difference=curves.fd is not None, tangent=curves.tangent is not None,
                 tangent_width=0.1 * (end - start))
    if xlabel:
        ax.set_xlabel(xlabel)
    if ylabel:
        ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    legend_beside(ax)
    ax.grid(True, alpha=0.3)
    return DerivativePlot(figure=fig, ax=ax, curves=curves)
