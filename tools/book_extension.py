"""The book's Sphinx extension (tools/book.py puts it in every language's conf.py).

Three small things myst-nb and sphinx-book-theme do not offer, hand-written because no
extension does them: myst-nb shows a widget's stored picture when its priority says so, but says
nothing about what is missing (the live explorer needs a kernel); neither has a language
switcher across separate per-language builds (Sphinx translates one project into one language
per build, and the theme's version switcher fetches a JSON file, which a page opened from disk
cannot); and a notebook page has no place for the README's "run it yourself" commands.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# An explorer of autodiff_tr.learn.widgets shows itself as `GradientExplorer(...)`: this finds
# its output when the stored notebook keeps only the picture and the text (no widget view).
EXPLORER_REPR = re.compile(r"^\s*\w*Explorer\(")
PAGES_OF_EVERY_LANGUAGE = ("index", "glossary", "search", "genindex")


def is_widget_output(bundle: nodes.Element) -> bool:
    mime_types = {child.get("mime_type"): child for child in bundle.children}
    if WIDGET_VIEW in mime_types:
        return True
    text = mime_types.get("text/plain")
    return (
        "image/png" in mime_types and text is not None and bool(EXPLORER_REPR.match(text.astext()))
    )


class WidgetNote(SphinxPostTransform):
    """Under each widget output, a note in the page's language: this is the stored picture, the
    explorer needs a kernel. Runs before myst-nb's SelectMimeType (priority 4), which keeps one
    mime type of each output (the PNG, by conf.py's nb_mime_priority_overrides)."""

    default_priority = 3

    def run(self, **kwargs) -> None:
        note_text = self.config.book_widget_note
        for bundle in list(self.document.findall(nodes.container)):
            if bundle.get("nb_element") != "mime_bundle" or not is_widget_output(bundle):
                continue
            note = nodes.container(classes=["book-widget-note"])
            note += nodes.paragraph(text=note_text)
            bundle.parent.insert(bundle.parent.index(bundle) + 1, note)


def add_run_yourself_box(app, docname: str, source: list[str]) -> None:
    """Put the "run it yourself" box (a markdown cell) under a notebook's first cell, and drop
    the widgets' saved state. Only the text Sphinx parses changes: the copy the download button
    gives is the file on disk."""
    if not app.env.doc2path(docname).suffix == ".ipynb":
        return
    notebook = json.loads(source[0])
    box = {
        "cell_type": "markdown",
        "id": "book-run-yourself",
        "metadata": {},
        "source": app.config.book_run_yourself,
    }
    notebook["cells"].insert(1, box)
    # the widgets' saved state is for ipywidgets' JavaScript, which the book does not load
    notebook["metadata"].pop("widgets", None)
    source[0] = json.dumps(notebook)


def language_links(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The language switcher's links: the same page in every language (the other builds sit
    beside this one, build/book/<lang>/)."""
    up = "../" * (pagename.count("/") + 1)
    here = app.config.language
    notebooks = Path(app.config.book_notebooks)
    links = []
    for code, name in app.config.book_languages:
        exists = (
            pagename in PAGES_OF_EVERY_LANGUAGE or (notebooks / code / f"{pagename}.ipynb").exists()
        )
        target = pagename if exists else "index"
        links.append(
            {
                "code": code,
                "name": name,
                "href": f"{up}{code}/{target}.html",
                "current": code == here,
            }
        )
    context["book_language_links"] = links
    context["book_language_label"] = app.config.book_language_label


def setup(app):
    app.add_config_value("book_widget_note", "", "html", str)
    app.add_config_value("book_run_yourself", "", "html", str)
    app.add_config_value("book_language_label", "Language", "html", str)
    app.add_config_value("book_languages", [], "html", list)
    app.add_config_value("book_notebooks", "", "html", str)
    app.add_post_transform(WidgetNote)
    app.connect("source-read", add_run_yourself_box)
    app.connect("html-page-context", language_links)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
