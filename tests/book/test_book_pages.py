"""The built book, page by page, read from build/book/ (no browser): every notebook of every
language has its page with the stored outputs, the widgets' pictures, the README's commands, the
download of the notebook itself and a language switcher that leads to the same page elsewhere."""

from __future__ import annotations

import json
import re

import pytest
from book_site import ROOT, book_tool
from bs4 import BeautifulSoup

NOTEBOOKS = ROOT / "notebooks"
LANGUAGES = list(book_tool.LANGUAGES)
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def notebook(lang, name):
    return json.loads((NOTEBOOKS / lang / f"{name}.ipynb").read_text(encoding="utf-8"))


def plain(markdown: str) -> str:
    """Markdown's inline marks dropped, whitespace collapsed: the text a reader sees."""
    return " ".join(re.sub(r"\*\*|`|\*", "", markdown).split())


def widget_outputs(nb) -> int:
    """The explorers among a notebook's outputs: a widget view, or (if the stored notebook keeps
    only its picture) an image whose text is an explorer's repr."""
    count = 0
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            text = "".join(data.get("text/plain", ""))
            if WIDGET_VIEW in data or ("image/png" in data and re.match(r"\w*Explorer\(", text)):
                count += 1
    return count


def test_the_build_fails_on_a_warning(tmp_path):
    """A page with a broken reference makes the build fail (the book fixture asserts success)."""
    source = book_tool.write_sources("en", root=tmp_path / "src")
    (source / "broken.md").write_text("# Broken\n\nSee {doc}`no-such-page`.\n", encoding="utf-8")
    index = source / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("glossary\n", "glossary\nbroken\n"),
        encoding="utf-8",
    )
    result = book_tool.sphinx_build("en", source, tmp_path / "out")
    assert result.returncode != 0
    assert "no-such-page" in result.stdout + result.stderr


def test_the_book_is_built_into_the_ignored_folder(book):
    assert book.path == ROOT / "build" / "book"
    assert "build/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    print(f"build time: {book.seconds:.1f} s")


def test_the_landing_page_leads_to_every_language(book):
    page = soup(book.path / "index.html")
    links = {a["href"] for a in page.select("a")}
    assert links == {f"{lang}/index.html" for lang in LANGUAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_notebook_has_its_page_in_the_table_of_contents(book, lang):
    names = [p.stem for p in sorted((NOTEBOOKS / lang).glob("*.ipynb"))]
    assert len(names) >= 9
    for name in names:
        page = soup(book.path / lang / f"{name}.html")
        first = "".join(notebook(lang, name)["cells"][0]["source"]).splitlines()[0]
        assert first.startswith("# ")
        assert page.h1.get_text().replace("#", "").strip() == plain(first[2:]), name
    front = soup(book.path / lang / "index.html")
    toc = [a["href"] for a in front.select("article .toctree-wrapper a.reference.internal")]
    assert toc == [f"{name}.html" for name in names] + ["glossary.html"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_front_page_is_the_readme_introduction_in_the_language(book, lang):
    translate = book_tool.translator(lang)
    # Sphinx's smart quotes turn ' into ’
    text = " ".join(soup(book.path / lang / "index.html").article.get_text().split())
    text = text.replace("\u2019", "'")
    for kind, block in book_tool.readme_introduction():
        if kind == "text":
            assert plain(translate(block)) in text
        else:
            assert "y = 2 * ad.dot(x, x)" in text
    assert soup(book.path / lang / "index.html").html["lang"] == lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_glossary_is_a_page(book, lang):
    page = soup(book.path / lang / "glossary.html")
    rows = page.select("article table tbody tr")
    assert len(rows) > 50
    assert [c.get_text() for c in rows[0].select("td")][:2] == [
        "automatic differentiation",
        "otomatik türev alma",
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_widget_output_shows_its_picture_with_a_note(book, lang):
    note = book_tool.translator(lang)(book_tool.TEXTS["widget_note"])
    total = 0
    for name in book.notebooks(lang):
        page = soup(book.path / lang / f"{name}.html")
        notes = page.select(".book-widget-note")
        assert len(notes) == widget_outputs(notebook(lang, name)), name
        for found in notes:
            assert found.get_text().strip() == note
            picture = found.find_previous_sibling().find("img")
            assert picture is not None, name
            assert (book.path / lang / picture["src"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert not page.select(f'script[type="{WIDGET_VIEW}"]'), name
        total += len(notes)
    assert total >= 7  # the explorers of 03


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_language_switcher_leads_to_the_same_page_in_every_language(book, lang):
    for name in book.pages(lang):
        links = soup(book.path / lang / f"{name}.html").select(
            ".book-language-switcher a[hreflang]"
        )
        assert [a["hreflang"] for a in links] == LANGUAGES, name
        for a in links:
            target = (book.path / lang / a["href"]).resolve()
            assert target == book.path / a["hreflang"] / f"{name}.html", (name, a["href"])
            assert target.is_file()
            assert soup(target).html["lang"] == a["hreflang"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_notebook_pages_offer_the_notebook_and_the_readme_commands(book, lang):
    commands = [
        book_tool.readme_command(m).split("\n", 1)[1].rsplit("```", 1)[0].strip()
        for m in ("open-command", "test-command")
    ]
    for name in book.notebooks(lang):
        page = soup(book.path / lang / f"{name}.html")
        download = [
            a["href"]
            for a in page.select(".article-header-buttons a[href]")
            if a["href"].endswith(".ipynb")
        ]
        assert download == [f"_sources/{name}.ipynb"], name
        # the download is the stored notebook itself, not the page's source with the box
        stored = (NOTEBOOKS / lang / f"{name}.ipynb").read_bytes()
        assert (book.path / lang / download[0]).read_bytes() == stored
        box = page.select_one(".book-run-yourself")
        assert box is not None, name
        assert [pre.get_text().strip() for pre in box.select("pre")] == commands


def test_no_launch_buttons_without_a_repository_url(book):
    for lang in LANGUAGES:
        html = (book.path / lang / "01_autograd.html").read_text(encoding="utf-8")
        assert "mybinder.org" not in html and "colab.research.google.com" not in html


def test_one_repository_url_configures_the_launch_buttons(monkeypatch):
    monkeypatch.setenv(book_tool.REPOSITORY_URL_VARIABLE, "https://github.com/someone/autodiff-tr/")
    options = book_tool.sphinx_settings("tr", lambda text: text)["html_theme_options"]
    assert options["repository_url"] == "https://github.com/someone/autodiff-tr"
    assert options["path_to_docs"] == "notebooks/tr"
    assert set(options["launch_buttons"]) >= {"binderhub_url", "colab_url"}
    monkeypatch.setenv(book_tool.REPOSITORY_URL_VARIABLE, "")
    options = book_tool.sphinx_settings("tr", lambda text: text)["html_theme_options"]
    assert "launch_buttons" not in options and "repository_url" not in options


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_load_nothing_from_outside_the_site(book, lang):
    """Scripts, styles, images and fonts are the site's own (the browser test watches requests
    too); links to other sites are fine."""
    for path in (book.path / lang).glob("*.html"):
        page = soup(path)
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in page.select(f"{tag}[{attribute}]"):
                if (
                    tag == "link"
                    and "stylesheet" not in element.get("rel", [])
                    and "preload" not in element.get("rel", [])
                ):
                    continue
                assert "//" not in element[attribute], (path.name, element[attribute])
    for css in (book.path / lang / "_static").rglob("*.css"):
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8"))
        assert not [u for u in urls if re.match(r"(https?:)?//", u)], css.name
