"""The book's Sphinx extension on its own: which outputs are an explorer's (the note goes under
them), with and without the widget view stored beside the picture."""

from __future__ import annotations

import sys

from book_site import ROOT
from docutils import nodes

sys.path.insert(0, str(ROOT / "tools"))
import book_extension  # noqa: E402


def bundle(*outputs: tuple[str, str]) -> nodes.container:
    found = nodes.container(nb_element="mime_bundle")
    for mime_type, text in outputs:
        child = nodes.container(mime_type=mime_type)
        child += nodes.literal_block(text, text)
        found += child
    return found


def test_a_widget_view_is_an_explorer():
    assert book_extension.is_widget_output(
        bundle(
            (book_extension.WIDGET_VIEW, "{}"),
            ("image/png", ""),
            ("text/plain", "GradientExplorer(function='sin', x0=1.0)"),
        )
    )


def test_a_stored_picture_without_the_widget_view_is_still_an_explorer():
    assert book_extension.is_widget_output(
        bundle(("image/png", ""), ("text/plain", "GradientDescentExplorer(function='bowl')"))
    )


def test_other_pictures_and_texts_are_not():
    assert not book_extension.is_widget_output(
        bundle(("image/png", ""), ("text/plain", "<Figure size 640x480 with 1 Axes>"))
    )
    assert not book_extension.is_widget_output(
        bundle(("text/plain", "GradientExplorer(function='sin', x0=1.0)"))
    )
