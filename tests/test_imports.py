"""The package's layout: imports run one way (no cycle among the modules of autodiff_tr/), and
exactly one module, methods.py, attaches methods to Tensor. Both read the source with `ast`, so
imports inside functions count too."""

import ast
import textwrap
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "autodiff_tr"


def import_graph(package):
    """{module: set of the package's modules it imports}, for the .py files of `package` (a
    directory). `import autodiff_tr` and `from . import name` (name not a module) count as
    importing `__init__`."""
    modules = {path.stem for path in package.glob("*.py")}
    name = package.name

    def target(dotted):
        return dotted if dotted in modules else "__init__"

    graph = {}
    for path in package.glob("*.py"):
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    parts = alias.name.split(".")
                    if parts[0] == name:
                        edges.add(target(parts[1]) if len(parts) > 1 else "__init__")
            elif isinstance(node, ast.ImportFrom):
                relative = node.level == 1
                parts = (node.module or "").split(".") if node.module else []
                if not relative and (not parts or parts[0] != name):
                    continue  # another package
                if not relative:
                    parts = parts[1:]
                if parts:
                    edges.add(target(parts[0]))
                else:  # from . import a, b / from autodiff_tr import a, b
                    edges.update(target(alias.name) for alias in node.names)
        edges.discard(path.stem)
        graph[path.stem] = edges
    return graph


def find_cycle(graph):
    """One import cycle as a list [a, b, ..., a], or None."""
    state, stack = {}, []

    def visit(module):
        state[module] = "open"
        stack.append(module)
        for nxt in sorted(graph.get(module, ())):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[module] = "done"
        return None

    for module in sorted(graph):
        if module not in state:
            cycle = visit(module)
            if cycle:
                return cycle
    return None


def test_no_import_cycle_in_the_package():
    cycle = find_cycle(import_graph(PACKAGE))
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_engine_modules_import_one_way():
    graph = import_graph(PACKAGE)
    # the layers, bottom up: each module imports only from below it
    assert graph["grad_mode"] == set()
    assert "ops" not in graph["derivatives"] and "nodes" not in graph["derivatives"]
    assert graph["tensor"] <= {"dtypes", "_format", "messages"}
    assert "ops" not in graph["nodes"] and "engine" not in graph["nodes"]
    assert "ops" not in graph["engine"]


@pytest.mark.parametrize("layout", [
    {"a.py": "from . import b\n", "b.py": "def f():\n    from .a import g\n"},
    {"a.py": "import pkg.b\n", "b.py": "from pkg.c import x\n", "c.py": "from . import a\n"},
])
def test_the_cycle_check_finds_a_cycle(tmp_path, layout):
    package = tmp_path / "pkg"
    package.mkdir()
    for name, text in layout.items():
        (package / name).write_text(textwrap.dedent(text), encoding="utf-8")
    cycle = find_cycle(import_graph(package))
    assert cycle is not None and cycle[0] == cycle[-1] and "a" in cycle


def _attaches_to_tensor(tree):
    """Lines where a module sets an attribute of the class Tensor."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "setattr" and (
                getattr(node.args[0], "id", None) == "Tensor"):
            lines.append(node.lineno)
        if isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                if isinstance(t, ast.Attribute) and getattr(t.value, "id", None) == "Tensor":
                    lines.append(node.lineno)
    return lines


def test_exactly_one_module_attaches_methods_to_tensor():
    attaching = {path.stem for path in PACKAGE.glob("*.py")
                 if _attaches_to_tensor(ast.parse(path.read_text(encoding="utf-8")))}
    assert attaching == {"methods"}
