"""The package's layout: its folders are layers that import only downwards (the `layers` contracts
of import-linter in pyproject.toml, checked by `lint-imports`), no module imports itself in a
cycle, and exactly one module, tensor_api/methods.py, attaches methods to Tensor. The cycle and
methods checks read the source with `ast`, so imports inside functions count too (as they do for
import-linter)."""

import ast
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "autodiff_tr"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(root):
    """Run `lint-imports` on the package and pyproject.toml under `root`: (exit code, output)."""
    if not LINT_IMPORTS.exists():
        pytest.skip("lint-imports (import-linter, in the test extra) is not installed")
    env = {**os.environ, "PYTHONPATH": str(root)}
    run = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=root, env=env, capture_output=True, text=True
    )
    return run.returncode, run.stdout + run.stderr


def test_the_layers_import_only_downwards():
    code, output = lint_imports(ROOT)
    assert code == 0, output


def test_the_layer_check_finds_an_upward_import(tmp_path):
    shutil.copytree(
        PACKAGE, tmp_path / "autodiff_tr", ignore=shutil.ignore_patterns("locale", "__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    nodes = tmp_path / "autodiff_tr" / "engine" / "nodes.py"
    nodes.write_text(
        nodes.read_text(encoding="utf-8") + "\nfrom ..tensor_api import ops\n", encoding="utf-8"
    )
    code, output = lint_imports(tmp_path)
    assert code != 0
    assert "The package's layers BROKEN" in output
    assert "autodiff_tr.engine.nodes -> autodiff_tr.tensor_api.ops" in output


def import_graph(package):
    """{module: set of the package's modules it imports}, for every .py file under `package` (a
    directory), named by dotted path inside it ("tensor", "nn.module"; a subpackage by its
    __init__: "nn"; the package's own __init__: "__init__"). `from . import name` where name is
    not a module counts as importing that package's __init__."""
    root = package.name
    modules = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts) or "__init__"] = path

    def module(parts):
        """The module `parts` names, or the package it lies in."""
        parts = list(parts)
        while parts and ".".join(parts) not in modules:
            parts.pop()
        return ".".join(parts) or "__init__"

    graph = {}
    for name, path in modules.items():
        here = [] if name == "__init__" else name.split(".")
        package_parts = here if path.name == "__init__.py" else here[:-1]
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    parts = alias.name.split(".")
                    if parts[0] == root:
                        edges.add(module(parts[1:]))
            elif isinstance(node, ast.ImportFrom):
                named = (node.module or "").split(".") if node.module else []
                if node.level:
                    if node.level - 1 > len(package_parts):
                        continue  # above the package
                    base = package_parts[: len(package_parts) - (node.level - 1)] + named
                elif named and named[0] == root:
                    base = named[1:]
                else:
                    continue  # another package
                for alias in node.names:
                    candidate = ".".join(base + [alias.name])
                    edges.add(candidate if candidate in modules else module(base))
        edges.discard(name)
        graph[name] = edges
    return graph


def find_cycle(graph):
    """One import cycle as a list [a, b, ..., a], or None."""
    state, stack = {}, []

    def visit(module):
        state[module] = "open"
        stack.append(module)
        for nxt in sorted(graph.get(module, ())):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt) :] + [nxt]
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


@pytest.mark.parametrize(
    "layout",
    [
        {"a.py": "from . import b\n", "b.py": "def f():\n    from .a import g\n"},
        {"a.py": "import pkg.b\n", "b.py": "from pkg.c import x\n", "c.py": "from . import a\n"},
        {
            "a.py": "from .sub.b import x\n",
            "sub/__init__.py": "",
            "sub/b.py": "from ..a import y\n",
        },
    ],
)
def test_the_cycle_check_finds_a_cycle(tmp_path, layout):
    package = tmp_path / "pkg"
    package.mkdir()
    for name, text in layout.items():
        (package / name).parent.mkdir(exist_ok=True)
        (package / name).write_text(textwrap.dedent(text), encoding="utf-8")
    cycle = find_cycle(import_graph(package))
    assert cycle is not None and cycle[0] == cycle[-1] and "a" in cycle


def _attaches_to_tensor(tree):
    """Lines where a module sets an attribute of the class Tensor."""
    lines = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", None) == "setattr"
            and (getattr(node.args[0], "id", None) == "Tensor")
        ):
            lines.append(node.lineno)
        if isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                if isinstance(t, ast.Attribute) and getattr(t.value, "id", None) == "Tensor":
                    lines.append(node.lineno)
    return lines


def test_exactly_one_module_attaches_methods_to_tensor():
    attaching = {
        path.stem
        for path in PACKAGE.rglob("*.py")
        if _attaches_to_tensor(ast.parse(path.read_text(encoding="utf-8")))
    }
    assert attaching == {"methods"}
