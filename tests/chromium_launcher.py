"""Debian's Chromium through Playwright, for the two suites that drive a browser: tests/browser
(the notebooks in JupyterLab and Notebook 7) and tests/book (the book's pages). Where to find
Chromium, how to launch it, and the skip-or-fail when it or Playwright is missing, in one place;
each suite's conftest.py makes its `chromium` fixture with `chromium_fixture`, in the scope it
needs. (A module of its own, not a conftest.py, so that `import` finds it whichever conftest.py
files a test run has loaded; the conftests put this folder on sys.path.)
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def missing(what: str, install: str) -> None:
    """Skip the test, saying what to install; where CI is set, fail instead."""
    message = f"{what}; install it with: {install}"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def chromium_path() -> str | None:
    """Debian's Chromium (or the one named by AUTODIFF_TR_CHROMIUM), None if there is none."""
    explicit = os.environ.get("AUTODIFF_TR_CHROMIUM")
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def chromium_fixture(scope: str, doc: str):
    """A `chromium` fixture of `scope`: a Chromium browser launched by Playwright, closed when the
    scope ends whatever happens; skipped (failed where CI is set) without Chromium or
    Playwright. Playwright's sync API allows one instance at a time in a process, so two suites
    in one run must not hold theirs at the same time: choose the scope accordingly."""

    def chromium():
        executable = chromium_path()
        if executable is None:
            missing("Chromium is not installed", "sudo apt install chromium")
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            missing("Playwright is not installed", 'python -m pip install -e ".[test]"')
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            try:
                yield browser
            finally:
                browser.close()

    chromium.__doc__ = doc
    return pytest.fixture(scope=scope, name="chromium")(chromium)
