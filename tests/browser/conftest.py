"""A real browser on the notebooks: JupyterLab and Notebook 7 in Debian's Chromium via Playwright.

One Jupyter server (it serves JupyterLab at /lab and Notebook 7 at /notebooks) and one Chromium
for the whole session, both stopped at the end whatever happens. The server runs on 127.0.0.1 on a
free port, with its own token, and with temporary config, data, runtime and settings folders, on a
temporary COPY of notebooks/: nothing a test does in the browser (a save, an autosave, a
checkpoint) can touch the repository's files, and the copy is untrusted, as a fresh clone is.

Without Chromium or Playwright the tests are skipped with the command that installs them; where
the environment variable CI is set they fail instead (as the spelling test does). Finding and
launching Chromium is tests/chromium_launcher.py's, shared with the book's tests.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from notebook_page import ROOT

sys.path.insert(0, str(ROOT / "tests"))  # for chromium_launcher, shared with tests/book
from chromium_launcher import chromium_fixture  # noqa: E402

ARTIFACTS = ROOT / "test-artifacts"
# JupyterLab settings for the session: render every cell (no windowing, so every output is in the
# page), never save by itself, no news or update pop-ups over the notebook
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class JupyterServer:
    """A running Jupyter server: ``url(path)``, ``api(path)``, ``root`` (the notebooks' copy)."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.root = workdir / "root"
        self.token = secrets.token_hex(16)
        self.port = _free_port()
        self.runtime_dir = workdir / "runtime"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        shutil.copytree(
            ROOT / "notebooks",
            self.root / "notebooks",
            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
        )
        settings = self.workdir / "lab-settings"
        for plugin, values in LAB_SETTINGS.items():
            package, name = plugin.rsplit("/", 1)
            path = settings / package / f"{name}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values), encoding="utf-8")
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("JUPYTER", "AUTODIFF_TR_LANG"))
        }
        env.update(
            JUPYTER_CONFIG_DIR=str(self.workdir / "config"),
            JUPYTER_DATA_DIR=str(self.workdir / "data"),  # a fresh notary: notebooks untrusted
            JUPYTER_RUNTIME_DIR=str(self.runtime_dir),
            JUPYTERLAB_SETTINGS_DIR=str(settings),
            JUPYTERLAB_WORKSPACES_DIR=str(self.workdir / "workspaces"),
            IPYTHONDIR=str(self.workdir / "ipython"),
            MPLCONFIGDIR=str(self.workdir / "matplotlib"),
            # the kernels are this Python, and import this checkout's autodiff_tr
            PATH=str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""),
            PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
        )
        log = open(self.workdir / "server.log", "wb")  # noqa: SIM115 - closed in stop()
        self._log = log
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyter",
                "lab",
                "--no-browser",
                "--ServerApp.ip=127.0.0.1",
                f"--ServerApp.port={self.port}",
                "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={self.token}",
                f"--ServerApp.root_dir={self.root}",
                "--LabApp.expose_app_in_browser=True",
                "--JupyterNotebookApp.expose_app_in_browser=True",
                "--LabApp.news_url=",
                "--ServerApp.allow_root=True",  # CI runs as root
                "--ServerApp.terminals_enabled=False",
                "--LabApp.extension_manager=readonly",  # no queries to PyPI
                # as the README's open command: a save keeps the explorers' pictures
                "--ContentsManager.pre_save_hook=autodiff_tr.learn.saving.keep_pictures",
            ],
            cwd=self.root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                self.api("status")
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    text = (self.workdir / "server.log").read_text(errors="replace")
                    raise RuntimeError(f"Jupyter server did not start:\n{text[-3000:]}") from None
                time.sleep(0.2)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}?token={self.token}"

    def api(self, path: str, method: str = "GET"):
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/api/{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # the server shuts its kernels down on SIGTERM
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "_log", None):
            self._log.close()


chromium = chromium_fixture(
    "session", "One Chromium for the session (Playwright drives the installed Debian package)."
)


@pytest.fixture(scope="session")
def jupyter(chromium, tmp_path_factory):
    """One Jupyter server for the session, on a temporary copy of the notebooks."""
    server = JupyterServer(tmp_path_factory.mktemp("jupyter"))
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go (CI keeps the folder; git ignores it)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
