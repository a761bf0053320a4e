"""Stored outputs come from a fresh top-to-bottom run and can be compared by nbval.

nbval (run by the same pytest command, --nbval in pyproject.toml) re-executes each notebook and
compares outputs; it cannot see some ways a notebook goes stale. See README.md here.
"""

from __future__ import annotations

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
