"""The notebooks as a book: a static website, one Sphinx build per language.

    python tools/book.py              # build build/book/ (every language) from the stored notebooks
    python tools/book.py tr de        # only these languages (the others' folders are removed)
    python tools/book.py extract      # the book's English texts -> tools/book_locale/book.pot
    python tools/book.py update       # merge the template into tools/book_locale/<lang>/.../book.po

The stack is Sphinx + myst-nb + sphinx-book-theme (why: docs/book.md). Nothing is executed: the
pages show the outputs stored in notebooks/<lang>/, which nbval checks. For each language the
sources are generated into build/book-src/<lang>/ (conf.py, the front page, the glossary and the
language's notebooks, copied) and built into build/book/<lang>/; build/book/index.html leads to
the languages and build/book/_mathjax/ is the MathJax every page typesets its formulas with, so
the folder build/book is the whole site and fetches nothing from elsewhere.

The book's own page text (the front page, headings, notes, the language switcher's label) is
written in English here, marked with N_(), and translated through gettext catalogs made with
Babel, tools/book_locale/<lang>/LC_MESSAGES/book.po (docs/book.md says why there). The front
page is the README's introduction, whose paragraphs are messages of the same catalog.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TOOLS = REPO / "tools"
NOTEBOOKS = REPO / "notebooks"
SITE = REPO / "build" / "book"
SOURCES = REPO / "build" / "book-src"
LOCALE = TOOLS / "book_locale"
TEMPLATE = LOCALE / "book.pot"
BABEL_CFG = LOCALE / "babel.cfg"
DOMAIN = "book"

# The languages, source first, in the order of the README's table, with their own names.
LANGUAGES = {"en": "English", "tr": "Türkçe", "de": "Deutsch", "id": "Bahasa Indonesia"}
SOURCE_LANGUAGE = "en"

# The one setting for the launch buttons (Binder, Colab) and the repository link: the repository's
# URL, in pyproject.toml ([tool.autodiff-tr.book] repository-url); the environment variable
# AUTODIFF_TR_BOOK_REPOSITORY_URL overrides it (the Pages workflow sets it to the repository it
# runs in). Empty: no launch buttons.
REPOSITORY_URL_VARIABLE = "AUTODIFF_TR_BOOK_REPOSITORY_URL"
REPOSITORY_BRANCH = "main"

# MathJax 2.7 as jupyter-server-mathjax ships it (the MathJax the classic notebook served), copied
# into the site once. The package ships one combined configuration, TeX-AMS-MML_HTMLorMML-full
# (its output code is inside it); its HTML-CSS output uses the STIX web fonts of the copy, never a
# font installed on the reader's computer, so every reader sees the same glyphs.
MATHJAX_PATH = "../../_mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full"
MATHJAX_CONFIG = {
    "MMLorHTML": {"prefer": "HTML"},
    "HTML-CSS": {
        "availableFonts": [],
        "scale": 90,  # STIX's letters are larger than the theme's at the same size
        "preferredFont": None,
        "webFont": "STIX-Web",
        "imageFont": None,
        "linebreaks": {"automatic": True},
    },
    "tex2jax": {
        "inlineMath": [["\\(", "\\)"]],
        "displayMath": [["\\[", "\\]"]],
        "processEscapes": True,
        "processClass": "math|output_area",
        "ignoreClass": "tex2jax_ignore|mathjax_ignore|document",
    },
    "showMathMenu": False,
    "messageStyle": "none",
}


def N_(text: str) -> str:
    """Mark an English text for extraction (pybabel extract -k N_); translated by `texts()`."""
    return text


# --------------------------------------------------------------------------- English texts
# Every text of the book's own pages, in one place. The README's introduction is not repeated
# here: its paragraphs are read from README.md (readme_introduction).
TEXTS = {
    "title": N_("Automatic differentiation with autodiff-tr"),
    "notebooks": N_("Notebooks"),
    "about": N_("About this book"),
    "about_text": N_(
        "Each page is a notebook of the project with the outputs it stored when it last ran. "
        "The pages are the same in every language; the switcher at the top of each page leads to "
        "the same notebook in another language."
    ),
    "run_title": N_("Run it yourself"),
    "run_open": N_(
        "Download this notebook with the download button at the top of the page, or run all "
        "notebooks on your own computer: in a clone of the repository, with Python 3.11 or newer "
        "on Linux or macOS, this command installs what they need into a virtual environment and "
        "opens them in JupyterLab:"
    ),
    "run_test": N_("This command runs every test, every cell of every notebook included:"),
    "widget_note": N_(
        "This is a picture of an interactive explorer as it was stored. The explorer itself needs "
        "a running Python kernel: run the notebook in JupyterLab to move its sliders."
    ),
    "language": N_("Language"),
    "choose_language": N_("Read the book in this language"),
}


# --------------------------------------------------------------------------- the README's parts


def readme_introduction(readme: str | None = None) -> list[tuple[str, str]]:
    """The README's introduction: ("text", paragraph) and ("code", fenced block) in order,
    from after the title to the first second-level heading; a paragraph's lines are joined, so
    that rewrapping the README does not make its translation fuzzy."""
    if readme is None:
        readme = (REPO / "README.md").read_text(encoding="utf-8")
    body = readme.split("\n## ", 1)[0]
    body = body.split("\n", 1)[1] if body.startswith("# ") else body
    blocks: list[tuple[str, str]] = []
    for part in re.split(r"(^```.*?^```$)", body, flags=re.M | re.S):
        if part.startswith("```"):
            blocks.append(("code", part))
            continue
        for paragraph in re.split(r"\n\s*\n", part):
            paragraph = " ".join(paragraph.split())
            if paragraph:
                blocks.append(("text", paragraph))
    return blocks


def readme_command(marker: str) -> str:
    """The fenced command between <!-- marker --> and <!-- /marker --> in README.md, verbatim."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(rf"<!-- {marker} -->\s*(```bash\n.*?```)\s*<!-- /{marker} -->", readme, re.S)
    if not found:
        raise SystemExit(f"README.md has no ```bash block between <!-- {marker} --> markers")
    return found.group(1)


def extract_readme(fileobj, keywords, comment_tags, options):
    """Babel extraction method for README.md (named in tools/book_locale/babel.cfg): each
    paragraph of the introduction is one message."""
    text = fileobj.read().decode("utf-8")
    for number, (kind, block) in enumerate(readme_introduction(text), start=1):
        if kind == "text":
            yield number, "gettext", block, ["the README's introduction, the book's front page"]


# --------------------------------------------------------------------------- translations


def catalog_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def translator(lang: str):
    """gettext for one language from its .po (Babel reads it; nothing compiled is committed).
    A missing, empty or fuzzy entry falls back to the English, and is reported."""
    if lang == SOURCE_LANGUAGE:
        return lambda text: text
    from babel.messages.pofile import read_po

    with open(catalog_path(lang), "rb") as f:
        catalog = read_po(f)

    def gettext(text: str) -> str:
        message = catalog.get(text)
        if message is None or message.fuzzy or not message.string:
            print(f"book: {lang}: not translated, shown in English: {text[:60]!r}", flush=True)
            return text
        return message.string

    return gettext


def pybabel(*args: str) -> None:
    """Babel's command line, with the repository on the path so that it finds extract_readme."""
    print("pybabel", " ".join(args), flush=True)
    code = (
        f"import sys; sys.path.insert(0, {str(REPO)!r}); "
        "from babel.messages.frontend import main; sys.argv[0] = 'pybabel'; main()"
    )
    subprocess.run([sys.executable, "-c", code, *args], check=True, cwd=REPO)


def extract() -> None:
    pybabel(
        "extract", "-F", rel(BABEL_CFG), "-k", "N_", "-o", rel(TEMPLATE), "--no-location",
        "--width=100", "--project=autodiff-tr book", "--version=0.1.0",
        "--copyright-holder=the autodiff-tr authors", "tools/book.py", "README.md",
    )  # fmt: skip


def update() -> None:
    for lang in LANGUAGES:
        if lang != SOURCE_LANGUAGE:
            pybabel(
                "update", "-i", rel(TEMPLATE), "-d", rel(LOCALE), "-D", DOMAIN, "-l", lang,
                "--ignore-obsolete", "--ignore-pot-creation-date", "--width=100",
            )  # fmt: skip


# --------------------------------------------------------------------------- sources


def notebook_names(lang: str) -> list[str]:
    """The language's notebooks, in order (their file names start with their number)."""
    return [p.stem for p in sorted((NOTEBOOKS / lang).glob("*.ipynb"))]


def repository_url() -> str:
    if REPOSITORY_URL_VARIABLE in os.environ:
        return os.environ[REPOSITORY_URL_VARIABLE].strip().rstrip("/")
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    book = pyproject.get("tool", {}).get("autodiff-tr", {}).get("book", {})
    return str(book.get("repository-url", "")).strip().rstrip("/")


def front_page(lang: str, _) -> str:
    lines = [f"# {_(TEXTS['title'])}", ""]
    for kind, block in readme_introduction():
        lines += [_(block) if kind == "text" else block, ""]
    lines += [f"## {_(TEXTS['about'])}", "", _(TEXTS["about_text"]), ""]
    lines += ["```{toctree}", ":maxdepth: 1", f":caption: {_(TEXTS['notebooks'])}", ""]
    lines += [*notebook_names(lang), "glossary", "```", ""]
    return "\n".join(lines)


def run_yourself_box(_) -> str:
    """The markdown of the "run it yourself" box put under each notebook's first cell."""
    return "\n".join([
        f"::::{{admonition}} {_(TEXTS['run_title'])}",
        ":class: tip book-run-yourself",
        "",
        _(TEXTS["run_open"]),
        "",
        readme_command("open-command"),
        "",
        _(TEXTS["run_test"]),
        "",
        readme_command("test-command"),
        "::::",
    ])  # fmt: skip


def sphinx_settings(lang: str, _) -> dict:
    """conf.py's values for one language (written as JSON beside the generated conf.py)."""
    url = repository_url()
    settings = {
        "project": _(TEXTS["title"]),
        # words no language needs translated: the footer shows them on every page
        "author": "autodiff-tr",
        "copyright": "autodiff-tr, CC BY-SA 4.0",
        "language": lang,
        "extensions": ["myst_nb", "book_extension"],
        "templates_path": [str(TOOLS / "book_templates")],
        "html_static_path": [str(TOOLS / "book_static")],
        "html_css_files": ["book.css"],
        "html_js_files": ["book.js"],
        "exclude_patterns": ["_build", "book_settings.json", ".doctrees"],
        "root_doc": "index",
        "html_theme": "sphinx_book_theme",
        "html_title": _(TEXTS["title"]),
        "html_last_updated_fmt": None,
        "html_copy_source": True,
        "html_show_sourcelink": False,
        "myst_enable_extensions": ["dollarmath", "amsmath", "colon_fence"],
        "myst_heading_anchors": 3,
        # $$...$$ inside a paragraph is a displayed formula, as JupyterLab shows it
        "myst_dmath_double_inline": True,
        "nb_execution_mode": "off",
        # the stored picture of a widget wins over the widget itself: the live widget needs a
        # kernel, and its JavaScript would come from a CDN (hence also no ipywidgets scripts)
        "nb_mime_priority_overrides": [["html", "image/png", 5]],
        "nb_ipywidgets_js": {},
        "nb_merge_streams": True,
        # an error output is the exception's line, then the English original on a line of its
        # own: IPython's traceback lexer reports that second line as a lexing error (a warning);
        # Python's shows both lines as they are, in the theme's red-bordered error box
        "nb_render_error_lexer": "pytb",
        "mathjax_path": MATHJAX_PATH,
        "mathjax2_config": MATHJAX_CONFIG,
        "html_theme_options": {
            "home_page_in_toc": False,  # the book's title above the contents leads there
            "navbar_persistent": [],  # search is in the sidebar and the article header already
            "use_download_button": True,
            "use_fullscreen_button": False,
            "article_header_start": ["toggle-primary-sidebar.html", "language-switcher.html"],
            "show_toc_level": 2,
            "footer_content_items": ["copyright.html"],
            "navigation_with_keys": False,
        },
        "suppress_warnings": [],
        # read by book_extension.py
        "book_widget_note": _(TEXTS["widget_note"]),
        "book_run_yourself": run_yourself_box(_),
        "book_language_label": _(TEXTS["language"]),
        "book_languages": [[code, name] for code, name in LANGUAGES.items()],
        "book_notebooks": str(NOTEBOOKS),
    }
    if url:
        settings["html_theme_options"].update({
            "repository_url": url,
            "repository_branch": REPOSITORY_BRANCH,
            "path_to_docs": f"notebooks/{lang}",
            "use_repository_button": True,
            "launch_buttons": {
                "binderhub_url": "https://mybinder.org",
                "colab_url": "https://colab.research.google.com",
                "notebook_interface": "jupyterlab",
            },
        })  # fmt: skip
    return settings


CONF_PY = """\
# Generated by tools/book.py: edit that file, not this one.
import json
import sys
from pathlib import Path

sys.path.insert(0, {tools!r})
globals().update(json.loads((Path(__file__).parent / "book_settings.json").read_text("utf-8")))
"""


def write_sources(lang: str, root: Path = SOURCES) -> Path:
    _ = translator(lang)
    source = root / lang
    if source.exists():
        shutil.rmtree(source)
    source.mkdir(parents=True)
    (source / "conf.py").write_text(CONF_PY.format(tools=str(TOOLS)), encoding="utf-8")
    settings = json.dumps(sphinx_settings(lang, _), ensure_ascii=False, indent=1)
    (source / "book_settings.json").write_text(settings, encoding="utf-8")
    (source / "index.md").write_text(front_page(lang, _), encoding="utf-8")
    shutil.copyfile(REPO / "docs" / "glossary.md", source / "glossary.md")
    for name in notebook_names(lang):
        # a copy, unchanged: it is also the file the download button gives
        shutil.copyfile(NOTEBOOKS / lang / f"{name}.ipynb", source / f"{name}.ipynb")
    return source


# --------------------------------------------------------------------------- the build


def sphinx_build(
    lang: str, source: Path, output: Path | None = None
) -> subprocess.CompletedProcess:
    """One language, from scratch (a fresh environment, so every warning shows every time);
    any warning fails the build (-W), after the whole build has been tried (--keep-going)."""
    command = [
        sys.executable, "-m", "sphinx", "-b", "html", "-E", "-W", "--keep-going", "-q",
        "-d", str(source / ".doctrees"), str(source), str(output or SITE / lang),
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO)


def landing_page() -> str:
    """build/book/index.html: the languages, each named and described in its own language."""
    items = []
    for lang, name in LANGUAGES.items():
        _ = translator(lang)
        items.append(
            f'<li lang="{lang}"><a href="{lang}/index.html">{name}</a>'
            f"<br><span>{_(TEXTS['choose_language'])}: {_(TEXTS['title'])}</span></li>"
        )
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>autodiff-tr</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;"
        "padding:0 1rem;line-height:1.5}li{margin:1rem 0}a{font-size:1.3rem}</style>",
        "</head>",
        "<body>",
        "<h1>autodiff-tr</h1>",
        '<ul class="book-languages">',
        *items,
        "</ul>",
        "</body>",
        "</html>",
        "",
    ])  # fmt: skip


def copy_mathjax() -> None:
    import jupyter_server_mathjax

    static = Path(jupyter_server_mathjax.__file__).parent / "static"
    shutil.copytree(static, SITE / "_mathjax", dirs_exist_ok=True)


def build(languages: list[str] | None = None) -> float:
    """Build the site; returns the seconds it took. Exits non-zero on any Sphinx warning."""
    start = time.monotonic()
    languages = languages or list(LANGUAGES)
    if SITE.exists():
        shutil.rmtree(SITE)
    SITE.mkdir(parents=True)
    sources = {lang: write_sources(lang) for lang in languages}
    copy_mathjax()
    (SITE / "index.html").write_text(landing_page(), encoding="utf-8")
    # two builds at a time: each is one process, mostly single-threaded
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(
            zip(languages, pool.map(lambda lang: sphinx_build(lang, sources[lang]), languages))
        )
    failed = False
    for lang, result in results.items():
        output = (result.stdout + result.stderr).strip()
        if output:
            print(f"--- sphinx-build {lang}:\n{output}", flush=True)
        if result.returncode:
            failed = True
            print(f"book: the {lang} build failed (exit code {result.returncode})", flush=True)
    seconds = time.monotonic() - start
    if failed:
        raise SystemExit(1)
    print(f"book: built {', '.join(languages)} into {rel(SITE)}/ in {seconds:.0f} s", flush=True)
    return seconds


def rel(path: Path) -> str:
    return str(path.relative_to(REPO))


def main(argv: list[str]) -> None:
    command = argv[0] if argv else "build"
    if command in LANGUAGES:  # python tools/book.py tr de: only these languages
        build(argv)
    elif command == "build":
        build(argv[1:] or None)
    elif command == "extract":
        extract()
    elif command == "update":
        update()
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
