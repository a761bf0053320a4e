"""`autodiff_tr.optim`: optimizers that update parameters from their `.grad`, as `torch.optim`.

opt = optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
loss.backward(); opt.step(); opt.zero_grad()
"""

from . import lr_scheduler
from .adagrad import Adagrad
from .adam import Adam, AdamW
from .optimizer import Optimizer
from .rmsprop import RMSprop
from .sgd import SGD

__all__ = ["SGD", "Adagrad", "Adam", "AdamW", "Optimizer", "RMSprop", "lr_scheduler"]
