"""autodiff_tr.learn.saving: what a saved notebook keeps of an explorer's output."""

import copy

from autodiff_tr.learn import saving

VIEW = "application/vnd.jupyter.widget-view+json"


def notebook():
    explorer = {"output_type": "execute_result", "execution_count": 3, "metadata": {},
                "data": {VIEW: {"model_id": "abc", "version_major": 2, "version_minor": 0},
                         "image/png": "iVBORw0KGgo=", "text/plain": "GradientExplorer(...)"}}
    bare_widget = {"output_type": "display_data", "metadata": {},
                   "data": {VIEW: {"model_id": "def"}, "text/plain": "IntSlider(...)"}}
    text = {"output_type": "stream", "name": "stdout", "text": "hello\n"}
    return {
        "metadata": {"widgets": {"application/vnd.jupyter.widget-state+json": {"state": {}}},
                     "kernelspec": {"name": "python3"}},
        "cells": [
            {"cell_type": "markdown", "source": "# A", "metadata": {}},
            {"cell_type": "code", "source": "e", "metadata": {},
             "outputs": [explorer, bare_widget, text]},
        ],
    }


def test_an_explorer_output_keeps_its_picture_and_text_only():
    """Reopened after its kernel stopped, a stored widget view showed "Error
    displaying widget: model not found" and never the picture beside it."""
    nb = notebook()
    saving.keep_pictures_of_widgets(nb)
    explorer, bare_widget, text = nb["cells"][1]["outputs"]
    assert set(explorer["data"]) == {"image/png", "text/plain"}
    assert VIEW in bare_widget["data"]  # no picture to show instead: left as it is
    assert text == notebook()["cells"][1]["outputs"][2]
    assert "widgets" not in nb["metadata"] and nb["metadata"]["kernelspec"] == {"name": "python3"}


def test_the_pre_save_hook_acts_on_notebooks_only():
    nb = notebook()
    saving.keep_pictures(model={"type": "notebook", "content": nb}, path="a.ipynb",
                         contents_manager=None)
    assert VIEW not in nb["cells"][1]["outputs"][0]["data"]
    other = {"type": "file", "content": copy.deepcopy(notebook())}
    saving.keep_pictures(model=other, path="a.json", contents_manager=None)
    assert other["content"] == notebook()
    saving.keep_pictures(model={"type": "notebook", "content": None}, path="b.ipynb")
