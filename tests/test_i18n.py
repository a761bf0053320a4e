"""autodiff_tr.i18n: which language is in use, switching it, and translated widgets and plots."""

import warnings

import matplotlib
import pytest

matplotlib.use("Agg")

import autodiff_tr as ad  # noqa: E402
from autodiff_tr import i18n  # noqa: E402
from autodiff_tr.learn import plot, widgets  # noqa: E402

LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True)
def automatic(monkeypatch, tmp_path):
    """Start every test from the automatic choice: no set_language, no env var, no locale
    variables, a neutral working directory, and no unknown language warned about yet."""
    i18n.set_language(None)
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(i18n, "_warned", set())
    yield
    i18n.set_language(None)


def _in_folder(tmp_path, monkeypatch, name):
    folder = tmp_path / "notebooks" / name
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)


def test_english_and_one_language_per_compiled_catalog():
    assert i18n.LANGUAGES == ("en", "de", "id", "tr")


def test_ad_set_language_is_the_i18n_one():
    assert ad.set_language is i18n.set_language


# -- language(): set_language > env var > folder > locale variables > en ----------------------


def test_default_is_english():
    assert i18n.language() == "en"


@pytest.mark.parametrize("code", ["tr", "de", "id", "en"])
def test_the_notebook_folder_chooses_the_language(code, tmp_path, monkeypatch):
    _in_folder(tmp_path, monkeypatch, code)
    assert i18n.language() == code


def test_other_folders_do_not_choose_a_language(tmp_path, monkeypatch):
    for name in ("fr", "notebooks", "TR"):
        (tmp_path / name).mkdir()
        monkeypatch.chdir(tmp_path / name)
        assert i18n.language() == "en"


def test_the_env_var_beats_the_folder(tmp_path, monkeypatch):
    _in_folder(tmp_path, monkeypatch, "tr")
    monkeypatch.setenv(i18n.ENV_VAR, "de")
    assert i18n.language() == "de"
    monkeypatch.setenv(i18n.ENV_VAR, "en")
    assert i18n.language() == "en"


def test_set_language_beats_env_and_folder_and_none_resets(tmp_path, monkeypatch):
    _in_folder(tmp_path, monkeypatch, "tr")
    monkeypatch.setenv(i18n.ENV_VAR, "de")
    i18n.set_language("id")
    assert i18n.language() == "id"
    i18n.set_language(None)
    assert i18n.language() == "de"


@pytest.mark.parametrize("variable", LOCALE_VARIABLES)
def test_each_locale_variable_chooses_the_language(variable, monkeypatch):
    monkeypatch.setenv(variable, "tr_TR.UTF-8")
    assert i18n.language() == "tr"


@pytest.mark.parametrize("settings,expected", [
    ({"LANGUAGE": "de", "LANG": "tr_TR.UTF-8"}, "de"),      # LANGUAGE comes first
    ({"LC_ALL": "id_ID.UTF-8", "LANG": "de_DE"}, "id"),     # then LC_ALL
    ({"LC_MESSAGES": "de_AT.UTF-8", "LANG": "tr_TR"}, "de"),  # then LC_MESSAGES, then LANG
    ({"LANGUAGE": "fr:de:tr"}, "de"),                        # the first language we have
    ({"LANGUAGE": "en:de"}, "en"),                           # English is a language we have
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LC_ALL": "POSIX", "LANG": "de_DE"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "en"),                         # no catalog: English, silently
])
def test_locale_variables_are_read_the_gnu_way(settings, expected, monkeypatch):
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert i18n.language() == expected


def test_the_folder_beats_the_locale_variables(tmp_path, monkeypatch):
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    _in_folder(tmp_path, monkeypatch, "en")
    assert i18n.language() == "en"
    _in_folder(tmp_path, monkeypatch, "id")
    assert i18n.language() == "id"


@pytest.mark.parametrize("spelling", ["de", "DE", "de_DE", "de-DE", "de_DE.UTF-8", " de "])
def test_set_language_accepts_locale_spellings(spelling):
    i18n.set_language(spelling)
    assert i18n.language() == "de"


# -- an unknown language: English, one warning ------------------------------------------------


def test_set_language_to_an_unknown_language_warns_once_and_speaks_english():
    with pytest.warns(UserWarning, match="no translation for the language 'fr'") as record:
        ad.set_language("fr")
        assert i18n.language() == "en"
        with pytest.raises(RuntimeError) as error:
            ad.tensor([1, 2]).requires_grad_()
        ad.set_language("fr")
        assert i18n.language() == "en"
    assert len(record) == 1
    assert str(error.value).startswith("only Tensors of floating point dtype")
    assert "\n" not in str(error.value)


def test_an_unknown_env_value_warns_once_and_speaks_english(tmp_path, monkeypatch):
    _in_folder(tmp_path, monkeypatch, "id")
    monkeypatch.setenv(i18n.ENV_VAR, "xx")
    with pytest.warns(UserWarning, match="'xx'") as record:
        for _ in range(3):
            assert i18n.language() == "en"
            assert i18n.texts("widgets_2d")["steps"] == "steps"
    assert len(record) == 1


def test_an_unknown_language_argument_warns_and_gives_english_widgets():
    with pytest.warns(UserWarning, match="'fr'"):
        e = widgets.GradientExplorer(language="fr")
    assert e.language == "en"
    assert e.show_tangent.description == "tangent"


# -- translated texts -------------------------------------------------------------------------


def test_texts_translates_a_section_and_keeps_math_as_it_is():
    assert i18n.texts("widgets_1d", "tr")["show_fd"] == "sonlu fark"
    assert i18n.texts("widgets_1d", "tr")["curve_function"] == "f(x)"
    assert i18n.texts("functions_2d", "de") == i18n.EN["functions_2d"]
    assert i18n.texts("plot", "en") == i18n.EN["plot"]


def test_texts_returns_a_copy():
    t = i18n.texts("plot", "tr")
    t["tangent"] = "changed"
    assert i18n.texts("plot", "tr")["tangent"] == "x0 noktasındaki teğet"
    assert i18n.EN["plot"]["tangent"] == "tangent at x0"


def test_switching_the_language_at_run_time_changes_the_next_text():
    labels = []
    for code in ("tr", "de", "id", "en"):
        ad.set_language(code)
        labels.append(i18n.texts("widgets_2d")["learning_rate"])
    assert labels == ["öğrenme oranı", "Lernrate", "laju pembelajaran", "learning rate"]


def test_translations_use_the_glossary_terms():
    assert i18n.gettext("finite difference", "tr") == "sonlu fark"
    assert i18n.gettext("learning rate", "de") == "Lernrate"
    assert i18n.gettext("tangent", "id") == "garis singgung"


def test_a_text_without_translation_stays_english():
    assert i18n.gettext("not in any catalog", "tr") == "not in any catalog"


def test_widgets_and_plot_use_the_english_table_as_their_defaults():
    assert widgets.TEXTS_1D is i18n.EN["widgets_1d"]
    assert widgets.TEXTS_2D is i18n.EN["widgets_2d"]
    assert plot.DEFAULT_LABELS is i18n.EN["plot"]
    assert widgets.FUNCTIONS_1D["control_flow"][0] == "f(a): control flow"


# -- widgets and plot in a language -----------------------------------------------------------


def test_gradient_explorer_in_german():
    e = widgets.GradientExplorer(language="de")
    assert e.function.description == "Funktion"
    assert e.show_tangent.description == "Tangente"
    assert e.show_second.description == "zweite Ableitung"
    assert e.show_fd.description == "finite Differenz"
    assert dict(e.function.options)["f(a): Kontrollfluss"] == "control_flow"
    labels = [line.get_label() for line in e.ax.get_lines() if not line.get_label().startswith("_")]
    assert labels == ["f(x)", "f'(x) autograd", "Tangente bei x0"]
    assert "Unterschied" in e.readout_box.value


def test_gradient_descent_explorer_in_indonesian():
    e = widgets.GradientDescentExplorer(language="id")
    assert e.learning_rate.description == "laju pembelajaran"
    assert e.x_start.description == "x awal"
    assert e.loss_ax.get_xlabel() == "langkah"
    assert e.loss_ax.get_ylabel() == "loss"
    assert e.ax.get_title() == "penurunan gradien"


def test_the_folder_language_reaches_the_widgets(tmp_path, monkeypatch):
    _in_folder(tmp_path, monkeypatch, "tr")
    e = widgets.GradientExplorer()
    assert e.language == "tr"
    assert e.show_derivative.description == "türev"
    d = widgets.GradientDescentExplorer()
    assert d.steps.description == "adım sayısı"
    assert d.learning_rate.description == "öğrenme oranı"


def test_explicit_texts_override_the_language():
    e = widgets.GradientExplorer(language="de", texts={"x0": "Stelle"})
    assert e.x0.description == "Stelle"
    assert e.show_tangent.description == "Tangente"
    with pytest.raises(ValueError, match="unknown text keys"):
        widgets.GradientExplorer(texts={"tangent": "x"})


def test_plot_derivative_in_turkish_puts_turkish_legend_texts_on_the_axes():
    result = plot.plot_derivative(
        ad.sin, 0.0, 3.0, 31, x0=1.0, second=True, finite_difference=True, language="tr"
    )
    _, labels = result.ax.get_legend_handles_labels()
    assert labels == [
        "f(x)",
        "f'(x) autograd",
        "f''(x) autograd",
        "f'(x) sonlu fark",
        "x0 noktasındaki teğet",
    ]


def test_plot_labels_override_the_language_entry_by_entry():
    result = plot.plot_derivative(
        ad.sin, 0.0, 3.0, 31, x0=1.0, labels={"function": r"$\sin(x)$"}, language="de"
    )
    _, labels = result.ax.get_legend_handles_labels()
    assert labels == [r"$\sin(x)$", "f'(x) autograd", "Tangente bei x0"]
