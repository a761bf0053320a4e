"""The reader's language, and the package's texts translated into it with gettext.

Every text the package shows a user is written in English in the source and translated at run
time by Python's ``gettext`` module from the compiled catalogs
``autodiff_tr/locale/<lang>/LC_MESSAGES/autodiff_tr.mo`` (the ``.po`` files beside them are
extracted, updated and compiled with Babel's ``pybabel``; ``autodiff_tr/locale/README.md`` has the
commands). Error and warning texts are in :mod:`autodiff_tr.messages`; the visible texts of the
widgets and plots are the table :data:`EN` below. A text without a translation stays English.

The language in use (:func:`language`) is the first of

1. :func:`set_language` (also ``ad.set_language``), if it was called;
2. the environment variable ``AUTODIFF_TR_LANG``;
3. the name of the working directory, if it is a language code the package has: Jupyter, VS Code
   and nbval start a notebook's kernel in the notebook's folder, and the notebooks live in
   ``notebooks/<lang>/``, so each notebook speaks its own language (``en`` included);
4. the usual locale variables ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` (read by
   :func:`gettext.find`, the way GNU gettext reads them);
5. English.

A language asked for in 1 or 2 that the package has no catalog for gives English and one warning.
The choice is made afresh for every text, so switching the language changes the next message.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import os
import warnings
from pathlib import Path

__all__ = ["DOMAIN", "EN", "ENV_VAR", "LANGUAGES", "LOCALE_DIR", "N_", "gettext", "language",
           "resolve", "set_language", "texts", "translation"]

ENV_VAR = "AUTODIFF_TR_LANG"
DOMAIN = "autodiff_tr"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SOURCE_LANGUAGE = "en"


def N_(text: str) -> str:  # noqa: N802 - the name gettext tools look for
    """Mark ``text`` for extraction into the catalogs; it is translated where it is shown."""
    return text


def _languages() -> tuple[str, ...]:
    """English, then every language with a compiled catalog, in alphabetical order."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return (SOURCE_LANGUAGE, *found)


#: The language codes the package speaks ("en" and one per compiled catalog).
LANGUAGES = _languages()

# The texts of the widgets and plots, in English. Sections: "widgets_1d" (GradientExplorer),
# "widgets_2d" (GradientDescentExplorer), "functions_1d"/"functions_2d" (drop-down texts, keyed
# like widgets.FUNCTIONS_1D/_2D) and "plot" (legend texts of plot.plot_derivative). Texts marked
# N_() are translated; the others are math (f(x), x0, sin(x)) or names (autograd, Rosenbrock),
# the same in every language. Terms follow docs/glossary.md.
EN = {
    "widgets_1d": {
        # TRANSLATORS: label of the drop-down list that picks the function to explore
        "function": N_("function"),
        "x0": "x0",
        # TRANSLATORS: check box that shows the derivative f'(x)
        "show_derivative": N_("derivative"),
        # TRANSLATORS: check box that shows the tangent line at x0
        "show_tangent": N_("tangent"),
        "show_second": N_("second derivative"),
        "show_fd": N_("finite difference"),
        "curve_function": "f(x)",
        "curve_derivative": "f'(x) autograd",
        "curve_second": "f''(x) autograd",
        "curve_fd": N_("f'(x) finite difference"),
        "curve_tangent": N_("tangent at x0"),
        "readout_x0": "x0",
        "readout_f": "f(x0)",
        "readout_df_autograd": "f'(x0) autograd",
        "readout_df_finite_difference": N_("f'(x0) finite difference"),
        # TRANSLATORS: read-out row: autograd's slope minus the finite-difference slope
        "readout_difference": N_("difference"),
        "readout_d2f_autograd": "f''(x0) autograd",
    },
    "widgets_2d": {
        "function": N_("function"),
        # TRANSLATORS: slider for the x coordinate of the start point of gradient descent
        "x_start": N_("x start"),
        # TRANSLATORS: slider for the y coordinate of the start point of gradient descent
        "y_start": N_("y start"),
        "learning_rate": N_("learning rate"),
        # TRANSLATORS: slider for the number of steps of gradient descent
        "steps": N_("steps"),
        # TRANSLATORS: title of the contour plot with the path of gradient descent
        "contour_title": N_("gradient descent"),
        "loss_title": N_("loss per step"),
        # TRANSLATORS: x-axis label of the loss plot: the step of gradient descent
        "loss_xlabel": N_("step"),
        "loss_ylabel": N_("loss"),
        # TRANSLATORS: label of the marked lowest point of the function in the contour plot
        "minimum": N_("minimum"),
    },
    "functions_1d": {
        "sin": "sin(x)",
        "cubic": "x³ − 3x",
        "tanh": "tanh(x)",
        "gaussian": "exp(−x²)",
        "abs": "|x|",
        # TRANSLATORS: the function of notebook 01 whose value depends on loops and branches
        "control_flow": N_("f(a): control flow"),
    },
    "functions_2d": {
        "bowl": "x² + 2y²",
        "rosenbrock": "Rosenbrock (1 − x)² + 100 (y − x²)²",
        "saddle": "x² − y²",
    },
    "plot": {
        "function": "f(x)",
        "derivative": "f'(x) autograd",
        "second_derivative": "f''(x) autograd",
        "tangent": N_("tangent at x0"),
        "finite_difference": N_("f'(x) finite difference"),
    },
}

_chosen: str | None = None
_warned: set[str] = set()


def _known(code: str) -> str | None:
    """The language code of ``code`` ("tr", "tr_TR", "tr-TR.UTF-8", "TR") if the package has it."""
    base = code.strip().replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
    return base if base in LANGUAGES else None


def resolve(code: str) -> str:
    """``code`` ("tr", "de_DE.UTF-8" ...) as one of LANGUAGES; unknown: English, warned once."""
    known = _known(code)
    if known is not None:
        return known
    if code not in _warned:
        _warned.add(code)
        # Always English: the reader asked for a language this text cannot be shown in.
        warnings.warn(
            f"autodiff_tr has no translation for the language {code!r}; using English."
            f" Languages: {', '.join(LANGUAGES)}.",
            UserWarning,
            stacklevel=3,
        )
    return SOURCE_LANGUAGE


def set_language(code: str | None) -> None:
    """Speak ``code`` ("tr", "de", "id", "en") from now on in this process.

    ``None`` goes back to the automatic choice (environment variable, notebook folder, locale).
    An unknown code gives English, with a warning.
    """
    global _chosen
    _chosen = None if code is None else resolve(code)


def _from_locale_variables() -> str | None:
    """The first language of the locale variables the package has, read as GNU gettext does.

    (Not gettext.find: it would skip "en", which has no catalog, and so pick "de" from
    LANGUAGE=en:de.) The first variable that is set wins; "C" and "POSIX" mean English.
    """
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "").strip()
        if value:
            break
    else:
        return None
    for entry in value.split(":"):
        if entry.split(".")[0] in ("C", "POSIX"):
            return None
        known = _known(entry)
        if known:
            return known
    return None


def language() -> str:
    """The language in use: set_language(), $AUTODIFF_TR_LANG, the cwd's name, the locale, en."""
    if _chosen is not None:
        return _chosen
    requested = os.environ.get(ENV_VAR, "").strip()
    if requested:
        return resolve(requested)
    try:
        folder = Path.cwd().name
    except OSError:  # the working directory was deleted
        folder = ""
    if folder in LANGUAGES:
        return folder
    return _from_locale_variables() or SOURCE_LANGUAGE


@functools.cache
def translation(code: str) -> _gettext.NullTranslations:
    """The compiled catalog of ``code`` (English: no catalog, every text stays as it is)."""
    if code == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[code])


def gettext(text: str, code: str | None = None) -> str:
    """``text`` translated into ``code`` (None: :func:`language`); English if there is none."""
    return translation(language() if code is None else resolve(code)).gettext(text)


def texts(section: str, code: str | None = None) -> dict[str, str]:
    """One section of :data:`EN`, translated into ``code`` (None: :func:`language`)."""
    catalog = translation(language() if code is None else resolve(code))
    return {key: catalog.gettext(text) for key, text in EN[section].items()}
