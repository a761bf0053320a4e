"""Record PyTorch's forward-mode results for tests/test_autograd_forward_ad.py (run with a
PyTorch install):

    python tests/torch_numbers/record_forward_ad.py > tests/torch_numbers/forward_ad.json

The compositions are the test's `COMPOSITIONS`, written here with `torch` for `ad`; each runs
inside `dual_level()` on x carrying the tangent v, and the primal and tangent of its result are
kept as float64 lists.
"""

import json

import torch
import torch.autograd.forward_ad as fwAD

X = [0.7, -1.3, 0.4, 2.1]
V = [1.0, -0.5, 2.0, 0.25]
W = [[0.5, -1.0, 0.3, 0.8], [1.2, 0.4, -0.7, 0.1], [-0.3, 0.9, 0.6, -1.1]]

COMPOSITIONS = {
    "composition_mlp": lambda x, w: torch.tanh(w @ x).sigmoid().sum(),
    "composition_softmax": lambda x, w: (torch.log_softmax(w @ x, dim=0)
                                         * torch.softmax(x[:3], dim=0)).sum() + (x ** 2).mean(),
    "composition_shapes": lambda x, w: (x.reshape(2, 2).t() @ w[:2, :2]).exp()[1] / (
        1 + x.abs().sqrt().sum()),
    "composition_elementwise": lambda x, w: torch.relu(torch.sin(x) * torch.cos(x)
                                                       - x.exp().log() + (x - 0.5) ** 3),
}

def hvp_function(x):
    """The test's `_hvp_function`: backward formulas that read the op's output."""
    return ((torch.exp(x) * torch.tanh(x)).sum() + (torch.sigmoid(x) * x ** 3).sum()
            + (x.softmax(0) * x).sum() + torch.sqrt(x * x + 1).sum())


def main():
    results = {}
    w = torch.tensor(W, dtype=torch.float64)
    for name, fn in COMPOSITIONS.items():
        with fwAD.dual_level():
            x = fwAD.make_dual(torch.tensor(X, dtype=torch.float64),
                               torch.tensor(V, dtype=torch.float64))
            primal, tangent = fwAD.unpack_dual(fn(x, w))
            results[name] = {"x": X, "v": V, "w": W, "primal": primal.tolist(),
                             "tangent": tangent.tolist()}
    with fwAD.dual_level():
        x = fwAD.make_dual(torch.tensor([1.0, 3.0, 3.0], dtype=torch.float64),
                           torch.tensor([5.0, 1.0, 2.0], dtype=torch.float64))
        results["max_ties"] = fwAD.unpack_dual(torch.max(x)).tangent.item()
    with fwAD.dual_level():  # a Hessian-vector product, forward over reverse
        x = fwAD.make_dual(torch.tensor(X, dtype=torch.float64).requires_grad_(),
                           torch.tensor(V, dtype=torch.float64))
        g, = torch.autograd.grad(hvp_function(x), x, create_graph=True)
        results["hvp_forward_over_reverse"] = {"x": X, "v": V,
                                               "hvp": fwAD.unpack_dual(g).tangent.tolist()}
    x = torch.tensor(X, dtype=torch.float64)
    jac = torch.autograd.functional.jacobian(lambda a: torch.tanh(w[:, :4] @ a), x,
                                             strategy="forward-mode", vectorize=True)
    results["jacobian_forward_mode"] = {"x": X, "w": W, "jacobian": jac.tolist()}
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
