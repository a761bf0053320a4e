"""Driving one notebook in JupyterLab or Notebook 7 from Playwright, and reading what it shows.

The page is read through the front end's own objects (``window.jupyterapp``, exposed by the server
flag ``expose_app_in_browser``) and the DOM: the outputs the front end received, the images it
rendered, the widgets it drew. The kernel behind the page is read through a kernel client on the
connection file the test's own server wrote: that is how a test sees the explorers' state.
"""

from __future__ import annotations

import ast
import json
import re
import threading
import time
from pathlib import Path

from jupyter_client import BlockingKernelClient

ROOT = Path(__file__).resolve().parents[2]
# the notebook panel in either front end
PANEL = "jupyterapp.shell.currentWidget"
MARKER_RE = re.compile(r"^\s*#\s*NBVAL_([A-Z_]+)\s*$", re.M)


def cell_markers(cell: dict) -> set[str]:
    """nbval's instructions for a cell: its tags, and the old ``# NBVAL_...`` comments."""
    tags = {t.lower() for t in cell.get("metadata", {}).get("tags", [])}
    comments = {"nbval-" + m.lower().replace("_", "-") for m in MARKER_RE.findall(
        "".join(cell.get("source", "")))}
    return tags | comments


def text_outputs(outputs: list[dict]) -> list[tuple]:
    """What nbval compares as text, normalised: consecutive stream chunks joined."""
    items: list[tuple] = []
    for output in outputs:
        kind = output["output_type"]
        if kind == "stream":
            text = "".join(output["text"])
            if items and items[-1][0] == "stream" and items[-1][1] == output["name"]:
                items[-1] = ("stream", output["name"], items[-1][2] + text)
            else:
                items.append(("stream", output["name"], text))
        elif kind in ("execute_result", "display_data"):
            data = output.get("data", {})
            for mime in ("text/plain", "text/html", "text/latex", "image/svg+xml"):
                if mime in data:
                    value = data[mime]
                    items.append((mime, "".join(value) if isinstance(value, list) else value))
        elif kind == "error":
            items.append(("error", output["ename"]))
    return items


class NotebookPage:
    """One notebook open in one browser page (``front`` is "lab" or "notebook7")."""

    def __init__(self, page, server, relative: str, front: str):
        self.page = page
        self.server = server
        self.relative = relative  # e.g. "notebooks/tr/03_gradient_explorers.ipynb"
        self.front = front
        self.stored = json.loads((server.root / relative).read_text(encoding="utf-8"))
        self.console_errors: list[str] = []
        page.on(
            "console",
            lambda m: self.console_errors.append(m.text) if m.type == "error" else None,
        )
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        self._client: BlockingKernelClient | None = None

    # -- opening and running ---------------------------------------------------------------
    def open(self) -> None:
        """Open the notebook: Notebook 7 in a page of its own; JupyterLab in the page's running
        JupyterLab (loaded once per session), as a new tab, like a double click in the file
        browser."""
        if self.front == "notebook7":
            self.page.goto(self.server.url("notebooks/" + self.relative))
        else:
            if not self.page.url.startswith(self.server.url("lab").split("?")[0]):
                self.page.goto(self.server.url("lab"))
                self.page.wait_for_function(
                    "() => window.jupyterapp && window.jupyterapp.shell", timeout=90_000
                )
                self.page.evaluate("async () => { await jupyterapp.restored; }")
                self.page.evaluate("() => jupyterapp.shell.collapseLeft()")
            self.page.evaluate(
                """async (path) => {
                    const w = await jupyterapp.commands.execute(
                        'docmanager:open', {path, factory: 'Notebook'});
                    await w.context.ready;
                    jupyterapp.shell.activateById(w.id);
                }""",
                self.relative,
            )
        self.wait_for_kernel(timeout=90)
        assert self.page.evaluate(f"() => {PANEL}.context.path") == self.relative

    def wait_for_kernel(self, timeout: float) -> None:
        self.page.wait_for_function(
            f"""() => {{
                const p = window.jupyterapp && {PANEL};
                const k = p && p.sessionContext && p.sessionContext.session
                    && p.sessionContext.session.kernel;
                return !!(k && k.status === 'idle' && p.context && p.context.isReady
                    && p.content.widgets.length > 0);
            }}""",
            timeout=timeout * 1000,
        )

    def dirty(self) -> bool:
        return self.page.evaluate(f"() => {PANEL}.context.model.dirty")

    def run_all(self, timeout: float = 180) -> float:
        """Run → Run All Cells from the menu bar; wait until every cell ran. Returns seconds."""
        start = time.monotonic()
        self.page.get_by_role("menuitem", name="Run", exact=True).click()
        self.page.get_by_role("menuitem", name=re.compile(r"^Run All Cells")).first.click()
        self.page.wait_for_function(
            f"""() => {{
                const p = {PANEL};
                const k = p.sessionContext.session.kernel;
                if (!k || k.status !== 'idle') return false;
                const code = p.content.widgets.filter(c => c.model.type === 'code');
                if (code.some(c => (c.promptNode.textContent || '').includes('*'))) return false;
                const failed = code.some(c => c.model.outputs.toJSON()
                    .some(o => o.output_type === 'error'));
                const counts = code.map(c => c.model.executionCount);
                return failed || counts[counts.length - 1] === code.length;
            }}""",
            timeout=timeout * 1000,
            polling=200,
        )
        return time.monotonic() - start

    # -- what the front end holds and shows ------------------------------------------------
    def cells(self) -> list[dict]:
        """Per cell: type, tags, execution count and the outputs the front end holds."""
        return self.page.evaluate(
            f"""() => {PANEL}.content.widgets.map(c => ({{
                id: c.model.id,
                type: c.model.type,
                count: c.model.type === 'code' ? c.model.executionCount : null,
                outputs: c.model.type === 'code' ? c.model.outputs.toJSON() : [],
            }}))"""
        )

    def output_views(self) -> list[dict]:
        """Per code cell and output: how the DOM shows it (images loaded, widgets, text)."""
        return self.page.evaluate(
            f"""() => {PANEL}.content.widgets.map((c, i) => c.model.type !== 'code' ? null :
                Array.from(c.node.querySelectorAll('.jp-OutputArea-output')).map(o => ({{
                    cell: i,
                    images: Array.from(o.querySelectorAll('img')).map(img => ({{
                        loaded: img.complete && img.naturalWidth > 0,
                        natural: [img.naturalWidth, img.naturalHeight],
                        shown: [img.getBoundingClientRect().width,
                                img.getBoundingClientRect().height],
                    }})),
                    widget: !!o.querySelector('.jupyter-widgets.widget-vbox, .widget-vbox'),
                    sliders: o.querySelectorAll('.widget-slider .noUi-handle').length,
                    text: o.innerText.slice(0, 300),
                    svg: o.querySelectorAll('svg').length,
                }}))
            ).filter(x => x !== null)"""
        )

    def active_cell(self) -> int:
        """The index of the notebook's selected cell."""
        return self.page.evaluate(f"() => {PANEL}.content.activeCellIndex")

    def save(self) -> None:
        """Save the notebook (as Ctrl+S does) and wait until it is written."""
        self.page.evaluate(f"async () => {{ await {PANEL}.context.save(); }}")

    def visible_text(self) -> str:
        return self.page.evaluate(f"() => {PANEL}.content.node.innerText")

    # -- screenshots -----------------------------------------------------------------------
    def screenshot(self, stem: Path, width: int = 1100, part: int = 1600) -> list[Path]:
        """The whole notebook as PNGs ``<stem>-1.png``, ``-2.png``... of at most ``part`` pixels
        height each (small enough to look at): the page is made as tall as the notebook."""
        old = self.page.viewport_size
        # the element that scrolls the notebook (it differs between the front ends)
        height = self.page.evaluate(
            f"""() => {{
                let best = null;
                for (const n of [{PANEL}.node, ...{PANEL}.node.querySelectorAll('*')]) {{
                    const extra = n.scrollHeight - n.clientHeight;
                    if (extra > 0 && (!best || extra > best.scrollHeight - best.clientHeight))
                        best = n;
                }}
                if (!best) return window.innerHeight;
                best.scrollTop = 0;
                return best.scrollHeight + (window.innerHeight - best.clientHeight);
            }}"""
        )
        height = min(int(height), 40000)
        self.page.set_viewport_size({"width": width, "height": height})
        self.page.wait_for_timeout(300)
        paths = []
        for number, top in enumerate(range(0, height, part), start=1):
            path = stem.with_name(f"{stem.name}-{number}.png")
            clip = {"x": 0, "y": top, "width": width, "height": min(part, height - top)}
            self.page.screenshot(path=str(path), clip=clip)
            paths.append(path)
        self.page.set_viewport_size(old)
        return paths

    # -- the kernel behind the page --------------------------------------------------------
    def kernel(self) -> BlockingKernelClient:
        if self._client is None:
            kernel_id = self.page.evaluate(f"() => {PANEL}.sessionContext.session.kernel.id")
            client = BlockingKernelClient()
            client.load_connection_file(str(self.server.runtime_dir / f"kernel-{kernel_id}.json"))
            client.start_channels()
            client.wait_for_ready(timeout=30)
            self._client = client
        return self._client

    def evaluate(self, expression: str, setup: str = ""):
        """The value of a Python expression in the notebook's kernel (as JSON).

        Runs silently: no execution count, nothing shown in the notebook.
        """
        client = self.kernel()
        code = f"{setup}\nimport json as _json\n_browser_test_value = _json.dumps({expression})"
        msg_id = client.execute(code, silent=True, store_history=False,
                                user_expressions={"v": "_browser_test_value"})
        reply = client.get_shell_msg(timeout=60)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = client.get_shell_msg(timeout=60)
        content = reply["content"]
        if content["status"] != "ok":
            raise RuntimeError(f"kernel: {content.get('ename')}: {content.get('evalue')}")
        value = content["user_expressions"]["v"]
        if value["status"] != "ok":
            raise RuntimeError(f"kernel: {value.get('ename')}: {value.get('evalue')}")
        return json.loads(ast.literal_eval(value["data"]["text/plain"]))  # repr of a str

    def close(self) -> None:
        """Close the notebook without saving and shut its kernel down."""
        if self._client is not None:
            self._client.stop_channels()
        session = self.page.evaluate(
            f"""() => {{
                const p = {PANEL};
                const id = p.sessionContext.session && p.sessionContext.session.id;
                p.dispose();  // closes the tab, never asks to save
                return id;
            }}"""
        )
        if self.front == "notebook7":
            self.page.close()
        if session:  # shut the kernel down in the background; the next notebook need not wait
            threading.Thread(
                target=self.server.api, args=(f"sessions/{session}", "DELETE"), daemon=True
            ).start()
