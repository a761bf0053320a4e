"""The notebooks' gettext catalogs are complete and current: no entry missing, fuzzy or obsolete.

`pybabel update` (run by `python tools/nbl10n.py update`) marks an entry fuzzy when its English
paragraph changed and drops entries whose paragraph is gone; this test fails until a translator
has reviewed every such entry, so a stale translation cannot reach a built notebook unnoticed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import nbformat
import pytest
from nbchecks import protected_problems
from nbhelpers import REPO

sys.path.insert(0, str(REPO))
from tools import nbl10n  # noqa: E402

CATALOGS = [
    pytest.param(lang, nb, id=f"{lang}/{nb.stem}.po")
    for lang in nbl10n.languages()
    for nb in nbl10n.source_notebooks()
] or [pytest.param("", None, marks=pytest.mark.skip(reason="no catalogs yet"))]
UPDATE = "run `python tools/nbl10n.py extract update`, then translate in a PO editor"


@pytest.mark.parametrize("lang,source", CATALOGS)
def test_catalog_is_complete_and_current(lang, source):
    path = nbl10n.catalog_path(lang, source)
    assert path.exists(), f"{path} is missing: pybabel init (see docs/translating.md)"
    catalog = nbl10n.read_catalog(path)
    wanted = {(s.cell_id, s.text) for s in nbl10n.segments(nbformat.read(source, as_version=4))}
    have = {(m.context, m.id): m for m in catalog if m.id}
    problems = []
    for key in sorted(wanted - set(have)):
        problems.append(f"missing (the catalog is older than the source): {key}")
    for key in sorted(set(have) - wanted):
        problems.append(f"not in the source any more: {key}")
    for key in sorted(wanted & set(have)):
        message = have[key]
        if message.fuzzy:
            problems.append(f"fuzzy (the English changed; review the translation): {key}")
        elif not message.string.strip():
            problems.append(f"untranslated: {key}")
    if catalog.obsolete:
        problems.append(f"obsolete entries (#~): {sorted(catalog.obsolete)}")
    assert not problems, f"{path.relative_to(REPO)} ({UPDATE}):\n" + "\n".join(problems)


@pytest.mark.parametrize("lang,source", CATALOGS)
def test_translations_keep_code_math_urls_and_placeholders(lang, source):
    """Every `code span`, $formula$, URL and placeholder of an English entry appears unchanged in
    its translation (a formula may use the language's decimal comma, $0{,}5$)."""
    path = nbl10n.catalog_path(lang, source)
    problems = [
        f"{m.context}: {missing} missing in {m.string[:70]!r}"
        for m in nbl10n.read_catalog(path)
        if m.id and m.string
        for missing in [protected_problems(m.id, m.string)]
        if missing
    ]
    assert not problems, f"{path.relative_to(REPO)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang,source", CATALOGS)
def test_catalog_is_valid_for_gettext_and_po_editors(lang, source):
    """GNU gettext's own check (msgfmt --check: syntax, header, format strings), the parser that
    Poedit and other PO editors share. Skips locally without gettext, fails when CI is set."""
    if shutil.which("msgfmt") is None:
        hint = "install gettext (sudo apt-get install gettext)"
        if os.environ.get("CI"):
            pytest.fail(f"msgfmt is missing; CI must {hint}")
        pytest.skip(f"msgfmt is missing: {hint}")
    path = nbl10n.catalog_path(lang, source)
    check = subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(path)], capture_output=True, text=True
    )
    assert check.returncode == 0, f"{path.relative_to(REPO)}:\n{check.stderr}"
