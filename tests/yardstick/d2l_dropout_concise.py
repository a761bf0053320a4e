# d2l.ai, "Dropout" (PyTorch), concise implementation.
# `from d2l import torch as d2l` is tests/yardstick/d2l/torch.py, installed by the harness, with
# synthetic images for Fashion-MNIST.
import autodiff_tr as torch
from autodiff_tr import nn
from autodiff_tr.utils import data

from d2l import torch as d2l

dropout1, dropout2 = 0.2, 0.5
num_epochs, lr, batch_size = 3, 0.5, 64
loss = nn.CrossEntropyLoss(reduction='none')
train_iter, test_iter = d2l.load_data_fashion_mnist(batch_size)

net = nn.Sequential(nn.Flatten(),
        nn.Linear(784, 256),
        nn.ReLU(),
        # Add a dropout layer after the first fully connected layer
        nn.Dropout(dropout1),
        nn.Linear(256, 256),
        nn.ReLU(),
        # Add a dropout layer after the second fully connected layer
        nn.Dropout(dropout2),
        nn.Linear(256, 10))

def init_weights(m):
    if type(m) == nn.Linear:
        nn.init.normal_(m.weight, std=0.01)

net.apply(init_weights);

trainer = torch.optim.SGD(net.parameters(), lr=lr)
train_metrics, test_acc = d2l.train_ch3(net, train_iter, test_iter, loss, num_epochs, trainer)
