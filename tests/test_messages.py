"""messages.py: every user-facing message lives in one table, every key is used, every template
formats, and the texts start with PyTorch's words where PyTorch has a message."""

import pathlib
import re
import string

import pytest

import autodiff_tr as ad
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
    ("grad_unused", "One of the differentiated Tensors appears to not have been used"),
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


ENGINE = ["tensor", "ops", "derivatives", "autograd", "creation", "random", "dtypes", "gradcheck"]


def test_no_message_is_written_inline_in_the_engine():
    # an exception or warning whose text starts as a string literal (on its line or the next)
    # is a message that bypasses MESSAGES and so could not be translated
    inline = []
    for name in ENGINE:
        source = (PACKAGE / f"{name}.py").read_text()
        lines = source.splitlines() + [""]
        for number, line in enumerate(lines[:-1], 1):
            start = re.search(r"(?:raise [A-Za-z]*(?:Error|Exception)|warnings\.warn)\((.*)$", line)
            text = (start.group(1) or lines[number].strip()) if start else ""
            if re.match(r"f?[\"']", text):
                inline.append(f"{name}.py:{number}")
    assert inline == []
