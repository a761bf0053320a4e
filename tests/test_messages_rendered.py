"""Every package text, as a reader sees it in each language, is in that language: each message of
`autodiff_tr/messages.py` formatted with the arguments the package passes it, and each text of
`i18n.EN`, holds no English word outside code names.

The arguments: every `message("key", field=...)` call of the package is read (ast); a string
literal, a branch of `a if c else b` or the text of an f-string (its holes filled with 0) is used
as it is, so a placeholder the code fills with English words ("learning rate", "Entry 0 in ")
brings those words into the rendered translation; any other expression is code computed at run
time (a shape, a name) and stands in as `(2, 3)`.

An English word: a word hunspell's en_US dictionary accepts and the language's dictionary (plus
the notebooks' word list, tests/notebooks/wordlists/<lang>.txt, and LOAN_WORDS below) rejects.
Code is not prose: `code spans`, <...>, '...', and words with `_`, `.`, `(`, a digit or an inner
capital (grad_fn, Module.__init__(), float32, AccumulateGrad) are removed first. Besides, lingua
(restricted as in the notebook tests) must not take a text of at least 4 words for English.
Skips without hunspell or a dictionary (fails when CI is set), like tests/notebooks/test_spelling.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

import autodiff_tr
from autodiff_tr import i18n
from autodiff_tr.messages import MESSAGES

PACKAGE = Path(autodiff_tr.__file__).parent
WORDLISTS = Path(__file__).parent / "notebooks" / "wordlists"
TRANSLATED = [code for code in i18n.LANGUAGES if code != i18n.SOURCE_LANGUAGE]
HUNSPELL = {"en": "en_US", "tr": "tr_TR", "de": "de_DE", "id": "id_ID"}
LINGUA = {"tr": "TURKISH", "de": "GERMAN", "id": "INDONESIAN"}

#: Words a translation keeps from English on purpose, per language, and why (besides the
#: glossary's own terms of the language, which are allowed: docs/glossary.md says "Broadcasting",
#: "In-place-Operation", "batch", "hook" ...).
LOAN_WORDS = {
    # momentum, epsilon, beta: Greek letters and a physics word Turkish uses as they are
    "tr": {"momentum", "epsilon", "beta"},  # (the noun "optimize edici" is the glossary test's)
    # Momentum, Epsilon, Beta, View (a tensor sharing another's memory: the German PyTorch
    # literature's word), Dropout, Iterable (Python's term) are used in German as they are
    "de": {"momentum", "epsilon", "beta", "view", "views", "dropout", "iterable"},
    # view, dropout, checkpoint, dataset, iterable, byte, flag, overflow, boolean: Indonesian ML
    # texts keep these (dual: KBBI's word, as in "bilangan dual"); -nya, ber-, di-, ke- are
    # Indonesian affixes on such a word (view-nya)
    "id": {"momentum", "epsilon", "beta", "view", "dropout", "checkpoint", "dataset", "iterable",
           "dual", "byte", "flag", "overflow", "boolean", "buffer", "broadcast", "nya", "ber", "di",
           "ke"},
}
#: Code names of PyTorch's own messages that autodiff_tr quotes (English template) and a
#: translation keeps: dtype names (`Long or Byte`), IEEE values, MXNet's `is_recording` value
#: and its name for a graph's output, PyTorch's `fan in/out`, `state dict`.
CODE_WORDS = {"Long", "Byte", "inf", "nan", "true", "head", "heads", "fan", "in", "out", "state",
              "dict", "list", "set", "mode", "strict", "point", "floating", "mat", "vec",
              "strategy", "forward", "reverse", "over", "AD", "boolean", "flag", "multi"}
#: API names that are also words the glossary translates: in a message they are prose.
PROSE_NAMES = {"optimizer", "gradient", "loss", "parameter", "parameters", "step", "hook", "tape"}

_CODE_RES = [
    re.compile(r"``.+?``|`[^`]+`"),  # code spans
    re.compile(r"<[^<>]*>"),  # <class 'float'>, <MulBackward0>
    re.compile(r"'[^'\s]*(?:\s[^'\s]*)*'"),  # 'forward', 'weight'
    re.compile(r'"[^"]*"'),  # "forward"
    # words that are code: a dot, an underscore, a call, a digit or an inner capital
    re.compile(r"\S*(?:[_.(\[\]=]|\d|[a-z][A-Z])\S*"),
]


def prose_words(text: str) -> list[str]:
    for rx in _CODE_RES:
        text = rx.sub(" ", text)
    return re.findall(r"[^\W\d_]+", text)  # compounds in parts: In-place-Operation


# --------------------------------------------------------------------------- the calls


class Computed:
    """An argument computed at run time (a shape, a number, a code name): `(2, 3)`, or 1.5 where
    the template formats it (`{diff:.3g}`)."""

    def __format__(self, spec: str) -> str:
        return format(1.5, spec) if spec else "(2, 3)"

    def __eq__(self, other):
        return isinstance(other, Computed)

    __hash__ = object.__hash__


def _values(node: ast.AST) -> list:
    """What an argument expression of a message() call can be, as far as the source tells."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _values(node.body) + _values(node.orelse)
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value if isinstance(v, ast.Constant) else "0" for v in node.values)]
    return [Computed()]


def message_calls(package: Path = PACKAGE) -> dict[str, list[dict]]:
    """{key: [fields of one call site, ...]} for every `message("key", ...)` in the package."""
    calls: dict[str, list[dict]] = {}
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "message"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                continue
            options = {kw.arg: _values(kw.value) for kw in node.keywords if kw.arg}
            # one rendering per value of each field (the others at their first value)
            first = {name: values[0] for name, values in options.items()}
            sites = calls.setdefault(node.args[0].value, [])
            sites.append(first)
            for name, values in options.items():
                sites += [{**first, name: v} for v in values[1:]]
    return calls


def _fields(template: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def renderings(lang: str, placeholder_words: bool = False) -> list[tuple[str, str, str]]:
    """(label, English template, text) of every message and widget text in ``lang``, as the
    package shows them. With ``placeholder_words``, the text is only the prose words that the
    placeholders' values bring in (the text with the values minus the text without them)."""
    catalog = i18n.translation(lang)
    calls = message_calls()
    out = []
    for key, template in MESSAGES.items():
        for fields in calls.get(key) or [{}]:
            fields = {name: fields.get(name, Computed()) for name in _fields(template)}
            shown = {k: v for k, v in fields.items() if isinstance(v, str)}
            text = catalog.gettext(template).format(**fields)
            if placeholder_words:
                bare = catalog.gettext(template).format(**dict.fromkeys(fields, Computed()))
                extra = Counter(prose_words(text)) - Counter(prose_words(bare))
                text = " ".join(sorted(extra.elements()))
            out.append((f"{key}{shown or ''}", template, text))
    if not placeholder_words:
        for section, table in i18n.EN.items():
            for key, text in table.items():
                out.append((f"i18n.EN[{section!r}][{key!r}]", text, catalog.gettext(text)))
    return out


def code_names() -> set[str]:
    """Names of the package's API (functions, methods, classes, their parameters), Python's
    builtins and CODE_WORDS, except PROSE_NAMES."""
    import builtins
    import inspect

    from autodiff_tr import autograd, nn, optim
    from autodiff_tr.nn import functional

    names: set[str] = set(dir(builtins)) | CODE_WORDS
    for obj in (autodiff_tr, autodiff_tr.Tensor, nn, nn.Module, optim, optim.SGD, optim.Adam,
                functional, autograd):
        for name in dir(obj):
            if name.startswith("__"):
                continue
            names.add(name)
            value = getattr(obj, name, None)
            if callable(value):
                try:
                    names.update(inspect.signature(value).parameters)
                except (TypeError, ValueError):
                    pass
    return {n for n in names if n.lower() not in PROSE_NAMES}


# --------------------------------------------------------------------------- the checks


def _hunspell_missing(lang: str) -> str | None:
    if shutil.which("hunspell") is None:
        return "hunspell is not installed"
    listed = subprocess.run(["hunspell", "-D"], input="", capture_output=True, text=True)
    for dic in (HUNSPELL["en"], HUNSPELL[lang]):
        if not re.search(rf"(?m)/{dic}$", listed.stdout + listed.stderr):
            return f"hunspell dictionary {dic} is not installed"
    return None


def _rejected(words: set[str], dictionary: str, personal: Path | None = None) -> set[str]:
    args = ["hunspell", "-l", "-i", "utf-8", "-d", dictionary]
    if personal is not None:
        args += ["-p", str(personal)]
    out = subprocess.run(args, input="\n".join(sorted(words)), capture_output=True, text=True,
                         encoding="utf-8", timeout=300)
    return set(out.stdout.split())


def glossary_words(lang: str) -> set[str]:
    """The words of the glossary's column for ``lang`` (lower case)."""
    column = {"tr": 1, "de": 2, "id": 3}[lang]
    glossary = (Path(__file__).parents[1] / "docs" / "glossary.md").read_text(encoding="utf-8")
    rows = [ln.strip().strip("|").split("|") for ln in glossary.splitlines() if ln.startswith("| ")]
    return {w.lower() for row in rows[1:] for w in re.findall(r"[^\W\d_]+", row[column])}


def english_words(texts: list[str], lang: str, tmp_path: Path) -> set[str]:
    """The words of ``texts`` that are English and not ``lang`` (see the module's docstring)."""
    words = {w for text in texts for w in prose_words(text) if len(w) > 1}
    wordlist = WORDLISTS / f"{lang}.txt"
    personal = tmp_path / f"{lang}.dic"
    lines = wordlist.read_text(encoding="utf-8").splitlines() if wordlist.exists() else []
    personal.write_text("\n".join(ln for ln in lines if ln and not ln.startswith("#")) + "\n",
                        encoding="utf-8")
    foreign = _rejected(words, HUNSPELL[lang], personal)
    english = foreign - _rejected(foreign, HUNSPELL["en"])
    allowed = LOAN_WORDS.get(lang, set()) | glossary_words(lang)
    return {w for w in english if w.lower() not in allowed}


def english_problems(rendered: list[tuple[str, str, str]], lang: str, tmp_path: Path,
                     allowed: set[str] = frozenset()) -> list[str]:
    allowed = {a.lower() for a in allowed}
    """Renderings holding English words other than ``allowed`` code names of their template."""
    bad = english_words([text for _, _, text in rendered], lang, tmp_path)
    problems = []
    for label, template, text in rendered:
        # the original term in parentheses after its translation, as the glossary asks
        originals = {w for inner in re.findall(r"\(([^()]*)\)", text) for w in prose_words(inner)
                     if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", template)}
        found = sorted(w for w in bad if re.search(rf"(?<!\w){re.escape(w)}(?!\w)",
                                                   " ".join(prose_words(text)))
                       and w not in originals
                       and len(w) > 1
                       and not (w.lower() in allowed
                                and re.search(rf"(?<!\w){re.escape(w)}", template, re.I)))
        if found:
            problems.append(f"{label}: English {', '.join(found)} in {text!r}")
    return problems


@pytest.fixture(scope="module")
def detector():
    lingua = pytest.importorskip("lingua")
    names = ["TURKISH", "GERMAN", "INDONESIAN", "ENGLISH", "DUTCH", "MALAY", "AZERBAIJANI"]
    return lingua.LanguageDetectorBuilder.from_languages(
        *[getattr(lingua.Language, n) for n in names]).build()


def test_every_message_call_is_seen():
    """The renderings cover the package's calls: each key used with fields is found."""
    calls = message_calls()
    lr_calls = calls["optim_invalid_lr"]  # one per optimizer: SGD, Adam, RMSprop, Adagrad
    assert len(lr_calls) >= 4 and lr_calls == [{"value": Computed()}] * len(lr_calls)
    assert {"fn": "Adagrad", "name": "fused"} in calls["optim_unsupported"]  # literals read
    assert not set(calls) - set(MESSAGES)


def _need_hunspell(lang):
    missing = _hunspell_missing(lang)
    if missing:
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_bring_no_words(lang):
    """A value the code fills in is a code name, a number or a shape; a word it brings into the
    text (outside quotes or backticks) is English in every language (e.g. 'learning rate')."""
    problems = [f"{label}: placeholder values bring the words {text!r}"
                for label, _, text in renderings(lang, placeholder_words=True) if text]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_rendered_texts_hold_no_english_words(lang, tmp_path):
    _need_hunspell(lang)
    problems = english_problems(renderings(lang), lang, tmp_path, code_names())
    assert not problems, f"{len(problems)} texts in {lang} hold English words:\n" + "\n".join(
        problems)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_rendered_messages_are_not_taken_for_english(lang, detector):
    import lingua

    problems = []
    for label, _, text in renderings(lang):
        words = prose_words(text)
        english = detector.detect_language_of(" ".join(words)) == lingua.Language.ENGLISH
        if len(words) >= 4 and english:
            problems.append(f"{label}: {text!r}")
    assert not problems, f"{len(problems)} texts in {lang} read as English:\n" + "\n".join(
        problems)
