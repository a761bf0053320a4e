"""Markdown prose is written in the notebook folder's language, without known mistranslations.

Language identification: lingua-language-detector (offline, models inside the wheel), restricted
to the project's languages and the languages they are most often confused with.
"""

from __future__ import annotations

import pytest
from nbchecks import mistranslation_problems
from nbhelpers import cell_label, discover, load_notebook, notebook_ids, prose, source, words

FOUND = discover()
NOTEBOOKS = [pytest.param(lang, p, id=f"{lang}/{p.name}") for lang, p in notebook_ids(FOUND)] or [
    pytest.param("", None, marks=pytest.mark.skip(reason="no notebooks yet"))
]
# Fewer words than this cannot be identified reliably (and a markdown cell must hold at
# least a full sentence anyway, see COMMON conventions).
MIN_WORDS = 4
CODES = {"tr": "TURKISH", "de": "GERMAN", "id": "INDONESIAN"}
CANDIDATES = ["TURKISH", "GERMAN", "INDONESIAN", "ENGLISH", "DUTCH", "MALAY", "AZERBAIJANI"]


@pytest.fixture(scope="session")
def detector():
    lingua = pytest.importorskip(
        "lingua", reason='install the test extra: python -m pip install -e ".[test]"'
    )
    langs = [getattr(lingua.Language, name) for name in CANDIDATES]
    return lingua, lingua.LanguageDetectorBuilder.from_languages(*langs).build()


def language_problems(nb: dict, lang: str, detector) -> list[str]:
    lingua, det = detector
    assert lang in CODES, f"no language-identification setting for folder {lang!r}"
    expected = getattr(lingua.Language, CODES[lang])
    problems = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        text = " ".join(prose(source(cell)).split())
        if len(words(text)) < MIN_WORDS:
            problems.append(
                f"{cell_label(i, cell)}: only {len(words(text))} words of prose; a markdown "
                "cell needs at least a full sentence"
            )
            continue
        got = det.detect_language_of(text)
        if got != expected:
            top = det.compute_language_confidence_values(text)[:3]
            scores = ", ".join(f"{c.language.name.lower()} {c.value:.2f}" for c in top)
            problems.append(f"{cell_label(i, cell)}: detected as {scores}; text: {text[:120]!r}")
    return problems


@pytest.mark.parametrize("lang,path", NOTEBOOKS)
def test_markdown_is_in_folder_language(lang, path, detector):
    problems = language_problems(load_notebook(path), lang, detector)
    assert not problems, f"{lang}/{path.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang,path", NOTEBOOKS)
def test_no_known_mistranslations(lang, path):
    problems = mistranslation_problems(load_notebook(path), lang)
    assert not problems, f"{lang}/{path.name}:\n" + "\n".join(problems)
