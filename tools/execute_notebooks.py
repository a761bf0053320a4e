"""Run notebooks top to bottom and store their outputs the way the notebook tests expect them.

    python tools/execute_notebooks.py                        # every notebook under notebooks/
    python tools/execute_notebooks.py notebooks/de/02_sin_derivative.ipynb

Run it after changing a notebook or the package, then commit the notebooks: nbval compares
their stored outputs with a fresh run. Each notebook runs with nbclient in a new kernel, in its
own folder (the widgets take their language from it), with two settings that
`jupyter nbconvert --execute` lacks by default:

- IPython's minimal tracebacks (`xmode Minimal`): a cell that is meant to raise stores the error
  line alone, not the frames inside the package, which carry this machine's paths and line
  numbers that go stale with the next change of the code (nbval never compares tracebacks);
- no per-cell timing metadata, which would change every cell in every diff;
- consecutive prints of a cell as one stream output (nbconvert's CoalesceStreamsPreprocessor,
  as `jupyter nbconvert` applies it): how the kernel happened to flush them would otherwise
  change the stored outputs from run to run;
- no widget views and no widget state: an output that shows a widget keeps its picture
  (image/png) and its text only. A stored widget view points to a widget of the kernel that made
  it; once that kernel is gone, JupyterLab and Notebook 7 show "Error displaying widget: model
  not found" in its place (also for a notebook trusted before it runs) and never fall back to the
  picture beside it (autodiff_tr/learn/saving.py). A learner who runs the notebook gets the live
  widget again.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert.preprocessors import CoalesceStreamsPreprocessor

from autodiff_tr.learn.saving import keep_pictures_of_widgets

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def all_notebooks() -> list[Path]:
    """Every notebook of every language folder under notebooks/."""
    return sorted(p for p in NOTEBOOKS.glob("*/*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def execute(path: Path, timeout: int = 600) -> None:
    """Run the notebook at `path` in a fresh kernel and write it back with its new outputs."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
        extra_arguments=["--InteractiveShell.xmode=Minimal"],
        store_widget_state=False,
    ).execute()  # a cell tagged raises-exception may raise; any other error stops here
    CoalesceStreamsPreprocessor().preprocess(nb, {})
    keep_pictures_of_widgets(nb)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)  # timing an earlier run may have left
    nbformat.write(nb, path)


def main(argv: list[str]) -> None:
    paths = [Path(a).resolve() for a in argv] or all_notebooks()
    for path in paths:
        print(f"executing {path}", flush=True)
        execute(path)


if __name__ == "__main__":
    main(sys.argv[1:])
