"""Every translated notebook is what the builder makes of the English source and its catalog.

Replaces the old parity test: code cells are identical in every language by construction, so what
needs checking is that each committed notebooks/<lang>/<nb>.ipynb is exactly the build of
notebooks/en/<nb>.ipynb with l10n/notebooks/<lang>/LC_MESSAGES/<nb>.po (cells, ids, tags, cell
and notebook metadata; outputs and execution counts aside, they come from running it), and that
no language lacks a notebook or a catalog. Rebuild with `python tools/nbl10n.py build`.
"""

from __future__ import annotations

import difflib
import json
import re
import sys

import nbformat
import pytest
from nbchecks import kernel_display_name, metadata_problems
from nbhelpers import NOTEBOOK_DIR, REPO, discover, load_notebook, notebook_ids

sys.path.insert(0, str(REPO))
from tools import nbl10n  # noqa: E402

FOUND = discover()
SOURCES = nbl10n.source_notebooks()
LANGS = nbl10n.languages()
BUILT = [pytest.param(lang, nb, id=f"{lang}/{nb.name}") for lang in LANGS for nb in SOURCES] or [
    pytest.param("", None, marks=pytest.mark.skip(reason="no source notebooks yet"))
]
REBUILD = (
    "rebuild with `python tools/nbl10n.py build` (then store outputs: see docs/translating.md)"
)


def test_there_are_sources_and_languages():
    assert SOURCES, "no English source notebooks in notebooks/en/"
    assert set(LANGS) >= {"tr", "de", "id"}, LANGS


def test_every_notebook_folder_is_english_or_a_language_with_catalogs():
    folders = set(FOUND)
    assert folders == {"en", *LANGS}, (
        f"notebooks/ folders {sorted(folders)}, catalogs for {LANGS}: a language needs "
        "l10n/notebooks/<lang>/LC_MESSAGES/ (pybabel init, see docs/translating.md)"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_exactly_the_source_notebooks(lang):
    built = sorted(p.name for p in FOUND.get(lang, []))
    assert built == [p.name for p in SOURCES], f"notebooks/{lang}/: {built}; {REBUILD}"
    catalogs = sorted(p.stem for p in (nbl10n.LOCALE / lang / "LC_MESSAGES").glob("*.po"))
    assert catalogs == [p.stem for p in SOURCES], f"catalogs of {lang}: {catalogs}"


@pytest.mark.parametrize("lang", ["en", *LANGS])
def test_each_language_folder_has_a_start_page_that_links_its_notebooks(lang):
    """The folder a learner opens showed notebooks and the translators' catalogs
    side by side and no start: each language folder has a README.md (JupyterLab shows it
    rendered) that links each of its notebooks once, in order, under the title in its language."""
    page = NOTEBOOK_DIR / lang / "README.md"
    assert page.is_file(), f"notebooks/{lang}/README.md is missing (see docs/translating.md)"
    links = re.findall(r"^\d+\. \[([^\]]+)\]\(([^)]+\.ipynb)\)", page.read_text("utf-8"), re.M)
    assert [target for _, target in links] == [p.name for p in SOURCES], page
    for title, target in links:
        first = nbformat.read(NOTEBOOK_DIR / lang / target, as_version=4).cells[0].source
        assert first.splitlines()[0] == f"# {title}", (lang, target, title)


def _comparable(nb) -> list[str]:
    """The parts of a notebook the build decides, one JSON line per cell plus the metadata."""
    meta = {k: v for k, v in nb["metadata"].items() if k not in ("widgets", "language_info")}
    lines = [json.dumps(meta, sort_keys=True, ensure_ascii=False)]
    for c in nb["cells"]:
        lines.append(
            json.dumps(
                {"id": c.get("id"), "type": c["cell_type"], "metadata": c.get("metadata", {})},
                sort_keys=True,
                ensure_ascii=False,
            )
        )
        lines += c["source"].split("\n") if isinstance(c["source"], str) else c["source"]
    return lines


@pytest.mark.parametrize("lang,source", BUILT)
def test_committed_notebook_is_the_build(lang, source):
    target = NOTEBOOK_DIR / lang / source.name
    assert target.exists(), f"{target} is missing; {REBUILD}"
    catalog = nbl10n.read_catalog(nbl10n.catalog_path(lang, source))
    built = nbl10n.build_notebook(
        nbformat.read(source, as_version=4), lang, nbl10n.catalog_translator(catalog)
    )
    committed = nbformat.read(target, as_version=4)
    want, got = _comparable(built), _comparable(committed)
    assert got == want, f"{lang}/{source.name} is not the build of its source; {REBUILD}:\n" + (
        "\n".join(difflib.unified_diff(want, got, "build", "committed", lineterm="", n=1))
    )


def test_the_build_keeps_code_and_translates_prose():
    """The build of a real notebook: every code cell equals the source's once comments are cut;
    every markdown cell with letters differs from the English."""
    source = SOURCES[0]
    nb_en = nbformat.read(source, as_version=4)
    catalog = nbl10n.read_catalog(nbl10n.catalog_path("de", source))
    nb_de = nbl10n.build_notebook(nb_en, "de", nbl10n.catalog_translator(catalog))
    for en, de in zip(nb_en.cells, nb_de.cells, strict=True):
        assert (en.id, en.cell_type, en.metadata) == (de.id, de.cell_type, de.metadata)
        if en.cell_type == "code":
            cut = [c.start for c in nbl10n.code_comments(en.source)]
            assert [c.start for c in nbl10n.code_comments(de.source)] == cut
            for line_en, line_de in zip(en.source.split("\n"), de.source.split("\n"), strict=True):
                assert line_en.split("#")[0] == line_de.split("#")[0]
        elif any(ch.isalpha() for ch in en.source):
            assert en.source != de.source


@pytest.mark.parametrize(
    "lang,path",
    [pytest.param(lang, p, id=f"{lang}/{p.name}") for lang, p in notebook_ids(FOUND)],
)
def test_metadata(lang, path):
    problems = metadata_problems(load_notebook(path), lang, kernel_display_name())
    assert not problems, f"{lang}/{path.name}:\n" + "\n".join(problems)
