# d2l.ai, "Concise Implementation of Multilayer Perceptrons" (PyTorch).
# `from d2l import torch as d2l` is tests/yardstick/d2l/torch.py, installed by the harness, with
# synthetic images for Fashion-MNIST.
import autodiff_tr as torch
from autodiff_tr import nn
from autodiff_tr.utils import data

from d2l import torch as d2l

net = nn.Sequential(nn.Flatten(),
                    nn.Linear(784, 256),
                    nn.ReLU(),
                    nn.Linear(256, 10))

def init_weights(m):
    if type(m) == nn.Linear:
        nn.init.normal_(m.weight, std=0.01)

net.apply(init_weights);

batch_size, lr, num_epochs = 64, 0.1, 3
loss = nn.CrossEntropyLoss(reduction='none')
trainer = torch.optim.SGD(net.parameters(), lr=lr)

train_iter, test_iter = d2l.load_data_fashion_mnist(batch_size)
train_metrics, test_acc = d2l.train_ch3(net, train_iter, test_iter, loss, num_epochs, trainer)
