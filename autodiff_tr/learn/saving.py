"""A saved notebook shows the pictures of its explorers, never a dead widget.

An explorer's output holds two views of it: the live widget
(``application/vnd.jupyter.widget-view+json``, which points to a widget object in the running
kernel) and a PNG of its picture. JupyterLab and Notebook 7 always choose the widget view; once
the kernel that made it is gone (the notebook was saved, closed and opened again, or opened
fresh and trusted), they show "Error displaying widget: model not found" in its place and never
fall back to the picture. :func:`keep_pictures` removes such widget views, and the widget state,
from a notebook before it is written:

* ``tools/execute_notebooks.py`` calls it on the notebooks it stores;
* the Jupyter server calls it before every save (and autosave) when started with
  ``--ContentsManager.pre_save_hook=autodiff_tr.learn.saving.keep_pictures``, as the README's
  open command does. The page keeps its live widgets; only the file gets the pictures.
"""

from __future__ import annotations

from typing import Any

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

__all__ = ["keep_pictures", "keep_pictures_of_widgets"]


def keep_pictures_of_widgets(notebook: Any) -> None:
    """Drop the widget state and every widget view that has a picture (image/png) beside it
    from ``notebook`` (a dict or nbformat node), in place."""
    notebook.get("metadata", {}).pop("widgets", None)
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []) or []:
            data = output.get("data", {})
            if WIDGET_VIEW in data and "image/png" in data:
                del data[WIDGET_VIEW]


def keep_pictures(model: dict, **kwargs: Any) -> None:
    """A Jupyter server ``pre_save_hook``: :func:`keep_pictures_of_widgets` on a notebook about
    to be saved (any other file is left alone)."""
    if model.get("type") == "notebook" and model.get("content") is not None:
        keep_pictures_of_widgets(model["content"])
