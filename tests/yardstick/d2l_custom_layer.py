# d2l.ai (current edition), Builders' Guide, "Custom Layers" (custom-layer), PyTorch tab: its code
# cells in order, each starting at a "# %%" line, identical to the PyTorch tab of
# chapter_builders-guide/custom-layer.md in d2l-en (compared line by line at its commit 23d7a5ae)
# but for the import lines; a cell's last expression is shown, as in the notebook. `from d2l import
# torch as d2l` is tests/yardstick/d2l/torch.py.
# %%
from d2l import torch as d2l
import autodiff_tr as torch
from autodiff_tr import nn
from autodiff_tr.nn import functional as F

# %%
class CenteredLayer(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, X):
        return X - X.mean()

# %%
layer = CenteredLayer()
layer(d2l.tensor([1.0, 2, 3, 4, 5]))

# %%
net = nn.Sequential(nn.LazyLinear(128), CenteredLayer())

# %%
Y = net(d2l.rand(4, 8))
Y.mean()

# %%
class MyLinear(nn.Module):
    def __init__(self, in_units, units):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(in_units, units))
        self.bias = nn.Parameter(torch.randn(units,))

    def forward(self, X):
        linear = torch.matmul(X, self.weight.data) + self.bias.data
        return F.relu(linear)

# %%
linear = MyLinear(5, 3)
linear.weight

# %%
linear(torch.rand(2, 5))

# %%
net = nn.Sequential(MyLinear(64, 8), MyLinear(8, 1))
net(torch.rand(2, 64))
