# d2l.ai, "Concise Implementation of Softmax Regression" (PyTorch).
# `from d2l import torch as d2l` is tests/yardstick/d2l/torch.py, installed by the harness, with
# synthetic images for Fashion-MNIST.
import autodiff_tr as torch
from autodiff_tr import nn
from autodiff_tr.utils import data

from d2l import torch as d2l

batch_size = 64
train_iter, test_iter = d2l.load_data_fashion_mnist(batch_size)

# PyTorch does not implicitly reshape the inputs. Thus we define the flatten
# layer to reshape the inputs before the linear layer in our network
net = nn.Sequential(nn.Flatten(), nn.Linear(784, 10))

def init_weights(m):
    if type(m) == nn.Linear:
        nn.init.normal_(m.weight, std=0.01)

net.apply(init_weights);

loss = nn.CrossEntropyLoss(reduction='none')

trainer = torch.optim.SGD(net.parameters(), lr=0.1)

num_epochs = 3
train_metrics, test_acc = d2l.train_ch3(net, train_iter, test_iter, loss, num_epochs, trainer)
