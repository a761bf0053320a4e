"""The README's commands and constraints.txt: a fresh machine must reproduce the stored outputs.

On a stock Debian or Ubuntu the old first command failed (no `python`, and pip
refuses to install into the system Python); and nothing pinned the versions the outputs were
stored with.
"""

import ast
import importlib.metadata
import json
import re
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def readme_command(marker: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(rf"<!-- {marker} -->\s*```bash\n(.*?)```\s*<!-- /{marker} -->", text, re.S)
    assert block, f"README.md has no ```bash block between <!-- {marker} --> markers"
    return block.group(1).strip()


def pins() -> dict[str, str]:
    pinned = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement = Requirement(line)
            (spec,) = requirement.specifier  # exactly one "==version" per package
            assert spec.operator == "==", line
            pinned[canonicalize_name(requirement.name)] = spec.version
    return pinned


@pytest.mark.parametrize(
    ("marker", "extra"), [("open-command", "notebooks"), ("test-command", "test")]
)
def test_readme_commands_use_a_virtual_environment_and_the_constraints(marker, extra):
    steps = [step.strip() for step in readme_command(marker).split("&&")]
    # stock Debian/Ubuntu: `python3` exists, `python` does not, and pip refuses the system Python
    assert steps[0] == "python3 -m venv .venv"
    for step in steps[1:]:
        assert step.startswith(".venv/bin/python -m "), step
    assert f'-m pip install -c constraints.txt -e ".[{extra}]"' in steps[1]


def test_the_notebooks_extra_brings_notebook_7():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extra = project["optional-dependencies"]["notebooks"]
    names = {Requirement(line).name: Requirement(line) for line in extra}
    assert "notebook" in names and names["notebook"].specifier.contains("7.0")
    assert not names["notebook"].specifier.contains("6.5")


def imported_modules(source: str) -> set[str]:
    # drop IPython magics and shell escapes, which are not Python
    code = "\n".join(
        "" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()
    )
    modules = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            modules.add(node.module.split(".")[0])
    return modules


def notebook_imports() -> set[str]:
    """Top-level modules imported by the notebooks' code cells and by the package they use."""
    modules = set()
    for path in sorted((ROOT / "notebooks").rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                modules |= imported_modules("".join(cell["source"]))
    for path in sorted((ROOT / "autodiff_tr").rglob("*.py")):
        modules |= imported_modules(path.read_text(encoding="utf-8"))
    return modules - set(sys.stdlib_module_names) - {"autodiff_tr", "__future__"}


def test_the_scan_finds_what_the_notebooks_import():
    """The scan itself: notebook 02 imports matplotlib, the widgets import ipywidgets."""
    assert {"numpy", "matplotlib", "ipywidgets"} <= notebook_imports()


def test_constraints_pin_every_dependency_the_notebooks_import():
    pinned = pins()
    distributions = importlib.metadata.packages_distributions()
    missing = []
    for module in sorted(notebook_imports()):
        names = distributions.get(module)
        if not names:
            missing.append(f"{module} (not installed: add it to pyproject.toml)")
            continue
        for name in names:
            if canonicalize_name(name) not in pinned:
                missing.append(f"{name} (imported as {module})")
    assert not missing, f"pin these in constraints.txt as name==version: {missing}"


def test_constraints_pin_the_package_dependencies_and_the_notebook_front_ends():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    needed = project["dependencies"] + project["optional-dependencies"]["notebooks"]
    pinned = pins()
    for line in needed:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"pin {requirement.name} in constraints.txt"
        assert requirement.specifier.contains(pinned[name]), (line, pinned[name])
