"""The teaching engine: all of reverse-mode automatic differentiation in one short file.

Start reading here. Each op computes its result with NumPy, on whole arrays, and when an input
requires grad it records a `Node` with one formula per input: the gradient of the op's output goes
in, that input's gradient comes out (a vector-Jacobian product). `backward()` walks the graph from
the result to the leaves with Kahn's algorithm, as the real engine does (`run_backward` in
`engine/backward.py`).

The formulas use the names of the real derivative table (`derivatives.py`): `grad` is the output's
gradient, `self`, `other` the inputs' values, `result` the output. They are bound as default
arguments, `lambda grad, other=b: grad * other`, so each reads as its row in the table. The real
engine adds PyTorch's dtypes and errors, in-place changes, `no_grad`, higher derivatives and speed;
`tests/test_teaching.py` runs every op here on both engines and checks that they agree.

    x = Tensor([1.0, 2.0, 3.0], requires_grad=True)
    (x * x).sum().backward()
    x.grad                # array([2., 4., 6.])
"""

import numpy as np

from ..messages import message  # the error texts, in the reader's language


class Tensor:
    """Values (`data`, a NumPy array) and, for autograd, `requires_grad`, `grad` and `grad_fn`:
    the Node that computed this tensor (None for a leaf, a tensor made by the user)."""

    def __init__(self, data, requires_grad=False):
        self.data = np.asarray(data, dtype=float)
        self.requires_grad = requires_grad
        self.grad = None
        self.grad_fn = None
        self._accumulator = None  # a leaf's AccumulateGrad node, made once

    @property
    def shape(self):
        return self.data.shape

    def __array__(self, dtype=None, copy=None):  # np.cos(self) in a formula reads the values
        return self.data if dtype is None else self.data.astype(dtype)

    def __repr__(self):
        history = f", grad_fn=<{self.grad_fn.name()}>" if self.grad_fn else ""
        return f"tensor({self.data}{history})"

    def backward(self, gradient=None):
        """Add d(self)/d(leaf) into `.grad` of every leaf that requires grad (a non-scalar tensor
        needs `gradient`, the vector of the vector-Jacobian product)."""
        if gradient is None:
            if self.data.size != 1:
                raise RuntimeError(message("backward_non_scalar", shape=self.shape))
            gradient = np.ones_like(self.data)
        run_backward(node_of(self), np.asarray(gradient, dtype=float))

    # The ops: the forward value, and one formula per input for its gradient.
    def __add__(self, other):
        other = as_tensor(other)
        return record(
            "AddBackward0",
            self.data + other.data,
            (self, other),
            (
                lambda grad: grad,  # self
                lambda grad: grad,
            ),
        )  # other

    def __sub__(self, other):
        other = as_tensor(other)
        return record(
            "SubBackward0",
            self.data - other.data,
            (self, other),
            (lambda grad: grad, lambda grad: -grad),
        )

    def __rsub__(self, number):  # number - self: an op of one tensor, as PyTorch records it
        return record("RsubBackward1", number - self.data, (self,), (lambda grad: -grad,))

    def __mul__(self, other):
        other = as_tensor(other)
        a, b = self.data, other.data
        return record(
            "MulBackward0",
            a * b,
            (self, other),
            (lambda grad, other=b: grad * other, lambda grad, self=a: grad * self),
        )

    def __truediv__(self, other):
        other = as_tensor(other)
        a, b = self.data, other.data
        return record(
            "DivBackward0",
            a / b,
            (self, other),
            (
                lambda grad, other=b: grad / other,
                lambda grad, self=a, other=b: -grad * self / (other * other),
            ),
        )

    def __rtruediv__(self, number):
        return as_tensor(number) / self

    def __neg__(self):
        return record("NegBackward0", -self.data, (self,), (lambda grad: -grad,))

    def __pow__(self, exponent):  # a number exponent
        a = self.data
        return record(
            "PowBackward0",
            a**exponent,
            (self,),
            (lambda grad, self=a: grad * exponent * self ** (exponent - 1),),
        )

    def __matmul__(self, mat2):  # matrices
        a, b = self.data, mat2.data
        return record(
            "MmBackward0",
            a @ b,
            (self, mat2),
            (lambda grad, mat2=b: grad @ mat2.T, lambda grad, self=a: self.T @ grad),
        )

    __radd__ = __add__  # 2 + x records x + 2, as PyTorch does
    __rmul__ = __mul__

    def exp(self):
        out = np.exp(self.data)
        return record("ExpBackward0", out, (self,), (lambda grad, result=out: grad * result,))

    def log(self):
        a = self.data
        return record("LogBackward0", np.log(a), (self,), (lambda grad, self=a: grad / self,))

    def sin(self):
        a = self.data
        return record(
            "SinBackward0", np.sin(a), (self,), (lambda grad, self=a: grad * np.cos(self),)
        )

    def cos(self):
        a = self.data
        return record(
            "CosBackward0", np.cos(a), (self,), (lambda grad, self=a: grad * -np.sin(self),)
        )

    def tanh(self):
        out = np.tanh(self.data)
        return record(
            "TanhBackward0", out, (self,), (lambda grad, result=out: grad * (1 - result * result),)
        )

    def relu(self):
        out = np.maximum(self.data, 0)
        return record(
            "ReluBackward0", out, (self,), (lambda grad, result=out: grad * (result > 0),)
        )

    def sum(self):
        return record(
            "SumBackward0",
            self.data.sum(),
            (self,),
            (lambda grad, self_shape=self.shape: np.broadcast_to(grad, self_shape),),
        )


def as_tensor(value):
    """A number or array taken as a constant: a tensor that does not require grad."""
    return value if isinstance(value, Tensor) else Tensor(value)


class Node:
    """One recorded op (PyTorch's `grad_fn`): `next_functions` says, per input, which node its
    gradient goes to: the input's own `grad_fn`, a leaf's AccumulateGrad, or None (a constant)."""

    def __init__(self, name, inputs, formulas):
        self._name = name
        self.input_shapes = [t.shape for t in inputs]
        self.formulas = formulas
        self.next_functions = tuple((node_of(t), 0) for t in inputs)

    def name(self):
        return self._name

    def __repr__(self):
        return f"<{self._name}>"

    def apply(self, grad):
        """The gradient of each input, given the gradient of the output."""
        return [
            unbroadcast(formula(grad), shape)
            for formula, shape in zip(self.formulas, self.input_shapes)
        ]


class AccumulateGrad:
    """The node at a leaf that requires grad: adds the gradient arriving there into `.grad`."""

    next_functions = ()

    def __init__(self, variable):
        self.variable = variable

    def name(self):
        return "AccumulateGrad"

    def apply(self, grad):
        v = self.variable
        v.grad = np.array(grad) if v.grad is None else v.grad + grad
        return []


def record(name, data, inputs, formulas):
    """The output tensor of an op; it remembers the op (a Node) if any input requires grad."""
    out = Tensor(data)
    if any(t.requires_grad for t in inputs):
        out.requires_grad = True
        out.grad_fn = Node(name, inputs, formulas)
    return out


def node_of(tensor):
    """The node a gradient for `tensor` flows into (None for a tensor without grad)."""
    if tensor.grad_fn is not None:
        return tensor.grad_fn
    if not tensor.requires_grad:
        return None
    if tensor._accumulator is None:
        tensor._accumulator = AccumulateGrad(tensor)
    return tensor._accumulator


def unbroadcast(grad, shape):
    """Sum `grad` over the axes broadcasting added or stretched, back to the input's `shape`."""
    while grad.ndim > len(shape):
        grad = grad.sum(axis=0)
    for axis, n in enumerate(shape):
        if n == 1 and grad.shape[axis] != 1:
            grad = grad.sum(axis=axis, keepdims=True)
    return grad


def run_backward(root, gradient):
    """Kahn's algorithm: a node runs once all the gradients flowing into it have arrived."""
    waiting = {root: 0}  # node -> how many gradients it still waits for
    stack = [root]
    while stack:
        for child, _ in stack.pop().next_functions:
            if child is not None:
                if child not in waiting:
                    waiting[child] = 0
                    stack.append(child)
                waiting[child] += 1
    grads, ready = {root: gradient}, [root]
    while ready:
        node = ready.pop()
        input_grads = node.apply(grads.pop(node))
        for (child, _), child_grad in zip(node.next_functions, input_grads):
            if child is None:
                continue
            grads[child] = grads[child] + child_grad if child in grads else child_grad
            waiting[child] -= 1
            if waiting[child] == 0:
                ready.append(child)
