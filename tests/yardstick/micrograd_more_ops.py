# The torch half of test_more_ops in micrograd's test/test_engine.py (karpathy/micrograd).
import autodiff_tr as torch

a = torch.Tensor([-4.0]).double()
b = torch.Tensor([2.0]).double()
a.requires_grad = True
b.requires_grad = True
c = a + b
d = a * b + b**3
c = c + c + 1
c = c + 1 + c + (-a)
d = d + d * 2 + (b + a).relu()
d = d + 3 * d + (b - a).relu()
e = c - d
f = e**2
g = f / 2.0
g = g + 10.0 / f
g.backward()
apt, bpt, gpt = a, b, g

gpt_data = gpt.data.item()
apt_grad = apt.grad.item()
bpt_grad = bpt.grad.item()
