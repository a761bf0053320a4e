"""`autodiff_tr.optim`: optimizers that update parameters from their `.grad`, as `torch.optim`.

    opt = optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
    loss.backward(); opt.step(); opt.zero_grad()
"""

from . import lr_scheduler
from .adam import Adam
from .optimizer import Optimizer
from .sgd import SGD

__all__ = ["SGD", "Adam", "Optimizer", "lr_scheduler"]
