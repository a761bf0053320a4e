"""Markdown prose is written in the notebook folder's language, without known mistranslations.
(The glossary's terms are checked per catalog entry: test_glossary.py.)

Language identification: lingua-language-detector (offline, models inside the wheel), restricted
to the project's languages and the languages they are most often confused with (see README.md).
"""

from __future__ import annotations

import pytest
from nbchecks import (
    build_detector,
    language_problems,
    mistranslation_problems,
)
from nbhelpers import discover, load_notebook, notebook_ids

FOUND = discover()
NOTEBOOKS = [pytest.param(lang, p, id=f"{lang}/{p.name}") for lang, p in notebook_ids(FOUND)] or [
    pytest.param("", None, marks=pytest.mark.skip(reason="no notebooks yet"))
]


@pytest.fixture(scope="session")
def detector():
    pytest.importorskip(
        "lingua", reason='install the test extra: python -m pip install -e ".[test]"'
    )
    return build_detector()


@pytest.mark.parametrize("lang,path", NOTEBOOKS)
def test_markdown_is_in_folder_language(lang, path, detector):
    problems = language_problems(load_notebook(path), lang, detector)
    assert not problems, f"{lang}/{path.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang,path", NOTEBOOKS)
def test_no_known_mistranslations(lang, path):
    problems = mistranslation_problems(load_notebook(path), lang)
    assert not problems, f"{lang}/{path.name}:\n" + "\n".join(problems)
