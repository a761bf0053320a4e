"""Stored outputs come from a fresh top-to-bottom run and can be compared by nbval.

nbval (run by the same pytest command, --nbval in pyproject.toml) re-executes each notebook and
compares outputs; it cannot see some ways a notebook goes stale. See README.md here.
"""

from __future__ import annotations

import os

import pytest
from nbchecks import execution_problems
from nbhelpers import discover, load_notebook, notebook_ids

FOUND = discover()


@pytest.mark.parametrize(
    "lang,path",
    [pytest.param(lang, p, id=f"{lang}/{p.name}") for lang, p in notebook_ids(FOUND)]
    or [pytest.param("", None, marks=pytest.mark.skip(reason="no notebooks yet"))],
)
def test_outputs_from_fresh_run(lang, path):
    problems = execution_problems(load_notebook(path))
    assert not problems, f"{lang}/{path.name}:\n" + "\n".join(problems)


def test_kernels_keep_inline_figures(request):
    """MPLBACKEND set in pytest's environment is inherited by nbval's kernels, and ipykernel
    then keeps it instead of the inline backend: figures vanish from the outputs and nbval
    reports "Missing output fields". Select Agg in-process (matplotlib.use) instead."""
    backend = os.environ.get("MPLBACKEND", "")
    if not request.config.getoption("nbval", default=False):
        pytest.skip("notebooks are not run in this session (no --nbval)")
    assert not backend or "inline" in backend, (
        f"MPLBACKEND={backend!r} in the environment would disable inline figures in the "
        "notebook kernels; use matplotlib.use('Agg') in conftest.py instead"
    )
