"""Each section of a notebook steers only an explorer shown in that section.

Notebook 03 showed its two explorers once, at the top, and every later section
set their controls from code. One widget keeps one state, so after Run All every saved picture
(and every live view) showed the notebook's last case: the control-flow function at the jump
under the section that introduces sin. A section that sets an explorer's controls must show that
explorer itself (make and show a new one where the section starts), so its picture ends on the
section's own case.
"""

from __future__ import annotations

import ast

import pytest
from nbhelpers import discover, load_notebook, notebook_ids, source

FOUND = discover()
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _heading(cell: dict) -> bool:
    return cell["cell_type"] == "markdown" and source(cell).lstrip().startswith("#")


def _shown_names(src: str) -> set[str]:
    """Names bound in a cell whose last line shows them (``x = Explorer(...)`` ... ``x``)."""
    tree = ast.parse(src)
    bound = {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    last = tree.body[-1] if tree.body else None
    if isinstance(last, ast.Expr) and isinstance(last.value, ast.Name):
        return bound & {last.value.id}
    return set()


def _steered_names(src: str) -> set[str]:
    """Names whose controls a cell sets: ``name.control.value = ...``."""
    names = set()
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if (
                    isinstance(target, ast.Attribute)
                    and target.attr == "value"
                    and isinstance(target.value, ast.Attribute)
                    and isinstance(target.value.value, ast.Name)
                ):
                    names.add(target.value.value.id)
    return names


def steering_problems(notebook: dict) -> list[str]:
    section, shown_in = 0, {}
    problems = []
    for index, cell in enumerate(notebook["cells"]):
        if _heading(cell):
            section += 1
            continue
        if cell["cell_type"] != "code":
            continue
        src = source(cell)
        if any(WIDGET_VIEW in output.get("data", {}) for output in cell.get("outputs", [])):
            for name in _shown_names(src):
                shown_in[name] = section
        for name in _steered_names(src):
            if name in shown_in and shown_in[name] != section:
                problems.append(
                    f"cell {index} sets the controls of {name!r}, shown in an earlier section: "
                    f"show a new {name!r} in this section first"
                )
    return problems


def test_the_check_finds_a_section_that_steers_an_earlier_explorer():
    def code(src, widget=False):
        outputs = [{"output_type": "execute_result", "data": {WIDGET_VIEW: {}}}] if widget else []
        return {"cell_type": "code", "source": src, "outputs": outputs, "metadata": {}}

    def heading(text):
        return {"cell_type": "markdown", "source": text, "metadata": {}}

    shared = {"cells": [
        heading("## One"), code("e = widgets.GradientExplorer()\ne", widget=True),
        code("e.x0.value = 1.0"), heading("### Two"), code("e.x0.value = 2.0"),
    ]}
    assert len(steering_problems(shared)) == 1
    own = {"cells": [
        *shared["cells"][:4], code("e = widgets.GradientExplorer(x0=2.0)\ne", widget=True),
        code("e.x0.value = 2.0"),
    ]}
    assert steering_problems(own) == []


@pytest.mark.parametrize(
    "lang,path", [pytest.param(lang, p, id=f"{lang}/{p.name}") for lang, p in notebook_ids(FOUND)]
)
def test_each_section_steers_only_its_own_explorer(lang, path):
    problems = steering_problems(load_notebook(path))
    assert not problems, f"{lang}/{path.name}:\n" + "\n".join(problems)
