"""Print PyTorch's DataLoader orders and errors for tests/test_utils_data.py (run with PyTorch):

    python tests/torch_numbers/record_data.py

Each case is a line that runs unchanged on PyTorch and on autodiff_tr (`torch` bound to the
package in the test); the printed results are pasted into the test as literals.
"""

import torch
from torch.utils.data import (  # noqa: F401 - the cases below use them through eval
    BatchSampler,
    DataLoader,
    RandomSampler,
    SequentialSampler,
    TensorDataset,
)

ORDERS = [
    # shuffle with a generator of its own: RandomSampler draws from it directly
    "g = torch.Generator(); g.manual_seed(3);"
    " [b.tolist() for _, b in DataLoader(TensorDataset(X, y), 4, shuffle=True, generator=g)]"
    " + [torch.rand(2, generator=g).tolist()]",
    # without a generator: a seed from the default generator seeds a new one
    "torch.manual_seed(5); [b.tolist() for _, b in DataLoader(TensorDataset(X, y), 3,"
    " shuffle=True)] + [torch.rand(2).tolist()]",
    "torch.manual_seed(1); list(RandomSampler(range(7)))",
    "g = torch.Generator(); g.manual_seed(1); list(RandomSampler(range(7), generator=g))",
    "torch.manual_seed(2); list(RandomSampler(range(5), replacement=True, num_samples=40))",
    "torch.manual_seed(2); list(RandomSampler(range(4), num_samples=10))",
    "list(BatchSampler(SequentialSampler(range(10)), 3, False))",
    "list(BatchSampler(SequentialSampler(range(10)), 3, True))",
    "torch.manual_seed(7); [b.tolist() for _, b in DataLoader(TensorDataset(X, y),"
    " batch_sampler=BatchSampler(RandomSampler(range(10)), 4, False))]",
    "torch.manual_seed(7); [b.tolist() for _, b in DataLoader(TensorDataset(X, y),"
    " sampler=RandomSampler(range(10)), batch_size=4)]",
    "[b.tolist() for _, b in DataLoader(TensorDataset(X, y), batch_size=None)][:3]",
]

ERRORS = [
    "DataLoader(ds, batch_size=0)",
    "DataLoader(ds, batch_size=-2)",
    "DataLoader(ds, batch_size=2.5)",
    "DataLoader(ds, batch_size=True)",
    "DataLoader(ds, drop_last=1)",
    "DataLoader(ds, sampler=SequentialSampler(ds), shuffle=True)",
    "DataLoader(ds, batch_sampler=BatchSampler(SequentialSampler(ds), 2, False), batch_size=2)",
    "DataLoader(ds, batch_sampler=BatchSampler(SequentialSampler(ds), 2, False), shuffle=True)",
    "DataLoader(ds, batch_sampler=BatchSampler(SequentialSampler(ds), 2, False), drop_last=True)",
    "DataLoader(ds, batch_size=None, drop_last=True)",
    "DataLoader(ds, batch_sze=4)",
    "DataLoader(ds, num_workers=-1)",
    "DataLoader(ds, timeout=-1)",
    "DataLoader(ds, prefetch_factor=2)",
    "DataLoader(ds, persistent_workers=True)",
    "RandomSampler(ds, replacement=1)",
    "RandomSampler(ds, num_samples=0)",
    "ds[10]",
    "ds[-11]",
    "ds['a']",
]

X = torch.arange(20.0).reshape(10, 2)
y = torch.arange(10)
ds = TensorDataset(X, y)
for line in ORDERS:
    *setup, expr = line.split("; ")
    scope = dict(globals())
    for s in setup:
        exec(s, scope)
    print(repr(line), "->", eval(expr, scope))
for line in ERRORS:
    try:
        eval(line)
        print(repr(line), "-> no error")
    except Exception as e:  # noqa: BLE001 - printing what PyTorch raises is the point
        print(repr(line), "->", type(e).__name__, str(e))
