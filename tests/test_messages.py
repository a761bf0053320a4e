"""messages.py: every user-facing message lives in one table, every key is used, every template
formats and is marked for Babel, the texts start with PyTorch's words where PyTorch has a message,
and a message reads in the reader's language with the English text on the line after it."""

import pathlib
import re
import string
import warnings

import pytest
from babel.messages.extract import extract_from_file

import autodiff_tr as ad
from autodiff_tr import i18n
from autodiff_tr.messages import MESSAGES, message

PACKAGE = pathlib.Path(ad.__file__).parent


def _fields(template):
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_template_formats(key):
    fields = {name: 1.5 for name in _fields(MESSAGES[key])}
    text = message(key, **fields)
    assert text and "{" not in text.replace("{{", "")


def test_every_key_is_used_by_the_package():
    source = "\n".join(p.read_text() for p in PACKAGE.rglob("*.py") if p.name != "messages.py")
    used = set(re.findall(r"message\(\s*\"([a-z_0-9]+)\"", source))
    assert set(MESSAGES) - used == set()
    assert used - set(MESSAGES) == set()


def test_missing_field_is_an_error():
    with pytest.raises(KeyError):
        message("item_numel")


@pytest.mark.parametrize("key,pytorch_start", [
    ("backward_non_scalar", "grad can be implicitly created only for scalar outputs"),
    ("gradient_shape", "Mismatch in shape"),
    ("no_grad_fn", "element 0 of tensors does not require grad and does not have a grad_fn"),
    ("graph_freed", "Trying to backward through the graph a second time"),
    ("requires_grad_dtype", "only Tensors of floating point"),
    ("requires_grad_non_leaf", "you can only change requires_grad flags of leaf variables"),
    ("inplace_leaf", "a leaf Variable that requires grad is being used in an in-place operation"),
    ("modified_inplace", "one of the variables needed for gradient computation has been modified"
                         " by an inplace operation"),
    ("item_numel", "a Tensor with {n} elements cannot be converted to Scalar"),
    ("bool_numel", "Boolean value of Tensor with more than one value is ambiguous"),
    ("numpy_requires_grad", "Can't call numpy() on Tensor that requires grad"),
    ("mm_shape", "mat1 and mat2 shapes cannot be multiplied"),
    ("dot_ndim", "1D tensors expected"),
    ("broadcast", "The size of tensor a ({a}) must match the size of tensor b ({b}) at"
                  " non-singleton dimension {dim}"),
    ("nonleaf_grad_warning", "The .grad attribute of a Tensor that is not a leaf Tensor is being"
                             " accessed"),
    ("grad_unused", "The differentiated Tensor at index {index} appears to not have been used"),
])
def test_messages_start_with_pytorchs_words(key, pytorch_start):
    assert MESSAGES[key].startswith(pytorch_start)


@pytest.mark.parametrize("key", ["backward_non_scalar", "no_grad_fn", "graph_freed",
                                 "requires_grad_dtype", "inplace_leaf", "modified_inplace",
                                 "item_numel", "bool_numel", "numpy_requires_grad",
                                 "gradient_shape"])
def test_messages_of_the_bad_input_list_say_what_to_do(key):
    text = MESSAGES[key]
    assert "`" in text or "Specify" in text or "Use" in text, text


# Texts that stay English on purpose: Python's own wording for a missing attribute (as every other
# module words it), and i18n's warning about a language it has no catalog for.
ENGLISH_ON_PURPOSE = {("__init__.py", "AttributeError"), ("nn/module.py", "AttributeError"),
                      ("i18n.py", "warnings.warn")}


def test_no_message_is_written_inline_in_the_package():
    # an exception or warning whose text starts as a string literal (on its line or the next)
    # is a message that bypasses MESSAGES and so could not be translated
    inline = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        lines = path.read_text(encoding="utf-8").splitlines() + [""]
        for number, line in enumerate(lines[:-1], 1):
            start = re.search(r"(?:raise ([A-Za-z]*(?:Error|Exception))|(warnings\.warn))\((.*)$",
                              line)
            if not start or (name, start.group(1) or start.group(2)) in ENGLISH_ON_PURPOSE:
                continue
            text = start.group(3) or lines[number].strip()
            if re.match(r"f?[\"']", text):
                inline.append(f"{name}:{number}")
    assert inline == []


def test_every_template_is_marked_for_extraction():
    # pybabel extract finds only texts wrapped in N_(...); an unmarked one is never translated
    extracted = {text for _, text, _, _ in
                 extract_from_file("python", str(PACKAGE / "messages.py"))}
    assert set(MESSAGES.values()) - extracted == set()


# -- in the reader's language -------------------------------------------------------------------


@pytest.fixture
def language():
    """Set the language for one test (ad.set_language), and go back to the automatic choice."""
    yield ad.set_language
    ad.set_language(None)


def test_english_is_the_english_text_once(language):
    language("en")
    assert message("item_numel", n=3) == (
        "a Tensor with 3 elements cannot be converted to Scalar. Select one element first, e.g."
        " `t[0].item()`, or reduce, e.g. `t.sum().item()`."
    )


@pytest.mark.parametrize("code,first_line", [
    ("tr", "3 elemanlı bir tensör skalere dönüştürülemez. Önce bir eleman seçin, örneğin"
           " `t[0].item()`, ya da tensörü indirgeyin, örneğin `t.sum().item()`."),
    ("de", "Ein Tensor mit 3 Elementen lässt sich nicht in einen Skalar umwandeln. Wählen Sie"
           " zuerst ein Element aus, z. B. `t[0].item()`, oder reduzieren Sie den Tensor, z. B."
           " `t.sum().item()`."),
    ("id", "Tensor dengan 3 elemen tidak dapat diubah menjadi skalar. Pilih satu elemen dahulu,"
           " misalnya `t[0].item()`, atau reduksi tensornya, misalnya `t.sum().item()`."),
])
def test_a_translation_comes_first_and_the_english_text_on_its_own_line(language, code,
                                                                         first_line):
    language("en")
    english = message("item_numel", n=3)
    language(code)
    assert message("item_numel", n=3) == f"{first_line}\n{english}"


def _errors():
    """Calls that fail, each with the exception type PyTorch raises for it."""
    x = ad.arange(4.0, requires_grad=True)
    return [
        (RuntimeError, lambda: (x * x).backward()),
        (RuntimeError, lambda: ad.tensor([1, 2]).requires_grad_()),
        (RuntimeError, lambda: ad.ones(2, 3) + ad.ones(4)),
        (IndexError, lambda: x.sum(dim=3)),
        (TypeError, lambda: len(ad.tensor(1.0))),
        (RuntimeError, lambda: ad.mm(ad.ones(2, 3), ad.ones(2, 3))),
    ]


@pytest.mark.parametrize("code", ["en", "tr", "de", "id"])
def test_the_exception_type_is_pytorchs_in_every_language(language, code):
    language(code)
    for expected, call in _errors():
        with pytest.raises(Exception) as error:
            call()
        assert type(error.value) is expected, (code, error.value)


def test_switching_the_language_at_run_time_changes_the_next_message(language):
    x = ad.arange(4.0, requires_grad=True)
    first_lines = []
    for code in ("de", "tr", "en", "id"):
        language(code)
        with pytest.raises(RuntimeError) as error:
            (x * x).backward()
        first_lines.append(str(error.value).split()[0])
    assert first_lines == ["Ohne", "Gradyan", "grad", "Gradien"]


def test_a_warning_reads_in_the_language_too(language):
    language("de")
    x = ad.arange(2.0, requires_grad=True)
    y = x * 2
    with pytest.warns(UserWarning) as record:
        y.grad  # noqa: B018 - reading .grad of a non-leaf is what warns
    german, english = str(record[0].message).split("\n")
    assert german.startswith("Es wird auf das Attribut .grad eines Tensors zugegriffen")
    assert english.startswith("The .grad attribute of a Tensor that is not a leaf Tensor")


def test_the_gradcheck_report_reads_in_the_language(language):
    language("id")
    x = ad.tensor([1.0, 3.0], dtype=ad.float64, requires_grad=True)
    with pytest.raises(ad.GradcheckError) as error:
        ad.gradcheck(lambda t: t * t.detach(), x)  # a backward that forgets the factor 2
    first, english = str(error.value).split("\n")
    assert first.startswith("Matriks Jacobian keluaran 0 terhadap masukan 0 tidak cocok: elemen"
                            " terburuk (1, 1) bernilai analitis 3.0 dan numerik 6.0")
    assert english.startswith("Jacobian mismatch for output 0 with respect to input 0")


def test_a_translation_that_lost_a_placeholder_falls_back_to_english(language, monkeypatch):
    class Broken:
        def gettext(self, text):
            return "{nicht_da} kaputt"

    language("de")
    monkeypatch.setattr("autodiff_tr.messages.translation", lambda code: Broken())
    assert message("item_numel", n=3).startswith("a Tensor with 3 elements")
    assert "\n" not in message("item_numel", n=3)


def test_an_unknown_language_gives_english_messages_with_one_warning(language, monkeypatch):
    monkeypatch.setattr(i18n, "_warned", set())
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        language("xx")
        texts = [message("item_numel", n=n) for n in (2, 3)]
    assert [str(w.message) for w in record if "'xx'" in str(w.message)] != []
    assert len(record) == 1
    assert texts[0].startswith("a Tensor with 2 elements") and "\n" not in texts[0]
