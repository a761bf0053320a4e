"""Record what the English notebooks' code cells print under PyTorch, for
tests/notebooks/test_pytorch_claim.py (run with a PyTorch install, never a dependency):

    python tests/torch_numbers/record_notebooks.py [NOTEBOOK ...]   # with torch==2.13.0 installed

writes tests/torch_numbers/notebooks.json (all of notebooks/en by default; naming notebooks
replaces only their records). The claim checked is the README's: with the import lines below
changed, a notebook's code runs with PyTorch and prints what it prints with autodiff_tr.

Each notebook runs top to bottom in a fresh kernel of this interpreter (nbclient), in
notebooks/en (the package's helpers speak English there), with `PYTHONPATH` set to this checkout
so that cells using autodiff_tr's own helpers (plot, graph, widgets, teaching, compat) still find
them. Errors do not stop the run (`allow_errors`): a cell that fails under PyTorch is recorded
with its error, and the test reports it unless the cell is tagged autodiff_tr-only.

Substitutions, applied to every code cell, line by line (the whole line must match):

    import autodiff_tr as ad                      -> import torch as ad
    import autodiff_tr as torch                   -> import torch
    from autodiff_tr import nn, optim             -> from torch import nn, optim
    from autodiff_tr.autograd.functional import … -> from torch.autograd.functional import …
    from autodiff_tr import autograd              -> from torch import autograd
    import autodiff_tr.autograd.forward_ad as fwAD -> import torch.autograd.forward_ad as fwAD

Everything else (`from autodiff_tr import plot`, `graph`, `widgets`, `teaching`, the compat
layers, `autodiff_tr.i18n`) is autodiff_tr's own and stays: cells using it are tagged. (The
PyTorch environment has no ipywidgets/anywidget, so notebook 03, whose first cell imports the
explorers, fails there from the start: every code cell of 03 is an explorer's and is tagged.)

What is recorded per code cell (by cell id): the substituted source and the texts a reader sees,
in order: each stream's text (stdout and stderr), the `text/plain` of each result or display,
and each error as "ename: evalue" (IPython's minimal tracebacks, as tests/notebooks/execute.py
stores them). Pictures are not text and are not recorded.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks" / "en"
OUT = Path(__file__).resolve().parent / "notebooks.json"

#: (pattern of a whole line, replacement): the import lines that differ between the libraries.
SUBSTITUTIONS = [
    (r"import autodiff_tr as ad", "import torch as ad"),
    (r"import autodiff_tr as torch", "import torch"),
    (r"from autodiff_tr import nn, optim", "from torch import nn, optim"),
    (r"from autodiff_tr import autograd", "from torch import autograd"),
    (r"import autodiff_tr\.autograd\.forward_ad as (\w+)",
     r"import torch.autograd.forward_ad as \1"),
    (r"from autodiff_tr\.autograd\.functional import (.+)",
     r"from torch.autograd.functional import \1"),
]  # fmt: skip


def to_torch(source: str) -> str:
    """The cell's code with autodiff_tr's import lines replaced by PyTorch's."""
    lines = []
    for line in source.split("\n"):
        indent = line[: len(line) - len(line.lstrip())]
        for pattern, replacement in SUBSTITUTIONS:
            m = re.fullmatch(pattern, line.strip())
            if m:
                line = indent + m.expand(replacement)
                break
        lines.append(line)
    return "\n".join(lines)


def output_texts(outputs: list) -> list[str]:
    """The texts of a code cell's outputs, as the test compares them (shared with the test)."""
    texts = []
    for out in outputs:
        kind = out.get("output_type")
        if kind == "stream":
            text = out.get("text", "")
            text = "".join(text) if isinstance(text, list) else text
            if texts and texts[-1].startswith(f"{out.get('name')}: "):
                texts[-1] += text  # chunks of one stream are one text
            else:
                texts.append(f"{out.get('name')}: {text}")
        elif kind in ("execute_result", "display_data"):
            plain = out.get("data", {}).get("text/plain")
            if plain is not None:
                texts.append("".join(plain) if isinstance(plain, list) else plain)
        elif kind == "error":
            texts.append(f"{out.get('ename')}: {out.get('evalue')}")
    return texts


def record(path: Path) -> dict:
    import nbformat
    import torch
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = to_torch(cell.source)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(REPO)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    )
    os.environ.pop("MPLBACKEND", None)  # the inline backend, as in Jupyter
    NotebookClient(
        nb,
        timeout=900,
        kernel_name="python3",
        allow_errors=True,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
        extra_arguments=["--InteractiveShell.xmode=Minimal"],
    ).execute()
    cells = {}
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            cells[cell.id] = {
                "index": index,
                "source": cell.source,
                "outputs": output_texts(cell.get("outputs", [])),
            }
    return {"torch": torch.__version__, "cells": cells}


def main(argv: list[str]) -> None:
    paths = [Path(a).resolve() for a in argv] or sorted(NOTEBOOKS.glob("*.ipynb"))
    data = json.loads(OUT.read_text(encoding="utf-8")) if OUT.exists() else {}
    for path in paths:
        print(f"recording {path.name}", file=sys.stderr, flush=True)
        data[path.name] = record(path)
    OUT.write_text(
        json.dumps(dict(sorted(data.items())), indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main(sys.argv[1:])
