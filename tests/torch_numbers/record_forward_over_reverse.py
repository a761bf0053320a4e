"""Print PyTorch's numbers for the forward-over-reverse tests of tests/test_autograd_forward_ad.py
(a backward pass inside a dual level, without create_graph), which keeps them as literals:

    python tests/torch_numbers/record_forward_over_reverse.py

Each case runs inside `dual_level()` in float32, PyTorch's default dtype, and prints the values
and the tangent (None: no tangent) of the gradient it computes.
"""

import torch
import torch.autograd.forward_ad as fwAD


def show(name, t):
    tangent = fwAD.unpack_dual(t).tangent
    print(
        f"{name}: values {t.detach().tolist()}, tangent",
        None if tangent is None else tangent.tolist(),
        f"requires_grad {t.requires_grad} grad_fn {t.grad_fn}",
    )


def main():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    with fwAD.dual_level():
        xd = fwAD.make_dual(x, torch.tensor([1.0, 0.0]))
        (g,) = torch.autograd.grad((torch.sin(xd) * xd).sum(), xd)
        show("grad of sum(sin(x) * x)", g)
        (g,) = torch.autograd.grad((xd**3).sum(), xd)
        show("grad of sum(x ** 3)", g)
        (g,) = torch.autograd.grad((xd**3).sum(), x)
        show("the same, with respect to the primal", g)
        (g,) = torch.autograd.grad((xd**3).sum(), xd, create_graph=True)
        show("the same with create_graph=True", g)
    with fwAD.dual_level():  # backward into .grad of a dual leaf, three times
        w = fwAD.make_dual(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 0.0])).requires_grad_()
        for i in range(3):
            (w**3).sum().backward()
            show(f"w.grad after backward {i + 1}", w.grad)
    with fwAD.dual_level():  # backward into .grad of a leaf whose dual view is used
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        xd = fwAD.make_dual(x, torch.tensor([1.0, 0.0]))
        for i in range(2):
            xd.exp().sum().backward()
            show(f"x.grad after backward {i + 1} of sum(exp(dual x))", x.grad)
        h = xd * 2
        h.retain_grad()
        (h**2).sum().backward()
        show("h.grad, h = 2 x retained", h.grad)
    with fwAD.dual_level():  # the tangent comes in with the gradient only
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        u = fwAD.make_dual(torch.tensor([1.0, 1.0]), torch.tensor([5.0, 5.0]))
        (g,) = torch.autograd.grad(x.sin(), x, u)
        show("grad of sin(x) with a dual grad_outputs", g)
    with fwAD.dual_level():  # broadcasting: only the operand that is dual passes a tangent on
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        b = torch.tensor([[1.0], [2.0]], requires_grad=True)
        bd = fwAD.make_dual(b, torch.tensor([[1.0], [3.0]]))
        gb, gx = torch.autograd.grad((bd * x).sum(), [b, x])
        show("grad of sum(b * x), b of shape (2, 1) dual, for b", gb)
        show("the same, for x", gx)
    with fwAD.dual_level():  # only a node's output carries the tangent to the formulas
        x = torch.tensor([0.5, -1.0], requires_grad=True)
        y = fwAD.unpack_dual(fwAD.make_dual(x, torch.tensor([1.0, 2.0])).exp()).primal.sum()
        (g,) = torch.autograd.grad(y, x)
        show("grad of sum(primal of exp(dual x))", g)


if __name__ == "__main__":
    main()
