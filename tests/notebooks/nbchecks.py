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
    strip_fences,
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

GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "glossary.tbx"
_TR_SOFTENING = {"p": "b", "ç": "c", "t": "d", "k": "ğ"}  # kitap -> kitabı: stems change
_TR_NARROW = "ıiuü"  # şekil -> şekli, kayıp -> kaybı: the last narrow vowel drops


def read_termbase(path: Path = GLOSSARY):
    """The term base (tools/glossary.py reads the TBX)."""
    import sys

    sys.path.insert(0, str(path.resolve().parents[1]))
    from tools import glossary

    return glossary.read(path)


def read_glossary(path: Path = GLOSSARY) -> dict[str, dict[str, str]]:
    """``{English term: {language: preferred term}}`` of the term base."""
    return {c.terms["en"][0]: {lang: terms[0] for lang, terms in c.terms.items()}
            for c in read_termbase(path).concepts if c.terms.get("en")}


def _bare(term: str) -> str:
    return re.sub(r"\s*\(.*?\)", "", term).strip()


def _stems(word: str, lang: str) -> list[str]:
    stems = [word]
    if lang == "tr":
        if word[-1] in _TR_SOFTENING:
            stems.append(word[:-1] + _TR_SOFTENING[word[-1]])
        if len(word) > 3 and word[-2] in _TR_NARROW and word[-3] not in "aeıioöuü":
            last = _TR_SOFTENING.get(word[-1], word[-1])
            stems.append(word[:-2] + last)  # şekil -> şekl(i), kayıp -> kayb(ı)
        if word.endswith(("mak", "mek")):
            stems.append(word[:-3])  # a verb's stem: ayırmak -> ayır(ır)
    if lang == "de" and word[:1].isupper():
        umlauts = {"au": "äu", "a": "ä", "o": "ö", "u": "ü"}
        umlaut = re.sub(r"(au|a|o|u)([^aeiouäöü]*)$",
                        lambda m: umlauts[m.group(1)] + m.group(2), word)
        stems.append(umlaut)  # Durchlauf -> Durchläufe, Graph stays
    if lang == "de" and word[:1].islower() and len(word) > 5:
        stems.append(re.sub(r"(?:es|en|er|em|e)$", "", word))  # automatisches -> automatisch(en)
    return stems


def term_pattern(term: str, lang: str) -> re.Pattern:
    """A glossary term as a regex: English takes a plural; Turkish, German and Indonesian words
    take endings (gradyan-ı, Gradient-en, turunan-nya), Turkish stems soften and drop a narrow
    vowel (kitabı, şekli), a German noun may end a compound (Blattknoten) and an Indonesian word
    may take a prefix (menjumlahkan)."""
    parts = []
    for i, word in enumerate(_bare(term).replace("*", "").split()):
        alternatives = "|".join(map(re.escape, dict.fromkeys(_stems(word, lang))))
        if lang == "en":
            parts.append(f"(?:{alternatives})(?:s|es)?")
            continue
        prefix = ""
        if (lang == "de" and word[:1].isupper() and i == 0) or lang == "id":
            prefix = r"\w*"
        parts.append(f"{prefix}(?:{alternatives})\\w*")
    joiner = r"[\s-]+" if lang == "en" else r"\s+"
    edge = r"(?<![\w-])" if lang == "en" else r"(?<!\w)"
    return re.compile(edge + joiner.join(parts) + (r"(?![\w-])" if lang == "en" else ""),
                      re.IGNORECASE)


def _form_pattern(form: str, lang: str) -> re.Pattern:
    """A form not to use, with the language's endings (öznitelik -> özniteliği); case-sensitive
    if it has a capital ("Seed", "Tape" are the German nouns; "seed" in parentheses is not)."""
    words = [
        "(?:" + "|".join(map(re.escape, dict.fromkeys(_stems(w, lang)))) + r")\w*"
        for w in _bare(form).split()
    ]
    pattern = r"(?<![\w-])" + r"\s+".join(words)  # no compound prefix: GradientTape is code
    return re.compile(pattern, 0 if any(ch.isupper() for ch in form) else re.IGNORECASE)


def _without_parentheses(text: str) -> str:
    """The text without its parentheses: the English original may follow a term there."""
    return re.sub(r"\([^()]*\)", " ", text)


def term_problems(msgid: str, msgstr: str, lang: str, termbase) -> list[str]:
    """Glossary concepts whose English term the entry's English prose holds and whose term the
    translation does not write (any accepted form, with endings), and forms not to use that the
    translation writes (outside parentheses). A longer term is matched first and hides the
    shorter ones inside it ("finite difference" is not a "difference")."""
    english = _PLACEHOLDER_RE.sub(" ", prose(msgid)).replace("*", "")
    translated = prose(msgstr).replace("*", "")
    outside = _without_parentheses(translated)
    concepts = sorted(termbase.concepts, key=lambda c: -max(len(_bare(t)) for t in c.terms["en"]))
    found = []
    for concept in concepts:
        hit = False
        for term in concept.terms.get("en", []):
            pattern = term_pattern(term, "en")
            if pattern.search(english):
                hit = True
                english = pattern.sub(lambda m: " " * len(m.group()), english)
        if hit:
            found.append(concept)
    preferred_here = [t for c in found for t in c.terms.get(lang, [])]
    problems = []
    for concept in found:
        wanted = concept.terms.get(lang, [])
        if wanted and not concept.unchecked and not any(
            term_pattern(t, lang).search(translated) for t in wanted
        ):
            problems.append(f"{concept.terms['en'][0]!r} -> write {_bare(wanted[0])!r}")
        for form in concept.deprecated.get(lang, []):
            if _form_pattern(form, lang).search(outside) and not any(
                _form_pattern(form, lang).search(_bare(t)) for t in preferred_here
            ):
                problems.append(f"{form!r} is not the glossary's word for "
                                f"{concept.terms['en'][0]!r}: write {_bare(wanted[0])!r}")
    return problems


# --------------------------------------------------------------------------- numbers

_VERSION_BEFORE_RE = re.compile(
    r"(?:CC BY(?:-SA)?|Python|PyTorch|NumPy|Jupyter\w*|Notebook|TensorFlow|MXNet|Babel|"
    r"[Vv]ersion|[Vv]ersi|[Ss]ürüm(?:ü|ünde)?|v|[<>=]=?)\s*$"  # ... or code: `std >= 0.0`
)
_DECIMAL_RE = re.compile(r"(?<![\w.,{])(\d+)\.(\d+)(?![\w.]|\.\d)")
_COMMA_DECIMAL_RE = re.compile(r"(?<![\w.,{])(\d+)(?:,|\{,\})(\d+)(?!\w|,\d)")


def _prose_and_math(text: str) -> tuple[str, str]:
    """(prose without code, math and links; the math) of a catalog entry."""
    text = re.sub(r"``.+?``|`[^`\n]+`", " ", strip_fences(text))
    text = re.sub(r"\]\([^)]*\)|<?\b(?:https?|ftp)://[^\s)>]+>?", " ", text)
    maths = _MATH_RE.findall(text)
    return _MATH_RE.sub(" ", text), " ".join(maths)


def number_problems(msgid: str, msgstr: str, lang: str, separator: str) -> list[str]:
    """Decimal numbers written against the language's convention (the term base's decimal
    separator: a comma is 0,5 in prose and $0{,}5$ in formulas), and decimal numbers of the
    English that the translation lacks in any form (0,5, $0{,}5$ or `0.5`)."""
    if separator != ",":
        return []
    problems = []
    prose_text, maths = _prose_and_math(msgstr)
    for m in _DECIMAL_RE.finditer(prose_text):
        thousands = len(m.group(2)) == 3 and f"{m.group(1)},{m.group(2)}" in msgid  # 100,000
        if not thousands and not _VERSION_BEFORE_RE.search(prose_text[: m.start()]):
            problems.append(f"{m.group()} in prose: write {m.group(1)},{m.group(2)}")
    for m in _DECIMAL_RE.finditer(maths):
        problems.append(f"${m.group()}$ in a formula: write ${m.group(1)}{{,}}{m.group(2)}$")
    for m in re.finditer(r"(?<![\w.,{])(\d+),(\d+)(?![\w,])", maths):
        problems.append(f"${m.group()}$ in a formula: write ${m.group(1)}{{,}}{m.group(2)}$ "
                        "(a bare comma is set as a list separator, with a space)")
    en_prose, en_maths = _prose_and_math(msgid)
    have = {f"{a}.{b}" for a, b in _COMMA_DECIMAL_RE.findall(prose_text + " " + maths)}
    have |= {m.group() for m in _DECIMAL_RE.finditer(msgstr)}  # in code, or written wrong
    for m in _DECIMAL_RE.finditer(en_prose + " " + en_maths):
        if m.group() not in have and not _VERSION_BEFORE_RE.search(en_prose[: m.start()]):
            problems.append(f"the English {m.group()} is missing")
            have.add(m.group())
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


# --------------------------------------------------------------------------- pofilter

#: translate-toolkit's checks (`pofilter --listfilters`) run on every translated catalog entry,
#: the ones Weblate also runs on a PO file: placeholders and format strings, brackets, repeated
#: words, double spaces, end punctuation, leading and trailing whitespace, escapes, URLs, XML/HTML
#: tags, function names, e-mail addresses and file paths. Left out, and why (tests/notebooks/
#: README.md repeats this): `numbers` (the notebooks' translations are written anew, not sentence
#: by sentence: a number moves into a formula or is written as a word, so the entry-level
#: comparison fails on correct text; the project's own number check, `number_problems`, compares
#: the decimal numbers and their format instead), `startpunc`, `puncspacing`, `sentencecount`,
#: `simplecaps`, `startcaps`, `long`, `short`, `newlines` (the same reason: sentences are
#: reordered, split and joined, markdown paragraphs reflowed), `singlequoting`/`doublequoting`
#: (German „…“ and Turkish quoting differ from English by rule), `acronyms` (Turkish writes
#: "1 boyutlu" for 1D, every language may translate API), `spellcheck` (test_spelling.py runs
#: hunspell with the project's word lists), `unchanged`, `untranslated`, `isfuzzy`, `blank`
#: (test_catalogs.py), `notranslatewords`/`musttranslatewords` (the glossary test).
POFILTER_CHECKS = (
    "variables", "pythonbraceformat", "printf", "brackets", "doublewords", "doublespacing",
    "endpunc", "startwhitespace", "endwhitespace", "escapes", "urls", "xmltags", "functions",
    "emails", "filepaths",
)  # fmt: skip

#: Findings of a check that is wrong for the project or a language, as
#: ``(check, language or "*", regex on pofilter's message, why)``.
POFILTER_ALLOWED = [
    ("brackets", "*", r"^Added '\(', '\)'$",
     "a translation may add a parenthesis: the glossary asks for the English original in "
     "parentheses at first use, 'Rückpropagierung (engl. *backpropagation*)'"),
    ("doublewords", "tr", r"'(eleman|adım|tek|ayrı|tekrar|parça|birer|ikişer|yavaş|sıra)'",
     "Turkish reduplication is a word form ('eleman eleman' is the glossary's elementwise, "
     "'adım adım' step by step, 'tek tek' one by one)"),
    ("doublewords", "de", r"'(die|der|das|sie)'",
     "German: a relative pronoun before the article ('die die ReLU ... abgeschaltet hat')"),
    ("doublewords", "*", r"'(low,?|long|\|)'",
     "code written without backticks in a package message (`ad.where(x < low, low, x)`, C's "
     "`long long`) and the bars of a markdown table"),
]  # fmt: skip
_POFILTER_CODE_RE = re.compile(
    r"``.+?``|`[^`\n]+`|\$\$.+?\$\$|(?<![\\$])\$(?!\s)[^$]+?(?<![\s\\])\$", re.DOTALL
)


def _pofilter_text(text: str) -> str:
    """Code spans and formulas as numbered tokens (their content is test_catalogs.py's: kept
    exactly), line breaks with their indentation as one space (markdown reflows paragraphs)."""
    count = iter(range(1, 10_000))

    def token(m: re.Match) -> str:
        # a placeholder stays visible to the format-string checks (`{name}` in backticks)
        inside = "" if m.group().startswith("$") else " ".join(_PLACEHOLDER_RE.findall(m.group()))
        return f"§{next(count)}{inside}"

    text = _POFILTER_CODE_RE.sub(token, text)
    return re.sub(r"[ \t]*\n[ \t]*", " ", text)


def _pofilter_allowed(check: str, lang: str, message: str, source: str, target: str) -> bool:
    for name, lg, rx, _why in POFILTER_ALLOWED:
        if name == check and lg in ("*", lang) and re.search(rx, message):
            return True
    if check == "doublewords":
        # pofilter ignores punctuation between the words: "... optimieren. Optimieren Sie ..."
        word = re.search(r"'(.+?)'", message)
        if word and not re.search(rf"(?<!\w){re.escape(word.group(1))}\s+{re.escape(word.group(1))}"
                                  r"(?!\w)", _pofilter_text(target), re.IGNORECASE):
            return True
    if check == "endpunc":
        # A heading may become a question ("## Why We Need Autograd" -> "... Neden ...?"), and a
        # Turkish or German sentence that leads into a formula ends with a colon after the verb.
        if source.lstrip().startswith("#") and target.rstrip().endswith("?"):
            return True
        if target.rstrip().endswith(":") and source.rstrip()[-1:].isalnum():
            return True
    return False


def pofilter_problems(path: Path, lang: str, checks_: tuple[str, ...] = POFILTER_CHECKS
                      ) -> list[str]:
    """translate-toolkit's checks on every translated entry of the catalog at ``path``."""
    from translate.filters import checks
    from translate.storage import factory

    checker = checks.StandardChecker(
        checkerconfig=checks.CheckerConfig(targetlanguage=lang), limitfilters=list(checks_)
    )
    problems = []
    for unit in factory.getobject(str(path)).units:
        if unit.isheader() or unit.isfuzzy() or not unit.istranslated():
            continue
        source, target = unit.source, unit.target
        # "key(s)": a plural the translation writes without brackets
        unit.source = _pofilter_text(source.replace("(s)", "s"))
        unit.target = _pofilter_text(target)
        try:
            failures = checker.run_filters(unit)
        finally:
            unit.source, unit.target = source, target
        for check, info in sorted(failures.items()):
            message = info.get("message", str(info)) if isinstance(info, dict) else str(info)
            if _pofilter_allowed(check, lang, message, source, target):
                continue
            where = unit.getcontext() or source[:50]
            problems.append(f"{where} [{check}] {message}: {target[:90]!r}")
    return problems
