"""The book in a browser: Debian's Chromium through Playwright, on the site served from
build/book/ on 127.0.0.1.

For a sample of pages of every language (the glossary, and the notebooks with the widgets and
with the most formulas: 01, 03, 09), each page: requests nothing outside the
site; has every formula typeset by MathJax with no raw `$...$`, `\\(` or `\\[` left in its text;
shows every widget's picture (loaded, not broken); and its language switcher opens the same
notebook in every other language. All pages in every language would take minutes more; the
checks that need no browser (tests/book/test_book_pages.py) and linkchecker cover every page.
Search is tried once per language. Screenshots of one notebook page per language at a phone
(390 px) and a laptop width (1366 px) go to test-artifacts/.
"""

from __future__ import annotations

import re

import pytest
from book_site import book_tool

LANGUAGES = list(book_tool.LANGUAGES)
SAMPLE = ["glossary", "01_autograd", "03_gradient_explorers", "09_exercises_solved"]
SCREENSHOT_PAGE = {
    "en": "01_autograd",
    "tr": "03_gradient_explorers",
    "de": "04_autograd_fundamentals",
    "id": "09_exercises_solved",
}
SEARCH_WORD = {"en": "gradient", "tr": "gradyan", "de": "Ableitung", "id": "turunan"}

MATHJAX_DONE = """() => new Promise(resolve => {
    if (!document.querySelector('.math.notranslate')) { resolve('no formulas'); return; }
    const wait = () => (window.MathJax && MathJax.Hub && MathJax.isReady)
        ? MathJax.Hub.Queue(() => resolve('typeset')) : setTimeout(wait, 50);
    wait();
})"""
# The article's text outside code, scripts and typeset formulas (MathJax keeps the TeX of each
# formula in a script element beside its rendering; those are not shown).
VISIBLE_PROSE = """() => {
    const article = document.querySelector('article').cloneNode(true);
    article.querySelectorAll('pre, code, script, style, .MathJax, .MathJax_Display, '
        + '.MJX_Assistive_MathML, .MathJax_Preview').forEach(e => e.remove());
    return article.innerText;
}"""
RAW_MATH = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$[^$\s][^$]*\$|\$\$")


@pytest.fixture(scope="module")
def browser_page(chromium, site):
    """Open a page of the site; returns (page, requests seen) and closes it afterwards."""
    opened = []

    def open_page(path: str, width: int = 1366):
        page = chromium.new_page(viewport={"width": width, "height": 900})
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(site + path, wait_until="load")
        assert page.evaluate(MATHJAX_DONE) in ("typeset", "no formulas")
        opened.append(page)
        return page, requests, errors

    yield open_page
    for page in opened:
        page.close()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", SAMPLE)
def test_a_page_as_a_reader_sees_it(browser_page, site, lang, name):
    page, requests, errors = browser_page(f"{lang}/{name}.html")
    page.wait_for_load_state("networkidle")
    # about:blank is no request: MathJax's check whether a web font has loaded
    outside = [
        url
        for url in requests
        if not url.startswith((site, "data:", "blob:")) and url != "about:blank"
    ]
    assert not outside, outside
    assert not errors, errors

    formulas = page.locator("article .math.notranslate").count()
    typeset = page.locator("article .math.notranslate:has(.MathJax, .MathJax_Display)")
    assert typeset.count() == formulas, (formulas, typeset.count())
    assert page.locator("article .MathJax_Error, article merror").count() == 0
    raw = RAW_MATH.findall(page.evaluate(VISIBLE_PROSE))
    assert not raw, raw[:10]
    if name in ("01_autograd", "09_exercises_solved"):
        assert formulas > 0

    pictures = page.locator(".cell_output:has(.book-widget-note) img")
    notes = page.locator(".book-widget-note").count()
    assert pictures.count() == notes
    for i in range(pictures.count()):
        assert pictures.nth(i).evaluate("img => img.complete && img.naturalWidth > 0"), i
    if name == "03_gradient_explorers":
        assert notes >= 7

    switcher = page.locator(".book-language-switcher")
    switcher.locator("button").click()
    for other in LANGUAGES:
        link = switcher.locator(f"a[hreflang={other}]")
        assert link.is_visible()
        assert link.evaluate("a => a.href") == f"{site}{other}/{name}.html"
    other = LANGUAGES[(LANGUAGES.index(lang) + 1) % len(LANGUAGES)]
    switcher.locator(f"a[hreflang={other}]").click()
    page.wait_for_url(f"{site}{other}/{name}.html")
    assert page.evaluate("document.documentElement.lang") == other


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_a_word_of_the_language(browser_page, lang):
    page, requests, errors = browser_page(f"{lang}/search.html?q={SEARCH_WORD[lang]}")
    results = page.locator("#search-results li")
    results.first.wait_for(timeout=30_000)
    assert results.count() >= 3
    assert not errors, errors


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_screenshots_fit_the_width(browser_page, artifacts, lang, width):
    name = SCREENSHOT_PAGE[lang]
    page, requests, errors = browser_page(f"{lang}/{name}.html", width=width)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts / f"book-{lang}-{name}-{width}.png", full_page=True)
    # nothing wider than the window: long code and outputs scroll in their own boxes
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    overflowing = page.evaluate("""() => [...document.querySelectorAll('article *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .filter(e => !e.closest('pre, .highlight, .cell_output, .table-wrapper, .MathJax_Display, '
            + '.MJX_Assistive_MathML'))
        .map(e => e.tagName + '.' + e.className).slice(0, 10)""")
    assert not overflowing, overflowing
