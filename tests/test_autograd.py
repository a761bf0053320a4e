"""autograd.py: the facade, like torch.autograd: the names a user reaches as `ad.autograd.*`."""

import autodiff_tr as ad


def test_autograd_namespace():
    assert ad.autograd.grad is not None
    assert ad.autograd.no_grad is ad.no_grad


def test_the_facade_names_the_implementations():
    from autodiff_tr.engine import backward as engine
    from autodiff_tr.engine import grad_mode, nodes

    assert ad.autograd.backward is engine.backward and ad.autograd.grad is engine.grad
    assert ad.autograd.set_grad_enabled is grad_mode.set_grad_enabled
    assert ad.autograd.gradcheck is ad.gradcheck and ad.autograd.Node is nodes.Node
    y = ad.ones(2, requires_grad=True) * 2
    assert isinstance(y.grad_fn, ad.autograd.Node)  # a OneInputNode is a Node, as in PyTorch
