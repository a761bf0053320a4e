"""Run a yardstick program and take what it computed, the same way under PyTorch and here.

A program is a tutorial's code with its import lines pointing at autodiff_tr. `run` executes it
(seeded: `torch.manual_seed(0)` and `random.seed(0)` first, as the recording did; a program
written as notebook cells shows each cell's last value, as Jupyter does) and returns its
printed output and a snapshot of its top-level names: tensors as shape and values, numbers as
numbers, modules as their state_dict. tests/torch_numbers/record_yardstick.py runs the same text
with the import lines pointed back at torch and stores the same snapshot as JSON.
"""

import ast
import contextlib
import io
import math
import os
import pathlib
import random
import re
import sys
import types

TO_TORCH = (("import autodiff_tr as torch", "import torch"), ("from autodiff_tr", "from torch"))


def torch_source(source):
    """The program as the tutorial has it: the import lines back on torch."""
    for ours, theirs in TO_TORCH:
        source = source.replace(ours, theirs)
    return source


D2L = pathlib.Path(__file__).with_name("d2l") / "torch.py"


@contextlib.contextmanager
def d2l_installed(torch):
    """`from d2l import torch as d2l` gives d2l's saved functions (d2l/torch.py) on `torch`, the
    library the program runs on, for as long as the program runs."""
    source = D2L.read_text()
    if torch.__name__ == "torch":
        source = torch_source(source)
    module = types.ModuleType("d2l.torch")
    module.__file__ = str(D2L)
    exec(compile(source, str(D2L), "exec"), module.__dict__)
    package = types.ModuleType("d2l")
    package.torch = module
    saved = {key: sys.modules.get(key) for key in ("d2l", "d2l.torch")}
    sys.modules.update({"d2l": package, "d2l.torch": module})
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                sys.modules.pop(key, None)
            else:
                sys.modules[key] = value


CELL = "# %%"


def _show(value):
    """What a notebook shows for a cell's last expression: its repr, unless it is None."""
    if value is not None:
        print(repr(value))


def compiled(source, name):
    """`source` compiled; a program written as notebook cells (lines starting with "# %%" begin
    a cell) also shows the value of each cell's last line when that line is an expression not
    ended by ";", as Jupyter does (`net(X).shape` in a cell of its own prints torch.Size(...)).
    The recording runs the same code, so both libraries show the same values."""
    tree = ast.parse(source, name)
    lines = source.splitlines()
    starts = [i + 1 for i, line in enumerate(lines) if line.startswith(CELL)]
    if starts:
        last_of_cell = {}
        for position, statement in enumerate(tree.body):
            cell = sum(start <= statement.lineno for start in starts)
            last_of_cell[cell] = position
        for position in last_of_cell.values():
            statement = tree.body[position]
            if isinstance(statement, ast.Expr) and \
                    not lines[statement.end_lineno - 1].rstrip().endswith(";"):
                call = ast.Call(ast.Name("__yardstick_show__", ast.Load()), [statement.value], [])
                tree.body[position] = ast.copy_location(ast.Expr(call), statement)
        ast.fix_missing_locations(tree)
    return compile(tree, name, "exec")


def run(source, torch, name="<yardstick>", directory=None):
    """Execute `source` after seeding `torch` (the library it imports) and Python's random (in
    `directory`, if given: a program that writes files)."""
    torch.manual_seed(0)
    random.seed(0)
    namespace = {"__name__": "__yardstick__", "__yardstick_show__": _show}
    out = io.StringIO()
    with d2l_installed(torch), contextlib.redirect_stdout(out), _working_directory(directory):
        exec(compiled(source, name), namespace)
    return out.getvalue(), snapshot(namespace)


@contextlib.contextmanager
def _working_directory(directory):
    if directory is None:
        yield
        return
    before = pathlib.Path.cwd()
    os.chdir(directory)
    try:
        yield
    finally:
        os.chdir(before)


def _tensor(values, shape):
    """A tensor's record: all its values if few, else the first and last 8 and two sums that a
    change of any value would move (as tests/torch_numbers/record_random.py keeps them)."""
    flat = [float(v) for v in _flat(values)]
    if len(flat) <= 64:
        return {"shape": shape, "values": flat}
    return {"shape": shape, "head": flat[:8], "tail": flat[-8:], "sum": math.fsum(flat),
            "weighted": math.fsum(v * (i % 7 + 1) for i, v in enumerate(flat))}


def _value(value):
    if isinstance(value, type):
        return None
    if hasattr(value, "detach") and hasattr(value, "tolist") and hasattr(value, "shape"):
        return _tensor(value.detach().tolist(), list(value.shape))
    if isinstance(value, bool | int | float) and not (isinstance(value, float)
                                                      and math.isnan(value)):
        return value
    if hasattr(value, "state_dict") and hasattr(value, "parameters"):
        return {k: _value(v) for k, v in value.state_dict().items()}
    if isinstance(value, list | tuple) and value and all(
            isinstance(v, int | float) or hasattr(v, "detach") for v in value):
        return [_value(v) for v in value]
    return None


def _flat(values):
    if isinstance(values, list):
        return [x for v in values for x in _flat(v)]
    return [values]


def snapshot(namespace):
    """What the program left at its top level that numbers describe."""
    taken = {}
    for key, value in namespace.items():
        if key.startswith("_"):
            continue
        v = _value(value)
        if v is not None:
            taken[key] = v
    return taken


# a sign is part of the number: `%+f` prints a mean of about 1e-10 as +0.000000 or -0.000000,
# as its last bits fall, and that is a number's difference, not a word's
_NUMBER = re.compile(r"[-+]?\d+\.?\d*(?:e[-+]?\d+)?")


def split_output(text):
    """Printed output as (words, numbers): library names and object addresses normalised."""
    text = text.replace("autodiff_tr", "torch")
    # PyTorch prints a node as <MulBackward0 object at 0x...>; this package without the address
    # (a notebook's output must not change between runs): both become <MulBackward0>
    text = re.sub(r" object at 0x[0-9a-f]+>", ">", text)
    numbers = [float(n) for n in _NUMBER.findall(text)]
    return _NUMBER.sub("#", text), numbers
