"""The book (tools/book.py), built once per test session and checked as a reader gets it.

`book` builds every language into build/book/ with the command the README documents; the build
fails on any Sphinx warning. `site` serves that folder on 127.0.0.1 (the browser sees it as
GitHub Pages serves it), `chromium` is Debian's Chromium through Playwright, launched by
tests/chromium_launcher.py as the browser tests launch theirs. What the tests share besides
fixtures is in book_site.py. Without linkchecker, Chromium or Playwright the tests that need them
are skipped with the install command; where CI is set they fail instead.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from book_site import ARTIFACTS, ROOT, QuietHandler, book_tool
from chromium_launcher import chromium_fixture  # (book_site put tests/ on sys.path)


@dataclass
class Book:
    path: Path  # build/book
    seconds: float
    output: str

    def languages(self) -> list[str]:
        return list(book_tool.LANGUAGES)

    def notebooks(self, lang: str) -> list[str]:
        return book_tool.notebook_names(lang)

    def pages(self, lang: str) -> list[str]:
        return ["index", "glossary", *self.notebooks(lang)]


@pytest.fixture(scope="session")
def book() -> Book:
    """The whole book, built by the README's command (`python tools/book.py`)."""
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    env.pop(book_tool.REPOSITORY_URL_VARIABLE, None)
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "tools/book.py"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    seconds = time.monotonic() - start
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"python tools/book.py failed:\n{output[-6000:]}"
    print(f"\nbook: built in {seconds:.1f} s")
    return Book(book_tool.SITE, seconds, output)


@pytest.fixture(scope="session")
def site(book):
    """build/book served on a free port of 127.0.0.1; yields its base URL (ends with /)."""
    handler = functools.partial(QuietHandler, directory=str(book.path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


# Module scope, not session: Playwright's sync API allows one instance at a time, and the browser
# tests (tests/browser) start their own, for their session, after these; this one must be closed
# by then.
chromium = chromium_fixture(
    "module", "Chromium for one module of the book's tests, closed at the module's end."
)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
