"""Graph recording and traversal: grad mode, the graph's nodes, and the engine behind backward.

Forward: every differentiable op calls `record`, which wraps the result in a Tensor and, when an
input requires grad, attaches a `Node` (PyTorch's `grad_fn`) that keeps what the op's derivative
formula in `derivatives.py` needs. Backward: `run_backward` sorts the nodes topologically and calls
each node's formulas once, passing gradients towards the leaves, whose `AccumulateGrad` nodes add
them into `.grad`.
"""

import functools
import warnings
import weakref
from itertools import repeat

import numpy as np

from . import dtypes
from .messages import message

Tensor = None  # set by tensor.py once the class exists (the two modules need each other)

__all__ = [
    "backward", "grad", "no_grad", "enable_grad", "set_grad_enabled", "is_grad_enabled", "Node",
]


# ---------------------------------------------------------------- grad mode

class _GradMode:
    # A plain global, not thread-local: the notebooks are single-threaded, and this flag is read
    # on every operation.
    enabled = True


def is_grad_enabled():
    return _GradMode.enabled


class _GradModeContext:
    """Base for no_grad / enable_grad: a context manager that also works as a decorator, with or
    without parentheses (`@ad.no_grad()` and `@ad.no_grad`), as in PyTorch."""

    mode = True

    def __new__(cls, func=None):
        self = super().__new__(cls)
        return self if func is None else self(func)

    def __enter__(self):
        self._previous = _GradMode.enabled
        _GradMode.enabled = self.mode

    def __exit__(self, *exc):
        _GradMode.enabled = self._previous
        return False

    def __call__(self, fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with self.__class__():
                return fn(*args, **kwargs)

        return wrapper


class no_grad(_GradModeContext):  # noqa: N801 - PyTorch's name
    """Operations inside record no graph: for updates of parameters and for evaluation."""

    mode = False


class enable_grad(_GradModeContext):  # noqa: N801 - PyTorch's name
    """Turn recording back on inside a `no_grad` block."""

    mode = True


class set_grad_enabled(_GradModeContext):  # noqa: N801 - PyTorch's name
    """`set_grad_enabled(False)` switches at once; used in `with`, it switches back at the end."""

    def __new__(cls, mode):
        return object.__new__(cls)

    def __init__(self, mode):
        self._previous = _GradMode.enabled
        self.mode = bool(mode)
        _GradMode.enabled = self.mode

    def __enter__(self):
        pass

    def __call__(self, fn):
        _GradMode.enabled = self._previous  # as a decorator it must not switch at definition time
        mode = self.mode

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with set_grad_enabled(mode):
                return fn(*args, **kwargs)

        return wrapper


# ---------------------------------------------------------------- the graph

class Node:
    """One recorded operation (PyTorch's `grad_fn`): what its derivative needs and where to go.

    `next_functions` holds, per input, `(node, 0)` where `node` is the input's own `grad_fn`, its
    `AccumulateGrad` if it is a leaf that requires grad, or None for a constant. Nodes are made
    by `record`.
    """

    __slots__ = ("derivative", "next_functions", "_saved", "_versions", "_input_meta", "_retained",
                 "__weakref__")

    def name(self):
        return self.derivative.grad_fn

    def __repr__(self):  # PyTorch shows a memory address; ours stays the same from run to run
        return f"<{self.name()}>"

    def _saved_as_tensors(self):
        """The saved values as Tensors connected to the graph, for create_graph=True."""
        saved = dict(self._saved)
        for name, tensor, _, _ in self._versions:
            if tensor is not None and name is not None:
                saved[name] = tensor
        if "result" in saved:
            saved["result"] = Tensor._from_node(saved["result"], self)
        return saved

    def apply(self, grad, create_graph=False):
        """The gradients for each input, given the gradient `grad` of this node's output."""
        saved = self._saved
        if saved is None:
            raise RuntimeError(message("graph_freed"))
        for name, _, box, version in self._versions:
            if box[0] != version:
                raise RuntimeError(message(
                    "modified_inplace", name=name or "input", node=self.name(), now=box[0],
                    saved=version))
        if create_graph:
            saved = self._saved_as_tensors()
        derivative = self.derivative
        callers = derivative.callers_for(len(self._input_meta)) if derivative.variadic else (
            derivative.callers)
        grads = []
        for (nxt, _), call, meta in zip(self.next_functions, callers, self._input_meta):
            if nxt is None:
                grads.append(None)
                continue
            g = call(grad, saved)
            shape, dtype = meta
            if g.shape != shape:
                g = unbroadcast(g, shape)
            if g.dtype != dtype:  # a float32 input of a float64 product gets a float32 gradient
                g = g.to(dtypes.from_numpy(dtype)) if create_graph else g.astype(dtype)
            grads.append(g)
        return grads

    def release(self):
        """Drop the saved tensors after a backward without retain_graph, as PyTorch does."""
        if self.derivative.saves_tensors:
            self._saved = None
            self._versions = ()


_CONSTANT = (None, 0)


class AccumulateGrad:
    """The node at a leaf that requires grad: adds the arriving gradient into `variable.grad`."""

    __slots__ = ("variable", "__weakref__")
    next_functions = ()

    def __init__(self, variable):
        self.variable = variable

    def name(self):
        return "torch::autograd::AccumulateGrad"

    def __repr__(self):
        return "<AccumulateGrad>"

    def accumulate(self, grad, fresh=False):
        """Add `grad` into `.grad`. A `fresh` array (made by this backward pass and referenced
        nowhere else) becomes `.grad` as it is; any other is copied, so that no two tensors ever
        share a `.grad` array (PyTorch likewise steals a gradient nobody else holds)."""
        variable = self.variable
        if isinstance(grad, Tensor):  # create_graph=True: keep the history of the gradient
            variable.grad = grad if variable.grad is None else variable.grad + grad
        elif variable.grad is None:
            dtype = variable._data.dtype
            if not (fresh and type(grad) is np.ndarray and grad.dtype == dtype):
                grad = np.array(grad, dtype=dtype)
            variable.grad = Tensor._make(grad)
        else:
            existing = variable.grad
            np.add(existing._data, grad, out=existing._data, casting="unsafe")
            existing._version_box[0] += 1


def _node_of(tensor):
    """The node a gradient for `tensor` flows into: its grad_fn, or its (cached) AccumulateGrad."""
    if tensor.grad_fn is not None:
        return tensor.grad_fn
    ref = tensor._accumulator
    node = ref() if ref is not None else None
    if node is None:
        node = AccumulateGrad(tensor)
        tensor._accumulator = weakref.ref(node)
    return node


def record(derivative, result, inputs, params=None):
    """Wrap the forward `result` in a Tensor and, if an input requires grad, attach a Node."""
    out = Tensor._make(result)
    if _GradMode.enabled:
        for t in inputs:
            if isinstance(t, Tensor) and t._requires_grad:
                out.grad_fn = _make_node(derivative, inputs, params, out._data,
                                         out._version_box)
                out._requires_grad = True
                break
    return out


def _make_node(derivative, inputs, params, result, out_version_box):
    # Built field by field rather than through Node.__init__: calling a class costs twice as
    # much as this, and it happens on every recorded op.
    node = _new_node(Node)
    node.derivative = derivative
    nexts, metas, plans = [], [], []
    save_plans = repeat(derivative.save_plans[0]) if derivative.variadic else derivative.save_plans
    for t, plan in zip(inputs, save_plans):
        if isinstance(t, Tensor) and t._requires_grad:
            if t._base is not None and t._base[1] != t._version_box[0]:
                raise RuntimeError(message("stale_view"))
            nexts.append((t.grad_fn or _node_of(t), 0))
            metas.append((t._data.shape, t._data.dtype))
            plans.append(plan)
        else:
            nexts.append(_CONSTANT)
            metas.append(None)
    node.next_functions = tuple(nexts)
    node._input_meta = metas  # (shape, dtype) per input, to reduce and cast its gradient
    node._retained = None
    # What the formulas of the inputs that require grad read, as arrays; the tensors themselves
    # are kept in `_versions`, to check at backward time that nobody changed them in place, and
    # to build a graph of the backward pass when create_graph=True.
    saved = dict(params) if params else {}
    versions = ()
    for plan in plans:
        for name, what, position in plan:
            if name in saved:
                continue
            if what == "result":
                saved[name] = result
                # the output's version counter only: the node must not keep its output alive
                versions += ((name, None, out_version_box, 0),)
            elif what == "shape":
                value = inputs[position]
                saved[name] = value._data.shape if isinstance(value, Tensor) else np.shape(value)
            else:
                value = inputs[position]
                if isinstance(value, Tensor):
                    saved[name] = value._data
                    versions += ((name, value, value._version_box, value._version_box[0]),)
                else:
                    saved[name] = value
    node._saved = saved
    node._versions = versions
    return node


_new_node = object.__new__


def unbroadcast(grad, shape):
    """Sum `grad` over the axes that broadcasting added or stretched, so that it has `shape`.

    The one place where broadcasting enters differentiation: formulas return the gradient in the
    output's shape, and the engine reduces it to each input's shape here.
    """
    extra = grad.ndim - len(shape)
    axes = tuple(range(extra)) + tuple(
        i + extra for i, n in enumerate(shape) if n == 1 and grad.shape[i + extra] != 1
    )
    if axes:
        grad = np.sum(grad, axis=axes)
    return np.reshape(grad, shape)


# ---------------------------------------------------------------- the engine

def _topological_order(roots):
    """Every node reachable from `roots`, each before all the nodes it feeds gradients into."""
    order, seen = [], set()
    stack = [(root, False) for root in roots]
    while stack:
        node, children_done = stack.pop()
        if children_done:
            order.append(node)
            continue
        if node in seen:
            continue
        seen.add(node)
        stack.append((node, True))
        for child, _ in node.next_functions:
            if child is not None and child not in seen:
                stack.append((child, False))
    order.reverse()
    return order


def run_backward(roots, root_grads, retain_graph, create_graph, capture=None):
    """Propagate `root_grads` from `roots` to the leaves.

    Without `capture`, leaves accumulate into `.grad` (backward). With `capture` (a set of nodes),
    the gradients arriving at those nodes are returned instead and no `.grad` changes (grad).
    """
    # node -> (gradient arriving so far, whether this pass made that array and nothing else
    # references it, so that it may be added into in place or become a leaf's .grad as it is)
    grads = {}
    for node, g in zip(roots, root_grads):
        grads[node] = (g, False) if node not in grads else (grads[node][0] + g, True)
    captured = {}
    previous_mode, _GradMode.enabled = _GradMode.enabled, create_graph
    try:
        for node in _topological_order(roots):
            entry = grads.pop(node, None)
            if entry is None:
                continue
            g, is_fresh = entry
            if capture is not None and node in capture:
                captured[node] = g
            if type(node) is AccumulateGrad:
                if capture is None:
                    node.accumulate(g, is_fresh)
                continue
            if node._retained is not None:
                _fill_retained_grads(node, g)
            for (nxt, _), gi in zip(node.next_functions, node.apply(g, create_graph)):
                if gi is None:
                    continue
                previous = grads.get(nxt)
                if previous is None:
                    # A formula's output is new unless it passed `g` through or is a view.
                    grads[nxt] = (gi, gi is not g and getattr(gi, "base", 0) is None)
                    continue
                total, total_is_fresh = previous
                if total_is_fresh and type(total) is np.ndarray and total.dtype == gi.dtype:
                    np.add(total, gi, out=total)  # ours alone: add in place, no new array
                else:
                    grads[nxt] = (total + gi, True)
            if not retain_graph and node.derivative.saves_tensors:
                node.release()
    finally:
        _GradMode.enabled = previous_mode
    return captured


def _fill_retained_grads(node, grad):

    for ref in node._retained:
        tensor = ref()
        if tensor is not None:
            g = grad if isinstance(grad, Tensor) else Tensor._make(np.array(grad))
            tensor._grad = g if tensor._grad is None else tensor._grad + g


def _root_gradient(tensor, gradient, create_graph):
    """The gradient that starts backward at `tensor`: ones for a scalar, else the caller's."""

    if tensor.grad_fn is None and not tensor._requires_grad:
        raise RuntimeError(message("no_grad_fn"))
    if tensor._base is not None and tensor._base[1] != tensor._version_box[0]:
        raise RuntimeError(message("stale_view"))
    if gradient is None:
        if tensor._data.size != 1:
            raise RuntimeError(message("backward_non_scalar", shape=tuple(tensor.shape)))
        ones = np.array(1, dtype=tensor._data.dtype).reshape(tensor._data.shape)
        return Tensor._make(ones) if create_graph else ones
    if not isinstance(gradient, Tensor):
        gradient = Tensor._make(np.asarray(gradient, dtype=tensor._data.dtype))
    if gradient.shape != tensor.shape:
        raise RuntimeError(message("gradient_shape", got=gradient.shape, expected=tensor.shape))
    return gradient if create_graph else gradient._data


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False):
    """Accumulate into `.grad` of the leaves the gradients of `tensors` (PyTorch's semantics)."""

    if isinstance(tensors, Tensor):
        tensors = (tensors,)
    if grad_tensors is None or isinstance(grad_tensors, Tensor):
        grad_tensors = (grad_tensors,) * len(tensors)
    if retain_graph is None:
        retain_graph = create_graph
    root_grads = [_root_gradient(t, g, create_graph) for t, g in zip(tensors, grad_tensors)]
    run_backward([_node_of(t) for t in tensors], root_grads, retain_graph, create_graph)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False,
         allow_unused=False):
    """The gradients of `outputs` with respect to `inputs`, as a tuple; leaves `.grad` alone."""

    outputs = (outputs,) if isinstance(outputs, Tensor) else tuple(outputs)
    single_input = isinstance(inputs, Tensor)
    inputs = (inputs,) if single_input else tuple(inputs)
    if grad_outputs is None or isinstance(grad_outputs, Tensor):
        grad_outputs = (grad_outputs,) * len(outputs)
    if len(grad_outputs) != len(outputs):
        raise RuntimeError(message("grad_outputs_len", n=len(outputs), m=len(grad_outputs)))
    for t in inputs:
        if not t._requires_grad:
            raise RuntimeError(message("grad_input_no_grad"))
    if retain_graph is None:
        retain_graph = create_graph
    targets = [_node_of(t) for t in inputs]
    root_grads = [_root_gradient(t, g, create_graph) for t, g in zip(outputs, grad_outputs)]
    captured = run_backward([_node_of(t) for t in outputs], root_grads, retain_graph,
                            create_graph, capture=set(targets))
    result = []
    for t, node in zip(inputs, targets):
        g = captured.get(node)
        if g is None:
            if not allow_unused:
                raise RuntimeError(message("grad_unused"))
            result.append(None)
        else:
            result.append(g if isinstance(g, Tensor) else Tensor._make(np.array(g, t._data.dtype)))
    return tuple(result)


def warn_nonleaf_grad():
    warnings.warn(message("nonleaf_grad_warning"), UserWarning, stacklevel=3)
