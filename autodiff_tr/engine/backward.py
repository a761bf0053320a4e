"""The engine: walks the graph backwards from the roots, running each node once (`run_backward`),
and what `Tensor.backward` and `autograd.grad` call (`backward`, `grad`).
"""

import sys

import numpy as np

from ..messages import message
from .forward import DUAL_LEVELS, tangents_exist
from .grad_mode import _modes
from .hooks import run_tensor_hooks
from .nodes import AccumulateGrad, OneInputNode, node_of
from .tensor import Tensor

__all__ = ["backward", "grad", "run_backward"]


def _children(node):
    return (node.next_node,) if type(node) is OneInputNode else node.next_nodes


def _dependencies(roots, needed=None):
    """For every node reachable from `roots` (through `needed` nodes only, if given): how many of
    the graph's edges lead into it, that is, how many gradients it must receive before its own
    backward can run."""
    dependencies = dict.fromkeys(roots, 0)
    stack = list(dependencies)
    while stack:
        node = stack.pop()
        # The engine's fast path (see `run_backward`) counts too: a chain of one-input nodes
        # is followed link by link, without a detour through `stack` (2.5x faster on a chain).
        while type(node) is OneInputNode and needed is None:
            child = node.next_node
            if child in dependencies:
                dependencies[child] += 1
                break
            dependencies[child] = 1
            node = child
        else:
            for child in _children(node):
                if child is None or (needed is not None and child not in needed):
                    continue
                if child in dependencies:
                    dependencies[child] += 1
                else:
                    dependencies[child] = 1
                    stack.append(child)
    return dependencies


def _leading_to(roots, targets):
    """The nodes reachable from `roots` that lie on a path to one of `targets` (the targets
    included): the only ones whose formulas `grad` needs to run, as PyTorch's engine prunes its
    walk. A depth-first search that marks a node once one of its children is marked."""
    marked = {}
    for root in roots:
        if root in marked:
            continue
        marked[root] = root in targets
        stack = [(root, iter(_children(root)))]
        while stack:
            node, children = stack[-1]
            for child in children:
                if child is None:
                    continue
                if child not in marked:  # visit it first, then come back to `node`
                    marked[child] = child in targets
                    stack.append((child, iter(_children(child))))
                    break
                if marked[child]:  # (a graph has no cycles: a visited child is finished)
                    marked[node] = True
            else:
                stack.pop()
                if stack and marked[node]:
                    marked[stack[-1][0]] = True
    return {node for node, on_path in marked.items() if on_path}


def formulas_on_tensors(create_graph):
    """Whether a backward pass runs the derivative formulas on Tensors, as ops, rather than on
    arrays (the fast route): with create_graph=True, so that they record the gradient's graph;
    and in forward over reverse mode, so that tangents flow through the formulas as through any
    op and the gradient of a dual tensor is dual, as in PyTorch (grad mode stays off then, so
    nothing is recorded). A tangent reaches the formulas through a saved input, a saved output or
    a gradient; finding out whether one does would take a walk of the graph, so the test is the
    cheap one, once per pass: does any tangent exist? Outside a dual level none can, and the
    arrays' route stays as it is at the cost of this call."""
    return create_graph or (bool(DUAL_LEVELS) and tangents_exist())


def run_backward(roots, root_grads, retain_graph, create_graph, capture=None, on_tensors=None):
    """Propagate `root_grads` from `roots` to the leaves.

    Kahn's algorithm, as PyTorch's engine does it: each node runs once, when all the gradients
    flowing into it have arrived, and hands its inputs' gradients on. Without `capture`, leaves
    accumulate into `.grad`. With `capture` (a set of nodes), the gradients arriving at those
    nodes are returned instead and no `.grad` changes (`grad`); then only the nodes on a path to
    a captured node run, and of their formulas only those whose gradient leads there.

    `pending` holds, per node, the gradient arrived so far and whether this pass owns that array
    (made it, and nothing else references it): an owned array may be added into in place, or
    become a leaf's `.grad` as it is.

    `on_tensors` (by default as `formulas_on_tensors` says): whether the nodes run their formulas
    on Tensors; grad mode is on during the pass only with `create_graph`.
    """
    __tracebackhide__ = True  # (see backward)
    if on_tensors is None:
        on_tensors = formulas_on_tensors(create_graph)
    pending = {}
    for node, root_grad in zip(roots, root_grads):
        if node in pending:
            pending[node] = (pending[node][0] + root_grad, True)
        else:
            pending[node] = (root_grad, False)
    needed = None
    if capture is not None:
        needed = _leading_to(pending, capture)
        for node in [node for node in pending if node not in needed]:
            del pending[node]
    dependencies = _dependencies(pending, needed)
    ready = []
    for node in pending:
        if dependencies[node] == 0:
            ready.append(node)
    captured = {}
    previous_mode, _modes.grad_enabled = _modes.grad_enabled, create_graph
    try:
        while ready:
            node = ready.pop()
            grad, owned = pending.pop(node)
            while node is not None:  # run `node`, then the node it completed, if any
                if node._tensor_hooks is not None:  # register_hook, retain_grad
                    grad, owned = run_tensor_hooks(node._tensor_hooks, grad), False
                if capture is not None and node in capture:
                    captured[node], owned = grad, False  # handed out: no view of it is ours
                    if not any(child in needed for child in _children(node)):
                        break  # nothing below leads to another captured node
                if type(node) is AccumulateGrad:
                    if capture is None:
                        node.accumulate(grad, owned)
                    break
                if type(node) is OneInputNode:
                    # The fast path, only an optimisation (worth 30-55% on a chain of small ops,
                    # benchmarks/README.md): a node of one input that requires grad passes one
                    # gradient on, and when its next node waits for no other, that node runs
                    # right now, without a detour through `pending` and `ready`. (`_dependencies`
                    # counts along such chains the same way.)
                    input_grad = node.apply(grad, on_tensors, retain_graph)
                    next_node = node.next_node
                    if dependencies[next_node] == 1 and next_node not in pending:
                        owned = (
                            input_grad is not grad
                            and type(input_grad) is _ndarray
                            and (
                                input_grad.base is None  # (_owned, written out)
                                or _owned_view(input_grad, grad, owned)
                            )
                        )
                        node, grad = next_node, input_grad
                        continue
                    node, grad, owned = _pass_on(
                        (next_node,), (input_grad,), grad, pending, dependencies, ready
                    )
                else:
                    wanted = None if needed is None else [n in needed for n in node.next_nodes]
                    node, grad, owned = _pass_on(
                        node.next_nodes,
                        node.apply(grad, on_tensors, retain_graph, wanted),
                        grad,
                        pending,
                        dependencies,
                        ready,
                    )
    finally:
        _modes.grad_enabled = previous_mode
    return captured


_ndarray = np.ndarray


def _pass_on(next_nodes, input_grads, grad, pending, dependencies, ready):
    """Hand each input's gradient on to its node, adding it to those that arrived there before.
    A node that thereby has all its gradients is ready to run: the first such node is returned,
    with its gradient and whether this pass owns it, to run next; the others go to `ready`.
    (None, None, False) if there is none. `grad` is the gradient that came in."""
    follow = None, None, False
    for node, input_grad in zip(next_nodes, input_grads):
        if input_grad is None:  # a constant, an input nobody asked about (a pruned walk), or
            if node in dependencies:  # an input a custom Function gave no gradient (function.py)
                dependencies[node] -= 1
                if not dependencies[node] and node in pending:
                    ready.append(node)
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
    """Whether a formula's output is an array of this pass's own, that nothing else references,
    as PyTorch steals a gradient whose use count is 1: a new array is; the arriving `grad` passed
    through is not; a view is as `_owned_view` says."""
    if input_grad is grad or type(input_grad) is not _ndarray:
        return False
    return input_grad.base is None or _owned_view(input_grad, grad, False)


def _owned_view(view, grad, grad_owned):
    """Whether a view a formula returned (a transpose, a reshape) is this pass's own: it may be
    written and covers all of its memory, and that memory is either the arriving gradient's,
    which was ours (`grad_owned`, for a node of one input only: its gradient goes nowhere else),
    or an array the formula made that only this view refers to (`(grad.T @ mat1).T`, the weight's
    gradient of nn.Linear, which AccumulateGrad can then keep without a copy)."""
    base = view.base
    if not view.flags.writeable or view.size != base.size or type(base) is not _ndarray:
        return False
    if grad_owned and base is (grad if grad.base is None else grad.base):
        return True
    return _references(base) == 3  # the view's, `base` here, and the argument's


_references = sys.getrefcount


def _root_gradient(tensor, gradient, on_tensors):
    """The gradient that starts backward at `tensor`: ones for a scalar, else the caller's; a
    Tensor when the formulas run on Tensors (`formulas_on_tensors`), else an array."""
    if tensor.grad_fn is None and not tensor._requires_grad:
        raise RuntimeError(message("no_grad_fn"))
    if tensor._base is not None and tensor._base[1] != tensor._version_counter[0]:
        raise RuntimeError(message("stale_view"))
    if gradient is None:
        data = tensor._data
        if data.size != 1:
            raise RuntimeError(message("backward_non_scalar", shape=tuple(tensor.shape)))
        if on_tensors:
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
    return gradient if on_tensors else gradient._data


_ONES = {}  # (dtype, shape) -> read-only ones, the gradient that starts a scalar's backward


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None):
    """Accumulate into `.grad` of the leaves the gradients of `tensors` (PyTorch's semantics);
    with `inputs`, into `.grad` of those tensors alone (leaves or not)."""
    # pytest and IPython leave a frame with this local out of a traceback: a learner's error shows
    # their own line, then the message, not the engine's frames in between
    __tracebackhide__ = True
    if retain_graph is None:
        retain_graph = create_graph
    if inputs is not None:
        _backward_into(tensors, grad_tensors, retain_graph, create_graph, inputs)
        return
    on_tensors = formulas_on_tensors(create_graph)
    if isinstance(tensors, Tensor):  # (the common case, without the loops below)
        run_backward(
            (node_of(tensors),),
            (_root_gradient(tensors, grad_tensors, on_tensors),),
            retain_graph,
            create_graph,
            on_tensors=on_tensors,
        )
        return
    if grad_tensors is None or isinstance(grad_tensors, Tensor):
        grad_tensors = (grad_tensors,) * len(tensors)
    root_grads = [_root_gradient(t, g, on_tensors) for t, g in zip(tensors, grad_tensors)]
    run_backward(
        [node_of(t) for t in tensors], root_grads, retain_graph, create_graph, on_tensors=on_tensors
    )


def _walk_to(targets, outputs, grad_outputs, retain_graph, create_graph):
    """The walk of `grad` and `backward(inputs=...)`: from `outputs`, pruned to the paths to the
    nodes `targets`; returns the gradient that arrived at each of them."""
    __tracebackhide__ = True  # (see backward)
    on_tensors = formulas_on_tensors(create_graph)
    root_grads = [_root_gradient(t, g, on_tensors) for t, g in zip(outputs, grad_outputs)]
    return run_backward(
        [node_of(t) for t in outputs],
        root_grads,
        retain_graph,
        create_graph,
        capture=set(targets),
        on_tensors=on_tensors,
    )


def _backward_into(tensors, grad_tensors, retain_graph, create_graph, inputs):
    """`backward(inputs=...)`: the walk of `grad`, pruned to the paths to `inputs`, whose
    gradients are then added into their `.grad`."""
    __tracebackhide__ = True  # (see backward)
    inputs = (inputs,) if isinstance(inputs, Tensor) else tuple(dict.fromkeys(inputs))
    if not inputs:
        raise RuntimeError(message("backward_inputs_empty"))
    for t in inputs:
        if not t._requires_grad:
            raise RuntimeError(message("backward_input_no_grad"))
    tensors = (tensors,) if isinstance(tensors, Tensor) else tuple(tensors)
    if grad_tensors is None or isinstance(grad_tensors, Tensor):
        grad_tensors = (grad_tensors,) * len(tensors)
    targets = [node_of(t) for t in inputs]
    captured = _walk_to(targets, tensors, grad_tensors, retain_graph, create_graph)
    # in the pass's grad mode, as a leaf's node runs in the pass (see AccumulateGrad.accumulate)
    previous_mode, _modes.grad_enabled = _modes.grad_enabled, create_graph
    try:
        for t, node in zip(inputs, targets):
            g = captured.get(node)
            if g is None:  # not on a path from `tensors`: its .grad stays as it is, as in PyTorch
                continue
            if type(node) is AccumulateGrad:
                node.accumulate(g)
            else:  # a non-leaf: its .grad as retain_grad would keep it
                g = g if isinstance(g, Tensor) else Tensor._make(np.array(g, t._data.dtype))
                t._grad = g if t._grad is None else t._grad + g
    finally:
        _modes.grad_enabled = previous_mode


def grad(
    outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, allow_unused=False
):
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
    captured = _walk_to(targets, outputs, grad_outputs, retain_graph, create_graph)
    result = []
    for position, (t, node) in enumerate(zip(inputs, targets)):
        g = captured.get(node)
        if g is None:
            if not allow_unused:
                raise RuntimeError(message("grad_unused", index=position))
            result.append(None)
        else:
            result.append(g if isinstance(g, Tensor) else Tensor._make(np.array(g, t._data.dtype)))
    return tuple(result)
