"""The README's claim, checked: with the import lines changed (`import torch as ad`, `from torch
import nn, optim`, tests/torch_numbers/record_notebooks.py lists them), every code cell of the
English notebooks prints under PyTorch what it prints with autodiff_tr.

tests/torch_numbers/notebooks.json holds what each code cell printed under PyTorch 2.13 (recorded
by `record_notebooks.py`; PyTorch is never a dependency). For every code cell that is not tagged
`autodiff-tr-only`, the texts of its stored outputs (streams, `text/plain` results, errors as
"ename: evalue") equal the record, so a change on either side fails: re-record after changing a
notebook's code. A cell tagged `autodiff-tr-only` (a widget, a plot helper, the teaching engine,
an error whose wording differs) gives its reason in its metadata, `autodiff_tr.pytorch_differs`,
and says so to the reader in the notebook.
"""

from __future__ import annotations

import json
import sys

import pytest
from nbhelpers import NOTEBOOK_DIR, REPO, load_notebook, source, tags

sys.path.insert(0, str(REPO / "tests" / "torch_numbers"))
from record_notebooks import OUT, output_texts, to_torch  # noqa: E402

TAG = "autodiff-tr-only"
REASON_KEY = "pytorch_differs"
RECORD = "python tests/torch_numbers/record_notebooks.py NOTEBOOK (with torch==2.13.0 installed)"
NOTEBOOKS = sorted((NOTEBOOK_DIR / "en").glob("*.ipynb"))


@pytest.fixture(scope="module")
def records():
    if not OUT.exists():
        pytest.fail(f"{OUT} is missing: {RECORD}")
    return json.loads(OUT.read_text(encoding="utf-8"))


def claim_problems(nb: dict, record: dict | None) -> list[str]:
    """Cells whose stored outputs differ from PyTorch's record, untagged."""
    if record is None:
        return [f"no PyTorch record: {RECORD}"]
    problems = []
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        reason = str(cell.get("metadata", {}).get("autodiff_tr", {}).get(REASON_KEY, "")).strip()
        label = f"cell {index} ({cell.get('id')})"
        if TAG in tags(cell):
            if len(reason.split()) < 3:
                problems.append(f"{label}: tagged {TAG!r} without a reason in the metadata "
                                f"autodiff_tr.{REASON_KEY}")
            continue
        recorded = record["cells"].get(cell.get("id"))
        if recorded is None or recorded["source"] != to_torch(source(cell)):
            problems.append(f"{label}: the record is of other code: {RECORD}")
            continue
        ours, torch = output_texts(cell.get("outputs", [])), recorded["outputs"]
        if ours != torch:
            problems.append(f"{label}: autodiff_tr prints {ours!r}\n    PyTorch prints {torch!r}")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_print_what_pytorch_prints(path, records):
    problems = claim_problems(load_notebook(path), records.get(path.name))
    assert not problems, f"{path.name}: {len(problems)} cells\n" + "\n".join(problems)
