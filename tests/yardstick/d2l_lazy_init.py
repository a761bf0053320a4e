# d2l.ai (current edition), Builders' Guide, "Lazy Initialization" (lazy-init), PyTorch tab: its
# code cells in order, each starting at a "# %%" line, identical to the PyTorch tab of
# chapter_builders-guide/lazy-init.md in d2l-en (compared line by line at its commit 23d7a5ae) but
# for the import lines; a cell's last expression is shown, as in the notebook. `from d2l import
# torch as d2l` is tests/yardstick/d2l/torch.py.
# %%
from d2l import torch as d2l
import autodiff_tr as torch
from autodiff_tr import nn

# %%
net = nn.Sequential(nn.LazyLinear(256), nn.ReLU(), nn.LazyLinear(10))

# %%
net[0].weight

# %%
X = torch.rand(2, 20)
net(X)

net[0].weight.shape

# %%
@d2l.add_to_class(d2l.Module)  #@save
def apply_init(self, inputs, init=None):
    self.forward(*inputs)
    if init is not None:
        self.net.apply(init)
