"""The floor: a bare-bones reverse-mode engine on NumPy, to measure what any Python engine costs.

micrograd's design, vectorized: each op makes a Tensor holding its inputs and a closure that turns
the output's gradient into the inputs' gradients; backward sorts the graph and calls the closures.
Nothing else: no checks of shapes or types, no version counters, no grad modes, no dtype rules,
no PyTorch names, no freeing of the graph. It knows just the API that benchmark cases 1 (the
chapter sequence), 2 (the chain of elementwise ops) and 3c (sin over 10,000 points) use, so
`run.py` runs their very code on it.

Its times show how far a target is from what Python on NumPy can do at all: a target that even
this engine misses cannot be met by one that is also correct on bad input. It is not part of the
package, and nothing but `run.py` should use it.
"""

import numpy as np


class Tensor:
    __slots__ = ("data", "grad", "requires_grad", "_inputs", "_backward")

    def __init__(self, data, inputs=(), backward=None):
        self.data = data if type(data) is np.ndarray else np.asarray(data)
        self.grad = None
        self.requires_grad = False
        self._inputs = inputs
        self._backward = backward  # gradient of the output -> gradients of the inputs

    def requires_grad_(self):
        self.requires_grad = True
        return self

    def detach(self):
        return Tensor(self.data)

    def clone(self):
        return Tensor(self.data.copy())

    def zero_(self):
        self.data[...] = 0
        return self

    def __mul__(self, other):
        a = self.data
        if isinstance(other, Tensor):
            b = other.data
            return Tensor(a * b, (self, other), lambda g: (g * b, g * a))
        return Tensor(a * other, (self,), lambda g: (g * other,))

    __rmul__ = __mul__

    def __add__(self, other):  # (a tensor plus a number: all that case 2 adds)
        return Tensor(self.data + other, (self,), lambda g: (g,))

    def __neg__(self):
        return Tensor(-self.data, (self,), lambda g: (-g,))

    def sum(self):  # the gradient stays one number: broadcasting spreads it where it is used
        return Tensor(np.add.reduce(self.data, axis=None), (self,), lambda g: (g,))

    def sin(self):
        x = self.data
        return Tensor(np.sin(x), (self,), lambda g: (g * np.cos(x),))

    def tanh(self):
        y = np.tanh(self.data)
        return Tensor(y, (self,), lambda g: (g * (1 - y * y),))

    def exp(self):
        y = np.exp(self.data)
        return Tensor(y, (self,), lambda g: (g * y,))

    def norm(self):
        x = self.data
        r = np.sqrt(np.vdot(x, x))
        return Tensor(r, (self,), lambda g: (g * x / r,))

    def __lt__(self, other):
        return Tensor(self.data < other)

    def __gt__(self, other):
        return Tensor(self.data > other)

    def __bool__(self):
        return bool(self.data)

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:  # depth-first, each node after everything it feeds
            node, done = stack.pop()
            if done:
                order.append(node)
            elif node not in seen:
                seen.add(node)
                stack.append((node, True))
                stack.extend((i, False) for i in node._inputs if i not in seen)
        grads = {self: np.ones_like(self.data)}
        for node in reversed(order):
            g = grads.pop(node, None)
            if g is None:
                continue
            if node._backward is None:  # a leaf
                if node.requires_grad and node.grad is None:
                    shape = node.data.shape
                    node.grad = Tensor(g if g.shape == shape else np.full(shape, g))
                elif node.requires_grad:
                    node.grad.data += g
                continue
            for i, gi in zip(node._inputs, node._backward(g)):
                grads[i] = gi if i not in grads else grads[i] + gi


def tensor(value, requires_grad=False):
    t = Tensor(np.array(value, dtype=np.float32))
    t.requires_grad = requires_grad
    return t


def from_numpy(array):
    return Tensor(array)


def arange(end):
    return Tensor(np.arange(end, dtype=np.float32))


def linspace(start, end, steps):
    return Tensor(np.linspace(start, end, steps, dtype=np.float32))


def dot(a, b):
    x, y = a.data, b.data
    return Tensor(np.dot(x, y), (a, b), lambda g: (g * y, g * x))


def sin(x):
    return x.sin()
