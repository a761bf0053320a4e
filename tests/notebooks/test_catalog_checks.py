"""Per-entry checks of every translated catalog: the notebooks' (l10n/notebooks) and the
package's (autodiff_tr/locale).

- translate-toolkit's checks, as `pofilter` and Weblate run them (nbchecks.POFILTER_CHECKS:
  placeholders and format strings, brackets, repeated words, spacing, end punctuation, URLs,
  tags ...), with the findings that are wrong for a language or for the project's conventions
  allowed, each with its reason (nbchecks.POFILTER_ALLOWED);

The test skips with the install command when translate-toolkit is missing (it is in the `test`
extra); it fails when CI is set.
"""

from __future__ import annotations

import os
import sys

import pytest
from nbchecks import pofilter_problems
from nbhelpers import REPO

sys.path.insert(0, str(REPO))
from tools import nbl10n  # noqa: E402

PACKAGE_LOCALE = REPO / "autodiff_tr" / "locale"
CATALOGS = [
    pytest.param(lang, nbl10n.catalog_path(lang, nb), id=f"{lang}/{nb.stem}.po")
    for lang in nbl10n.languages()
    for nb in nbl10n.source_notebooks()
] + [
    pytest.param(p.parent.parent.name, p, id=f"package/{p.parent.parent.name}")
    for p in sorted(PACKAGE_LOCALE.glob("*/LC_MESSAGES/autodiff_tr.po"))
]


@pytest.fixture(scope="module", autouse=True)
def translate_toolkit():
    try:
        import translate.filters.checks  # noqa: F401
    except ImportError:
        hint = 'translate-toolkit is missing: python -m pip install -e ".[test]"'
        if os.environ.get("CI"):
            pytest.fail(hint)
        pytest.skip(hint)


@pytest.mark.parametrize("lang,path", CATALOGS)
def test_pofilter_checks_pass(lang, path):
    problems = pofilter_problems(path, lang)
    assert not problems, f"{path.relative_to(REPO)}: {len(problems)} entries\n" + "\n".join(
        problems)
