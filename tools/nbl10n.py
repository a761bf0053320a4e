"""The notebooks' translation workflow: English source notebooks + gettext catalogs -> notebooks.

    python tools/nbl10n.py all        # extract -> update -> build -> execute (the usual command)
    python tools/nbl10n.py extract    # notebooks/en/*.ipynb -> l10n/notebooks/<notebook>.pot
    python tools/nbl10n.py update     # merge each .pot into l10n/notebooks/<lang>/LC_MESSAGES/
    python tools/nbl10n.py build      # notebooks/<lang>/<notebook>.ipynb from source + catalog
    python tools/nbl10n.py execute    # store the outputs of notebooks/en and every built notebook

The source of every notebook is `notebooks/en/<notebook>.ipynb`. Each markdown paragraph and each
code comment of it is one gettext message, with the cell id as its context (`msgctxt`), so the same
English sentence can be translated differently in two cells. Extraction, update and reading of the
catalogs are Babel's (`pybabel extract` with the extraction method below, named in
`l10n/notebooks/babel.cfg`; `pybabel update`, which marks an entry fuzzy when its English
changed).

Why the builder is hand-written: Babel extracts from Python and templates, not notebooks, and the
tools that translate Markdown through gettext (mdpo, po4a, sphinx-intl) work on Markdown files or
rendered documents; none writes a notebook back with its cell ids, tags and code kept byte for byte
and only the code comments translated. That part is the ~100 lines below, on nbformat and Babel.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tokenize
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
SOURCE = NOTEBOOKS / "en"
LOCALE = REPO / "l10n" / "notebooks"  # the translators' files, away from the learners' folder
BABEL_CFG = LOCALE / "babel.cfg"
EXECUTE = REPO / "tools" / "execute_notebooks.py"

# Babel options shared by the commands here and docs/translating.md.
EXTRACT_OPTIONS = [
    "--no-location",
    "--width=100",
    "--project=autodiff-tr notebooks",
    "--version=0.1.0",
    "--copyright-holder=the autodiff-tr authors (CC BY-SA 4.0, see notebooks/LICENSE)",
]
# No --previous: Babel 2.x writes a long previous msgid ("#| msgid") in a form GNU gettext, and so
# Poedit, cannot parse (msgfmt: "end-of-line within string"); `git diff notebooks/en` shows instead
# what changed in the English.
UPDATE_OPTIONS = ["--ignore-obsolete", "--ignore-pot-creation-date", "--width=100"]

_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_COMMENT_PREFIX = re.compile(r"#\s?")


# --------------------------------------------------------------------------- segments


@dataclass(frozen=True)
class Segment:
    """One translatable unit: a markdown paragraph or a code comment of one cell."""

    cell_id: str
    kind: str  # "markdown" or "comment"
    text: str


def paragraphs(markdown: str) -> list[str]:
    """Blocks of markdown separated by blank lines; a fenced code block is never split."""
    blocks: list[list[str]] = [[]]
    fenced = False
    for line in markdown.strip("\n").split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        if not line.strip() and not fenced:
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(line)
    return ["\n".join(b) for b in blocks if b]


def code_comments(code: str) -> list[tokenize.TokenInfo]:
    """The comment tokens of a code cell (the tokenizer keeps a `#` inside a string as code)."""
    tokens = tokenize.generate_tokens(io.StringIO(code).readline)
    return [t for t in tokens if t.type == tokenize.COMMENT]


def comment_text(token: tokenize.TokenInfo) -> str:
    return _COMMENT_PREFIX.sub("", token.string, count=1).rstrip()


def segments(nb) -> Iterator[Segment]:
    """The translatable segments of an English source notebook, in order."""
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            for para in paragraphs(cell["source"]):
                yield Segment(cell["id"], "markdown", para)
        elif cell["cell_type"] == "code":
            for token in code_comments(cell["source"]):
                if comment_text(token):
                    yield Segment(cell["id"], "comment", comment_text(token))


# --------------------------------------------------------------------------- Babel extractor


def extract_notebook(fileobj, keywords, comment_tags, options):
    """Babel extraction method for .ipynb (named in l10n/notebooks/babel.cfg).

    Yields each segment as a `pgettext(cell_id, text)` call, so the cell id becomes the message's
    context; the line number is the cell's position (1-based).
    """
    nb = nbformat.reads(fileobj.read().decode("utf-8"), as_version=4)
    position = {cell["id"]: i + 1 for i, cell in enumerate(nb["cells"])}
    for seg in segments(nb):
        notes = ["a comment in code: one line"] if seg.kind == "comment" else []
        yield position[seg.cell_id], "pgettext", (seg.cell_id, seg.text), notes


# --------------------------------------------------------------------------- builder

Translate = Callable[[str, str], "str | None"]


def translate_markdown(cell_id: str, markdown: str, translate: Translate) -> str:
    out = []
    for para in paragraphs(markdown):
        out.append(translate(cell_id, para) or para)
    return "\n\n".join(out)


def translate_code(cell_id: str, code: str, translate: Translate) -> str:
    """The same code with each comment replaced by its translation; nothing else changes."""
    lines = code.split("\n")
    for token in reversed(code_comments(code)):
        text = comment_text(token)
        new = translate(cell_id, text) if text else None
        if new is None:
            continue
        if "\n" in new:
            raise ValueError(f"cell {cell_id}: the translation of comment {text!r} has a newline")
        row, col = token.start
        prefix = token.string[: len(token.string) - len(token.string.lstrip("#"))]
        lines[row - 1] = lines[row - 1][:col] + f"{prefix} {new}" + lines[row - 1][token.end[1] :]
    return "\n".join(lines)


def build_notebook(source, lang: str, translate: Translate, previous=None):
    """The notebook of `lang` built from the English `source` and a translation function.

    Code, cell ids, tags and metadata come from the source; markdown paragraphs and comments are
    translated (the English stays where `translate` returns None). Outputs of `previous` (the
    notebook built before) are kept for code cells whose source did not change, so a change of
    prose alone needs no new run.
    """
    nb = nbformat.from_dict(source)
    nb = nbformat.reads(nbformat.writes(nb), as_version=4)  # deep copy
    nb.metadata.pop("widgets", None)  # state of a run, not of the source
    nb.metadata.setdefault("autodiff_tr", {})["language"] = lang
    old = {c["id"]: c for c in previous["cells"]} if previous is not None else {}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = translate_markdown(cell.id, cell.source, translate)
        elif cell.cell_type == "code":
            cell.source = translate_code(cell.id, cell.source, translate)
            before = old.get(cell.id)
            if before is not None and before["source"] == cell.source:
                cell.outputs = before["outputs"]
                cell.execution_count = before["execution_count"]
            else:
                cell.outputs, cell.execution_count = [], None
    if previous is not None and "widgets" in previous.get("metadata", {}):
        nb.metadata["widgets"] = previous["metadata"]["widgets"]
    return nb


def read_catalog(path: Path):
    from babel.messages.pofile import read_po

    with open(path, "rb") as f:
        return read_po(f)


def catalog_translator(catalog) -> Translate:
    """Translations of a Babel catalog; fuzzy and empty entries count as missing."""

    def translate(context: str, msgid: str) -> str | None:
        message = catalog.get(msgid, context=context)
        if message is None or message.fuzzy or not message.string:
            return None
        return message.string

    return translate


# --------------------------------------------------------------------------- commands


def source_notebooks() -> list[Path]:
    return sorted(SOURCE.glob("*.ipynb"))


def languages() -> list[str]:
    return sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES").is_dir())


def pybabel(*args: str, cwd: Path = REPO) -> None:
    """Run a pybabel command (Babel's own command line, in a process with the repo on the path
    so that it finds the extraction method), from the repository's root by default."""
    print("pybabel", " ".join(args), flush=True)
    code = (
        f"import sys; sys.path.insert(0, {str(REPO)!r}); "
        "from babel.messages.frontend import main; sys.argv[0] = 'pybabel'; main()"
    )
    subprocess.run([sys.executable, "-c", code, *args], check=True, cwd=cwd)


def template(nb: Path) -> Path:
    return LOCALE / f"{nb.stem}.pot"


def catalog_path(lang: str, nb: Path) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{nb.stem}.po"


def drop_format_flags(path: Path) -> None:
    """Drop Babel's `python-brace-format` and `python-format` flags from every entry.

    Babel sets them on a message with braces or a percent sign; in a notebook those are LaTeX
    (`e^{x}`, `0{,}5`) and prose ("1% of"), never format fields, and with the flags
    `msgfmt --check` would reject a translation's decimal comma or "1 % der".
    """

    def without_format_flags(match: re.Match) -> str:
        flags = [f.strip() for f in match.group(1).split(",")]
        kept = [f for f in flags if f not in ("python-brace-format", "python-format")]
        return f"#, {', '.join(kept)}\n" if kept else ""

    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^#,(.*)\n", without_format_flags, text, flags=re.M), encoding="utf-8")


def extract() -> None:
    for nb in source_notebooks():
        pybabel("extract", "-F", rel(BABEL_CFG), "-o", rel(template(nb)), *EXTRACT_OPTIONS, rel(nb))
        drop_format_flags(template(nb))


def update() -> None:
    for nb in source_notebooks():
        pybabel(
            "update", "-i", rel(template(nb)), "-d", rel(LOCALE), "-D", nb.stem,
            *UPDATE_OPTIONS,
        )  # fmt: skip
        for lang in languages():
            drop_format_flags(catalog_path(lang, nb))


def build() -> list[Path]:
    """Write notebooks/<lang>/<notebook>.ipynb for every source notebook and language."""
    written = []
    for nb_path in source_notebooks():
        source = nbformat.read(nb_path, as_version=4)
        for lang in languages():
            translate = catalog_translator(read_catalog(catalog_path(lang, nb_path)))
            target = NOTEBOOKS / lang / nb_path.name
            previous = nbformat.read(target, as_version=4) if target.exists() else None
            built = build_notebook(source, lang, translate, previous)
            missing = sum(translate(s.cell_id, s.text) is None for s in segments(source))
            if missing:
                print(f"{rel(target)}: {missing} entries untranslated or fuzzy, left in English")
            if previous is None or nbformat.writes(built) != nbformat.writes(previous):
                target.parent.mkdir(exist_ok=True)
                nbformat.write(built, target)
                written.append(target)
                print(f"built {rel(target)}")
    return written


def execute(paths: list[Path] | None = None) -> None:
    if paths is None:
        paths = source_notebooks() + [
            NOTEBOOKS / lang / nb.name for lang in languages() for nb in source_notebooks()
        ]
    subprocess.run([sys.executable, str(EXECUTE), *map(str, paths)], check=True, cwd=REPO)


def rel(path: Path) -> str:
    return str(path.relative_to(REPO))


def main(argv: list[str]) -> None:
    commands = {"extract": extract, "update": update, "build": build, "execute": execute}
    if not argv or any(a not in [*commands, "all"] for a in argv):
        sys.exit(__doc__)
    for name in argv:
        for step in ["extract", "update", "build", "execute"] if name == "all" else [name]:
            commands[step]()


if __name__ == "__main__":
    main(sys.argv[1:])
