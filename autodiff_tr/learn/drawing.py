"""Draw the computational graph behind a tensor as SVG (no Graphviz or other system binary needed).

The graph is read exactly as backpropagation walks it: start at ``tensor.grad_fn`` and follow
``next_functions`` until the ``AccumulateGrad`` nodes, whose ``.variable`` is the leaf tensor. It
reads nothing else, so it draws the graphs of the teaching engine (``autodiff_tr.teaching``) as
well as the real engine's. The API follows torchviz's ``make_dot(var, params=...)``: ``params``
maps names to tensors, and named tensors are shown with their name, shape, first values and (for
leaves, after ``backward``) gradient.

Arrows point in the direction of the forward computation (from the leaves to the result); the
backward pass walks them in reverse. The drawing is a hand-made layered layout: a node sits one
layer above the deepest node that uses it, so every arrow points downwards.

The result is a :class:`Graph` object: Jupyter shows it through ``_repr_mimebundle_`` (SVG, and
the same drawing as PNG for places that refuse SVG: an untrusted notebook, a repository viewer);
tests read ``graph.nodes`` and ``graph.edges``.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape
from typing import Any

import numpy as np

from autodiff_tr.messages import message

__all__ = ["Graph", "GraphNode", "draw", "make_dot"]

_FONT_SIZE = 12
_CHAR_WIDTH = 7.3  # approximate advance of a 12 px monospace character
_LINE_HEIGHT = 16
_PAD_X = 10
_PAD_Y = 8
_GAP_X = 24
_GAP_Y = 36
_MARGIN = 12

_COLORS = {"leaf": "#cfe2ff", "op": "#eeeeee", "output": "#d4edda"}


@dataclass
class GraphNode:
    """One box of the drawing.

    ``id`` is ``"n0"``, ``"n1"`` ... in the order the walk from the result meets the nodes;
    ``kind`` is ``"leaf"`` (an ``AccumulateGrad`` node, drawn as its leaf tensor), ``"op"`` or
    ``"output"`` (the node that produced the drawn tensor); ``name`` is the node's ``name()``
    (``"MulBackward0"``, ``"AccumulateGrad"`` ...); ``label`` the name given in ``params`` (or "");
    ``lines`` the text drawn in the box.
    """

    id: str
    kind: str
    name: str
    label: str = ""
    lines: list[str] = field(default_factory=list)


def _node_name(node: Any) -> str:
    name = node.name() if hasattr(node, "name") else type(node).__name__
    return name.rsplit("::", 1)[-1]  # PyTorch spells it "torch::autograd::AccumulateGrad"


def _shape_text(tensor: Any) -> str:
    return str(tuple(int(n) for n in tensor.shape))


def _number(value: float, digits: int) -> str:
    text = f"{value:.{digits}f}"
    if float(text) == 0.0:  # no "-0.0000" for tiny negative float noise
        text = f"{0.0:.{digits}f}"
    return text


def _values_text(tensor: Any, digits: int, max_items: int) -> str:
    values = tensor.detach().numpy() if hasattr(tensor, "detach") else np.asarray(tensor)
    flat = np.asarray(values, dtype=float).reshape(-1)
    if np.ndim(values) == 0:
        return _number(float(flat[0]), digits)
    shown = ", ".join(_number(float(v), digits) for v in flat[:max_items])
    return "[" + shown + (", …]" if flat.size > max_items else "]")


class Graph:
    """The drawn graph: ``nodes`` (list of :class:`GraphNode`), ``edges`` (list of ``(src_id,
    dst_id)`` in forward direction, one per input slot, so an input used twice gives two edges)."""

    def __init__(self, nodes: list[GraphNode], edges: list[tuple[str, str]]):
        self.nodes = nodes
        self.edges = edges
        self._svg: str | None = None
        self._png: bytes | None = None

    def node(self, node_id: str) -> GraphNode:
        """The node with this id."""
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(node_id)

    def edge_names(self) -> list[tuple[str, str]]:
        """Edges as ``(source name, target name)``, using the ``params`` label when there is one."""

        def show(node: GraphNode) -> str:
            return node.label or node.name

        return [(show(self.node(s)), show(self.node(t))) for s, t in self.edges]

    def svg(self) -> str:
        """The SVG text of the drawing."""
        if self._svg is None:
            self._svg = _render_svg(_layout(self.nodes, self.edges), self.nodes, self.edges)
        return self._svg

    def png(self) -> bytes:
        """The same drawing as PNG bytes (drawn with matplotlib, one pixel per SVG unit)."""
        if self._png is None:
            self._png = _render_png(_layout(self.nodes, self.edges), self.nodes, self.edges)
        return self._png

    def _repr_svg_(self) -> str:
        return self.svg()

    def _repr_mimebundle_(self, include=None, exclude=None):
        # JupyterLab shows SVG only in trusted notebooks; elsewhere it falls back to the PNG
        data = {
            "image/svg+xml": self.svg(),
            "image/png": base64.b64encode(self.png()).decode("ascii"),
            "text/plain": repr(self),
        }
        layout = _layout(self.nodes, self.edges)
        size = {"width": round(layout.width), "height": round(layout.height)}
        return data, {"image/png": size}

    def save(self, path) -> None:
        """Write the SVG to ``path``."""
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(self.svg())

    def __repr__(self) -> str:
        return f"Graph(nodes={len(self.nodes)}, edges={len(self.edges)})"


def draw(
    tensor: Any,
    params: Mapping[str, Any] | None = None,
    *,
    show_values: bool = True,
    show_grads: bool = True,
    digits: int = 4,
    max_items: int = 3,
) -> Graph:
    """Build the computational graph that produced ``tensor``.

    ``params`` (optional) maps names to tensors of the graph: leaves are matched to their
    ``AccumulateGrad`` node, results of operations to their ``grad_fn``. Named tensors show their
    shape; with ``show_values`` their first ``max_items`` values (``digits`` decimals); with
    ``show_grads`` leaves (and computed tensors on which ``retain_grad()`` was called) show
    ``.grad`` once a backward pass has filled it.
    """
    params = dict(params or {})
    by_tensor = {id(t): name for name, t in params.items()}
    by_node: dict[int, tuple[str, Any]] = {}
    for name, t in params.items():
        fn = getattr(t, "grad_fn", None)
        if fn is not None:
            by_node.setdefault(id(fn), (name, t))

    root_fn = getattr(tensor, "grad_fn", None)
    if root_fn is None:
        if not getattr(tensor, "requires_grad", False):
            raise ValueError(message("graph_no_grad"))
        root_fn = _LeafOnly(tensor)

    # walk from the result; the first visit fixes the order of the ids
    order: list[Any] = [root_fn]
    ids = {id(root_fn): "n0"}
    raw_edges: list[tuple[int, int]] = []
    keep_alive = [root_fn]
    queue = [root_fn]
    while queue:
        fn = queue.pop(0)
        for nxt, _ in getattr(fn, "next_functions", ()):
            if nxt is None:
                continue
            if id(nxt) not in ids:
                ids[id(nxt)] = f"n{len(order)}"
                order.append(nxt)
                keep_alive.append(nxt)
                queue.append(nxt)
            raw_edges.append((id(nxt), id(fn)))

    nodes = []
    for fn in order:
        node_id = ids[id(fn)]
        variable = getattr(fn, "variable", None)
        if variable is not None:
            label = by_tensor.get(id(variable), "")
            lines = [f"{label} {_shape_text(variable)}" if label else _shape_text(variable)]
            if label and show_values:
                lines.append(_values_text(variable, digits, max_items))
            grad = getattr(variable, "grad", None)
            if show_grads and grad is not None:
                lines.append("grad " + _values_text(grad, digits, max_items))
            nodes.append(GraphNode(node_id, "leaf", "AccumulateGrad", label, lines))
            continue
        name = _node_name(fn)
        label, value = by_node.get(id(fn), ("", None))
        if fn is root_fn and not label:
            label, value = by_tensor.get(id(tensor), ""), tensor
        lines = [name]
        if label:
            lines.append(f"{label} {_shape_text(value)}")
            if show_values:
                lines.append(_values_text(value, digits, max_items))
            # a computed tensor has a .grad only after retain_grad() (reading it otherwise warns)
            if show_grads and getattr(value, "retains_grad", False) and value.grad is not None:
                lines.append("grad " + _values_text(value.grad, digits, max_items))
        kind = "output" if fn is root_fn else "op"
        nodes.append(GraphNode(node_id, kind, name, label, lines))
    edges = [(ids[s], ids[t]) for s, t in raw_edges]
    return Graph(nodes, edges)


#: torchviz-style alias: ``make_dot(out, params={...})``.
make_dot = draw


class _LeafOnly:
    """Stands in for the AccumulateGrad node when the drawn tensor is itself a leaf."""

    next_functions: tuple = ()

    def __init__(self, variable: Any):
        self.variable = variable

    def name(self) -> str:
        return "AccumulateGrad"


def _layers(nodes: list[GraphNode], edges: list[tuple[str, str]]) -> dict[str, int]:
    """Depth of every node = longest path from the result (layer 0 = the result)."""
    users: dict[str, list[str]] = {n.id: [] for n in nodes}  # node -> nodes it feeds (forward)
    for src, dst in edges:
        users[src].append(dst)
    depth: dict[str, int] = {}

    def visit(node_id: str) -> int:
        if node_id not in depth:
            depth[node_id] = 1 + max((visit(u) for u in users[node_id]), default=-1)
        return depth[node_id]

    for node in nodes:
        visit(node.id)
    return depth


@dataclass
class _Layout:
    """Where everything goes, in pixels from the top left: the canvas size and each node's box
    ``(x, y, width, height)``."""

    width: float
    height: float
    box: dict[str, tuple[float, float, float, float]]


def _layout(nodes: list[GraphNode], edges: list[tuple[str, str]]) -> _Layout:
    depth = _layers(nodes, edges)
    n_layers = max(depth.values()) + 1
    rows: list[list[GraphNode]] = [[] for _ in range(n_layers)]
    for node in nodes:  # deepest layer on top: arrows (forward direction) point downwards
        rows[n_layers - 1 - depth[node.id]].append(node)

    size = {
        n.id: (
            2 * _PAD_X + _CHAR_WIDTH * max(len(line) for line in n.lines),
            2 * _PAD_Y + _LINE_HEIGHT * len(n.lines),
        )
        for n in nodes
    }
    row_widths = [sum(size[n.id][0] for n in row) + _GAP_X * (len(row) - 1) for row in rows]
    row_heights = [max(size[n.id][1] for n in row) for row in rows]
    width = max(row_widths) + 2 * _MARGIN
    height = sum(row_heights) + _GAP_Y * (n_layers - 1) + 2 * _MARGIN

    users: dict[str, list[str]] = {n.id: [] for n in nodes}
    for src, dst in edges:
        users[src].append(dst)
    tops = [_MARGIN + sum(row_heights[:i]) + _GAP_Y * i for i in range(n_layers)]
    box: dict[str, tuple[float, float, float, float]] = {}  # x, y, w, h
    # place rows from the result upwards; order each row by the mean position of the nodes it
    # feeds (barycentre heuristic, fewer crossing arrows); ties keep the walk order
    for i in reversed(range(n_layers)):
        row = rows[i]
        if i < n_layers - 1:

            def centre(node: GraphNode) -> float:
                xs = [box[u][0] + box[u][2] / 2 for u in users[node.id]]
                return sum(xs) / len(xs) if xs else width / 2

            row.sort(key=centre)
        x = (width - row_widths[i]) / 2
        for node in row:
            w, h = size[node.id]
            box[node.id] = (x, tops[i] + (row_heights[i] - h) / 2, w, h)
            x += w + _GAP_X
    return _Layout(width, height, box)


def _edge_offsets(edges: list[tuple[str, str]]) -> list[float]:
    """Horizontal offset of each edge: parallel edges (an input used twice) side by side."""
    seen: dict[tuple[str, str], int] = {}
    offsets = []
    for edge in edges:
        k = seen.get(edge, 0)
        seen[edge] = k + 1
        offsets.append((k - (edges.count(edge) - 1) / 2) * 8)
    return offsets


def _render_svg(layout: _Layout, nodes: list[GraphNode], edges: list[tuple[str, str]]) -> str:
    box, width, height = layout.box, layout.width, layout.height
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="monospace" '
        f'font-size="{_FONT_SIZE}">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
        'fill="#444"/></marker></defs>',
    ]
    for (src, dst), offset in zip(edges, _edge_offsets(edges)):
        sx, sy, sw, sh = box[src]
        dx, dy, dw, _ = box[dst]
        out.append(
            f'<line x1="{sx + sw / 2 + offset:.1f}" y1="{sy + sh:.1f}" '
            f'x2="{dx + dw / 2 + offset:.1f}" y2="{dy:.1f}" stroke="#444" '
            f'stroke-width="1.2" marker-end="url(#arrow)"/>'
        )
    for node in nodes:
        x, y, w, h = box[node.id]
        out.append(
            f'<g id="{node.id}"><rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
            f'rx="4" fill="{_COLORS[node.kind]}" stroke="#333"/>'
        )
        for i, line in enumerate(node.lines):
            weight = ' font-weight="bold"' if i == 0 else ""
            out.append(
                f'<text x="{x + w / 2:.1f}" y="{y + _PAD_Y + _LINE_HEIGHT * (i + 0.75):.1f}" '
                f'text-anchor="middle"{weight}>{escape(line)}</text>'
            )
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def _render_png(layout: _Layout, nodes: list[GraphNode], edges: list[tuple[str, str]]) -> bytes:
    """The drawing of :func:`_render_svg` with matplotlib (imported here, on first use)."""
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    dpi = 100
    # whole pixels, the size the SVG states (matplotlib would cut a fraction off)
    figure = Figure(figsize=(round(layout.width) / dpi, round(layout.height) / dpi), dpi=dpi)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, layout.width)
    ax.set_ylim(layout.height, 0)  # y downwards, as in SVG
    ax.axis("off")
    points = _FONT_SIZE * 72 / dpi  # a 12 px font
    for (src, dst), offset in zip(edges, _edge_offsets(edges)):
        sx, sy, sw, sh = layout.box[src]
        dx, dy, dw, _ = layout.box[dst]
        ax.add_patch(
            FancyArrowPatch(
                (sx + sw / 2 + offset, sy + sh),
                (dx + dw / 2 + offset, dy),
                arrowstyle="-|>",
                mutation_scale=10,
                color="#444",
                linewidth=1.2,
                shrinkA=0,
                shrinkB=0,
            )
        )
    for node in nodes:
        x, y, w, h = layout.box[node.id]
        ax.add_patch(
            FancyBboxPatch(
                (x, y),
                w,
                h,
                boxstyle="round,pad=0,rounding_size=4",
                facecolor=_COLORS[node.kind],
                edgecolor="#333",
            )
        )
        for i, line in enumerate(node.lines):
            ax.text(
                x + w / 2,
                y + _PAD_Y + _LINE_HEIGHT * (i + 0.75),
                line,
                ha="center",
                va="baseline",
                family="monospace",
                size=points,
                weight="bold" if i == 0 else "normal",
            )
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
