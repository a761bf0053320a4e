"""The repository passes `ruff check` and `ruff format --check` (configuration in pyproject.toml;
`.pre-commit-config.yaml` runs both before a commit)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_ruff_check():
    pytest.importorskip("ruff", reason='install the test extra: python -m pip install -e ".[test]"')
    # The whole repository: package, tests, notebooks, benchmarks (.venv is excluded in
    # pyproject.toml, and ruff skips what .gitignore lists).
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"ruff check failed:\n{result.stdout}{result.stderr}", pytrace=False)


def test_ruff_format():
    pytest.importorskip("ruff", reason='install the test extra: python -m pip install -e ".[test]"')
    # One style everywhere: `ruff format .` writes it (what it leaves alone: pyproject.toml).
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "."],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail(
            f"ruff format --check failed (run `ruff format .`):\n{result.stdout}{result.stderr}",
            pytrace=False,
        )
