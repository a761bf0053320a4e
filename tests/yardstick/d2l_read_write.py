# d2l.ai (current edition), Builders' Guide, "File I/O" (read-write), PyTorch tab: its code cells
# in order, each starting at a "# %%" line, identical to the PyTorch tab of
# chapter_builders-guide/read-write.md in d2l-en (compared line by line at its commit 23d7a5ae) but
# for the import lines; a cell's last expression is shown, as in the notebook. The files are
# written in a temporary directory (the harness's).
# %%
import autodiff_tr as torch
from autodiff_tr import nn
from autodiff_tr.nn import functional as F

# %%
x = torch.arange(4)
torch.save(x, 'x-file')

# %%
x2 = torch.load('x-file')
x2

# %%
y = torch.zeros(4)
torch.save([x, y],'x-files')
x2, y2 = torch.load('x-files')
(x2, y2)

# %%
mydict = {'x': x, 'y': y}
torch.save(mydict, 'mydict')
mydict2 = torch.load('mydict')
mydict2

# %%
class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.LazyLinear(256)
        self.output = nn.LazyLinear(10)

    def forward(self, x):
        return self.output(F.relu(self.hidden(x)))

net = MLP()
X = torch.randn(size=(2, 20))
Y = net(X)

# %%
torch.save(net.state_dict(), 'mlp.params')

# %%
clone = MLP()
clone.load_state_dict(torch.load('mlp.params'))
clone.eval()

# %%
Y_clone = clone(X)
Y_clone == Y
