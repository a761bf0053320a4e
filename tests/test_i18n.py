"""Tests for autodiff_tr.i18n: complete tables, the language choice, translated widgets, plots."""

import matplotlib
import pytest

matplotlib.use("Agg")

import autodiff_tr as ad  # noqa: E402
from autodiff_tr import i18n, plot, widgets  # noqa: E402


@pytest.fixture(autouse=True)
def automatic(monkeypatch, tmp_path):
    """Start every test from the automatic choice: no set_language, no env var, neutral cwd."""
    i18n.set_language(None)
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)
    yield
    i18n.set_language(None)


def test_the_four_languages_have_tables():
    assert i18n.LANGUAGES == ("en", "tr", "de", "id")


@pytest.mark.parametrize("code", ["tr", "de", "id"])
def test_every_language_has_exactly_the_english_keys_and_no_empty_text(code):
    table, english = i18n.TABLES[code], i18n.EN
    assert set(table) == set(english)
    for section in english:
        assert set(table[section]) == set(english[section]), (code, section)
        for key, text in table[section].items():
            assert isinstance(text, str) and text.strip(), (code, section, key)


def test_english_tables_have_no_empty_text():
    assert all(t.strip() for section in i18n.EN.values() for t in section.values())


def test_widgets_and_plot_use_the_english_table_as_their_defaults():
    assert widgets.TEXTS_1D is i18n.EN["widgets_1d"]
    assert widgets.TEXTS_2D is i18n.EN["widgets_2d"]
    assert plot.DEFAULT_LABELS is i18n.EN["plot"]
    assert widgets.FUNCTIONS_1D["control_flow"][0] == "f(a): control flow"


def test_translations_use_the_glossary_terms():
    assert i18n.TR["widgets_1d"]["show_fd"] == "sonlu fark"
    assert i18n.DE["widgets_2d"]["learning_rate"] == "Lernrate"
    assert i18n.ID["widgets_1d"]["show_tangent"] == "garis singgung"


# -- language(): set_language > env var > cwd folder > en ---------------------------------------


def test_default_is_english(tmp_path):
    assert i18n.language() == "en"


@pytest.mark.parametrize("code", ["tr", "de", "id"])
def test_the_notebook_folder_chooses_the_language(code, tmp_path, monkeypatch):
    folder = tmp_path / "notebooks" / code
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    assert i18n.language() == code


def test_other_folders_do_not_choose_a_language(tmp_path, monkeypatch):
    for name in ("en", "fr", "notebooks"):
        (tmp_path / name).mkdir()
        monkeypatch.chdir(tmp_path / name)
        assert i18n.language() == "en"


def test_the_env_var_beats_the_folder(tmp_path, monkeypatch):
    (tmp_path / "tr").mkdir()
    monkeypatch.chdir(tmp_path / "tr")
    monkeypatch.setenv(i18n.ENV_VAR, "de")
    assert i18n.language() == "de"
    monkeypatch.setenv(i18n.ENV_VAR, "en")
    assert i18n.language() == "en"


def test_an_unknown_env_value_is_ignored(tmp_path, monkeypatch):
    (tmp_path / "id").mkdir()
    monkeypatch.chdir(tmp_path / "id")
    monkeypatch.setenv(i18n.ENV_VAR, "xx")
    assert i18n.language() == "id"


def test_set_language_beats_env_and_folder_and_none_resets(tmp_path, monkeypatch):
    (tmp_path / "tr").mkdir()
    monkeypatch.chdir(tmp_path / "tr")
    monkeypatch.setenv(i18n.ENV_VAR, "de")
    i18n.set_language("id")
    assert i18n.language() == "id"
    i18n.set_language(None)
    assert i18n.language() == "de"


def test_unknown_codes_are_rejected():
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        i18n.set_language("fr")
    with pytest.raises(ValueError, match="unknown language"):
        widgets.GradientExplorer(language="fr")


def test_texts_returns_a_copy():
    t = i18n.texts("plot", "tr")
    t["tangent"] = "changed"
    assert i18n.TR["plot"]["tangent"] == "x0 noktasındaki teğet"


# -- widgets and plot in a language ---------------------------------------------------------------


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
    (tmp_path / "tr").mkdir()
    monkeypatch.chdir(tmp_path / "tr")
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
        "f'(x) (autograd)",
        "f''(x) (autograd)",
        "sonlu fark",
        "x0 noktasındaki teğet",
    ]


def test_plot_labels_override_the_language_entry_by_entry():
    result = plot.plot_derivative(
        ad.sin, 0.0, 3.0, 31, x0=1.0, labels={"function": r"$\sin(x)$"}, language="de"
    )
    _, labels = result.ax.get_legend_handles_labels()
    assert labels == [r"$\sin(x)$", "f'(x) (autograd)", "Tangente bei x0"]
