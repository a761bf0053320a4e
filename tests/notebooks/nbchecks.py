"""Checks on notebooks, each returning a list of problems (empty list: all good).

Kept apart from the test modules so that tests/notebooks/test_nbchecks.py can show that every
check fails on a notebook that is wrong (notebooks built in memory, never stored as .ipynb under
tests/, where nbval would collect them).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from nbhelpers import (
    WORDLIST_DIR,
    cell_label,
    cell_prose,
    markers,
    prose,
    source,
    tags,
    words,
)

# --------------------------------------------------------------------------- metadata


def kernel_display_name() -> str:
    """The display name Jupyter writes into a notebook it opens with the `python3` kernel: that of
    the installed kernelspec (ipykernel's kernel.json). A notebook storing another name is
    rewritten, and so marked changed, the moment it is opened."""
    from jupyter_client.kernelspec import KernelSpecManager

    return KernelSpecManager().get_kernel_spec("python3").display_name


def metadata_problems(nb: dict, lang: str, display_name: str | None = None) -> list[str]:
    problems = []
    if nb.get("nbformat") != 4:
        problems.append(f"nbformat is {nb.get('nbformat')!r}, expected 4")
    kernelspec = nb.get("metadata", {}).get("kernelspec", {})
    if kernelspec.get("name") != "python3":
        problems.append(f"kernelspec name is {kernelspec.get('name')!r}, expected 'python3'")
    if display_name is not None and kernelspec.get("display_name") != display_name:
        problems.append(
            f"kernelspec display_name is {kernelspec.get('display_name')!r}; Jupyter rewrites it "
            f"to {display_name!r} on opening, which marks the notebook changed"
        )
    got = nb.get("metadata", {}).get("autodiff_tr", {}).get("language")
    if got != lang:
        problems.append(
            f"metadata autodiff_tr.language is {got!r}, expected {lang!r} (the folder name)"
        )
    return problems


# --------------------------------------------------------------------------- catalogs

_CODE_SPAN_RE = re.compile(r"``.+?``|`[^`\n]+`")
_MATH_RE = re.compile(r"\$\$.+?\$\$|(?<![\\$])\$(?!\s)[^$]+?(?<![\s\\])\$", re.DOTALL)
_URL_RE = re.compile(r"(?:https?|ftp)://[^\s<>()\[\]`]*[^\s<>()\[\]`.,;:!?'\"]")
_PLACEHOLDER_RE = re.compile(
    r"\{[A-Za-z_]\w*(?:![rsa])?(?::[^{}\s]*)?\}|%(?:\([A-Za-z_]\w*\))?[-#0 +]?\d*(?:\.\d+)?[sdifr]"
)
# A formula may write the decimal separator of its language: $0{,}5$ in German and Turkish is
# $0.5$ in English.
_DECIMAL_COMMA_RE = re.compile(r"(?<=\d)\{,\}(?=\d)")


def protected_parts(text: str) -> list[str]:
    """What a translation must keep exactly: code spans, math, URLs and placeholders."""
    spans = _CODE_SPAN_RE.findall(text)
    rest = _CODE_SPAN_RE.sub(" ", text)
    maths = [_DECIMAL_COMMA_RE.sub(".", m) for m in _MATH_RE.findall(rest)]
    rest = _MATH_RE.sub(" ", rest)
    return spans + maths + _URL_RE.findall(rest) + _PLACEHOLDER_RE.findall(rest)


def protected_problems(msgid: str, msgstr: str) -> list[str]:
    """Code spans, formulas, URLs and placeholders of the English that the translation lacks."""
    have = set(protected_parts(msgstr))
    return [part for part in dict.fromkeys(protected_parts(msgid)) if part not in have]


# --------------------------------------------------------------------------- execution

ADDRESS_RE = re.compile(r"0x[0-9a-fA-F]{6,}")
TIMING_RE = re.compile(
    r"Wall time|CPU times|per loop|\bloops?, best of\b|"
    r"\d+(?:\.\d+)?\s*(?:ns|µs|us|ms|s)\s*±|"
    r"\b(?:took|elapsed|Elapsed|dauerte|sürdü|süre)\b[^\n]*\d+(?:\.\d+)?\s*(?:ns|µs|us|ms|s)\b"
)
# Absolute paths of the machine that ran the notebook (warnings print them to stderr); nbval
# compares stream output, so they would make the notebook fail elsewhere.
PATH_RE = re.compile(r"(?:/tmp/ipykernel_\d+|/home/\w+|/root/|/Users/\w+|site-packages|[A-Z]:\\)")
# nbval's tag for a cell whose output is not compared. Learners do not see tags (they would see a
# `# NBVAL_IGNORE_OUTPUT` comment), so the tag replaces the comment marker, and the reason is kept
# where a maintainer finds it: the cell's metadata, under autodiff_tr.ignore_output_reason.
IGNORE_TAG = "nbval-ignore-output"
REASON_KEY = "ignore_output_reason"
FORBIDDEN_TAGS = {"nbval-skip", "nbval-raises-exception", "skip-execution"}


def ignore_reason(cell: dict) -> str:
    return str(cell.get("metadata", {}).get("autodiff_tr", {}).get(REASON_KEY, "")).strip()


def _output_texts(output: dict, compared_only: bool):
    """(field, text) pairs of an output; with compared_only, those nbval compares."""
    kind = output.get("output_type")
    if kind == "stream":
        text = output.get("text", "")
        yield output.get("name", "stream"), "".join(text) if isinstance(text, list) else text
    elif kind in ("execute_result", "display_data"):
        for mime, value in output.get("data", {}).items():
            if mime.startswith("image/") and mime != "image/svg+xml":
                continue
            if isinstance(value, list):
                value = "".join(value)
            yield mime, value if isinstance(value, str) else str(value)
    elif kind == "error":
        yield "ename", output.get("ename", "")
        yield "evalue", output.get("evalue", "")
        if not compared_only:
            yield "traceback", "\n".join(output.get("traceback", []))


RERUN = "store a fresh run with `python tools/execute_notebooks.py NOTEBOOK`"


def execution_problems(nb: dict) -> list[str]:
    """Problems showing the stored outputs are not from a fresh top-to-bottom run."""
    problems = []
    code_cells = [(i, c) for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"]
    counts = [c.get("execution_count") for _, c in code_cells]
    for i, c in code_cells:
        label = cell_label(i, c)
        src = source(c)
        if not src.strip():
            problems.append(f"{label}: empty code cell (remove it)")
            continue
        if c.get("execution_count") is None:
            problems.append(f"{label}: not executed (nbval would not compare its outputs)")
        for out in c.get("outputs", []):
            if out.get("output_type") == "execute_result" and out.get("execution_count") != c.get(
                "execution_count"
            ):
                problems.append(f"{label}: result's execution_count differs from the cell's")
            for field, text in _output_texts(out, compared_only=False):
                if ADDRESS_RE.search(text):
                    problems.append(
                        f"{label}: output {field} contains a memory address "
                        f"{ADDRESS_RE.search(text).group()!r}"
                    )
                if TIMING_RE.search(text):
                    problems.append(
                        f"{label}: output {field} contains a timing "
                        f"{TIMING_RE.search(text).group()!r}"
                    )
            if out.get("output_type") == "error" and len(out.get("traceback", [])) > 1:
                problems.append(
                    f"{label}: the stored error shows a full traceback, with this machine's "
                    f"paths and the package's line numbers: {RERUN}"
                )
            for field, text in _output_texts(out, compared_only=True):
                if PATH_RE.search(text):
                    problems.append(
                        f"{label}: output {field} contains a machine-specific path "
                        f"{PATH_RE.search(text).group()!r}: it cannot match on another machine"
                    )
        problems += _marker_problems(label, src, c)
    expected = list(range(1, len(code_cells) + 1))
    if all(n is not None for n in counts) and counts != expected:
        problems.append(f"execution counts are {counts}, expected {expected}: {RERUN}")
    return problems


def _marker_problems(label: str, src: str, cell: dict) -> list[str]:
    problems = []
    for m in markers(src):
        problems.append(
            f"{label}: comment marker {m} shows test machinery to learners; use the cell tag "
            f"{IGNORE_TAG!r} with the reason in the cell metadata (autodiff_tr.{REASON_KEY})"
        )
    cell_tags = set(tags(cell))
    for t in sorted(cell_tags & FORBIDDEN_TAGS):
        problems.append(f"{label}: tag {t!r} is not allowed (it excludes the cell from checks)")
    ignored = IGNORE_TAG in cell_tags
    if ignored and len(words(ignore_reason(cell))) < 3:
        problems.append(
            f"{label}: tagged {IGNORE_TAG!r} without a reason: say why its output cannot be "
            f"compared in the cell metadata autodiff_tr.{REASON_KEY}"
        )
    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    if "raises-exception" in cell_tags:
        if not errors:
            problems.append(
                f"{label}: tagged raises-exception but has no stored error output, so nbval "
                "cannot notice if it stops raising"
            )
        if ignored:
            problems.append(
                f"{label}: raises-exception together with {IGNORE_TAG}: nbval would "
                "not notice if the cell stopped raising"
            )
    elif errors:
        problems.append(f"{label}: stored error output but no 'raises-exception' tag")
    return problems


# --------------------------------------------------------------------------- language

#: Known mistranslations (mostly from machine-translated reference texts), as
#: ``(language or "*", regex, what to write instead)``. Matched case-insensitively as whole
#: words in markdown prose and in code comments. Turkish entries use a stem plus \w* because
#: Turkish adds suffixes to the word.
MISTRANSLATIONS = [
    ("de", r"Farbverl(?:a|ä)uf\w*", "'Gradient' (Farbverlauf is a colour gradient)"),
    ("de", r"(?:Teil)?[Dd]erivat(?:e|en|s)?", "'Ableitung' (Derivat is a chemical/financial term)"),
    ("de", r"(?:Be)?[Rr]echendiagramm\w*", "'Berechnungsgraph'"),
    ("de", r"Berechnungsdiagramm\w*", "'Berechnungsgraph'"),
    ("de", r"Spielzeugbeispiel\w*", "'einfaches Beispiel'"),
    ("tr", r"farklılaş\w*", "'türev alma' (farklılaşma is differentiation in biology/society)"),
    # The reference's typo for "gradyanını"; bare "radyan" (the angle unit) stays allowed.
    ("tr", r"radyanını", "'gradyanını' (radyan is the angle unit)"),
    ("tr", r"geri yayılım\w*", "'geri yayma' (glossary)"),
    ("id", r"benda-benda", "'objek' (benda is a physical thing)"),
    ("id", r"contoh mainan", "'contoh sederhana'"),
    ("id", r"mengupdate|diupdate", "'memperbarui' / 'diperbarui'"),
    # The English word may follow the glossary term in parentheses, as the original term:
    # "Rückpropagierung (engl. *backpropagation*)", "geri yayma (backpropagation)".
    (
        "*",
        r"(?<!\()(?<!\(\*)(?<!engl\. )(?<!engl\. \*)(?:backpropagatt?ion\w*|backpropogation)",
        "the glossary term for backpropagation (the English word only in parentheses after it)",
    ),
    ("en", r"backpropagattion\w*|backpropogation\w*", "'backpropagation'"),
    ("en", r"back[- ]propagation\w*|backprop", "'backpropagation' (glossary)"),
]

# --------------------------------------------------------------------------- glossary

GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "glossary.md"
#: Glossary rows whose term must appear, in the glossary's form, in every translation of a notebook
#: whose English uses it (the core vocabulary of the lessons; PROJECT.md names the first ones).
GLOSSARY_TERMS = (
    "gradient", "derivative", "backpropagation", "automatic differentiation", "second derivative",
    "partial derivative", "chain rule", "computational graph", "tensor", "scalar", "loss",
    "learning rate", "gradient descent", "finite difference", "tangent line", "saddle point",
)  # fmt: skip
_TR_SOFTENING = {"p": "b", "ç": "c", "t": "d", "k": "ğ"}  # kitap -> kitabı: stems change


def read_glossary(path: Path = GLOSSARY) -> dict[str, dict[str, str]]:
    """``{english term: {language: term}}`` from the table of docs/glossary.md; the language
    codes come from the header row's order (English, Türkçe, Deutsch, Bahasa Indonesia)."""
    codes = ["en", "tr", "de", "id"]
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| ") or line.startswith("| English"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        table[cells[0]] = dict(zip(codes, cells))
    return table


def _bare(term: str) -> str:
    return re.sub(r"\s*\(.*?\)", "", term).strip()


def term_pattern(term: str, lang: str) -> re.Pattern:
    """A glossary term as a regex: each word may take endings (Gradient-en, gradyan-ı), Turkish
    final consonants may soften before them."""
    parts = []
    for word in _bare(term).split():
        stems = [word]
        if lang == "tr" and word[-1] in _TR_SOFTENING:
            stems.append(word[:-1] + _TR_SOFTENING[word[-1]])
        parts.append("(?:" + "|".join(map(re.escape, stems)) + r")\w*")
    return re.compile(r"(?<!\w)" + r"\s+".join(parts), re.IGNORECASE)


def glossary_problems(nb_en: dict, nb: dict, lang: str, glossary: dict) -> list[str]:
    """Core glossary terms the English notebook uses that its translation never writes in the
    glossary's form (a synonym, or the English word, was used instead)."""
    english = " ".join(cell_prose(c) for c in nb_en["cells"])
    translated = " ".join(cell_prose(c) for c in nb["cells"])
    problems = []
    for term in GLOSSARY_TERMS:
        if term not in glossary or not term_pattern(term, "en").search(english):
            continue
        wanted = glossary[term].get(lang, "")
        if wanted and not term_pattern(wanted, lang).search(translated):
            problems.append(
                f"the English uses {term!r}; the translation never writes the glossary's "
                f"{_bare(wanted)!r} (docs/glossary.md)"
            )
    return problems


def mistranslation_problems(nb: dict, lang: str) -> list[str]:
    problems = []
    rules = [
        (re.compile(rf"(?<!\w){rx}(?!\w)", re.IGNORECASE), fix)
        for lg, rx, fix in MISTRANSLATIONS
        if lg == lang or (lg == "*" and lang != "en")  # "*": every translation, not the source
    ]
    for i, c in enumerate(nb["cells"]):
        text = cell_prose(c)
        for rx, fix in rules:
            for m in rx.finditer(text):
                problems.append(f"{cell_label(i, c)}: {m.group()!r} is a mistranslation; use {fix}")
    return problems


# Fewer words than this cannot be identified reliably (and a markdown cell must hold at
# least a full sentence anyway: a heading alone is not a cell).
MIN_WORDS = 4
LINGUA_NAMES = {"en": "ENGLISH", "tr": "TURKISH", "de": "GERMAN", "id": "INDONESIAN"}
# The project's languages plus those they are most easily confused with (Malay for Indonesian,
# Azerbaijani for Turkish, Dutch for German) and English (an untranslated cell).
CANDIDATES = ["TURKISH", "GERMAN", "INDONESIAN", "ENGLISH", "DUTCH", "MALAY", "AZERBAIJANI"]


def build_detector():
    import lingua

    langs = [getattr(lingua.Language, name) for name in CANDIDATES]
    return lingua.LanguageDetectorBuilder.from_languages(*langs).build()


def language_problems(nb: dict, lang: str, detector) -> list[str]:
    """Markdown cells whose prose is not identified as ``lang`` (or too short to tell)."""
    import lingua

    if lang not in LINGUA_NAMES:
        return [f"no language-identification setting for folder {lang!r}"]
    expected = getattr(lingua.Language, LINGUA_NAMES[lang])
    problems = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        text = " ".join(prose(source(cell)).split())
        n_words = len(words(text))
        if n_words == 0:
            continue  # pure math: nothing to identify (the catalog test checks it is translated)
        if n_words < MIN_WORDS:
            problems.append(
                f"{cell_label(i, cell)}: only {n_words} words of prose; a markdown cell needs "
                "at least a full sentence"
            )
            continue
        if detector.detect_language_of(text) != expected:
            top = detector.compute_language_confidence_values(text)[:3]
            scores = ", ".join(f"{c.language.name.lower()} {c.value:.2f}" for c in top)
            problems.append(f"{cell_label(i, cell)}: detected as {scores}; text: {text[:120]!r}")
    return problems


# --------------------------------------------------------------------------- spelling

HUNSPELL_DICTS = {"en": "en_US", "tr": "tr_TR", "de": "de_DE", "id": "id_ID"}
INSTALL_HINT = "sudo apt-get install hunspell hunspell-en-us hunspell-tr hunspell-de-de hunspell-id"


def hunspell_missing(lang: str) -> str | None:
    """Why hunspell cannot check ``lang`` here, or None if it can."""
    if shutil.which("hunspell") is None:
        return "hunspell is not installed"
    dict_name = HUNSPELL_DICTS.get(lang)
    if dict_name is None:
        return f"no hunspell dictionary is configured for language {lang!r}"
    try:
        out = subprocess.run(
            ["hunspell", "-D"], input="", capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"hunspell -D failed: {exc}"
    listed = out.stdout + out.stderr
    if not re.search(rf"(?m)/{re.escape(dict_name)}$", listed):
        return f"hunspell dictionary {dict_name} is not installed"
    return None


def read_wordlist(lang: str, directory: Path = WORDLIST_DIR) -> list[str]:
    path = directory / f"{lang}.txt"
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def misspelt(text: str, lang: str, extra_words: list[str]) -> set[str]:
    """Words of ``text`` that hunspell with the Debian dictionary and ``extra_words`` rejects."""
    with tempfile.TemporaryDirectory() as tmp:
        personal = Path(tmp) / "words.dic"
        personal.write_text("\n".join(extra_words) + "\n", encoding="utf-8")
        out = subprocess.run(
            ["hunspell", "-l", "-i", "utf-8", "-d", HUNSPELL_DICTS[lang], "-p", str(personal)],
            input=text,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=300,
        )
    if out.returncode != 0:
        raise RuntimeError(f"hunspell failed ({out.returncode}): {out.stderr}")
    # Single letters are variable names or math written without $...$; not spelling.
    # German WORDCHARS include '.', so hunspell reports "Wort." for a word ending a sentence.
    return {w.rstrip(".") for w in out.stdout.split() if len(w.rstrip(".")) > 1}


def spelling_problems(nb: dict, lang: str, extra_words: list[str]) -> list[str]:
    texts = [(i, c, cell_prose(c)) for i, c in enumerate(nb["cells"])]
    bad = misspelt("\n".join(t for _, _, t in texts), lang, extra_words)
    problems = []
    located: set[str] = set()
    for i, c, text in texts:
        found = sorted(w for w in bad if re.search(rf"(?<![\w'’-]){re.escape(w)}(?![\w'’-])", text))
        if found:
            problems.append(f"{cell_label(i, c)}: {', '.join(found)}")
        located.update(found)
    if bad - located:
        problems.append(f"somewhere in the notebook: {', '.join(sorted(bad - located))}")
    return problems
