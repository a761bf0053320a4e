"""The translation workflow's own parts (tools/nbl10n.py): segments, Babel extraction and update,
and the builder, each shown to do the right thing and to notice the wrong thing on small
notebooks built in memory."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys

import nbformat
import pytest
from nbhelpers import REPO

sys.path.insert(0, str(REPO))
from tools import nbl10n  # noqa: E402

babel = pytest.importorskip("babel", reason='install the test extra: pip install -e ".[test]"')
from babel.messages.catalog import Catalog  # noqa: E402
from babel.messages.extract import extract  # noqa: E402
from babel.messages.pofile import read_po, write_po  # noqa: E402

METHOD = "tools.nbl10n:extract_notebook"  # as named in l10n/notebooks/babel.cfg


def source_notebook():
    nb = nbformat.v4.new_notebook()
    nb.metadata["autodiff_tr"] = {"language": "en"}
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "# Title\n\nFirst paragraph with `code` and $x^2$.\n\nSecond."
        ),
        nbformat.v4.new_code_cell(
            's = "# not a comment"  # a comment\n    # an indented one\nx = 1'
        ),
        nbformat.v4.new_markdown_cell("Text before.\n\n```python\na = 1\n\nb = 2\n```\n\nAfter."),
        nbformat.v4.new_markdown_cell("Second."),
    ]
    for cell, cell_id in zip(nb.cells, ["intro", "code", "fenced", "again"]):
        cell.id = cell_id
    nb.cells[1].metadata["tags"] = ["raises-exception"]
    return nb


def test_paragraphs_split_on_blank_lines_but_never_inside_a_fence():
    assert nbl10n.paragraphs("a\nb\n\n\nc\n") == ["a\nb", "c"]
    assert nbl10n.paragraphs("x\n\n```\n1\n\n2\n```\n\ny") == ["x", "```\n1\n\n2\n```", "y"]


def test_segments_are_paragraphs_and_comments_with_the_cell_id():
    segs = list(nbl10n.segments(source_notebook()))
    assert [(s.cell_id, s.text) for s in segs] == [
        ("intro", "# Title"),
        ("intro", "First paragraph with `code` and $x^2$."),
        ("intro", "Second."),
        ("code", "a comment"),
        ("code", "an indented one"),
        ("fenced", "Text before."),
        ("fenced", "```python\na = 1\n\nb = 2\n```"),
        ("fenced", "After."),
        ("again", "Second."),
    ]


def test_babel_extracts_with_the_cell_id_as_context():
    data = nbformat.writes(source_notebook()).encode()
    found = list(extract(METHOD, io.BytesIO(data)))
    pairs = [(context, message) for _, message, _, context in found]
    assert ("intro", "Second.") in pairs and ("again", "Second.") in pairs
    comments = [notes for _, message, notes, _ in found if message == "a comment"]
    assert comments == [["a comment in code: one line"]]


def translations(mapping):
    return lambda context, msgid: mapping.get((context, msgid))


def test_build_translates_prose_and_comments_and_keeps_everything_else():
    nb = source_notebook()
    built = nbl10n.build_notebook(
        nb,
        "de",
        translations({
            ("intro", "# Title"): "# Titel",
            ("intro", "Second."): "Zweitens.",
            ("again", "Second."): "Noch einmal.",
            ("code", "a comment"): "ein Kommentar",
            ("code", "an indented one"): "ein eingerückter",
        }),
    )  # fmt: skip
    assert built.metadata.autodiff_tr.language == "de"
    assert [c.id for c in built.cells] == ["intro", "code", "fenced", "again"]
    assert built.cells[0].source == "# Titel\n\nFirst paragraph with `code` and $x^2$.\n\nZweitens."
    assert built.cells[1].source == (
        's = "# not a comment"  # ein Kommentar\n    # ein eingerückter\nx = 1'
    )
    assert built.cells[1].metadata == {"tags": ["raises-exception"]}
    assert built.cells[2].source == nb.cells[2].source  # untranslated: stays English
    assert built.cells[3].source == "Noch einmal."  # same English, other cell, other translation
    assert nb.cells[0].source.startswith("# Title")  # the source is not modified


def test_build_keeps_outputs_only_of_unchanged_code():
    nb = source_notebook()
    first = nbl10n.build_notebook(nb, "de", translations({}))
    first.cells[1].outputs = [nbformat.v4.new_output("stream", text="out\n")]
    first.cells[1].execution_count = 1
    again = nbl10n.build_notebook(nb, "de", translations({}), previous=first)
    assert again.cells[1].outputs == first.cells[1].outputs
    changed = nbl10n.build_notebook(
        nb, "de", translations({("code", "a comment"): "neu"}), previous=first
    )
    assert changed.cells[1].outputs == [] and changed.cells[1].execution_count is None


def test_a_comment_translation_with_a_line_break_is_refused():
    with pytest.raises(ValueError, match="newline"):
        nbl10n.translate_code("c", "x = 1  # one", translations({("c", "one"): "eins\nzwei"}))


def test_catalog_translator_skips_fuzzy_and_empty_entries():
    catalog = Catalog(locale="de")
    catalog.add("Done.", "Fertig.", context="a")
    catalog.add("Old.", "Alt.", context="b", flags=["fuzzy"])
    catalog.add("Empty.", "", context="c")
    translate = nbl10n.catalog_translator(catalog)
    assert translate("a", "Done.") == "Fertig."
    assert translate("b", "Old.") is None and translate("c", "Empty.") is None
    assert translate("x", "Done.") is None  # another cell's context


def test_babel_update_marks_a_changed_paragraph_fuzzy():
    """What makes a stale translation show: the English of a paragraph changes, `pybabel update`
    (Catalog.update) keeps the old translation but flags it fuzzy, and the builder then leaves
    the paragraph in English until a translator reviews it."""
    old = Catalog(locale="de")
    old.add("The gradient is zero here.", "Hier ist der Gradient null.", context="cell")
    buffer = io.BytesIO()
    write_po(buffer, old)
    catalog = read_po(io.BytesIO(buffer.getvalue()))
    template = Catalog()
    template.add("The gradient is zero at this point.", context="cell")
    catalog.update(template)
    message = catalog.get("The gradient is zero at this point.", context="cell")
    assert message.fuzzy and message.string == "Hier ist der Gradient null."
    assert nbl10n.catalog_translator(catalog)("cell", message.id) is None


def test_the_commands_mark_a_changed_paragraph_fuzzy_and_the_build_keeps_it_english(tmp_path):
    """The documented workflow end to end on a copy of a real notebook and catalog: pybabel
    extract with l10n/notebooks/babel.cfg, pybabel update with the options of
    tools/nbl10n.py, then the build. Only the changed paragraph turns fuzzy, keeping its old
    translation for review, and it stays English in the build until reviewed."""
    source = nbl10n.source_notebooks()[0]
    work = tmp_path / "notebooks" / "en"
    work.mkdir(parents=True)
    nb = nbformat.read(source, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "markdown" and "." in c.source)
    old = nbl10n.paragraphs(cell.source)[-1]
    new = old.replace(".", ", as promised.", 1)
    cell.source = cell.source.replace(old, new)
    nbformat.write(nb, work / source.name)
    catalog_dir = tmp_path / "locale" / "de" / "LC_MESSAGES"
    catalog_dir.mkdir(parents=True)
    catalog_file = catalog_dir / f"{source.stem}.po"
    catalog_file.write_bytes(nbl10n.catalog_path("de", source).read_bytes())
    pot = tmp_path / "locale" / f"{source.stem}.pot"
    nbl10n.pybabel(
        "-q", "extract", "-F", str(nbl10n.BABEL_CFG), "-o", str(pot), *nbl10n.EXTRACT_OPTIONS,
        f"notebooks/en/{source.name}", cwd=tmp_path,
    )  # fmt: skip
    nbl10n.pybabel(
        "-q", "update", "-i", str(pot), "-d", str(tmp_path / "locale"), "-D", source.stem,
        *nbl10n.UPDATE_OPTIONS, cwd=tmp_path,
    )  # fmt: skip
    nbl10n.drop_format_flags(pot)  # as nbl10n.extract and nbl10n.update do
    nbl10n.drop_format_flags(catalog_file)
    catalog = nbl10n.read_catalog(catalog_file)
    fuzzy = [(m.context, m.id) for m in catalog if m.id and m.fuzzy]
    assert fuzzy == [(cell.id, new)]
    assert catalog.get(new, context=cell.id).string  # the old translation, to review
    assert not catalog.obsolete
    if shutil.which("msgfmt"):  # what PO editors parse: the updated catalog must stay valid
        check = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(catalog_file)])
        assert check.returncode == 0
    built = nbl10n.build_notebook(nb, "de", nbl10n.catalog_translator(catalog))
    built_cell = next(c for c in built.cells if c.id == cell.id)
    assert new in built_cell.source


def test_format_flags_are_dropped_and_other_flags_kept(tmp_path):
    """Babel flags "1% of" as python-format and `0{,}5` as python-brace-format: in prose neither is
    a format field, and msgfmt --check would then reject a translation's "1 % der"."""
    po = tmp_path / "x.po"
    po.write_text(
        '#, python-brace-format, python-format\nmsgid "more than 1% of $0{,}5$"\nmsgstr ""\n\n'
        '#, fuzzy, python-format\nmsgid "b"\nmsgstr ""\n\n#, python-brace-format\nmsgid "c"\n',
        encoding="utf-8",
    )
    nbl10n.drop_format_flags(po)
    assert po.read_text(encoding="utf-8") == (
        'msgid "more than 1% of $0{,}5$"\nmsgstr ""\n\n#, fuzzy\nmsgid "b"\nmsgstr ""\n\n'
        'msgid "c"\n'
    )
