"""Tensor printing that mirrors PyTorch's, so notebook outputs read like PyTorch's.

This is a NumPy-only port of the parts of ``torch/_tensor_str.py`` (PyTorch 2.13) that apply to
dense real tensors on one device: ``_Formatter`` (int mode, scientific mode, column width),
``_tensor_str`` (nested brackets, line wrapping, summarization with ``...``),
``get_summarized_data`` and the suffix logic of ``_str_intern`` / ``_add_suffixes``.
The print options are PyTorch's defaults and fixed: precision 4, threshold 1000,
edgeitems 3, linewidth 80.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

PRECISION = 4
THRESHOLD = 1000
EDGEITEMS = 3
LINEWIDTH = 80

_PACKAGE = "autodiff_tr"


def _item(value):
    """Python scalar of a NumPy scalar, like ``Tensor.item()`` / ``tolist()``."""
    return value.item()


class _Formatter:
    """Port of ``torch._tensor_str._Formatter``: decides the mode and the common width."""

    def __init__(self, values: np.ndarray):
        self.floating_dtype = np.issubdtype(values.dtype, np.floating)
        self.int_mode = True
        self.sci_mode = False
        self.max_width = 1
        flat = values.reshape(-1)

        if not self.floating_dtype:
            for value in flat:
                self.max_width = max(self.max_width, len(f"{_item(value)}"))
            return

        nonzero_finite = flat[np.isfinite(flat) & (flat != 0)]
        if nonzero_finite.size == 0:
            return
        abs_vals = np.abs(nonzero_finite).astype(np.float64)
        vmin, vmax = abs_vals.min(), abs_vals.max()
        self.int_mode = bool(np.all(nonzero_finite == np.ceil(nonzero_finite)))
        self.sci_mode = bool(vmax / vmin > 1000.0 or vmax > 1.0e8 or vmin < 1.0e-4)

        for value in nonzero_finite:
            value = _item(value)
            if self.sci_mode:
                width = len(f"{value:.{PRECISION}e}")
            elif self.int_mode:
                width = len(f"{value:.0f}") + 1  # room for the trailing "."
            else:
                width = len(f"{value:.{PRECISION}f}")
            self.max_width = max(self.max_width, width)

    def format(self, value) -> str:
        if self.floating_dtype:
            if self.sci_mode:
                ret = f"{value:{self.max_width}.{PRECISION}e}"
            elif self.int_mode:
                ret = f"{value:.0f}"
                if not (math.isinf(value) or math.isnan(value)):
                    ret += "."
            else:
                ret = f"{value:.{PRECISION}f}"
        else:
            ret = f"{value}"
        return (self.max_width - len(ret)) * " " + ret


def _summarized_data(values: np.ndarray) -> np.ndarray:
    """Port of ``get_summarized_data``: keep only the edge items of every dimension."""
    if values.ndim == 0:
        return values
    if values.ndim == 1:
        if values.shape[0] > 2 * EDGEITEMS:
            return np.concatenate((values[:EDGEITEMS], values[-EDGEITEMS:]))
        return values
    rows = list(values)
    if len(rows) > 2 * EDGEITEMS:
        rows = rows[:EDGEITEMS] + rows[-EDGEITEMS:]
    return np.stack([_summarized_data(row) for row in rows])


def _vector_str(values: np.ndarray, indent: int, summarize: bool, fmt: _Formatter) -> str:
    element_length = fmt.max_width + 2  # includes ", "
    elements_per_line = max(1, math.floor((LINEWIDTH - indent) / element_length))
    if summarize and values.shape[0] > 2 * EDGEITEMS:
        data = (
            [fmt.format(v) for v in values[:EDGEITEMS].tolist()]
            + [" ..."]
            + [fmt.format(v) for v in values[-EDGEITEMS:].tolist()]
        )
    else:
        data = [fmt.format(v) for v in values.tolist()]
    lines = [
        ", ".join(data[i : i + elements_per_line]) for i in range(0, len(data), elements_per_line)
    ]
    return "[" + (",\n" + " " * (indent + 1)).join(lines) + "]"


def _tensor_str_with_formatter(
    values: np.ndarray, indent: int, summarize: bool, fmt: _Formatter
) -> str:
    dim = values.ndim
    if dim == 0:
        return fmt.format(values.item())
    if dim == 1:
        return _vector_str(values, indent, summarize, fmt)

    def sub(i: int) -> str:
        return _tensor_str_with_formatter(values[i], indent + 1, summarize, fmt)

    n = values.shape[0]
    if summarize and n > 2 * EDGEITEMS:
        slices = (
            [sub(i) for i in range(EDGEITEMS)] + ["..."] + [sub(i) for i in range(n - EDGEITEMS, n)]
        )
    else:
        slices = [sub(i) for i in range(n)]
    return "[" + ("," + "\n" * (dim - 1) + " " * (indent + 1)).join(slices) + "]"


def _tensor_str(values: np.ndarray, indent: int) -> str:
    if values.size == 0:
        return "[]"
    summarize = values.size > THRESHOLD
    fmt = _Formatter(_summarized_data(values) if summarize else values)
    return _tensor_str_with_formatter(values, indent, summarize, fmt)


def _add_suffixes(tensor_str: str, suffixes: Sequence[str], indent: int) -> str:
    parts = [tensor_str]
    # Same arithmetic as torch (the "+ 1" included), so wrapping happens at the same place.
    last_line_len = len(tensor_str) - tensor_str.rfind("\n") + 1
    for suffix in suffixes:
        if last_line_len + len(suffix) + 2 > LINEWIDTH:
            parts.append(",\n" + " " * indent + suffix)
            last_line_len = indent + len(suffix)
        else:
            parts.append(", " + suffix)
            last_line_len += len(suffix) + 2
    parts.append(")")
    return "".join(parts)


def format_tensor(
    values: np.ndarray, *, dtype_name: str | None, suffixes: Sequence[str] = ()
) -> str:
    """Return the PyTorch-style ``repr`` of a tensor holding ``values``.

    ``dtype_name`` is the printed dtype (e.g. ``"autodiff_tr.float64"``) or ``None`` for the
    dtypes torch leaves out (the default float dtype, int64, bool). ``suffixes`` (e.g.
    ``"requires_grad=True"``, ``"grad_fn=<MulBackward0>"``) follow the size/dtype suffixes,
    wrapped as torch wraps them.
    """
    values = np.asarray(values)
    prefix = "tensor("
    indent = len(prefix)
    own: list[str] = []
    if values.size == 0:
        # Torch prints the shape unless it is (0,), and every dtype but the default float one,
        # since an empty tensor has no elements from which int64 or bool could be read.
        if values.ndim != 1:
            own.append("size=" + str(tuple(int(d) for d in values.shape)))
        if dtype_name is None and values.dtype.kind != "f":  # int64 or bool, not the default
            dtype_name = f"{_PACKAGE}.{values.dtype.name}"
        if dtype_name is not None:
            own.append("dtype=" + dtype_name)
        tensor_str = "[]"
    else:
        if dtype_name is not None:
            own.append("dtype=" + dtype_name)
        tensor_str = _tensor_str(values, indent)
    return _add_suffixes(prefix + tensor_str, [*own, *suffixes], indent)
