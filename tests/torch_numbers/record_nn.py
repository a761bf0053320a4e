"""Record what PyTorch's nn layers of the first courses compute, for tests/test_nn_layers.py:

    python tests/torch_numbers/record_nn.py > tests/torch_numbers/nn.json

(run with a PyTorch install, from the repository's root). Each case in CASES is a program that
runs unchanged on both libraries (the test binds `torch` to autodiff_tr and `nn` to its nn) and
leaves its tensors in the dict `out`; they are kept whole, as float64 values with their shapes.
"""

import json
import sys


def weights(*shape):
    """Upstream-gradient weights, the same on both libraries: -1 .. 1 over the elements."""
    return "torch.linspace(-1, 1, {n}).reshape({shape})".format(
        n=eval("*".join(map(str, shape)) or "1"), shape=tuple(shape)
    )


CASES = {
    "embedding": f"""
torch.manual_seed(0)
emb = nn.Embedding(6, 4, padding_idx=2)
idx = torch.tensor([[0, 2, 5], [5, 1, 2]])
y = emb(idx)
(y * {weights(2, 3, 4)}).sum().backward()
out = {{"weight": emb.weight, "y": y, "grad": emb.weight.grad}}
""",
    "embedding_init_float64": """
torch.manual_seed(3)
emb = nn.Embedding(10, 5, dtype=torch.float64, padding_idx=-3)
out = {"weight": emb.weight}
""",
    "batchnorm_2d": f"""
torch.manual_seed(1)
bn = nn.BatchNorm1d(3, momentum=0.3)
with torch.no_grad():
    bn.weight.copy_(torch.tensor([1.5, -0.5, 2.0]))
    bn.bias.copy_(torch.tensor([0.1, 0.2, -0.3]))
for _ in range(3):
    X = (torch.randn(8, 3) * 2 + 1).requires_grad_()
    y = bn(X)
(y * {weights(8, 3)}).sum().backward()
bn.eval()
z = bn(torch.linspace(-2, 2, 6).reshape(2, 3))
out = {{"y": y, "x_grad": X.grad, "w_grad": bn.weight.grad, "b_grad": bn.bias.grad,
       "running_mean": bn.running_mean, "running_var": bn.running_var, "eval": z,
       "tracked": bn.num_batches_tracked}}
""",
    "batchnorm_3d_cumulative": f"""
torch.manual_seed(2)
bn = nn.BatchNorm1d(3, momentum=None, affine=False, dtype=torch.float64)
for _ in range(2):
    X = torch.randn(4, 3, 5, dtype=torch.float64).requires_grad_()
    y = bn(X)
(y * {weights(4, 3, 5)}.double()).sum().backward()
out = {{"y": y, "x_grad": X.grad, "running_mean": bn.running_mean,
       "running_var": bn.running_var}}
""",
    "batchnorm_untracked_eval": """
torch.manual_seed(4)
bn = nn.BatchNorm1d(2, track_running_stats=False).eval()
out = {"y": bn(torch.randn(5, 2))}
""",
    "layernorm": f"""
torch.manual_seed(5)
ln = nn.LayerNorm([3, 4])
with torch.no_grad():
    ln.weight.copy_(torch.randn(3, 4))
    ln.bias.copy_(torch.randn(3, 4))
X = torch.randn(2, 3, 4, requires_grad=True)
y = ln(X)
(y * {weights(2, 3, 4)}).sum().backward()
out = {{"y": y, "x_grad": X.grad, "w_grad": ln.weight.grad, "b_grad": ln.bias.grad}}
""",
    "layernorm_plain_float64": f"""
torch.manual_seed(6)
X = torch.randn(3, 5, dtype=torch.float64, requires_grad=True)
y = nn.LayerNorm(5, elementwise_affine=False, dtype=torch.float64)(X)
(y * {weights(3, 5)}.double()).sum().backward()
out = {{"y": y, "x_grad": X.grad}}
""",
    "gelu": f"""
x = torch.linspace(-4, 4, 17, requires_grad=True)
xd = torch.linspace(-4, 4, 17, dtype=torch.float64, requires_grad=True)
y, yt = nn.GELU()(x), nn.GELU(approximate="tanh")(x)
yd, ytd = nn.GELU()(xd), nn.GELU("tanh")(xd)
g, = torch.autograd.grad((y * {weights(17)}).sum(), x)
gt, = torch.autograd.grad((yt * {weights(17)}).sum(), x)
gd, = torch.autograd.grad(yd.sum(), xd)
gtd, = torch.autograd.grad(ytd.sum(), xd)
out = {{"y": y, "yt": yt, "yd": yd, "ytd": ytd, "g": g, "gt": gt, "gd": gd, "gtd": gtd}}
""",
    "kaiming_normal": """
torch.manual_seed(7)
a = nn.init.kaiming_normal_(torch.zeros(3, 4))
b = nn.init.kaiming_normal_(torch.zeros(40, 25), mode="fan_out", nonlinearity="relu")
c = nn.init.kaiming_normal_(torch.zeros(6, 5, dtype=torch.float64), a=0.2)
d = nn.init.kaiming_normal_(torch.zeros(8, 2, 3))
out = {"a": a, "b": b, "c": c, "d": d}
""",
    "lazy_linear": """
torch.manual_seed(8)
layer = nn.LazyLinear(4)
X = torch.rand(2, 3)
y = layer(X)
out = {"weight": layer.weight, "bias": layer.bias, "y": y}
""",
}


def as_data(value):
    return {"shape": list(value.shape), "values": value.detach().double().reshape(-1).tolist()}


def run(torch, nn, source):
    namespace = {"torch": torch, "nn": nn}
    exec(source, namespace)
    return namespace["out"]


def main():
    import torch
    from torch import nn

    torch.set_num_threads(1)
    record = {
        "torch": torch.__version__,
        "cases": {
            name: {key: as_data(value) for key, value in run(torch, nn, src).items()}
            for name, src in CASES.items()
        },
    }
    json.dump(record, sys.stdout, indent=0, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
