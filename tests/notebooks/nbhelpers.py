"""Helpers shared by the notebook tests: discovery, comment stripping, prose extraction.

Everything here works on plain ``dict`` notebooks as read by :func:`load_notebook` (nbformat 4
JSON), so the checks can be unit-tested on notebooks built in memory.
"""

from __future__ import annotations

import io
import json
import re
import tokenize
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = REPO / "notebooks"
WORDLIST_DIR = Path(__file__).resolve().parent / "wordlists"

#: Languages the project ships: English (the source, notebooks/en) and the translations built from
#: it. Any other folder under notebooks/ that holds notebooks is checked too (and then fails where
#: a language-specific resource is missing).
LANGUAGES = ("en", "tr", "de", "id")

MARKER_RE = re.compile(r"^#\s*(NBVAL_[A-Z_]+)\s*$")


# --------------------------------------------------------------------------- discovery


def discover(root: Path = NOTEBOOK_DIR) -> dict[str, list[Path]]:
    """Map each language folder under ``root`` that contains notebooks to its notebooks."""
    found: dict[str, list[Path]] = {}
    if not root.is_dir():
        return found
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        notebooks = sorted(p for p in folder.glob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
        if notebooks:
            found[folder.name] = notebooks
    return found


def notebook_ids(found: dict[str, list[Path]]) -> list[tuple[str, Path]]:
    return [(lang, p) for lang, paths in found.items() for p in paths]


def load_notebook(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def tags(cell: dict) -> list[str]:
    return sorted(cell.get("metadata", {}).get("tags", []) or [])


# --------------------------------------------------------------------------- code cells


def _tokens(src: str) -> list[tokenize.TokenInfo]:
    """Tokenize cell source; IPython syntax (magics, ``!cmd``) is translated first if needed."""
    try:
        return list(tokenize.generate_tokens(io.StringIO(src).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        from IPython.core.inputtransformer2 import TransformerManager

        src = TransformerManager().transform_cell(src)
        return list(tokenize.generate_tokens(io.StringIO(src).readline))


def comments(src: str) -> list[tuple[int, str]]:
    """The comments of a code cell as ``(line number starting at 1, text including '#')``."""
    return [(t.start[0], t.string) for t in _tokens(src) if t.type == tokenize.COMMENT]


def markers(src: str) -> list[str]:
    """The nbval comment markers (``# NBVAL_...`` lines) of a code cell, in order."""
    found = []
    for _, text in comments(src):
        m = MARKER_RE.match(text.strip())
        if m:
            found.append(m.group(1))
    return found


def comment_prose(src: str) -> str:
    """The prose of a code cell's comments (markers excluded), one comment per line."""
    out = []
    for _, text in comments(src):
        if MARKER_RE.match(text.strip()):
            continue
        out.append(prose(text.lstrip("#").strip()))
    return "\n".join(out)


# --------------------------------------------------------------------------- markdown

_FENCE_RE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
_STRIP_RES = [
    re.compile(r"\$\$.*?\$\$", re.DOTALL),  # display math
    re.compile(r"\\\[.*?\\\]", re.DOTALL),  # \[ ... \]
    re.compile(r"\\begin\{(\w+\*?)\}.*?\\end\{\1\}", re.DOTALL),  # LaTeX environments
    re.compile(r"(?<![\\$])\$(?!\s)[^$]*?(?<![\s\\])\$(?!\d)"),  # inline math
    re.compile(r"\\\(.*?\\\)", re.DOTALL),  # \( ... \)
    re.compile(r"``.*?``|`[^`\n]*`"),  # code spans
    re.compile(r"<!--.*?-->", re.DOTALL),  # HTML comments
    re.compile(r"</?[A-Za-z][^<>]*>"),  # HTML tags
    re.compile(r"!\[[^\]]*\]\([^)]*\)"),  # images
    re.compile(r"(?<=\])\([^)]*\)"),  # link targets: [text](url) keeps text
    re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.MULTILINE),  # link reference definitions
    re.compile(r"<?\b(?:https?|ftp)://[^\s)>]+>?"),  # bare URLs
    re.compile(r"\bwww\.[^\s)>]+"),
    re.compile(r"&[a-zA-Z]+;|&#\d+;"),  # HTML entities
]


def strip_fences(md: str) -> str:
    return _FENCE_RE.sub(" ", md)


def prose(md: str) -> str:
    """Natural-language text of markdown: code, math, URLs and HTML removed."""
    text = strip_fences(md)
    for rx in _STRIP_RES:
        text = rx.sub(" ", text)
    return text


def words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*", text)


def cell_prose(cell: dict) -> str:
    """Prose of any cell: markdown text, or the comments of a code cell."""
    if cell.get("cell_type") == "markdown":
        return prose(source(cell))
    if cell.get("cell_type") == "code":
        return comment_prose(source(cell))
    return ""


def cell_label(index: int, cell: dict) -> str:
    first = next((ln for ln in source(cell).splitlines() if ln.strip()), "")
    return f"cell {index} ({cell.get('cell_type')}: {first[:60]!r})"
