# d2l.ai, "Implementation of Multilayer Perceptrons from Scratch" (PyTorch).
# `from d2l import torch as d2l` is tests/yardstick/d2l/torch.py, installed by the harness, with
# synthetic images for Fashion-MNIST.
import autodiff_tr as torch
from autodiff_tr import nn
from autodiff_tr.utils import data

from d2l import torch as d2l

batch_size = 64
train_iter, test_iter = d2l.load_data_fashion_mnist(batch_size)

num_inputs, num_outputs, num_hiddens = 784, 10, 256

W1 = nn.Parameter(torch.randn(
    num_inputs, num_hiddens, requires_grad=True) * 0.01)
b1 = nn.Parameter(torch.zeros(num_hiddens, requires_grad=True))
W2 = nn.Parameter(torch.randn(
    num_hiddens, num_outputs, requires_grad=True) * 0.01)
b2 = nn.Parameter(torch.zeros(num_outputs, requires_grad=True))

params = [W1, b1, W2, b2]

def relu(X):
    a = torch.zeros_like(X)
    return torch.max(X, a)

def net(X):
    X = X.reshape((-1, num_inputs))
    H = relu(X@W1 + b1)  # Here '@' stands for matrix multiplication
    return (H@W2 + b2)

loss = nn.CrossEntropyLoss(reduction='none')

num_epochs, lr = 3, 0.1
updater = torch.optim.SGD(params, lr=lr)
train_metrics, test_acc = d2l.train_ch3(net, train_iter, test_iter, loss, num_epochs, updater)
