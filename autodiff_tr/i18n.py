"""The visible texts of the widgets and plots, one table per language ("en", "tr", "de", "id").

The notebooks' code cells are identical in every language, so they cannot pass translated
labels; instead :func:`language` picks the table: :func:`set_language` if it was called, else the
environment variable ``AUTODIFF_TR_LANG``, else the name of the working directory if it is ``tr``,
``de`` or ``id`` (Jupyter, VS Code and nbval start a notebook's kernel in the notebook's folder,
and the notebooks live in ``notebooks/<lang>/``), else English.

Plain dicts rather than gettext/Babel: these are a few dozen short UI labels, a dict needs no
catalogue compile step, and translators see all languages side by side (as in ``messages.py``).
Math (``f(x)``, ``f'(x)``, ``x0``) and the name ``autograd`` stay as they are in every language;
terms follow ``docs/glossary.md``.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DE", "EN", "ENV_VAR", "ID", "LANGUAGES", "TABLES", "TR", "language", "set_language",
           "texts"]

ENV_VAR = "AUTODIFF_TR_LANG"

# Sections: "widgets_1d" (GradientExplorer), "widgets_2d" (GradientDescentExplorer),
# "functions_1d"/"functions_2d" (drop-down texts, keyed like widgets.FUNCTIONS_1D/_2D) and
# "plot" (legend texts of plot.plot_derivative).

EN = {
    "widgets_1d": {
        "function": "function",
        "x0": "x0",
        "show_derivative": "derivative",
        "show_tangent": "tangent",
        "show_second": "second derivative",
        "show_fd": "finite difference",
        "curve_function": "f(x)",
        "curve_derivative": "f'(x) autograd",
        "curve_second": "f''(x) autograd",
        "curve_fd": "f'(x) finite difference",
        "curve_tangent": "tangent at x0",
        "readout_x0": "x0",
        "readout_f": "f(x0)",
        "readout_df_autograd": "f'(x0) autograd",
        "readout_df_finite_difference": "f'(x0) finite difference",
        "readout_difference": "difference",
        "readout_d2f_autograd": "f''(x0) autograd",
    },
    "widgets_2d": {
        "function": "function",
        "x_start": "x start",
        "y_start": "y start",
        "learning_rate": "learning rate",
        "steps": "steps",
        "contour_title": "gradient descent",
        "loss_title": "loss per step",
        "loss_xlabel": "step",
        "loss_ylabel": "loss",
    },
    "functions_1d": {
        "sin": "sin(x)",
        "cubic": "x³ − 3x",
        "tanh": "tanh(x)",
        "gaussian": "exp(−x²)",
        "abs": "|x|",
        "control_flow": "f(a): control flow",
    },
    "functions_2d": {
        "bowl": "x² + 2y²",
        "rosenbrock": "Rosenbrock (1 − x)² + 100 (y − x²)²",
        "saddle": "x² − y²",
    },
    "plot": {
        "function": "f(x)",
        "derivative": "f'(x) (autograd)",
        "second_derivative": "f''(x) (autograd)",
        "tangent": "tangent at x0",
        "finite_difference": "finite difference",
    },
}

TR = {
    "widgets_1d": {
        "function": "fonksiyon",
        "x0": "x0",
        "show_derivative": "türev",
        "show_tangent": "teğet",
        "show_second": "ikinci türev",
        "show_fd": "sonlu fark",
        "curve_function": "f(x)",
        "curve_derivative": "f'(x) autograd",
        "curve_second": "f''(x) autograd",
        "curve_fd": "f'(x) sonlu fark",
        "curve_tangent": "x0 noktasındaki teğet",
        "readout_x0": "x0",
        "readout_f": "f(x0)",
        "readout_df_autograd": "f'(x0) autograd",
        "readout_df_finite_difference": "f'(x0) sonlu fark",
        "readout_difference": "fark",
        "readout_d2f_autograd": "f''(x0) autograd",
    },
    "widgets_2d": {
        "function": "fonksiyon",
        "x_start": "başlangıç x",
        "y_start": "başlangıç y",
        "learning_rate": "öğrenme oranı",
        "steps": "adım sayısı",
        "contour_title": "gradyan inişi",
        "loss_title": "her adımdaki kayıp",
        "loss_xlabel": "adım",
        "loss_ylabel": "kayıp",
    },
    "functions_1d": {
        "sin": "sin(x)",
        "cubic": "x³ − 3x",
        "tanh": "tanh(x)",
        "gaussian": "exp(−x²)",
        "abs": "|x|",
        "control_flow": "f(a): kontrol akışı",
    },
    "functions_2d": {
        "bowl": "x² + 2y²",
        "rosenbrock": "Rosenbrock (1 − x)² + 100 (y − x²)²",
        "saddle": "x² − y²",
    },
    "plot": {
        "function": "f(x)",
        "derivative": "f'(x) (autograd)",
        "second_derivative": "f''(x) (autograd)",
        "tangent": "x0 noktasındaki teğet",
        "finite_difference": "sonlu fark",
    },
}

DE = {
    "widgets_1d": {
        "function": "Funktion",
        "x0": "x0",
        "show_derivative": "Ableitung",
        "show_tangent": "Tangente",
        "show_second": "zweite Ableitung",
        "show_fd": "finite Differenz",
        "curve_function": "f(x)",
        "curve_derivative": "f'(x) autograd",
        "curve_second": "f''(x) autograd",
        "curve_fd": "f'(x) finite Differenz",
        "curve_tangent": "Tangente bei x0",
        "readout_x0": "x0",
        "readout_f": "f(x0)",
        "readout_df_autograd": "f'(x0) autograd",
        "readout_df_finite_difference": "f'(x0) finite Differenz",
        "readout_difference": "Unterschied",
        "readout_d2f_autograd": "f''(x0) autograd",
    },
    "widgets_2d": {
        "function": "Funktion",
        "x_start": "Start x",
        "y_start": "Start y",
        "learning_rate": "Lernrate",
        "steps": "Schritte",
        "contour_title": "Gradientenabstieg",
        "loss_title": "Verlust nach jedem Schritt",
        "loss_xlabel": "Schritt",
        "loss_ylabel": "Verlust",
    },
    "functions_1d": {
        "sin": "sin(x)",
        "cubic": "x³ − 3x",
        "tanh": "tanh(x)",
        "gaussian": "exp(−x²)",
        "abs": "|x|",
        "control_flow": "f(a): Kontrollfluss",
    },
    "functions_2d": {
        "bowl": "x² + 2y²",
        "rosenbrock": "Rosenbrock (1 − x)² + 100 (y − x²)²",
        "saddle": "x² − y²",
    },
    "plot": {
        "function": "f(x)",
        "derivative": "f'(x) (autograd)",
        "second_derivative": "f''(x) (autograd)",
        "tangent": "Tangente bei x0",
        "finite_difference": "finite Differenz",
    },
}

ID = {
    "widgets_1d": {
        "function": "fungsi",
        "x0": "x0",
        "show_derivative": "turunan",
        "show_tangent": "garis singgung",
        "show_second": "turunan kedua",
        "show_fd": "beda hingga",
        "curve_function": "f(x)",
        "curve_derivative": "f'(x) autograd",
        "curve_second": "f''(x) autograd",
        "curve_fd": "f'(x) beda hingga",
        "curve_tangent": "garis singgung di x0",
        "readout_x0": "x0",
        "readout_f": "f(x0)",
        "readout_df_autograd": "f'(x0) autograd",
        "readout_df_finite_difference": "f'(x0) beda hingga",
        "readout_difference": "selisih",
        "readout_d2f_autograd": "f''(x0) autograd",
    },
    "widgets_2d": {
        "function": "fungsi",
        "x_start": "x awal",
        "y_start": "y awal",
        "learning_rate": "laju pembelajaran",
        "steps": "jumlah langkah",
        "contour_title": "penurunan gradien",
        "loss_title": "loss tiap langkah",
        "loss_xlabel": "langkah",
        "loss_ylabel": "loss",
    },
    "functions_1d": {
        "sin": "sin(x)",
        "cubic": "x³ − 3x",
        "tanh": "tanh(x)",
        "gaussian": "exp(−x²)",
        "abs": "|x|",
        "control_flow": "f(a): alur kendali",
    },
    "functions_2d": {
        "bowl": "x² + 2y²",
        "rosenbrock": "Rosenbrock (1 − x)² + 100 (y − x²)²",
        "saddle": "x² − y²",
    },
    "plot": {
        "function": "f(x)",
        "derivative": "f'(x) (autograd)",
        "second_derivative": "f''(x) (autograd)",
        "tangent": "garis singgung di x0",
        "finite_difference": "beda hingga",
    },
}

TABLES = {"en": EN, "tr": TR, "de": DE, "id": ID}
LANGUAGES = tuple(TABLES)

_chosen: str | None = None


def _check(code: str) -> str:
    if code not in TABLES:
        raise ValueError(f"unknown language {code!r}; known: {', '.join(LANGUAGES)}")
    return code


def set_language(code: str | None) -> None:
    """Use ``code`` from now on in this process; ``None`` goes back to the automatic choice."""
    global _chosen
    _chosen = None if code is None else _check(code)


def language() -> str:
    """The language in use: set_language(), else $AUTODIFF_TR_LANG, else the cwd's name, else en."""
    if _chosen is not None:
        return _chosen
    env = os.environ.get(ENV_VAR, "").strip().lower()
    if env in TABLES:
        return env
    try:
        folder = Path.cwd().name
    except OSError:  # the working directory was deleted
        folder = ""
    return folder if folder in TABLES and folder != "en" else "en"


def texts(section: str, language_code: str | None = None) -> dict[str, str]:
    """A copy of one section of the table for ``language_code`` (None: :func:`language`)."""
    code = language() if language_code is None else _check(language_code)
    return dict(TABLES[code][section])
