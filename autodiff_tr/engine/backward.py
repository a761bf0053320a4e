"""The engine: walks the graph backwards from the roots, running each node once (`run_backward`),
and what `Tensor.backward` and `autograd.grad` call (`backward`, `grad`).
"""

import functools

import numpy as np

from ..messages import message
from .grad_mode import _GradMode
from .hooks import run_tensor_hooks
from .nodes import AccumulateGrad, OneInputNode, node_of
from .tensor import Tensor

__all__ = ["backward", "grad", "run_backward"]


def _dependencies(roots):
    """For every node reachable from `roots`: how many of the graph's edges lead into it, that
    is, how many gradients it must receive before its own backward can run."""
    dependencies = dict.fromkeys(roots, 0)
    stack = list(dependencies)
    while stack:
        node = stack.pop()
        for child in (node.next_node,) if type(node) is OneInputNode else node.next_nodes:
            if child is None:
                continue
            if child in dependencies:
                dependencies[child] += 1
            else:
                dependencies[child] = 1
                stack.append(child)
    return dependencies


def _quiet_floats(run):
    """Run without NumPy's RuntimeWarnings for a division by zero or an invalid value (a
    derivative of sqrt or log at 0 is inf, of 0/0 nan): PyTorch gives the same inf and nan
    silently."""

    @functools.wraps(run)
    def quietly(*args, **kwargs):
        __tracebackhide__ = True  # (see backward)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            return run(*args, **kwargs)

    return quietly


@_quiet_floats
def run_backward(roots, root_grads, retain_graph, create_graph, capture=None):
    """Propagate `root_grads` from `roots` to the leaves.

    Kahn's algorithm, as PyTorch's engine does it: each node runs once, when all the gradients
    flowing into it have arrived, and hands its inputs' gradients on. Without `capture`, leaves
    accumulate into `.grad`. With `capture` (a set of nodes), the gradients arriving at those
    nodes are returned instead and no `.grad` changes (`grad`).

    `pending` holds, per node, the gradient arrived so far and whether this pass owns that array
    (made it, and nothing else references it): an owned array may be added into in place, or
    become a leaf's `.grad` as it is.
    """
    __tracebackhide__ = True  # (see backward)
    pending = {}
    for node, root_grad in zip(roots, root_grads):
        if node in pending:
            pending[node] = (pending[node][0] + root_grad, True)
        else:
            pending[node] = (root_grad, False)
    dependencies = _dependencies(pending)
    ready = []
    for node in pending:
        if dependencies[node] == 0:
            ready.append(node)
    captured = {}
    previous_mode, _GradMode.enabled = _GradMode.enabled, create_graph
    try:
        while ready:
            node = ready.pop()
            grad, owned = pending.pop(node)
            while node is not None:  # run `node`, then the node it completed, if any
                if node._tensor_hooks is not None:  # register_hook, retain_grad
                    grad, owned = run_tensor_hooks(node._tensor_hooks, grad), False
                if capture is not None and node in capture:
                    captured[node] = grad
                if type(node) is AccumulateGrad:
                    if capture is None:
                        node.accumulate(grad, owned)
                    break
                if type(node) is OneInputNode:
                    # The fast path, only an optimisation (worth 30-55% on a chain of small ops,
                    # benchmarks/README.md): a node of one input that requires grad passes one
                    # gradient on, and when its next node waits for no other, that node runs
                    # right now, without a detour through `pending` and `ready`.
                    input_grad = node.apply(grad, create_graph, retain_graph)
                    next_node = node.next_node
                    if dependencies[next_node] == 1 and next_node not in pending:
                        owned = (input_grad is not grad and type(input_grad) is _ndarray
                                 and input_grad.base is None)  # (_owned, written out)
                        node, grad = next_node, input_grad
                        continue
                    node, grad, owned = _pass_on((next_node,), (input_grad,), grad, pending,
                                                 dependencies, ready)
                else:
                    node, grad, owned = _pass_on(node.next_nodes,
                                                 node.apply(grad, create_graph, retain_graph),
                                                 grad, pending, dependencies, ready)
    finally:
        _GradMode.enabled = previous_mode
    return captured


_ndarray = np.ndarray


def _pass_on(next_nodes, input_grads, grad, pending, dependencies, ready):
    """Hand each input's gradient on to its node, adding it to those that arrived there before.
    A node that thereby has all its gradients is ready to run: the first such node is returned,
    with its gradient and whether this pass owns it, to run next; the others go to `ready`.
    (None, None, False) if there is none. `grad` is the gradient that came in."""
    follow = None, None, False
    for node, input_grad in zip(next_nodes, input_grads):
        if node is None:
            continue
        owned = _owned(input_grad, grad)
        if node in pending:  # add up the gradients arriving at `node`
            total, total_owned = pending.pop(node)
            if total_owned and type(total) is _ndarray and total.dtype == input_grad.dtype:
                input_grad = np.add(total, input_grad, out=total)  # ours alone: no new array
            else:
                input_grad = total + input_grad
            owned = True
        dependencies[node] -= 1
        if dependencies[node] or follow[0] is not None:
            pending[node] = (input_grad, owned)
            if not dependencies[node]:
                ready.append(node)
        else:
            follow = node, input_grad, owned
    return follow


def _owned(input_grad, grad):
    """Whether a formula's output is an array of this pass's own: it is, unless the formula
    passed the arriving `grad` through, or returned a view."""
    return input_grad is not grad and type(input_grad) is _ndarray and input_grad.base is None


def _root_gradient(tensor, gradient, create_graph):
    """The gradient that starts backward at `tensor`: ones for a scalar, else the caller's."""
    if tensor.grad_fn is None and not tensor._requires_grad:
        raise RuntimeError(message("no_grad_fn"))
    if tensor._base is not None and tensor._base[1] != tensor._version_counter[0]:
        raise RuntimeError(message("stale_view"))
    if gradient is None:
        data = tensor._data
        if data.size != 1:
            raise RuntimeError(message("backward_non_scalar", shape=tuple(tensor.shape)))
        if create_graph:
            return Tensor._make(np.ones(data.shape, data.dtype))
        key = (data.dtype, data.shape)
        ones = _ONES.get(key)
        if ones is None:  # made once per dtype and shape: no backward writes into it
            ones = _ONES[key] = np.ones(data.shape, data.dtype)
            ones.flags.writeable = False
        return ones
    if not isinstance(gradient, Tensor):
        gradient = Tensor._make(np.asarray(gradient, dtype=tensor._data.dtype))
    if gradient.shape != tensor.shape:
        raise RuntimeError(message("gradient_shape", got=gradient.shape, expected=tensor.shape))
    if gradient._data.dtype != tensor._data.dtype:  # in the output's dtype, as PyTorch casts it
        gradient = gradient.to(tensor.dtype)
    return gradient if create_graph else gradient._data


_ONES = {}  # (dtype, shape) -> read-only ones, the gradient that starts a scalar's backward


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None):
    """Accumulate into `.grad` of the leaves the gradients of `tensors` (PyTorch's semantics)."""
    # pytest and IPython leave a frame with this local out of a traceback: a learner's error shows
    # their own line, then the message, not the engine's frames in between
    __tracebackhide__ = True
    if inputs is not None:
        raise NotImplementedError(message("backward_inputs"))
    if retain_graph is None:
        retain_graph = create_graph
    if isinstance(tensors, Tensor):  # (the common case, without the loops below)
        run_backward((node_of(tensors),), (_root_gradient(tensors, grad_tensors, create_graph),),
                     retain_graph, create_graph)
        return
    if grad_tensors is None or isinstance(grad_tensors, Tensor):
        grad_tensors = (grad_tensors,) * len(tensors)
    root_grads = [_root_gradient(t, g, create_graph) for t, g in zip(tensors, grad_tensors)]
    run_backward([node_of(t) for t in tensors], root_grads, retain_graph, create_graph)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False,
         allow_unused=False):
    """The gradients of `outputs` with respect to `inputs`, as a tuple; leaves `.grad` alone."""
    __tracebackhide__ = True  # (see backward)
    outputs = (outputs,) if isinstance(outputs, Tensor) else tuple(outputs)
    inputs = (inputs,) if isinstance(inputs, Tensor) else tuple(inputs)
    if grad_outputs is None or isinstance(grad_outputs, Tensor):
        grad_outputs = (grad_outputs,) * len(outputs)
    if len(grad_outputs) != len(outputs):
        raise RuntimeError(message("grad_outputs_len", n=len(outputs), m=len(grad_outputs)))
    for t in inputs:
        if not t._requires_grad:
            raise RuntimeError(message("grad_input_no_grad"))
    if retain_graph is None:
        retain_graph = create_graph
    targets = [node_of(t) for t in inputs]
    root_grads = [_root_gradient(t, g, create_graph) for t, g in zip(outputs, grad_outputs)]
    captured = run_backward([node_of(t) for t in outputs], root_grads, retain_graph,
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
