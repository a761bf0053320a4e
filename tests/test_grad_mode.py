"""grad_mode.py: no_grad, enable_grad and set_grad_enabled as context managers and decorators."""


import pytest

import autodiff_tr as ad


def leaf():
    return ad.arange(4.0, requires_grad=True)


# ---------------------------------------------------------------- grad mode

def test_no_grad_and_enable_grad_as_context_managers():
    x = leaf()
    with ad.no_grad():
        y = x * 2
        assert not ad.is_grad_enabled()
        with ad.enable_grad():
            z = x * 2
            assert ad.is_grad_enabled()
        assert not ad.is_grad_enabled()
    assert ad.is_grad_enabled()
    assert not y.requires_grad and y.grad_fn is None
    assert z.grad_fn.name() == "MulBackward0"


def test_grad_mode_restored_after_an_exception():
    with pytest.raises(ValueError), ad.no_grad():
        raise ValueError
    assert ad.is_grad_enabled()


def test_no_grad_and_enable_grad_as_decorators():
    x = leaf()

    @ad.no_grad()
    def f(a):
        return a * 2

    @ad.enable_grad()
    def g(a):
        return a * 2

    assert f.__name__ == "f"
    assert not f(x).requires_grad
    with ad.no_grad():
        assert g(x).requires_grad
    assert ad.is_grad_enabled()


def test_bare_no_grad_decorator():
    @ad.no_grad
    def f(a):
        return a * 2

    assert not f(leaf()).requires_grad


def test_set_grad_enabled():
    x = leaf()
    ad.set_grad_enabled(False)
    try:
        assert not (x * 2).requires_grad
    finally:
        ad.set_grad_enabled(True)
    assert (x * 2).requires_grad
    with ad.set_grad_enabled(False):
        assert not (x * 2).requires_grad
    assert ad.is_grad_enabled()
    with ad.no_grad(), ad.set_grad_enabled(True):
        assert (x * 2).requires_grad

    @ad.set_grad_enabled(False)
    def f(a):
        return a * 2

    assert ad.is_grad_enabled()  # the decorator does not switch at definition time
    assert not f(x).requires_grad
    assert ad.is_grad_enabled()
