"""The book's own texts in every language (tools/book_locale/<lang>/LC_MESSAGES/book.po): the
template holds every text the book shows (tools/book.py's N_() texts and the paragraphs of the
README's introduction, its front page), and every catalog translates all of them, with nothing
empty, fuzzy or obsolete, follows the glossary's terms and number format, and passes the same
per-entry checks (translate-toolkit's pofilter) as the notebooks' catalogs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from book_site import ROOT, book_tool

sys.path.insert(0, str(ROOT / "tests" / "notebooks"))
from nbchecks import (  # noqa: E402
    GLOSSARY,
    number_problems,
    pofilter_problems,
    read_termbase,
    term_problems,
)

TRANSLATED = [lang for lang in book_tool.LANGUAGES if lang != book_tool.SOURCE_LANGUAGE]


def read(path):
    from babel.messages.pofile import read_po

    with open(path, "rb") as f:
        return read_po(f)


def shown_texts() -> set[str]:
    intro = {block for kind, block in book_tool.readme_introduction() if kind == "text"}
    return set(book_tool.TEXTS.values()) | intro


def test_the_template_holds_every_text_the_book_shows():
    template = {m.id for m in read(book_tool.TEMPLATE) if m.id}
    assert template == shown_texts(), (
        "the book's texts changed: run python tools/book.py extract, then update, and translate"
    )


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_text_is_translated(lang):
    catalog = read(book_tool.catalog_path(lang))
    entries = {m.id: m for m in catalog if m.id}
    assert set(entries) == shown_texts(), "missing or obsolete entries: run tools/book.py update"
    untranslated = [m.id[:60] for m in entries.values() if not m.string or m.fuzzy]
    assert not untranslated
    assert not catalog.obsolete


@pytest.mark.parametrize("lang", TRANSLATED)
def test_msgfmt_accepts_the_catalog(lang):
    if shutil.which("msgfmt") is None:
        hint = "gettext's msgfmt is missing: sudo apt install gettext"
        if os.environ.get("CI"):
            pytest.fail(hint)
        pytest.skip(hint)
    result = subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(book_tool.catalog_path(lang))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("lang", TRANSLATED)
def test_entries_follow_the_glossary(lang):
    termbase = read_termbase(GLOSSARY)
    separator = termbase.decimal_separator[lang]
    problems = []
    for message in read(book_tool.catalog_path(lang)):
        if message.id and message.string:
            problems += [
                f"{message.id[:40]}: {p}"
                for p in term_problems(message.id, message.string, lang, termbase)
                + number_problems(message.id, message.string, lang, separator)
            ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_pofilter_checks_pass(lang):
    try:
        import translate.filters.checks  # noqa: F401
    except ImportError:
        hint = 'translate-toolkit is missing: python -m pip install -e ".[test]"'
        if os.environ.get("CI"):
            pytest.fail(hint)
        pytest.skip(hint)
    problems = pofilter_problems(book_tool.catalog_path(lang), lang)
    assert not problems, "\n".join(problems)
