"""The three translations of each notebook are the same notebook in another language.

Parametrized over the notebooks found under notebooks/<language>/, so that while translators
are still adding notebooks only the notebooks concerned fail, and a clone without notebooks
skips (with a message) instead of failing.
"""

from __future__ import annotations

import pytest
from nbchecks import metadata_problems, parity_problems
from nbhelpers import all_languages, by_number, discover, load_notebook, notebook_ids

FOUND = discover()
TABLE = by_number(FOUND)
LANGS = all_languages(FOUND)
NO_NOTEBOOKS = pytest.mark.skipif(not FOUND, reason="no notebooks under notebooks/ yet")


def _pairs():
    for num, per_lang in TABLE.items():
        present = [lang for lang in LANGS if lang in per_lang]
        for a_i, a in enumerate(present):
            for b in present[a_i + 1 :]:
                yield pytest.param(num, a, b, id=f"{num}-{a}-{b}")


@NO_NOTEBOOKS
@pytest.mark.parametrize("lang", LANGS)
def test_language_folder_has_notebooks(lang):
    assert FOUND.get(lang), f"notebooks/{lang}/ has no notebooks while other languages do"


@NO_NOTEBOOKS
@pytest.mark.parametrize("lang", LANGS)
def test_notebooks_are_numbered(lang):
    unnumbered = [p.name for p in FOUND.get(lang, []) if by_number({lang: [p]}) == {}]
    assert not unnumbered, f"notebooks without an NN_ number prefix: {unnumbered}"


@pytest.mark.parametrize("num", list(TABLE) or [pytest.param("", marks=NO_NOTEBOOKS)])
def test_notebook_exists_in_every_language(num):
    per_lang = TABLE[num]
    missing = [lang for lang in LANGS if lang not in per_lang]
    assert not missing, f"notebook {num}_ is missing in: {missing} (present: {per_lang})"
    names = {p.name for p in per_lang.values()}
    assert len(names) == 1, f"notebook {num}_ has different file names per language: {names}"


@pytest.mark.parametrize(
    "num,lang_a,lang_b", list(_pairs()) or [pytest.param("", "", "", marks=NO_NOTEBOOKS)]
)
def test_translations_have_same_structure(num, lang_a, lang_b):
    nb_a = load_notebook(TABLE[num][lang_a])
    nb_b = load_notebook(TABLE[num][lang_b])
    problems = parity_problems(nb_a, lang_a, nb_b, lang_b)
    assert not problems, f"{TABLE[num][lang_a].name} {lang_a} vs {lang_b}:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "lang,path",
    [pytest.param(lang, p, id=f"{lang}/{p.name}") for lang, p in notebook_ids(FOUND)]
    or [pytest.param("", None, marks=NO_NOTEBOOKS)],
)
def test_metadata(lang, path):
    problems = metadata_problems(load_notebook(path), lang)
    assert not problems, f"{lang}/{path.name}:\n" + "\n".join(problems)
