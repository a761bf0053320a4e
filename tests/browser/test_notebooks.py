"""Every notebook of every language, run in a real browser as a learner runs it.

For each notebook in JupyterLab (and 01 and 03 in Notebook 7): open it (it must not be marked
changed, must show no test machinery, and must show a picture for every widget and drawing even
before it runs, untrusted), Run All from the menu, then: every output nbval compares equals the
stored one, no error except in cells tagged ``raises-exception``, every figure is a loaded image,
every widget is a live control, and a screenshot of the whole notebook goes to test-artifacts/.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from explorer_checks import SECTION_CLAIMS, check_section_claim, explorer_views, use_every_control
from notebook_page import ROOT, NotebookPage, cell_markers, text_outputs

NOTEBOOKS = sorted(
    p.relative_to(ROOT).as_posix()
    for p in (ROOT / "notebooks").glob("*/*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
)
# Notebook 7 runs the chapter and the explorers in one language: the front end is what differs
NOTEBOOK7 = [
    p for p in NOTEBOOKS if p.split("/")[1] == "tr" and p.split("/")[2][:2] in ("01", "03")
]

def _id(path: str) -> str:
    return path.removeprefix("notebooks/").removesuffix(".ipynb")


@pytest.fixture(scope="session")
def open_notebooks(chromium, jupyter, artifacts):
    """Open and run a notebook (once), for the checks of that notebook; ``.close()`` it after.

    One browser context for the session; JupyterLab is loaded once in one page and each notebook
    opens as a tab in it; Notebook 7 opens each notebook in a page of its own.
    """
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    lab = context.new_page()
    opened: dict[tuple[str, str], tuple[NotebookPage, dict]] = {}
    timings = []

    def get(front: str, relative: str) -> tuple[NotebookPage, dict]:
        if (front, relative) not in opened:
            page = context.new_page() if front == "notebook7" else lab
            notebook = NotebookPage(page, jupyter, relative, front)
            start = time.monotonic()
            notebook.open()
            before = {
                "dirty": notebook.dirty(),
                "text": notebook.visible_text(),
                "views": notebook.output_views(),
                "open_seconds": time.monotonic() - start,
            }
            before["run_seconds"] = notebook.run_all()
            stem = f"{front}-{_id(relative).replace('/', '-')}"
            for old in artifacts.glob(f"{stem}-*.png"):
                old.unlink()
            start = time.monotonic()
            notebook.screenshot(artifacts / stem)
            before["screenshot_seconds"] = time.monotonic() - start
            timings.append(
                f"{stem}: open {before['open_seconds']:.1f} s, Run All {before['run_seconds']:.1f}"
                f" s, screenshots {before['screenshot_seconds']:.1f} s"
            )
            opened[(front, relative)] = (notebook, before)
        return opened[(front, relative)]

    def close(front: str, relative: str) -> None:
        notebook, _ = opened.pop((front, relative))
        notebook.close()

    get.close = close
    try:
        yield get
    finally:
        (artifacts / "timings.txt").write_text("\n".join(timings) + "\n", encoding="utf-8")
        for notebook, _ in opened.values():
            notebook.close()
        context.close()


FRONTS = [("lab", relative) for relative in NOTEBOOKS] + [
    ("notebook7", relative) for relative in NOTEBOOK7
]


def _front_id(case) -> str:
    front, relative = case
    return f"{front}-{_id(relative)}"


@pytest.fixture(scope="module", params=FRONTS, ids=_front_id)
def opened(request, open_notebooks):
    """One notebook, opened and run; pytest runs all checks of one notebook before the next,
    then this closes the page and shuts its kernel down."""
    front, relative = request.param
    yield open_notebooks(front, relative)
    open_notebooks.close(front, relative)


def test_opens_without_being_marked_changed(opened):
    """The stored kernelspec display name was rewritten on opening, so closing a
    notebook one never edited asked to save it."""
    page, before = opened
    assert before["dirty"] is False, f"{page.relative} is marked changed as soon as it opens"


def test_shows_no_test_machinery(opened):
    """Nbval reads cell tags; learners must not read NBVAL comments."""
    page, before = opened
    assert "NBVAL" not in before["text"], f"{page.relative} shows an NBVAL comment"


def test_every_widget_and_drawing_shows_a_picture_before_running(opened):
    """Opened untrusted (as from a fresh clone) and before running, a widget
    showed "VBox(children=(HBox(..." and the graph "Graph(nodes=5, edges=4)"."""
    page, before = opened
    stored = [c for c in page.stored["cells"] if c["cell_type"] == "code"]
    for number, (cell, view) in enumerate(zip(stored, before["views"], strict=True), start=1):
        for output, shown in zip(cell.get("outputs", []), view, strict=False):
            data = output.get("data", {})
            rich = {"application/vnd.jupyter.widget-view+json", "image/svg+xml",
                    "image/png"} & set(data)
            if rich:
                assert any(i["loaded"] for i in shown["images"]), (
                    f"{page.relative}, code cell {number}: a {sorted(rich)} output shows no "
                    f"picture before running; it shows {shown['text'][:80]!r}"
                )


def test_run_all_reproduces_every_compared_output(opened):
    """After Run All in the browser, every output nbval compares equals the stored one, and no
    cell fails unless tagged raises-exception. (Catches values the front end changes behind the
    code's back.)"""
    page, _ = opened
    cells = [c for c in page.cells() if c["type"] == "code"]
    stored = [c for c in page.stored["cells"] if c["cell_type"] == "code"]
    assert len(cells) == len(stored)
    problems = []
    for number, (cell, old) in enumerate(zip(cells, stored, strict=True), start=1):
        markers = cell_markers(old)
        if "nbval-skip" in markers:
            continue
        errors = [o for o in cell["outputs"] if o["output_type"] == "error"]
        if errors and "raises-exception" not in markers:
            problems.append(f"code cell {number}: {errors[0]['ename']}: {errors[0]['evalue']}")
        if "nbval-ignore-output" in markers:
            continue
        got, want = text_outputs(cell["outputs"]), text_outputs(old.get("outputs", []))
        if got != want:
            problems.append(f"code cell {number}:\n  stored: {want}\n  in the browser: {got}")
    assert not problems, f"{page.relative} after Run All in the browser:\n" + "\n".join(problems)


def test_figures_are_images_and_widgets_are_live_controls(opened):
    page, _ = opened
    cells = [c for c in page.cells() if c["type"] == "code"]
    views = page.output_views()
    for number, (cell, view) in enumerate(zip(cells, views, strict=True), start=1):
        assert len(view) == len(cell["outputs"]), f"code cell {number}: outputs not all shown"
        for output, shown in zip(cell["outputs"], view, strict=True):
            data = output.get("data", {})
            where = f"{page.relative}, code cell {number}"
            if "application/vnd.jupyter.widget-view+json" in data:
                assert shown["widget"], f"{where}: the widget is not drawn as controls"
                assert "Error displaying widget" not in shown["text"], shown["text"]
            if {"image/png", "application/vnd.jupyter.widget-view+json"} & set(data):
                assert shown["images"], f"{where}: no picture ({shown['text'][:80]!r})"
                assert all(i["loaded"] for i in shown["images"]), f"{where}: {shown}"


def last_summaries(notebook: dict) -> dict[str, str]:
    """``{name: stored text}`` of the last compared ``name.summary()`` cell of each explorer."""
    found = {}
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code" or "nbval-ignore-output" in cell_markers(cell):
            continue
        last = "".join(cell["source"]).strip().splitlines()[-1:]
        match = re.fullmatch(r"(\w+)\.summary\(\)", last[0].strip()) if last else None
        texts = text_outputs(cell.get("outputs", []))
        if match and texts and texts[-1][0] == "text/plain":
            found[match.group(1)] = texts[-1][1]
    return found


def test_values_set_by_code_stay_set(opened):
    """The front end snapped values set from Python to its slider grid and
    sent them back after later cells ran: after Run All the 2-D explorer held Rosenbrock with
    learning rate 0.631 and start y 0.01 instead of 0.001 and 2.0. A while after the run, each
    explorer must still hold what the notebook's code set last (its last stored summary)."""
    page, _ = opened
    expected = last_summaries(page.stored)
    if not expected:
        pytest.skip("no explorer summaries in this notebook")
    page.page.wait_for_timeout(1500)  # time for any message from the front end to arrive
    for name, text in expected.items():
        setup = "from IPython.lib.pretty import pretty"
        shown = page.evaluate(f"pretty({name}.summary())", setup=setup)
        assert shown == text, f"{page.relative}: {name} changed after the code set it"


def test_each_explorer_shows_its_own_sections_case_after_run_all(opened):
    """After Run All the sections' later cells had moved the shown explorers on:
    the sin explorer under "where the derivative vanishes" showed x³ − 3x at 1, the control-flow
    one 1000/512 while the prose discusses 1.5 and 1024, the saddle another start. Each explorer
    must hold its own heading's case (explorer_checks.SECTION_CLAIMS)."""
    page, _ = opened
    views = [v for v in explorer_views(page) if v.cell_id in SECTION_CLAIMS]
    if not views:
        pytest.skip("no explorers of notebook 03 here")
    assert {v.cell_id for v in views} == set(SECTION_CLAIMS), page.relative
    for view in views:
        check_section_claim(view)


# The controls are used in one language per front end (the code is the same in every language)
INTERACTIVE = {("lab", "en"), ("notebook7", "tr")}


def test_every_control_of_every_explorer(opened):
    """Every drop-down option, every slider (mouse and keyboard) and
    every check box of the first explorer of each kind in the notebook; see explorer_checks.py."""
    page, _ = opened
    if (page.front, page.relative.split("/")[1]) not in INTERACTIVE:
        pytest.skip("the controls are used in " + ", ".join(sorted(map("-".join, INTERACTIVE))))
    views = explorer_views(page)
    if not views:
        pytest.skip("no widgets in this notebook")
    kinds = set()
    for view in views:
        kind = view.state()["kind"]
        if kind not in kinds:
            kinds.add(kind)
            view.output.scroll_into_view_if_needed()
            use_every_control(view)


LABELS_CUT = """el => {
    const cut = [];
    for (const label of el.querySelectorAll('.widget-label, .widget-label-basic span')) {
        if (label.offsetParent !== null && label.scrollWidth > label.clientWidth + 1)
            cut.push(label.textContent);
    }
    const context = document.createElement('canvas').getContext('2d');
    for (const select of el.querySelectorAll('select')) {
        context.font = getComputedStyle(select).font;
        for (const option of select.options) {
            // the text, the padding and the arrow must fit
            if (context.measureText(option.text).width + 28 > select.clientWidth)
                cut.push('option ' + option.text);
        }
    }
    return cut;
}"""


def test_widget_texts_are_not_cut_and_a_widget_fits_on_one_screen(opened):
    """Labels were cut ("öğrenme …", "laju pemb…", "jumlah la…") and so was
    the Rosenbrock option; the picture was stretched to the output width, so the slider and
    the curve did not fit on one screen."""
    page, _ = opened
    views = explorer_views(page)
    if not views:
        pytest.skip("no widgets in this notebook")
    viewport = page.page.viewport_size["height"]
    for view in views:
        assert view.output.evaluate(LABELS_CUT) == [], page.relative
        box = view.output.bounding_box()
        assert box["height"] < viewport - 100, f"{page.relative}: a widget is {box['height']} px"
        for image in view.output.locator("img.widget-image").all():
            natural, shown = image.evaluate(
                "i => [i.naturalWidth, i.getBoundingClientRect().width]"
            )
            # two image pixels per CSS pixel: sharp at a device pixel ratio of 2
            assert shown * 2 == natural, (
                f"{page.relative}: picture {natural} px shown at {shown} px"
            )


def _reopen_checks(page, text: str, name: str, trust: bool) -> None:
    """Write ``text`` as a new notebook beside the one open (a new path: a new kernel, which
    knows none of the old widgets), trust it if asked, open it and check, before running, that
    every output with a picture shows it and none says "Error displaying widget"."""
    server = page.server
    relative = str(Path(page.relative).with_name(name).as_posix())
    (server.root / relative).write_text(text, encoding="utf-8")
    if trust:  # as "Trust Notebook" does: the server's notary signs it
        env = {**os.environ, "JUPYTER_DATA_DIR": str(server.workdir / "data"),
               "JUPYTER_CONFIG_DIR": str(server.workdir / "config")}
        subprocess.run([sys.executable, "-m", "jupyter", "trust", str(server.root / relative)],
                       env=env, check=True, capture_output=True)
    browser_page = page.page.context.new_page() if page.front == "notebook7" else page.page
    reopened = NotebookPage(browser_page, server, relative, page.front)
    reopened.open()
    try:
        browser_page.wait_for_timeout(1500)  # time for a widget view to give up on its model
        stored = [c for c in reopened.stored["cells"] if c["cell_type"] == "code"]
        views = reopened.output_views()
        pictures = 0
        for number, (cell, view) in enumerate(zip(stored, views, strict=True), start=1):
            for output, shown in zip(cell.get("outputs", []), view, strict=False):
                where = f"{relative}, code cell {number}"
                assert "Error displaying widget" not in shown["text"], where
                if "image/png" in output.get("data", {}):
                    assert shown["images"] and all(i["loaded"] for i in shown["images"]), (
                        f"{where}: no picture ({shown['text'][:80]!r})"
                    )
                    pictures += 1
        assert pictures >= 1, relative
    finally:
        reopened.close()
        (server.root / relative).unlink(missing_ok=True)


def test_a_saved_notebook_shows_its_pictures_when_opened_again(opened):
    """Saved (or autosaved) after a run and opened again once its kernel was
    gone, and also opened fresh and trusted before running, every explorer showed "Error
    displaying widget: model not found" instead of its picture. Saved, the file keeps only the
    pictures (autodiff_tr.learn.saving, the server's pre-save hook), and the page keeps its
    live widgets."""
    page, _ = opened
    if not any("image/png" in o.get("data", {}) and page.relative.split("/")[-1][:2] == "03"
               for c in page.stored["cells"] for o in c.get("outputs", [])):
        pytest.skip("no explorers in this notebook")
    stored_text = (page.server.root / page.relative).read_text(encoding="utf-8")
    page.save()
    saved = json.loads((page.server.root / page.relative).read_text(encoding="utf-8"))
    views = [o for c in saved["cells"] for o in c.get("outputs", [])
             if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert views == [], "the saved file still points to the kernel's widgets"
    assert "widgets" not in saved["metadata"]
    live = [v for v in page.output_views() for o in v if o["widget"]]
    assert live, "saving took the live widgets out of the page"
    saved_text = (page.server.root / page.relative).read_text(encoding="utf-8")
    _reopen_checks(page, saved_text, "reopened-after-save.ipynb", trust=False)
    _reopen_checks(page, stored_text, "stored-and-trusted.ipynb", trust=True)
