"""The graph's nodes, and how an op records one.

Forward: every op with a gradient hands its result to `record`, which wraps it in a Tensor and,
when an input requires grad, attaches a node (PyTorch's `grad_fn`) holding what the op's formulas
in `derivatives.py` will read (`_saved_arguments` builds it) and, per input, the node its gradient
flows into. Backward (`backward.py`): a node's `apply` runs those formulas on the arriving gradient.

Three kinds of node:

- `Node`: an op where several inputs require grad (`x * w`), one entry per input;
- `OneInputNode`: an op where exactly one input requires grad, by far the most common case
  (`x.sin()`, `x * 2`, `x + b` where b is a constant). It keeps that input's entries alone, not in
  tuples: fewer objects per op for Python's garbage collector to track, and the engine runs it on
  its one fast path (see `backward.run_backward`);
- `AccumulateGrad`: at a leaf that requires grad, adds the arriving gradient into `.grad`.
"""

import weakref

import numpy as np

from ..messages import message
from .derivatives import DERIVATIVE_OF
from .forward import DUAL_LEVELS, note_output_tangent, output_tangent, propagate, set_tangent
from .grad_mode import _modes
from .tensor import Tensor, tangent_of

# ---------------------------------------------------------------- inference tensors


class _NoVersion:
    """The version counter of an inference tensor, which PyTorch does not keep: reading it, as
    `record` does for every tensor a node saves, raises PyTorch's error. (This puts the check
    where the version is read anyway, so that saving an ordinary tensor costs nothing more.)"""

    def __getitem__(self, index):
        raise RuntimeError(message("inference_saved"))


_NO_VERSION = _NoVersion()


class InferenceTensor(Tensor):
    """A tensor made inside `inference_mode`, as PyTorch marks it (`t.is_inference()`): it has
    no version counter (`_NO_VERSION`), so autograd cannot save it for backward, and outside
    inference mode it cannot be changed in place or made to require grad. Use `t.clone()` for an
    ordinary copy. (A class of its own rather than a flag, so that ordinary tensors pay nothing
    for it; `make_inference` turns a new tensor into one.)"""

    __slots__ = ()

    def _increment_version(self):
        """Called by every in-place change once it is written: outside inference mode PyTorch
        raises here, after the values changed, and so does this."""
        if not _modes.inference_enabled:
            raise RuntimeError(message("inference_inplace"))

    def _counter(self):
        if not _modes.inference_enabled:
            raise RuntimeError(message("inference_inplace"))
        return [0]  # no version is kept

    @Tensor.requires_grad.setter
    def requires_grad(self, flag):
        if flag and not _modes.inference_enabled:
            raise RuntimeError(message("inference_requires_grad"))
        Tensor.requires_grad.fset(self, flag)

    @property
    def _version(self):
        raise RuntimeError(message("inference_version"))

    def detach(self):
        return make_inference(Tensor._make(self._data))

    def is_inference(self):
        return True


def make_inference(t):
    """`t` (new, without history) as an inference tensor."""
    t.__class__ = InferenceTensor
    t._version_counter = _NO_VERSION
    return t


def mark_inference(t):
    """`t`, as an inference tensor when made inside `inference_mode` (factories)."""
    return make_inference(t) if _modes.inference_enabled else t


class Node:
    """One recorded operation (PyTorch's `grad_fn`): what its derivative needs and where to go.

    - `derivative`: the op's row of the derivative table (`derivatives.Derivative`);
    - `next_nodes`: per input, the node its gradient flows into: the input's own `grad_fn`, its
      `AccumulateGrad` if it is a leaf that requires grad, or None for a constant;
    - `saved`: per input that requires grad, the values its formula reads besides `grad` (None for
      the others);
    - `input_meta`: per input, its (shape, dtype) where the formula's gradient may come out in
      another shape or dtype (see the shape column of the table), else None; None for all Nones;
    - `saved_versions`: (name, tensor, version) of each input tensor saved for backward, to check
      that nobody changed it in place since (`_checked_saved`);
    - `output_counter`: the output's version counter, if a formula reads the output (the node
      keeps the output's array, never the output tensor: that would keep it alive);
    - `_tensor_hooks`: the hooks of the output tensor (`register_hook`, `retain_grad`), run on
      its gradient before this node uses it; None without any.
    """

    __slots__ = (
        "derivative",
        "next_nodes",
        "saved",
        "input_meta",
        "saved_versions",
        "output_counter",
        "_tensor_hooks",
        "__weakref__",
    )

    def name(self):
        return self.derivative.grad_fn

    def __repr__(self):  # PyTorch shows a memory address; ours stays the same from run to run
        return f"<{self.name()}>"

    @property
    def next_functions(self):
        """PyTorch's view of `next_nodes`: a `(node, 0)` pair per input (0: the only output)."""
        return tuple((node, 0) for node in self.next_nodes)

    def apply(self, grad, create_graph=False, retain_graph=True, wanted=None):
        """The gradient for each input (None for a constant), given the gradient `grad` of this
        node's output; with `wanted` (a flag per input), only for the inputs it flags. Without
        `retain_graph`, what the forward pass kept is let go after."""
        saved, counter = self.saved, self.output_counter  # (its version: see `_checked_saved`)
        if saved is None or create_graph or self.saved_versions or (counter and counter[0]):
            __tracebackhide__ = True  # (its refusals show the learner's line first: see backward)
            saved = self._checked_saved(create_graph)
        derivative = self.derivative
        formulas = derivative.formulas * len(saved) if derivative.variadic else derivative.formulas
        if wanted is not None:  # a pruned walk (`backward.run_backward`)
            saved = [arguments if flag else None for arguments, flag in zip(saved, wanted)]
        grads = [
            None if arguments is None else formula(grad, *arguments)
            for formula, arguments in zip(formulas, saved)
        ]
        for i, meta in enumerate(self.input_meta or ()):
            if meta is not None and grads[i] is not None:
                grads[i] = _fit(grads[i], meta, create_graph)
        if not retain_graph and derivative.saves_tensors:  # let go of what the forward kept
            self.saved, self.saved_versions, self.output_counter = None, (), None
        return grads

    # What both kinds of node do around their formulas: one copy here, reached from `apply` only
    # on the paths that need it, so that an op that saved nothing pays no call for it.

    def _checked_saved(self, create_graph):
        """What the formulas read (`saved`), once it is known to be still there and unchanged
        (PyTorch's errors for a freed graph, and for a saved tensor or output changed in place
        since: the gradient would silently be wrong); with `create_graph`, as tensors connected
        to the graph (`_connected_saved`)."""
        if self.saved is None:
            raise RuntimeError(message("graph_freed"))
        for name, tensor, version in self.saved_versions:
            if tensor._version_counter[0] != version:
                raise RuntimeError(
                    message(
                        "modified_inplace",
                        name=name,
                        node=self.name(),
                        now=tensor._version_counter[0],
                        saved=version,
                    )
                )
        counter = self.output_counter
        if counter is not None and counter[0] != 0:
            raise RuntimeError(
                message("modified_inplace_result", node=self.name(), now=counter[0], saved=0)
            )
        return _connected_saved(self) if create_graph else self.saved


class OneInputNode(Node):
    """A `Node` for an op where exactly one input, at `position`, requires grad: `next_node`,
    `saved` and `input_meta` are that input's entries alone (Node's per-input tuples stay unset;
    `next_nodes` shows them)."""

    __slots__ = ("position", "next_node", "formula")

    @property
    def next_nodes(self):
        nodes = [None] * len(self.derivative.input_names)  # (never cat or stack: see record)
        nodes[self.position] = self.next_node
        return tuple(nodes)

    def apply(self, grad, create_graph=False, retain_graph=True):
        """The gradient for the one input that requires grad (the others get none)."""
        saved, counter = self.saved, self.output_counter  # (its version: see `_checked_saved`)
        if saved is None or create_graph or self.saved_versions or (counter and counter[0]):
            __tracebackhide__ = True  # (its refusals show the learner's line first: see backward)
            saved = self._checked_saved(create_graph)
        grad = self.formula(grad, *saved)
        if self.input_meta is not None:  # its gradient needs its shape or dtype back
            grad = _fit(grad, self.input_meta, create_graph)
        if not retain_graph and self.derivative.saves_tensors:  # let go of what the forward kept
            self.saved, self.saved_versions, self.output_counter = None, (), None
        return grad


class AccumulateGrad:
    """The node at a leaf that requires grad: adds the arriving gradient into `variable.grad`."""

    __slots__ = ("variable", "_tensor_hooks", "__weakref__")
    next_nodes = next_functions = ()

    def __init__(self, variable):
        self.variable = variable
        self._tensor_hooks = None  # the leaf's `register_hook` hooks

    def name(self):
        return "torch::autograd::AccumulateGrad"

    def __repr__(self):
        return "<AccumulateGrad>"

    def accumulate(self, grad, owned=False):
        """Add `grad` into `.grad`. An `owned` array (made by this backward pass and referenced
        nowhere else) laid out in memory as the variable is becomes `.grad` as it is; any other
        is copied, so that no two tensors ever share a `.grad` array (PyTorch likewise steals a
        gradient nobody else holds). The copy takes the variable's layout (row- or column-major),
        PyTorch's layout contract: an optimizer then updates arrays of one memory order, which
        for a 256 x 784 weight is some 20x faster than adding a transposed one."""
        variable = self.variable
        if isinstance(grad, Tensor):  # formulas run on Tensors (backward.formulas_on_tensors)
            if _modes.grad_enabled:  # create_graph=True: keep the history of the gradient
                variable.grad = grad if variable.grad is None else variable.grad + grad
            else:  # forward over reverse: a gradient that may carry a tangent
                _accumulate_dual(variable, grad)
        elif variable._grad is None:
            data = variable._data
            if not (
                owned
                and type(grad) is np.ndarray
                and grad.dtype == data.dtype
                and _same_layout(grad, data)
            ):
                grad = np.array(grad, dtype=data.dtype, order=_layout_of(data))
            variable._grad = Tensor._make(grad)
        else:
            existing = variable._grad
            np.add(existing._data, grad, out=existing._data, casting="unsafe")
            existing._increment_version()


def _accumulate_dual(variable, grad):
    """Add `grad`, a Tensor that may carry a tangent, into `.grad` without recording, as PyTorch
    does: the first gradient becomes `.grad` without its tangent (PyTorch takes it over detached),
    later ones are added in place, tangent included (an in-place add on a dual tensor)."""
    data = variable._data
    if variable._grad is None:
        variable._grad = Tensor._make(
            np.array(grad._data, dtype=data.dtype, order=_layout_of(data))
        )
        return
    existing = variable._grad
    np.add(existing._data, grad._data, out=existing._data, casting="unsafe")
    existing._increment_version()
    tangent = tangent_of(grad)
    if tangent is not None:
        total = (
            tangent._data
            if tangent_of(existing) is None
            else tangent_of(existing)._data + tangent._data
        )
        set_tangent(existing, Tensor._make(np.array(total, dtype=existing._data.dtype)))


def _layout_of(data):
    """ "F" for a column-major array (a transpose's), else "C" (row-major, or neither)."""
    return "F" if data.flags.f_contiguous and not data.flags.c_contiguous else "C"


def _same_layout(grad, data):
    flags = data.flags
    if flags.c_contiguous:
        return grad.flags.c_contiguous
    return flags.f_contiguous and grad.flags.f_contiguous


def node_of(tensor):
    """The node a gradient for `tensor` flows into: its grad_fn, or its (cached) AccumulateGrad."""
    if tensor.grad_fn is not None:
        return tensor.grad_fn
    ref = tensor._accumulator
    node = ref() if ref is not None else None
    if node is None:
        node = AccumulateGrad(tensor)
        tensor._accumulator = weakref.ref(node)
    return node


# ---------------------------------------------------------------- recording


def record(op, result, inputs, params=None):
    """Wrap the forward `result` of `op` in a Tensor and, if an input requires grad (and grad
    mode is on), attach the node that will differentiate it.

    `inputs` are the op's inputs in the order of its row in `derivatives.DERIVATIVES` (tensors,
    or numbers and arrays taken as constants); `params` the non-tensor arguments its formulas
    read, by name.
    """
    out = _make_tensor(result)
    if DUAL_LEVELS:  # forward mode is on: the output's tangent (forward.py), in any grad mode
        propagate(op, out, inputs, params)
    if not _modes.grad_enabled:
        return make_inference(out) if _modes.inference_enabled else out
    # Which input requires grad (`position`), and whether several do; without a loop for the
    # ops of one or two inputs, since this runs on every op.
    if len(inputs) == 1:  # an op of one tensor: ops.py checked that it is one
        position, several = 0 if inputs[0]._requires_grad else -1, False
    elif len(inputs) == 2:
        first, second = inputs
        first = (type(first) is Tensor or isinstance(first, Tensor)) and first._requires_grad
        second = (type(second) is Tensor or isinstance(second, Tensor)) and second._requires_grad
        position, several = 0 if first else 1 if second else -1, first and second
    else:
        position, several = -1, False
        for i, t in enumerate(inputs):
            if isinstance(t, Tensor) and t._requires_grad:
                several = position >= 0
                position = i
    if position < 0:
        return out
    derivative = DERIVATIVE_OF[op]
    if several or derivative.variadic:
        node = _node_of_several(derivative, inputs, params, out)
    else:
        node = _one_input_node(derivative, inputs, position, params, out)
    out.grad_fn = node
    out._requires_grad = True
    if DUAL_LEVELS:  # for a second derivative in forward over reverse mode (forward.py)
        note_output_tangent(node, out)
    return out


_make_tensor = Tensor._make


def _one_input_node(derivative, inputs, position, params, out):
    """The node for input `position` of an op, the only one that requires grad: where its
    gradient goes, whether the gradient needs fitting to its shape and dtype, and what the
    formula reads. (`_node_of_several` takes these entries from it for each input.)"""
    # Built field by field: the node classes have no __init__, whose Python call would cost
    # about as much as all these assignments, on every recorded op. (Calling a class without one,
    # 90 ns, is also quicker than `object.__new__(OneInputNode)`, 130 ns: chain 1-2%.)
    node = OneInputNode()
    node.derivative = derivative
    node._tensor_hooks = None
    node.position = position
    row = 0 if derivative.variadic else position  # cat and stack: one formula for all inputs
    node.formula = derivative.formulas[row]
    t = inputs[position]
    if t._base is not None:
        _refuse_stale_view(t)
    node.next_node = t.grad_fn or node_of(t)
    # An input whose gradient will not come out of its formula in its own shape and dtype
    # (broadcasting, type promotion) gets them noted; see the table's shape column.
    data, result = t._data, out._data
    node.input_meta = (
        None
        if derivative.same_shape
        or (derivative.broadcasts and data.dtype is result.dtype and data.shape == result.shape)
        else (data.shape, data.dtype)
    )
    # What the formula reads besides `grad`, following its plan (see `Derivative.plans`). A
    # saved input tensor is noted in `saved_versions`, to check at backward time that nobody
    # changed it in place, and to connect it to the graph when create_graph=True.
    saved, saved_versions, output_counter = (), (), None
    for name, source, where in derivative.plans[row]:
        if source == "input":
            value = inputs[where]
            if type(value) is Tensor or isinstance(value, Tensor):
                counter = value._version_counter or value._counter()
                saved_versions += ((name, value, counter[0]),)
                value = value._data
        elif source == "result":
            value = result
            # its version counter, not the output tensor (which would keep the graph alive)
            output_counter = out._version_counter or out._counter()
        elif source == "param":
            value = params[name]
        elif source == "shape":
            value = inputs[where]
            value = value._data.shape if isinstance(value, Tensor) else np.shape(value)
        else:  # "i": the input's own position (cat, stack)
            value = position
        saved += (value,)
    node.saved, node.saved_versions, node.output_counter = saved, saved_versions, output_counter
    return node


def _node_of_several(derivative, inputs, params, out):
    """The node for an op where several inputs require grad (or a list of them: cat, stack):
    per input, the entries its one-input node would hold."""
    node = Node()
    node.derivative = derivative
    node._tensor_hooks = None
    n = len(inputs)
    next_nodes, saved, metas = [None] * n, [None] * n, None
    node.saved_versions, node.output_counter = (), None
    for i, t in enumerate(inputs):
        if not (isinstance(t, Tensor) and t._requires_grad):
            continue  # a constant, or a tensor that does not require grad: no gradient
        part = _one_input_node(derivative, inputs, i, params, out)
        next_nodes[i], saved[i] = part.next_node, part.saved
        if part.input_meta is not None:
            metas = metas or [None] * n
            metas[i] = part.input_meta
        node.saved_versions += part.saved_versions
        node.output_counter = part.output_counter or node.output_counter
    node.next_nodes, node.saved, node.input_meta = tuple(next_nodes), saved, metas
    return node


def _refuse_stale_view(t):
    """A view whose base changed in place since the view was made holds values its history does
    not explain: refuse to record an op on it."""
    if t._base[1] != t._version_counter[0]:
        raise RuntimeError(message("stale_view"))


# ---------------------------------------------------------------- at backward time


def _connected_saved(node):
    """What the node's formulas read, as Tensors connected to the graph (create_graph=True), so
    that the formulas record what they compute."""
    if type(node) is OneInputNode:
        return _connected(node, node.derivative.plans[node.position], node.saved)
    return [
        None if values is None else _connected(node, node.derivative.formula_and_plan(i)[1], values)
        for i, values in enumerate(node.saved)
    ]


def _connected(node, plan, values):
    """`values` with each saved array replaced by its tensor, and the output by a tensor standing
    for this node's output (create_graph=True)."""
    tensors = {name: tensor for name, tensor, _ in node.saved_versions}
    connected = []
    for (name, source, _), value in zip(plan, values):
        if source == "result":
            value = Tensor._make(value)
            value.grad_fn, value._requires_grad = node, True
            if DUAL_LEVELS and output_tangent(node) is not None:  # forward over reverse
                set_tangent(value, output_tangent(node))
        elif source == "input":
            value = tensors.get(name, value)
        connected.append(value)
    return tuple(connected)


def _fit(grad, meta, create_graph):
    """`grad` summed over the axes broadcasting stretched, and cast, to the input's shape and dtype
    as `meta` = (shape, dtype) gives them."""
    shape, dtype = meta
    if grad.shape != shape:
        grad = unbroadcast(grad, shape)
    if grad.dtype != dtype:  # a float32 input of a float64 product gets a float32 gradient
        grad = grad.to(dtype) if create_graph else grad.astype(dtype)
    return grad


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
