"""What the book's tests share (a module of its own, not conftest.py, so that `import` finds it
whichever other conftest.py a whole test run has loaded): the repository, tools/book.py, the
skip-or-fail of a missing program, a quiet HTTP handler."""

from __future__ import annotations

import http.server
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tools import book as book_tool  # noqa: E402, F401

ARTIFACTS = ROOT / "test-artifacts"
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
    message = f"{what}; install it with: {install}"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass
