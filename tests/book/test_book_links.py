"""Every internal link and anchor of the built book resolves: LinkChecker (the Debian package
`linkchecker`) crawls the whole site from build/book/index.html with its anchor check on; a
missing page is an error, a missing anchor a warning, and both fail the test. Links to other
sites are listed by it, not fetched.

It reads a copy of the site in a world-readable temporary folder, through file:// URLs: run as
root (as CI runs), LinkChecker drops its privileges to `nobody`, who may not read the clone; and
over HTTP it waits between requests to one host, which makes the crawl minutes long.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from book_site import missing


@pytest.fixture(scope="module")
def linkchecker():
    executable = shutil.which("linkchecker")
    if executable is None:
        missing("linkchecker is not installed", "sudo apt install linkchecker")
    return executable


@pytest.fixture
def readable_folder():
    folder = Path(tempfile.mkdtemp(prefix="book-links-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


def check(linkchecker, start: Path) -> tuple[int, int, str]:
    """(errors, warnings, report) of a crawl from the page `start`."""
    config = start.parent / "linkcheckerrc"
    config.write_text("[AnchorCheck]\n", encoding="utf-8")  # the plugin that checks #anchors
    result = subprocess.run(
        [linkchecker, "--config", str(config), "--no-status", "--output", "text", start.as_uri()],
        capture_output=True,
        text=True,
        timeout=900,
    )
    report = result.stdout
    errors = re.search(r"(\d+|No) errors? found", report)
    warnings = re.search(r"(\d+|No) warnings? found", report)
    assert errors and warnings, report[-3000:] + result.stderr[-3000:]
    count = [0 if m.group(1) == "No" else int(m.group(1)) for m in (errors, warnings)]
    return count[0], count[1], report


def test_linkchecker_finds_a_broken_link_and_a_broken_anchor(linkchecker, readable_folder):
    """The check itself: one missing page and one missing anchor on a two-page site."""
    (readable_folder / "index.html").write_text(
        '<html><body><a href="page.html#here">ok</a> <a href="page.html#nowhere">anchor</a>'
        ' <a href="missing.html">page</a></body></html>',
        encoding="utf-8",
    )
    (readable_folder / "page.html").write_text(
        '<html><body><h1 id="here">x</h1></body></html>', encoding="utf-8"
    )
    errors, warnings, report = check(linkchecker, readable_folder / "index.html")
    assert (errors, warnings) == (1, 1), report
    assert "missing.html" in report and "Anchor `nowhere'" in report


def test_every_internal_link_and_anchor_resolves(book, linkchecker, readable_folder):
    site = readable_folder / "book"
    shutil.copytree(book.path, site)
    errors, warnings, report = check(linkchecker, site / "index.html")
    print("\n" + "\n".join(line for line in report.splitlines() if "links in" in line))
    assert (errors, warnings) == (0, 0), report[-8000:]
