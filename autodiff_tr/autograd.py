"""Graph recording and traversal: grad mode, the graph's nodes, and the engine behind backward.

Forward: every differentiable op calls `record` (or `record_one`, for an op of one tensor), which
wraps the result in a Tensor and, when an input requires grad, attaches a `Node` (PyTorch's
`grad_fn`) that keeps what the op's derivative formulas in `derivatives.py` read. Backward:
`run_backward` counts how many gradients each node waits for, then runs each node's formulas once
all of them have arrived, passing gradients towards the leaves, whose `AccumulateGrad` nodes add
them into `.grad`.

Everything here runs on every op, so it is written for speed where that matters, and says so.
"""

import functools
import warnings
import weakref

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

    - `_next`: per input, the node its gradient flows into: the input's own `grad_fn`, its
      `AccumulateGrad` if it is a leaf that requires grad, or None for a constant.
    - `_args`: per input that requires grad, the values its formula reads besides `grad` (None
      for the others); `_input_meta`: per input, its (shape, dtype) where the formula's result
      may differ in them, else None (and None instead of a tuple of Nones).
    - `_one`: when only one input requires grad (by far the most common case, made by
      `record_one`), its position; `_next`, `_args` and `_input_meta` then hold that input's
      entry itself, not a tuple: fewer objects per op for the garbage collector to track.
    - `_versions`: for each saved input tensor, four entries in a row (flat, for the same reason):
      its name, the tensor, its version counter and the version when it was saved.
    - `_out_box`: the output's version counter, if a formula reads the output (the node keeps
      the output's array, never the output tensor: that would keep it alive).
    """

    __slots__ = ("derivative", "_next", "_args", "_input_meta", "_one", "_versions", "_out_box",
                 "_retained", "__weakref__")

    def name(self):
        return self.derivative.grad_fn

    def __repr__(self):  # PyTorch shows a memory address; ours stays the same from run to run
        return f"<{self.name()}>"

    @property
    def next_functions(self):
        """PyTorch's view of `_next`: a `(node, 0)` pair per input (0: the node's only output)."""
        return tuple((node, 0) for node in self._edges())

    def _edges(self):
        """Per input, the node its gradient flows into (None for a constant), in either layout."""
        if self._one is None:
            return self._next
        nodes = [None] * len(self.derivative.input_names)  # (record_one: never cat or stack)
        nodes[self._one] = self._next
        return tuple(nodes)

    def apply(self, grad, create_graph=False, retain_graph=True):
        """The gradients for each input (None for a constant), given the gradient `grad` of this
        node's output. Without `retain_graph`, what the forward pass kept is let go after."""
        args = self._args
        if args is None:
            raise RuntimeError(message("graph_freed"))
        self._check_versions()
        if create_graph:
            args = self._args_as_tensors()
        derivative, metas = self.derivative, self._input_meta
        if self._one is not None:  # one input requires grad: its entries, not tuples
            k = self._one
            grads = [None] * len(derivative.input_names)
            grads[k] = derivative.formulas[k](grad, *args)
            if metas is not None:  # its gradient needs its shape or dtype back
                grads[k] = _fit(grads[k], metas, create_graph)
        else:
            formulas = derivative.formulas * len(args) if derivative.variadic else (
                derivative.formulas)
            grads = [None if nxt is None else f(grad, *a)
                     for nxt, f, a in zip(self._next, formulas, args)]
            for i, meta in enumerate(metas or ()):
                if meta is not None:
                    grads[i] = _fit(grads[i], meta, create_graph)
        if not retain_graph and derivative.saves_tensors:
            self._release()
        return grads

    def _check_versions(self):
        """Refuse to differentiate with a saved value that was changed in place since."""
        v = self._versions
        for i in range(0, len(v), 4):
            box, version = v[i + 2], v[i + 3]
            if box[0] != version:
                raise RuntimeError(message("modified_inplace", name=v[i], node=self.name(),
                                           now=box[0], saved=version))
        if self._out_box is not None and self._out_box[0] != 0:
            raise RuntimeError(message("modified_inplace", name="result", node=self.name(),
                                       now=self._out_box[0], saved=0))

    def _release(self):
        """Drop what the forward pass kept, after a backward without retain_graph, as PyTorch
        does (a second backward is then refused: graph_freed)."""
        self._args, self._versions, self._out_box = None, (), None

    def _args_as_tensors(self):
        """`_args` with the saved arrays replaced by Tensors connected to the graph, so that the
        formulas record what they compute (create_graph=True)."""
        v = self._versions
        tensors = {v[i]: v[i + 1] for i in range(0, len(v), 4)}

        def connected(plan, values):
            return tuple(Tensor._from_node(value, self) if source == "result"
                         else tensors.get(name, value) if source == "input" else value
                         for (name, source, _), value in zip(plan, values))

        if self._one is not None:
            return connected(self.derivative.plans[self._one], self._args)
        return [None if values is None else connected(self.derivative.formula_and_plan(i)[1],
                                                      values)
                for i, values in enumerate(self._args)]


def _fit(grad, meta, create_graph):
    """`grad` summed over the axes broadcasting stretched, and cast, to the input's shape and dtype
    as `meta` = (shape, dtype) gives them."""
    shape, dtype = meta
    if grad.shape != shape:
        grad = unbroadcast(grad, shape)
    if grad.dtype != dtype:  # a float32 input of a float64 product gets a float32 gradient
        grad = grad.to(dtypes.from_numpy(dtype)) if create_graph else grad.astype(dtype)
    return grad


class AccumulateGrad:
    """The node at a leaf that requires grad: adds the arriving gradient into `variable.grad`."""

    __slots__ = ("variable", "__weakref__")
    _next = next_functions = ()
    _one = None

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
        elif variable._grad is None:
            dtype = variable._data.dtype
            if not (fresh and type(grad) is np.ndarray and grad.dtype == dtype):
                grad = np.array(grad, dtype=dtype)
            variable._grad = Tensor._make(grad)
        else:
            existing = variable._grad
            np.add(existing._data, grad, out=existing._data, casting="unsafe")
            existing._counter()[0] += 1


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
                out.grad_fn = _make_node(derivative, inputs, params, out)
                out._requires_grad = True
                break
    return out


def record_one(derivative, result, t, params=None, pair=None, k=0):
    """`record` for an op with one input that can require grad, `t`: an op of one tensor (the most
    common kind), or of two inputs, `pair`, whose other is a constant (`t * 2`, `2 / t`), with `t`
    at position `k`. Written out for speed."""
    out = Tensor._make(result)
    if not (t._requires_grad and _GradMode.enabled):
        return out
    if t._base is not None and t._base[1] != t._version_box[0]:
        raise RuntimeError(message("stale_view"))
    node = _new_node(Node)
    node.derivative = derivative
    node._retained = None
    node._one = k
    node._next = t.grad_fn or _node_of(t)
    data, result = t._data, out._data
    node._input_meta = None if data.dtype is result.dtype and (derivative.same_shape or (
        derivative.broadcasts and data.shape == result.shape)) else (data.shape, data.dtype)
    node._out_box = None
    # What the formula reads: mostly nothing, one input (`t` or the constant), its shape or the
    # output; those cases are written out here (`_arguments` does any plan, more slowly).
    plan = derivative.plans[k]
    source = plan[0][1] if len(plan) == 1 else None
    if not plan:
        node._versions, node._args = (), ()
    elif source == "shape" and plan[0][2] == k:
        node._versions, node._args = (), (data.shape,)
    elif source == "input":
        name, _, position = plan[0]
        value = t if position == k else pair[position]
        if isinstance(value, Tensor):
            box = value._version_box or value._counter()
            node._versions, node._args = (name, value, box, box[0]), (value._data,)
        else:
            node._versions, node._args = (), (value,)
    elif source == "result":
        node._out_box = out._counter()
        node._versions, node._args = (), (result,)
    else:
        node._versions = ()
        node._args = _arguments(plan, pair or (t,), k, params, out, node)
    out.grad_fn = node
    out._requires_grad = True
    return out


def _make_node(derivative, inputs, params, out):
    # Built field by field rather than through Node.__init__: calling a class costs twice as
    # much as this, and it happens on every recorded op.
    node = _new_node(Node)
    node.derivative = derivative
    node._retained = None
    node._one = None  # (see Node)
    node._versions, node._out_box = (), None
    nexts, args, metas = [], [], None
    plans, variadic = derivative.plans, derivative.variadic
    result = out._data
    i = -1
    for t in inputs:
        i += 1
        if not (isinstance(t, Tensor) and t._requires_grad):
            nexts.append(None)
            args.append(None)
            continue
        if t._base is not None and t._base[1] != t._version_box[0]:
            raise RuntimeError(message("stale_view"))
        nexts.append(t.grad_fn or _node_of(t))
        data = t._data
        # An input whose gradient will not come out of its formula in its own shape and dtype
        # (broadcasting, type promotion) gets them noted, for `_fit`.
        if data.dtype is not result.dtype or not (derivative.same_shape or (
                derivative.broadcasts and data.shape == result.shape)):
            if metas is None:
                metas = [None] * len(inputs)
            metas[i] = (data.shape, data.dtype)
        args.append(_arguments(plans[0 if variadic else i], inputs, i, params, out, node))
    node._next = tuple(nexts)
    node._input_meta = metas
    node._args = args
    return node


def _arguments(plan, inputs, i, params, out, node):
    """The values the formula of input `i` reads besides `grad`, following its `plan` (see
    `Derivative.plans`). Saved arrays are noted in `node._versions` with their version counter,
    to check at backward time that nobody changed them in place, and with their tensor, to
    connect them to the graph when create_graph=True."""
    values = []
    for name, source, position in plan:
        if source == "input":
            value = inputs[position]
            if isinstance(value, Tensor):
                box = value._version_box or value._counter()
                node._versions += (name, value, box, box[0])
                value = value._data
        elif source == "result":
            value = out._data
            node._out_box = out._version_box or out._counter()
        elif source == "param":
            value = params[name]
        elif source == "shape":
            value = inputs[position]
            value = value._data.shape if isinstance(value, Tensor) else np.shape(value)
        else:  # "i"
            value = i
        values.append(value)
    return tuple(values)


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

def _dependencies(roots):
    """For every node reachable from `roots`: how many of the graph's edges lead into it, that
    is, how many gradients it must receive before its own backward can run."""
    deps = dict.fromkeys(roots, 0)
    stack = list(deps)
    while stack:
        node = stack.pop()
        for child in node._next if node._one is None else (node._next,):
            if child is None:
                continue
            if child in deps:
                deps[child] += 1
            else:
                deps[child] = 1
                stack.append(child)
    return deps


def run_backward(roots, root_grads, retain_graph, create_graph, capture=None):
    """Propagate `root_grads` from `roots` to the leaves.

    Each node runs once, when all the gradients flowing into it have arrived (Kahn's algorithm,
    as PyTorch's engine does it); a node that its predecessor completes runs right after it,
    which along a chain of ops is every node. Without `capture`, leaves accumulate into `.grad`.
    With `capture` (a set of nodes), the gradients arriving at those nodes are returned instead
    and no `.grad` changes (grad).
    """
    # node -> (gradient arriving so far, whether this pass made that array and nothing else
    # references it, so that it may be added into in place or become a leaf's .grad as it is)
    if len(roots) == 1:  # (the common case, without the loops)
        grads = {roots[0]: (root_grads[0], False)}
        deps = _dependencies(grads)
        ready = list(grads)
    else:
        grads = {}
        for node, g in zip(roots, root_grads):
            grads[node] = (g, False) if node not in grads else (grads[node][0] + g, True)
        deps = _dependencies(grads)
        ready = [node for node in grads if deps[node] == 0]
    captured = {}
    previous_mode, _GradMode.enabled = _GradMode.enabled, create_graph
    try:
        while ready:
            node = ready.pop()
            g, is_fresh = grads.pop(node)
            while node is not None:
                if capture is not None and node in capture:
                    captured[node] = g
                if type(node) is AccumulateGrad:
                    if capture is None:
                        node.accumulate(g, is_fresh)
                    break
                if node._retained is not None:
                    _fill_retained_grads(node, g)
                k = node._one  # (no local for node._args: it would keep them alive)
                if k is not None and node._args is not None and not create_graph:
                    # One input that requires grad, by far the most common node: `apply` written
                    # out (a call costs as much as the rest), and when this is the only gradient
                    # that input waits for, it goes straight on to it.
                    box = node._out_box
                    if node._versions or (box is not None and box[0]):
                        node._check_versions()
                    gi = node.derivative.formulas[k](g, *node._args)
                    if node._input_meta is not None:
                        gi = _fit(gi, node._input_meta, False)
                    if not retain_graph and node.derivative.saves_tensors:
                        node._release()
                    nxt = node._next
                    if deps[nxt] == 1 and nxt not in grads:
                        is_fresh = gi is not g and type(gi) is _ndarray and gi.base is None
                        node, g = nxt, gi
                        continue
                    node, g, is_fresh = _pass_on((nxt,), (gi,), g, grads, deps, ready)
                else:
                    node, g, is_fresh = _pass_on(node._edges(), node.apply(g, create_graph,
                                                                          retain_graph),
                                                 g, grads, deps, ready)
    finally:
        _GradMode.enabled = previous_mode
    return captured


_ndarray = np.ndarray


def _pass_on(nexts, out_grads, g, grads, deps, ready):
    """Hand the gradient computed for each input on to that input's node: add it to those that
    arrived there before, and once all have arrived, make the node ready to run. The first node
    made ready is returned, as (node, gradient, fresh), to run next without a detour through
    `grads` and `ready`; (None, None, False) if there is none. `g` is the gradient that came in."""
    follow = None, None, False
    for nxt, gi in zip(nexts, out_grads):
        if nxt is None:
            continue
        # A formula's output is new unless it passed `g` through or is a view.
        fresh = gi is not g and type(gi) is _ndarray and gi.base is None
        pending = grads.pop(nxt, None)
        if pending is not None:  # add up the gradients arriving at `nxt`
            total, total_is_fresh = pending
            if total_is_fresh and type(total) is _ndarray and total.dtype == gi.dtype:
                gi = np.add(total, gi, out=total)  # ours alone: no new array
            else:
                gi = total + gi
            fresh = True
        waiting = deps[nxt] - 1
        deps[nxt] = waiting
        if waiting or follow[0] is not None:
            grads[nxt] = (gi, fresh)
            if not waiting:
                ready.append(nxt)
        else:
            follow = nxt, gi, fresh
    return follow


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
        data = tensor._data
        if data.size != 1:
            raise RuntimeError(message("backward_non_scalar", shape=tuple(tensor.shape)))
        if create_graph:
            return Tensor._make(np.ones(data.shape, data.dtype))
        key = (data.dtype, data.shape)
        ones = _ONES.get(key)
        if ones is None:  # made once per dtype and shape: this pass never writes into it
            ones = _ONES[key] = np.ones(data.shape, data.dtype)
            ones.flags.writeable = False
        return ones
    if not isinstance(gradient, Tensor):
        gradient = Tensor._make(np.asarray(gradient, dtype=tensor._data.dtype))
    if gradient.shape != tensor.shape:
        raise RuntimeError(message("gradient_shape", got=gradient.shape, expected=tensor.shape))
    return gradient if create_graph else gradient._data


_ONES = {}  # (dtype, shape) -> read-only ones, the gradient that starts a scalar's backward


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False):
    """Accumulate into `.grad` of the leaves the gradients of `tensors` (PyTorch's semantics)."""

    if retain_graph is None:
        retain_graph = create_graph
    if isinstance(tensors, Tensor):  # (the common case, without the loops below)
        run_backward((_node_of(tensors),), (_root_gradient(tensors, grad_tensors, create_graph),),
                     retain_graph, create_graph)
        return
    if grad_tensors is None or isinstance(grad_tensors, Tensor):
        grad_tensors = (grad_tensors,) * len(tensors)
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
