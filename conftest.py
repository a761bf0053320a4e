"""Markers by place: every test under tests/browser is `browser`, under tests/book `book`, every
test under tests/notebooks and every notebook nbval collects is `notebooks` (registered in
pyproject.toml; the README's "Contributing" section deselects them, with `slow`, for a fast run
of the unit tests)."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
MARKER_OF_FOLDER = {
    ROOT / "tests" / "browser": pytest.mark.browser,
    ROOT / "tests" / "book": pytest.mark.book,
    ROOT / "tests" / "notebooks": pytest.mark.notebooks,
    ROOT / "notebooks": pytest.mark.notebooks,
}


def pytest_collection_modifyitems(items):
    for item in items:
        path = Path(item.fspath).resolve()
        for folder, marker in MARKER_OF_FOLDER.items():
            if path.is_relative_to(folder):
                item.add_marker(marker)
