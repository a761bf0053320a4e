"""The notebook checks themselves: each one must fail on a notebook that is wrong.

Notebooks are built in memory (a .ipynb stored under tests/ would be collected by nbval).
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from nbchecks import (
    IGNORE_TAG,
    REASON_KEY,
    execution_problems,
    hunspell_missing,
    language_problems,
    metadata_problems,
    misspelt,
    mistranslation_problems,
    read_wordlist,
    spelling_problems,
)
from nbhelpers import (
    LANGUAGES,
    WORDLIST_DIR,
    comment_prose,
    discover,
    markers,
    prose,
)


def md(text, **meta):
    return {"cell_type": "markdown", "metadata": meta, "source": text}


def code(text, outputs=(), count=None, tags=(), reason=None):
    meta = {"tags": list(tags)} if tags else {}
    if reason is not None:
        meta["autodiff_tr"] = {REASON_KEY: reason}
    return {
        "cell_type": "code",
        "metadata": meta,
        "source": text,
        "outputs": list(outputs),
        "execution_count": count,
    }


def result(text, count):
    return {
        "output_type": "execute_result",
        "execution_count": count,
        "metadata": {},
        "data": {"text/plain": text},
    }


def stream(text, name="stdout"):
    return {"output_type": "stream", "name": name, "text": text}


def error(ename="RuntimeError", evalue="boom"):
    return {"output_type": "error", "ename": ename, "evalue": evalue, "traceback": ["..."]}


def notebook(cells, lang="tr"):
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {
                "name": "python3",
                "display_name": "Python 3 (ipykernel)",
                "language": "python",
            },
            "autodiff_tr": {"language": lang},
        },
        "cells": cells,
    }


TR = notebook(
    [
        md("# Türev\n\nBu bölümde bir fonksiyonun türevini otomatik olarak hesaplıyoruz."),
        code("x = ad.arange(4.0)  # dört eleman\nx", [result("tensor([0., 1., 2., 3.])", 1)], 1),
        md("$$y = 2 x^\\top x$$"),
        code("plt.plot(x);", [], 2, tags=[IGNORE_TAG], reason="the figure differs per machine"),
    ],
    "tr",
)
DE = notebook(
    [
        md("# Ableitung\n\nIn diesem Abschnitt berechnen wir die Ableitung einer Funktion."),
        code("x = ad.arange(4.0)  # vier Elemente\nx", [result("tensor([0., 1., 2., 3.])", 1)], 1),
        md("$$y = 2 x^\\top x$$"),
        code("plt.plot(x);", [], 2, tags=[IGNORE_TAG], reason="the figure differs per machine"),
    ],
    "de",
)


# --------------------------------------------------------------------------- helpers


def test_markers_and_comment_prose():
    src = "# NBVAL_IGNORE_OUTPUT\n# reason here\nx = 1  # trailing `x` note"
    assert markers(src) == ["NBVAL_IGNORE_OUTPUT"]
    assert markers("x = '# NBVAL_SKIP'") == []
    text = comment_prose(src)
    assert "NBVAL" not in text and "reason here" in text and "`x`" not in text


def test_prose_removes_code_math_urls_html():
    text = prose(
        "Der **Gradient** von $f(x)=x^2$ ist `2*x`, siehe [Doku](https://example.org/a_b) "
        "und https://example.org/c.\n\n$$\\frac{dy}{dx}$$\n\n```python\nx = 1\n```\n"
        "<b>fett</b> &nbsp; \\(z\\) Ende"
    )
    for gone in ("x^2", "2*x", "example.org", "frac", "x = 1", "<b>", "nbsp", "z\\"):
        assert gone not in text, gone
    for kept in ("Gradient", "Doku", "fett", "Ende"):
        assert kept in text, kept


# --------------------------------------------------------------------------- metadata


def test_metadata_language_must_match_folder():
    assert metadata_problems(TR, "tr") == []
    assert metadata_problems(TR, "de")


def test_metadata_display_name_must_be_the_one_jupyter_writes():
    assert metadata_problems(TR, "tr", "Python 3 (ipykernel)") == []
    old = copy.deepcopy(TR)
    old["metadata"]["kernelspec"]["display_name"] = "Python 3"
    assert "marks the notebook changed" in "".join(
        metadata_problems(old, "tr", "Python 3 (ipykernel)")
    )


def test_display_name_is_that_of_ipykernels_kernelspec():
    """ipykernel 6 and 7 install kernel.json with "Python 3 (ipykernel)" (read in
    ipykernel/kernelspec.py); the notebooks store the same name."""
    from nbchecks import kernel_display_name

    assert kernel_display_name() == "Python 3 (ipykernel)"


# --------------------------------------------------------------------------- execution


def test_execution_accepts_fresh_run():
    assert execution_problems(TR) == []


@pytest.mark.parametrize(
    "change,expected",
    [
        (lambda nb: nb["cells"][3].update(execution_count=None), "not executed"),
        (lambda nb: nb["cells"][3].update(execution_count=5), "execution counts"),
        (
            lambda nb: nb["cells"][1].update(outputs=[result("<Foo at 0x7f3a2b1c9d80>", 1)]),
            "memory address",
        ),
        (lambda nb: nb["cells"][3]["outputs"].append(stream("Wall time: 3 ms\n")), "timing"),
        (
            lambda nb: nb["cells"][3]["outputs"].append(
                stream("/tmp/ipykernel_812/1.py:2: UserWarning: x\n", "stderr")
            ),
            "machine-specific path",
        ),
        (
            lambda nb: nb["cells"][3]["metadata"].pop("autodiff_tr"),
            "without a reason",
        ),
        (
            lambda nb: nb["cells"][3]["metadata"]["autodiff_tr"].update({REASON_KEY: "widget"}),
            "without a reason",
        ),
        (
            lambda nb: nb["cells"][1].update(source="# NBVAL_IGNORE_OUTPUT\n# weil so\nx"),
            "shows test machinery",
        ),
        (lambda nb: nb["cells"][3].update(source="# NBVAL_SKIP\nx"), "shows test machinery"),
        (lambda nb: nb["cells"][3]["metadata"].update(tags=["nbval-skip"]), "not allowed"),
        (lambda nb: nb["cells"][1]["metadata"].update(tags=["raises-exception"]), "no stored"),
        (lambda nb: nb["cells"][1]["outputs"].append(error()), "no 'raises-exception' tag"),
        (
            lambda nb: (
                nb["cells"][3]["metadata"].update(tags=["raises-exception", IGNORE_TAG]),
                nb["cells"][3]["outputs"].append(error()),
            ),
            f"together with {IGNORE_TAG}",
        ),
        (lambda nb: nb["cells"].append(code("  \n", count=3)), "empty code cell"),
        (
            lambda nb: (
                nb["cells"][1]["metadata"].update(tags=["raises-exception"]),
                nb["cells"][1]["outputs"].append(
                    dict(error(), traceback=["Traceback (most recent call last)", "File ..."])
                ),
            ),
            "full traceback",
        ),
    ],
)
def test_execution_detects_stale_or_unportable_outputs(change, expected):
    nb = copy.deepcopy(TR)
    change(nb)
    problems = "\n".join(execution_problems(nb))
    assert expected in problems, problems


# --------------------------------------------------------------------------- language


def test_mistranslations_found_in_markdown_and_comments():
    nb = notebook(
        [
            md("Der FARBVERLAUF und die Derivate sind falsch übersetzt."),
            code("x.grad  # der Farbverlauf von x", count=1),
            md("Ein Derivativ-freies Verfahren ist kein Fehler: Derivation."),
        ],
        "de",
    )
    problems = mistranslation_problems(nb, "de")
    assert len([p for p in problems if p.startswith("cell 0")]) == 2
    assert [p for p in problems if p.startswith("cell 1")]
    assert not [p for p in problems if p.startswith("cell 2")]
    assert mistranslation_problems(nb, "tr") == []


def test_english_term_allowed_only_in_parentheses_after_the_glossary_term():
    nb = notebook(
        [
            md("Die Rückpropagierung (engl. *backpropagation*) durchläuft den Graphen."),
            md("Die *geri yayma* (backpropagation) ist gemeint, nicht (*backpropagation*)."),
            md("Danach startet die backpropagation den Rückwärtsdurchlauf."),
        ],
        "de",
    )
    problems = mistranslation_problems(nb, "de")
    assert [p for p in problems if p.startswith("cell 2")]
    assert not [p for p in problems if p.startswith(("cell 0", "cell 1"))]


def test_turkish_mistranslation_matches_suffixed_forms():
    nb = notebook([md("Otomatik farklılaşmayı kullanmanın bir yararı vardır.")], "tr")
    assert mistranslation_problems(nb, "tr")


@pytest.fixture(scope="module")
def detector():
    pytest.importorskip(
        "lingua", reason='install the test extra: python -m pip install -e ".[test]"'
    )
    from nbchecks import build_detector

    return build_detector()


def test_language_detection_accepts_right_language(detector):
    assert language_problems(TR, "tr", detector) == []
    assert language_problems(DE, "de", detector) == []


def test_language_detection_flags_wrong_or_untranslated_cells(detector):
    nb = notebook(
        [
            md("In this section we compute the derivative of a function automatically."),
            md("Bu bölümde bir fonksiyonun türevini otomatik olarak hesaplıyoruz."),
            md("## Übung"),
        ],
        "de",
    )
    problems = language_problems(nb, "de", detector)
    assert [p for p in problems if p.startswith("cell 0") and "english" in p]
    assert [p for p in problems if p.startswith("cell 1") and "turkish" in p]
    assert [p for p in problems if p.startswith("cell 2") and "full sentence" in p]


def test_indonesian_is_not_taken_for_malay(detector):
    nb = notebook(
        [
            md(
                "Sekarang kita hitung gradien dari fungsi ini secara otomatis "
                "dengan propagasi balik."
            )
        ],
        "id",
    )
    assert language_problems(nb, "id", detector) == []


# --------------------------------------------------------------------------- spelling


@pytest.mark.parametrize("lang", LANGUAGES)
def test_wordlists_are_well_formed(lang):
    path = WORDLIST_DIR / f"{lang}.txt"
    assert path.exists(), f"{path} is missing"
    entries = read_wordlist(lang)
    assert all(" " not in w and "\t" not in w for w in entries), "one word per line"
    dupes = sorted({w for w in entries if entries.count(w) > 1})
    assert not dupes, f"duplicate entries: {dupes}"


needs_hunspell = pytest.mark.skipif(
    any(hunspell_missing(lang) for lang in LANGUAGES) and not os.environ.get("CI"),
    reason="hunspell or a dictionary is missing (test_spelling.py says how to install)",
)


@needs_hunspell
def test_misspelt_uses_dictionary_and_word_list():
    assert misspelt("Die Ableitung ist einfach. Ein Fehlerr.", "de", []) == {"Fehlerr"}
    assert misspelt("Die Ableitung ist einfach. Ein Fehlerr.", "de", ["Fehlerr"]) == set()
    assert misspelt("Bu bir türev örneğidir.", "tr", []) == set()
    assert misspelt("Ini adalah contoh turunan.", "id", []) == set()


@needs_hunspell
def test_spelling_problems_name_the_cell():
    nb = notebook([md("Die Ableitung ist einfach."), code("x  # ein Fehlerr", count=1)], "de")
    problems = spelling_problems(nb, "de", [])
    assert len(problems) == 1 and problems[0].startswith("cell 1") and "Fehlerr" in problems[0]


# --------------------------------------------------------------------------- discovery


def test_discover_finds_language_folders(tmp_path):
    (tmp_path / "tr").mkdir()
    (tmp_path / "de").mkdir()
    (tmp_path / "tr" / "01_a.ipynb").write_text(json.dumps(TR))
    assert discover(tmp_path) == {"tr": [tmp_path / "tr" / "01_a.ipynb"]}


# --------------------------------------------------------------------------- nbval behaviour


def test_nbval_fails_when_raises_exception_cell_stops_raising(tmp_path):
    """Documents (README.md) why no extra hook is needed for `raises-exception` cells."""
    pytest.importorskip("nbval")
    nb = notebook(
        [
            code(
                "1 / 0",
                [error("ZeroDivisionError", "division by zero")],
                1,
                tags=["raises-exception"],
            )
        ]
    )
    path = tmp_path / "stops_raising.ipynb"
    path.write_text(json.dumps(nb))
    run = lambda: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--nbval",
         "--nbval-current-env", "-c", os.devnull, "--rootdir", str(tmp_path), str(path)],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )  # fmt: skip
    still_raising = run()
    assert still_raising.returncode == 0, still_raising.stdout
    nb["cells"][0]["source"] = "1 / 1"
    path.write_text(json.dumps(nb))
    stopped = run()
    assert stopped.returncode == 1, stopped.stdout
    assert "Missing output fields" in stopped.stdout


def test_execute_stores_a_fresh_run_the_checks_accept(tmp_path):
    """tools/execute_notebooks.py, the tool that stores the notebooks' outputs: counts 1..n, the
    error line of a raising cell without frames or paths, no timing metadata, one stream output
    for a cell's prints; a stale notebook comes out clean."""
    pytest.importorskip("nbclient")
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
    from execute_notebooks import execute

    nb = notebook(
        [
            md("# Türev\n\nBu bölümde bir fonksiyonun türevini hesaplıyoruz."),
            code("import os\nprint(os.path.basename(os.getcwd()))", count=7),
            code("def f():\n    return 1 / 0\n\nf()", count=3, tags=["raises-exception"]),
            code("import time\nprint('a', flush=True)\ntime.sleep(0.2)\nprint('b')", count=4),
        ]
    )
    nb["cells"][1]["metadata"]["execution"] = {"iopub.status.idle": "2026-01-01T00:00:00Z"}
    for k, cell in enumerate(nb["cells"]):
        cell["id"] = f"cell-{k}"  # nbformat 4.5 wants them; the real notebooks have them
    folder = tmp_path / "tr"
    folder.mkdir()
    path = folder / "01_x.ipynb"
    path.write_text(json.dumps(nb))
    execute(path)
    done = json.loads(path.read_text())
    assert execution_problems(done) == []
    printed, raised = done["cells"][1], done["cells"][2]
    assert "".join(printed["outputs"][0]["text"]) == "tr\n"  # run in the notebook's folder
    assert [printed["execution_count"], raised["execution_count"]] == [1, 2]
    (err,) = raised["outputs"]
    assert err["ename"] == "ZeroDivisionError" and len(err["traceback"]) == 1
    assert "execution" not in printed["metadata"]
    # two flushes, one stream output: how the kernel sent them is no part of the stored result
    assert [o["text"] for o in done["cells"][3]["outputs"]] in (["a\nb\n"], [["a\n", "b\n"]])


# --------------------------------------------------------------------------- catalogs


def test_protected_parts_must_survive_translation():
    from nbchecks import protected_problems

    en = "Read `x.grad` at $x_0 = 0.5$ (see <https://d2l.ai/chapter>), then {name} and %s."
    good = (
        "Lesen Sie `x.grad` bei $x_0 = 0{,}5$ (siehe <https://d2l.ai/chapter>), dann {name} und %s."
    )
    assert protected_problems(en, good) == []
    bad = "Lesen Sie x.grad bei $x_0 = 0,5$ (siehe d2l.ai), dann {nom} und %d."
    assert protected_problems(en, bad) == [
        "`x.grad`",
        "$x_0 = 0.5$",
        "https://d2l.ai/chapter",
        "{name}",
        "%s",
    ]


# --------------------------------------------------------------------------- glossary


def test_glossary_terms_must_be_used_per_entry():
    from nbchecks import read_glossary, read_termbase, term_problems

    assert read_glossary()["gradient"] == {"en": "gradient", "tr": "gradyan", "de": "Gradient",
                                           "id": "gradien"}  # fmt: skip
    tb = read_termbase()
    en = "The gradients come from one backward pass."
    assert term_problems(en, "Die Gradienten kommen aus einem Rückwärtsdurchlauf.", "de", tb) == []
    assert len(term_problems(en, "Der Farbverlauf kommt aus der Rückpropagierung.", "de", tb)) == 2
    # Turkish endings, softening and a dropped vowel; the longer term hides the shorter one
    assert term_problems("The shape of the loss.", "Kaybın şekli.", "tr", tb) == []
    assert term_problems("A finite difference.", "Bir sonlu fark.", "tr", tb) == []
    # a form not to use fails outside parentheses only
    tr_bad = "Optimize edici adımı atar."
    assert term_problems("The optimizer steps.", tr_bad, "tr", tb) != []
    ok = "Optimizasyon algoritması (optimizer) adımı atar."
    assert term_problems("The optimizer steps.", ok, "tr", tb) == []
    assert (
        term_problems(
            "The backward pass and backpropagation.", "Geri geçiş ve geri yayma.", "tr", tb
        )
        == []
    )
    assert term_problems("One backward pass.", "Bir geri yayma.", "tr", tb) != []
    # "in place of" is "instead of", not the glossary's "in place"
    assert (
        term_problems("Use `b` in place of `a`.", "Verwenden Sie `b` anstelle von `a`.", "de", tb)
        == []
    )
    assert term_problems("Change `a` in place.", "Ändern Sie `a`.", "de", tb) != []


def test_glossary_term_pattern_takes_endings_and_turkish_softening():
    from nbchecks import term_pattern

    assert term_pattern("partielle Ableitung", "de").search("die partiellen Ableitungen")
    assert term_pattern("Rückwärtsdurchlauf", "de").search("mehrere Rückwärtsdurchläufe")
    assert term_pattern("Knoten", "de").search("der Blattknoten")
    assert term_pattern("ara sonuç", "tr").search("ara sonucun")
    assert term_pattern("jumlah", "id").search("menjumlahkan")
    assert not term_pattern("gradient", "en").search("ingredients")
    assert not term_pattern("sum", "en").search("summary")


def test_numbers_follow_the_language_format():
    from nbchecks import number_problems

    en = "The step is 0.5, i.e. $x = 0.5$; run `f(0.5)` with Python 3.11 on 100,000 points."
    good = "Der Schritt ist 0,5, also $x = 0{,}5$; `f(0.5)` mit Python 3.11 auf 100.000 Punkten."
    assert number_problems(en, good, "de", ",") == []
    bad = "Der Schritt ist 0.5, also $x = 0.5$; `f(0.5)`."
    assert len(number_problems(en, bad, "de", ",")) == 2
    assert number_problems(en, "Schritt $x = 0,5$.", "de", ",") != []  # a bare comma in math
    assert number_problems("It lies 0.000875 past.", "Er liegt 0,000125 dahinter.", "de", ",")
    assert number_problems(en, bad, "en", ".") == []


def test_pofilter_checks_fail_on_broken_entries(tmp_path):
    pytest.importorskip("translate.filters.checks")
    from nbchecks import pofilter_problems

    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgctxt "a"\nmsgid "Set {name} to the value (here 2)."\n'
        'msgstr "Setzen Sie {nme} auf den den Wert (hier 2)"\n\n'
        'msgctxt "b"\nmsgid "Elementwise, as the glossary says."\n'
        'msgstr "Eleman eleman (elementwise), sözlükteki gibi."\n',
        encoding="utf-8",
    )
    problems = "\n".join(pofilter_problems(po, "de"))
    assert "[variables]" in problems or "[pythonbraceformat]" in problems, problems
    assert "[doublewords]" in problems and "[endpunc]" in problems, problems
    # Turkish reduplication and an added parenthesis are allowed, with their reasons
    assert not [
        p for p in pofilter_problems(po, "tr", ("doublewords", "brackets")) if p.startswith("b ")
    ]


def test_glossary_markdown_must_be_the_generated_one(tmp_path):
    import sys

    from nbhelpers import REPO

    sys.path.insert(0, str(REPO))
    from tools import glossary

    text = glossary.markdown(glossary.read())
    assert "| gradient | gradyan | Gradient | gradien |" in text
    assert "decimal comma" in text and 'not "optimize edici"' in text
    edited = text.replace("gradyan", "gradient", 1)
    assert edited != glossary.markdown(glossary.read())
