"""Prose (markdown and code comments) passes hunspell with the Debian dictionary plus the
project word list tests/notebooks/wordlists/<lang>.txt (see the README there)."""

from __future__ import annotations

import os

import pytest
from nbchecks import INSTALL_HINT, hunspell_missing, read_wordlist, spelling_problems
from nbhelpers import discover, load_notebook, notebook_ids

FOUND = discover()


def require_hunspell(lang: str) -> None:
    why = hunspell_missing(lang)
    if why is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{why}; CI must install it: {INSTALL_HINT}")
    pytest.skip(f"{why}; install it with: {INSTALL_HINT}")


@pytest.mark.parametrize(
    "lang,path",
    [pytest.param(lang, p, id=f"{lang}/{p.name}") for lang, p in notebook_ids(FOUND)]
    or [pytest.param("", None, marks=pytest.mark.skip(reason="no notebooks yet"))],
)
def test_spelling(lang, path):
    require_hunspell(lang)
    problems = spelling_problems(load_notebook(path), lang, read_wordlist(lang))
    assert not problems, (
        f"{lang}/{path.name}: misspelt words (fix them; add to wordlists/{lang}.txt only real "
        "words the dictionary lacks):\n" + "\n".join(problems)
    )
