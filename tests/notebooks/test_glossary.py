"""The glossary is data (docs/glossary.tbx, a TBX term base) and every translated catalog entry
follows it: the notebooks' catalogs and the package's.

- docs/glossary.md is exactly what `python tools/glossary.py` generates from the TBX;
- every entry whose English prose holds a glossary term writes that term's translation (word
  endings allowed), and none writes a form the glossary lists as not to use (outside
  parentheses, where the English original may follow a term);
- every entry writes decimal numbers in its language's format, stated once in the glossary
  (German, Turkish, Indonesian: 0,5 in prose and $0{,}5$ in formulas; code keeps `0.5`), and
  keeps every decimal number of its English.
"""

from __future__ import annotations

import sys

import pytest
from nbchecks import GLOSSARY, number_problems, read_termbase, term_problems
from nbhelpers import REPO

sys.path.insert(0, str(REPO))
from tools import glossary, nbl10n  # noqa: E402

PACKAGE_LOCALE = REPO / "autodiff_tr" / "locale"
CATALOGS = [
    pytest.param(lang, nbl10n.catalog_path(lang, nb), id=f"{lang}/{nb.stem}.po")
    for lang in nbl10n.languages()
    for nb in nbl10n.source_notebooks()
] + [
    pytest.param(p.parent.parent.name, p, id=f"package/{p.parent.parent.name}")
    for p in sorted(PACKAGE_LOCALE.glob("*/LC_MESSAGES/autodiff_tr.po"))
]


@pytest.fixture(scope="module")
def termbase():
    return read_termbase(GLOSSARY)


def _entries(path):
    return [
        (m.context or m.id[:50], m.id, m.string)
        for m in nbl10n.read_catalog(path)
        if m.id and m.string and not m.fuzzy
    ]


def test_glossary_md_is_generated_from_the_term_base():
    assert glossary.MARKDOWN.read_text(encoding="utf-8") == glossary.markdown(glossary.read()), (
        "docs/glossary.md differs from docs/glossary.tbx: edit the TBX, then run "
        "python tools/glossary.py"
    )


def test_every_language_states_its_decimal_separator(termbase):
    for lang in ("en", *nbl10n.languages()):
        assert termbase.decimal_separator.get(lang) in (".", ","), lang


@pytest.mark.parametrize("lang,path", CATALOGS)
def test_entries_use_the_glossary_terms(lang, path, termbase):
    problems = [
        f"{where}: {p}"
        for where, en, tr in _entries(path)
        for p in term_problems(en, tr, lang, termbase)
    ]
    assert not problems, f"{path.relative_to(REPO)}: {len(problems)}\n" + "\n".join(problems)


@pytest.mark.parametrize("lang,path", CATALOGS)
def test_entries_write_numbers_in_the_language_format(lang, path, termbase):
    separator = termbase.decimal_separator[lang]
    problems = [
        f"{where}: {p}"
        for where, en, tr in _entries(path)
        for p in number_problems(en, tr, lang, separator)
    ]
    assert not problems, f"{path.relative_to(REPO)}: {len(problems)}\n" + "\n".join(problems)
