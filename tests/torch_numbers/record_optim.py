"""Record PyTorch's optimizers and learning-rate schedules for tests/test_optim.py and
tests/test_lr_scheduler.py (run with a PyTorch install, from the repository's root):

    python tests/torch_numbers/record_optim.py

It prints Python literals that the tests hold. Each optimizer case takes four steps on the least
squares problem of tests/test_optim.py (float32 and float64) and keeps the parameters after them;
each schedule case is a program in SCHEDULES, run unchanged on both libraries (the test binds
`torch` to autodiff_tr), which returns the learning rates it saw.
"""

import pprint

OPTIMIZERS = {
    "rmsprop": ("RMSprop", {"lr": 0.01}),
    "rmsprop_all": (
        "RMSprop",
        {
            "lr": 0.02,
            "alpha": 0.9,
            "eps": 1e-6,
            "weight_decay": 0.1,
            "momentum": 0.8,
            "centered": True,
        },
    ),
    "rmsprop_momentum_max": ("RMSprop", {"lr": 0.01, "momentum": 0.5, "maximize": True}),
    "adagrad": ("Adagrad", {"lr": 0.1}),
    "adagrad_all": (
        "Adagrad",
        {
            "lr": 0.2,
            "lr_decay": 0.1,
            "weight_decay": 0.05,
            "initial_accumulator_value": 0.3,
            "eps": 1e-6,
        },
    ),
    "adagrad_max": ("Adagrad", {"lr": 0.05, "maximize": True}),
    "adamw": ("AdamW", {"lr": 0.1}),
    "adamw_all": ("AdamW", {"lr": 0.05, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.3}),
    "adamw_max": ("AdamW", {"lr": 0.01, "maximize": True}),
}

X = [[1.0, 2.0, -1.0], [0.5, -0.5, 3.0], [-2.0, 0.0, 1.5], [0.3, 0.2, 0.1]]
Y = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.5]]
W0 = [[0.5, -0.25, 0.125], [-1.0, 0.75, 0.3]]
B0 = [0.1, -0.2]

# Each program defines `lrs`, the list of learning rates to compare.
SCHEDULES = {
    "step": """
opt = torch.optim.SGD([w], lr=0.1)
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=3, gamma=0.5)
lrs = []
for epoch in range(10):
    opt.step()
    sched.step()
    lrs.append(sched.get_last_lr()[0])
""",
    "exponential": """
opt = torch.optim.SGD([w], lr=0.1)
sched = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=0.9)
lrs = [opt.param_groups[0]["lr"]]
for epoch in range(8):
    opt.step()
    sched.step()
    lrs.append(opt.param_groups[0]["lr"])
""",
    "cosine": """
opt = torch.optim.SGD([w], lr=0.1)
sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=5, eta_min=0.01)
lrs = []
for epoch in range(14):
    opt.step()
    sched.step()
    lrs.append(sched.get_last_lr()[0])
""",
    "cosine_resumed": """
opt = torch.optim.SGD([w], lr=0.1)
first = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=10)
for epoch in range(3):
    opt.step()
    first.step()
sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=10, last_epoch=first.last_epoch)
lrs = [opt.param_groups[0]["lr"]]
for epoch in range(4):
    opt.step()
    sched.step()
    lrs.append(sched.get_last_lr()[0])
""",
    "lambda_groups": """
opt = torch.optim.SGD([{"params": [w]}, {"params": [b], "lr": 0.5}], lr=0.1)
sched = torch.optim.lr_scheduler.LambdaLR(opt, [lambda e: 0.95 ** e, lambda e: 1 / (e + 1)])
lrs = []
for epoch in range(6):
    opt.step()
    sched.step()
    lrs.extend(sched.get_last_lr())
""",
    "two_schedules": """
opt = torch.optim.SGD([w], lr=1.0)
first = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=0.9)
second = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.1)
lrs = []
for epoch in range(6):
    opt.step()
    first.step()
    second.step()
    lrs.append(opt.param_groups[0]["lr"])
""",
    "plateau": """
opt = torch.optim.SGD([{"params": [w]}, {"params": [b], "lr": 0.01}], lr=0.1)
sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, factor=0.5, patience=2, cooldown=1,
                                                   min_lr=[0.02, 0.0])
losses = [1.0, 0.9, 0.95, 0.91, 0.92, 0.93, 0.89, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]
lrs = []
for loss in losses:
    opt.step()
    sched.step(loss)
    lrs.extend(sched.get_last_lr())
lrs.append(sched.num_bad_epochs)
lrs.append(sched.best)
""",
    "plateau_max_abs": """
opt = torch.optim.SGD([w], lr=0.1)
sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="max", threshold=0.05,
                                                   threshold_mode="abs", patience=1)
accuracy = [0.5, 0.6, 0.62, 0.64, 0.7, 0.71, 0.72, 0.9]
lrs = []
for acc in accuracy:
    opt.step()
    sched.step(torch.tensor(acc))
    lrs.append(opt.param_groups[0]["lr"])
""",
}


def run_schedule(torch, source):
    w = torch.zeros(2, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    w.grad, b.grad = torch.zeros(2), torch.zeros(1)
    namespace = {"torch": torch, "w": w, "b": b}
    exec(source, namespace)
    return namespace["lrs"]


def run_optimizer(torch, name, dtype):
    cls, kwargs = OPTIMIZERS[name]
    w = torch.tensor(W0, dtype=dtype, requires_grad=True)
    b = torch.tensor(B0, dtype=dtype, requires_grad=True)
    opt = getattr(torch.optim, cls)([w, b], **kwargs)
    x, y = torch.tensor(X, dtype=dtype), torch.tensor(Y, dtype=dtype)
    for _ in range(4):
        opt.zero_grad()
        ((x @ w.T + b - y) ** 2).mean().backward()
        opt.step()
    return w.detach().reshape(-1).tolist() + b.detach().tolist()


def main():
    import torch

    torch.set_num_threads(1)
    finals = {
        f"{name}_{dtype}": run_optimizer(torch, name, getattr(torch, dtype))
        for name in OPTIMIZERS
        for dtype in ("float32", "float64")
    }
    print("FINAL =", pprint.pformat(finals, width=100, compact=True))
    print(
        "LRS =",
        pprint.pformat(
            {name: run_schedule(torch, source) for name, source in SCHEDULES.items()},
            width=100,
            compact=True,
        ),
    )


if __name__ == "__main__":
    main()
