# The torch half of test_unary_tensor_fns in micrograd's test/test_engine.py (karpathy/micrograd).
import autodiff_tr as torch

results = []
for tensor_fn in (torch.Tensor.tanh, torch.Tensor.exp):
    for x in [-1., .123, 2.]:
        xt = torch.Tensor([x]).double()
        xt.requires_grad = True
        yt = tensor_fn(xt)
        yt.backward()
        results += [yt.data.item(), xt.grad.item()]
