# d2l.ai (current edition), Builders' Guide, "Parameter Management" (parameters), PyTorch tab: its
# code cells in order, each starting at a "# %%" line, identical to the PyTorch tab of
# chapter_builders-guide/parameters.md in d2l-en (compared line by line at its commit 23d7a5ae) but
# for the import lines; a cell's last expression is shown, as in the notebook.
# %%
import autodiff_tr as torch
from autodiff_tr import nn

# %%
net = nn.Sequential(nn.LazyLinear(8),
                    nn.ReLU(),
                    nn.LazyLinear(1))

X = torch.rand(size=(2, 4))
net(X).shape

# %%
net[2].state_dict()

# %%
type(net[2].bias), net[2].bias.data

# %%
net[2].weight.grad == None

# %%
[(name, param.shape) for name, param in net.named_parameters()]

# %%
# We need to give the shared layer a name so that we can refer to its
# parameters
shared = nn.LazyLinear(8)
net = nn.Sequential(nn.LazyLinear(8), nn.ReLU(),
                    shared, nn.ReLU(),
                    shared, nn.ReLU(),
                    nn.LazyLinear(1))

net(X)
# Check whether the parameters are the same
print(net[2].weight.data[0] == net[4].weight.data[0])
net[2].weight.data[0, 0] = 100
# Make sure that they are actually the same object rather than just having the
# same value
print(net[2].weight.data[0] == net[4].weight.data[0])
