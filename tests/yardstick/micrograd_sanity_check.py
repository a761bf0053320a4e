# The torch half of test_sanity_check in micrograd's test/test_engine.py (karpathy/micrograd).
# micrograd's own Value gives y = -20 and dy/dx = 46 for the same expression.
import autodiff_tr as torch

x = torch.Tensor([-4.0]).double()
x.requires_grad = True
z = 2 * x + 2 + x
q = z.relu() + z * x
h = (z * z).relu()
y = h + q + q * x
y.backward()
xpt, ypt = x, y

ypt_data = ypt.data.item()
xpt_grad = xpt.grad.item()
