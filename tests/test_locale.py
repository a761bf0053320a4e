"""autodiff_tr/locale: the package's gettext catalogs are complete, keep every placeholder and code
span, follow the glossary, compile to the committed .mo files, and ship in the wheel."""

import gettext
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from autodiff_tr import i18n

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "autodiff_tr" / "locale"
TEMPLATE = LOCALE / "autodiff_tr.pot"
CATALOGS = sorted(LOCALE.glob("*/LC_MESSAGES/autodiff_tr.po"))
CODES = [path.parent.parent.name for path in CATALOGS]


def _read(path):
    with open(path, "rb") as handle:
        return read_po(handle)


def _entries(path):
    """(msgid, msgstr, message) of every real entry (not the header) of one catalog."""
    return [(m.id, m.string, m) for m in _read(path) if m.id]


def _placeholders(text):
    """The {fields} of a str.format template with their conversion and format spec, sorted."""
    return sorted(
        (name, conversion or "", spec or "")
        for _, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    )


def _code_spans(text):
    return re.findall(r"`[^`]+`", text)


def test_the_three_languages_have_catalogs():
    assert CODES == ["de", "id", "tr"]


@pytest.mark.parametrize("path", CATALOGS, ids=CODES)
def test_every_entry_is_translated_and_none_is_fuzzy_or_obsolete(path):
    catalog = _read(path)
    assert not catalog.obsolete, sorted(catalog.obsolete)
    untranslated = [m.id for m in catalog if m.id and not m.string]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert untranslated == [] and fuzzy == []


@pytest.mark.parametrize("path", CATALOGS, ids=CODES)
def test_every_catalog_has_exactly_the_templates_messages(path):
    # `pybabel update` from the template keeps them equal; a hand-edited catalog may not
    assert {m.id for m in _read(path) if m.id} == {m.id for m in _read(TEMPLATE) if m.id}


@pytest.mark.parametrize("path", CATALOGS, ids=CODES)
def test_translations_keep_every_placeholder(path):
    broken = [
        (msgid, msgstr)
        for msgid, msgstr, _ in _entries(path)
        if _placeholders(msgid) != _placeholders(msgstr)
    ]
    assert broken == []


@pytest.mark.parametrize("path", CATALOGS, ids=CODES)
def test_translations_keep_every_code_span(path):
    broken = [
        (span, msgstr)
        for msgid, msgstr, _ in _entries(path)
        for span in _code_spans(msgid)
        if span not in msgstr
    ]
    assert broken == []


def test_the_placeholder_check_can_fail():
    assert _placeholders("shape {shape} of {n!r:>3}") != _placeholders("Form {shape} von {n}")
    assert _placeholders("{a} and {b}") == _placeholders("{b} und {a}")


# The glossary's terms in every entry: tests/notebooks/test_glossary.py (package catalogs too).


def _compile(po, mo):
    CommandLineInterface().run(["pybabel", "-q", "compile", "-i", str(po), "-o", str(mo)])


@pytest.mark.parametrize("path", CATALOGS, ids=CODES)
def test_the_committed_mo_is_a_fresh_compile_of_the_po(path, tmp_path):
    fresh = tmp_path / "fresh.mo"
    _compile(path, fresh)
    committed = path.with_suffix(".mo")
    with open(fresh, "rb") as a, open(committed, "rb") as b:
        # compared as catalogs (every msgid -> msgstr and the header), not byte for byte, so a
        # different Babel version writing the same catalog in another byte order still passes
        assert gettext.GNUTranslations(a)._catalog == gettext.GNUTranslations(b)._catalog


def test_the_mo_comparison_sees_a_changed_translation(tmp_path):
    po = tmp_path / "changed.po"
    text = CATALOGS[0].read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Funktion"', 'msgstr "Funktionen"'), encoding="utf-8")
    _compile(po, tmp_path / "changed.mo")
    with open(tmp_path / "changed.mo", "rb") as a, open(CATALOGS[0].with_suffix(".mo"), "rb") as b:
        assert gettext.GNUTranslations(a)._catalog != gettext.GNUTranslations(b)._catalog


def test_the_runtime_reads_the_compiled_catalogs():
    assert i18n.translation("tr").gettext("learning rate") == "öğrenme oranı"
    assert i18n.translation("de").gettext("step") == "Schritt"


SCRIPT = """
import autodiff_tr as ad
print(ad.__file__)
try:
    ad.tensor([1, 2]).requires_grad_()
except RuntimeError as error:
    print(error)
"""


@pytest.mark.slow
def test_a_pip_installed_wheel_carries_the_compiled_catalogs(tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--target",
            str(target),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    shipped = sorted(
        p.relative_to(target).as_posix()
        for p in (target / "autodiff_tr" / "locale").rglob("*")
        if p.is_file()
    )
    assert shipped == [f"autodiff_tr/locale/{code}/LC_MESSAGES/autodiff_tr.mo" for code in CODES]
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
    }
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env={**env, "PYTHONPATH": str(target), "AUTODIFF_TR_LANG": "tr"},
    )
    where, turkish, english = run.stdout.splitlines()
    assert Path(where).is_relative_to(target)
    assert turkish.startswith("Yalnızca kayan noktalı dtype'a sahip tensörler gradyan")
    assert english.startswith("only Tensors of floating point dtype can require gradients")


def test_the_template_holds_every_text_of_the_package_now(tmp_path):
    fresh = tmp_path / "fresh.pot"
    CommandLineInterface().run(
        [
            "pybabel",
            "-q",
            "extract",
            "-F",
            str(LOCALE / "babel.cfg"),
            "-o",
            str(fresh),
            "--add-comments=TRANSLATORS:",
            str(ROOT / "autodiff_tr"),
        ]
    )
    extracted = {m.id for m in _read(fresh) if m.id}
    committed = {m.id for m in _read(TEMPLATE) if m.id}
    assert (sorted(extracted - committed), sorted(committed - extracted)) == ([], []), (
        "the package's English texts changed since the last `pybabel extract`: extract, update"
        " and translate them in every catalog, then compile (autodiff_tr/locale/README.md)"
    )
