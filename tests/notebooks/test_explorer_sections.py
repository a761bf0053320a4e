"""Each explorer a notebook shows stays in the state it was shown in, under its own section.

Notebook 03 showed its two explorers once, at the top, and every later section
set their controls from code. One widget keeps one state, so after Run All every saved picture
(and every live view) showed the notebook's last case: the control-flow function at the jump
under the section that introduces sin. Then each section showed its own explorer, but in one
variable, `explorer`, that the section's later cells moved on: the sin explorer under "where the
derivative vanishes" ended on x³ − 3x at 1, the control-flow one at the jump while the prose
discusses 1.5, the saddle at another start. So: a shown explorer's name is bound once in the
notebook, only cells of its own section steer it, and they may set its function, point, start,
learning rate and steps only to what it was shown with (check boxes are free).
"""

from __future__ import annotations

import ast
import inspect

import pytest
from nbhelpers import discover, load_notebook, notebook_ids, source

from autodiff_tr.learn import widgets

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


# a control of an explorer -> (constructor argument, index into it or None)
CONTROL_ARGUMENTS = {
    "function": ("start", None),
    "x0": ("x0", None),
    "x_start": ("start_point", 0),
    "y_start": ("start_point", 1),
    "learning_rate": ("learning_rate", None),
    "steps": ("steps", None),
}
DEFAULT_START = {"GradientExplorer": "sin", "GradientDescentExplorer": "bowl"}


def _shown_states(src: str) -> dict[str, dict[str, str]]:
    """``{name: {control: source of the value it was made with}}`` for ``name =
    widgets.SomeExplorer(...)`` in ``src`` (defaults from the constructor's signature)."""
    states = {}
    for node in ast.parse(src).body:
        if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)):
            continue
        func = node.value.func
        kind = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if kind not in DEFAULT_START:
            continue
        defaults = {
            name: ast.parse(repr(p.default), mode="eval").body
            for name, p in inspect.signature(getattr(widgets, kind)).parameters.items()
            if p.default is not inspect.Parameter.empty
        }
        defaults["start"] = ast.Constant(DEFAULT_START[kind])
        given = {**defaults, **{k.arg: k.value for k in node.value.keywords}}
        state = {}
        for control, (argument, index) in CONTROL_ARGUMENTS.items():
            value = given.get(argument)
            if value is None:
                continue
            if index is not None:
                value = value.elts[index] if isinstance(value, ast.Tuple) else None
            if value is not None:
                state[control] = ast.unparse(value)
        for target in node.targets:
            if isinstance(target, ast.Name):
                states[target.id] = state
    return states


def _settings(src: str) -> list[tuple[str, str, str]]:
    """``(name, control, source of the value)`` for each ``name.control.value = value``."""
    found = []
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if (
                    isinstance(target, ast.Attribute)
                    and target.attr == "value"
                    and isinstance(target.value, ast.Attribute)
                    and isinstance(target.value.value, ast.Name)
                ):
                    found.append((target.value.value.id, target.value.attr,
                                  ast.unparse(node.value)))
    return found


def _bound_names(src: str) -> set[str]:
    return {
        target.id
        for node in ast.walk(ast.parse(src))
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def _same(made: str, set_to: str) -> bool:
    try:
        return ast.literal_eval(made) == ast.literal_eval(set_to)
    except ValueError:
        return made == set_to


def state_problems(notebook: dict) -> list[str]:
    """Shown explorers that a later cell binds anew or moves away from the state shown."""
    shown: dict[str, tuple[int, dict[str, str]]] = {}
    problems = []
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "code":
            continue
        src = source(cell)
        for name in _bound_names(src) & set(shown):
            problems.append(f"cell {index} binds {name!r} again, an explorer shown in cell "
                            f"{shown[name][0]}: give the new one its own name")
        for name, control, value in _settings(src):
            made = shown.get(name, (None, {}))[1].get(control)
            if made is not None and not _same(made, value):
                problems.append(f"cell {index} sets {name}.{control} to {value}, but {name} "
                                f"is shown with {made}: make a new explorer for that case")
        if any(WIDGET_VIEW in output.get("data", {}) or "image/png" in output.get("data", {})
               for output in cell.get("outputs", [])):
            states = _shown_states(src)
            for name in _shown_names(src):
                if name in states:
                    shown[name] = (index, states[name])
    return problems


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
        if any(WIDGET_VIEW in output.get("data", {}) or "image/png" in output.get("data", {})
               for output in cell.get("outputs", [])):
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


def test_the_check_finds_a_shown_explorer_moved_away_from_its_state():
    def code(src, shown=False):
        outputs = [{"output_type": "execute_result", "data": {"image/png": ""}}] if shown else []
        return {"cell_type": "code", "source": src, "outputs": outputs, "metadata": {}}

    shown = code('e = widgets.GradientExplorer(x0=math.pi / 2)\ne', shown=True)
    assert state_problems({"cells": [shown, code("e.x0.value = math.pi / 2"),
                                     code("e.show_second.value = True"),
                                     code('e.function.value = "sin"')]}) == []
    moved = state_problems({"cells": [shown, code('e.function.value = "cubic"'),
                                      code("e.x0.value = 1.0")]})
    assert len(moved) == 2 and "e.function" in moved[0] and "e.x0" in moved[1]
    rebound = state_problems({"cells": [shown, code("e = widgets.GradientExplorer()")]})
    assert len(rebound) == 1 and "binds 'e' again" in rebound[0]
    descent = code("d = widgets.GradientDescentExplorer(start='saddle', start_point=(1.0, 0.0))"
                   "\nd", shown=True)
    assert state_problems({"cells": [descent, code("d.y_start.value = 0.0")]}) == []
    assert len(state_problems({"cells": [descent, code("d.y_start.value = 0.01")]})) == 1


@pytest.mark.parametrize(
    "lang,path", [pytest.param(lang, p, id=f"{lang}/{p.name}") for lang, p in notebook_ids(FOUND)]
)
def test_each_shown_explorer_keeps_the_state_it_was_shown_in(lang, path):
    problems = state_problems(load_notebook(path))
    assert not problems, f"{lang}/{path.name}:\n" + "\n".join(problems)
