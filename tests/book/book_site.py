"""What the book's tests share (a module of its own, not conftest.py, so that `import` finds it
whichever other conftest.py a whole test run has loaded): the repository, tools/book.py, the
skip-or-fail of a missing program (tests/chromium_launcher.py's, which also launches Chromium for
both browser suites), a quiet HTTP handler."""

from __future__ import annotations

import http.server
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # for chromium_launcher, shared with tests/browser
from chromium_launcher import missing  # noqa: E402, F401 - the skip-or-fail of a missing program

from tools import book as book_tool  # noqa: E402, F401

ARTIFACTS = ROOT / "test-artifacts"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass
