"""What a learner reads when something goes wrong: in IPython (Jupyter's kernel) and pytest, the
package's frames between the learner's line and the raising one are left out
(`__tracebackhide__`), so the learner's line, then the message, come first."""

import re

import pytest

IPython = pytest.importorskip("IPython")


@pytest.fixture(scope="module")
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance(colors="nocolor")
    shell.run_cell("import autodiff_tr as ad\nfrom autodiff_tr import nn")
    yield shell
    InteractiveShell.clear_instance()


def traceback_of(shell, capsys, cell):
    capsys.readouterr()
    result = shell.run_cell(cell)
    assert result.error_in_exec is not None
    return capsys.readouterr().out


@pytest.mark.parametrize(
    ("cell", "learner_line", "message"),
    [
        (
            "x = ad.ones(2, requires_grad=True)\ny = (x * x).exp().sum()\n"
            "y.backward()\ny.backward()",
            "y.backward()",
            "Trying to backward through the graph a second time",
        ),
        ("A = ad.ones(2, 3)\nA @ A", "A @ A", "mat1 and mat2 shapes cannot be multiplied"),
        ("a = ad.ones(3, requires_grad=True)\na.sin_()", "a.sin_()", "a leaf Variable"),
        (
            "import numpy as np\nt = ad.ones(3, requires_grad=True)\nnp.sin(t)",
            "np.sin(t)",
            "Can't call numpy() on Tensor that requires grad",
        ),
        (
            "import numpy as np\nt = ad.ones(3, requires_grad=True)\nnp.dot(t, t)",
            "np.dot(t, t)",
            "Can't call numpy() on Tensor that requires grad",
        ),
    ],
)
def test_the_learners_line_and_the_message_come_without_the_engines_frames(
    shell, capsys, cell, learner_line, message
):
    text = traceback_of(shell, capsys, cell)
    package_frames = re.findall(r"^File .*autodiff_tr[/\\]", text, flags=re.M)
    assert len(package_frames) <= 1, text  # only the frame that raised
    assert "skipping hidden" in text
    assert "worth 30-55%" not in text  # the engine's fast-path comment is no reading for a learner
    assert text.index(learner_line) < text.index(message)


def test_pytest_leaves_the_hidden_frames_out_too():
    from autodiff_tr.engine import backward
    from autodiff_tr.tensor_api import higher_order, methods

    hooks = (higher_order.array_ufunc, higher_order.array_function)
    for fn in (backward.backward, backward.grad, backward.run_backward, methods._backward, *hooks):
        assert "__tracebackhide__" in fn.__code__.co_varnames
