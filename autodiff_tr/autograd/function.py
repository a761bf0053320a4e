"""Functions with a backward of your own, as PyTorch's `torch.autograd.function`.

A subclass of `Function` writes `forward` and `backward` as static methods; `MyFn.apply(x)` runs
`forward` with grad mode off and, when an input requires grad, gives the output a node of the class
`MyFnBackward` (made once per subclass, so the graph shows the function's own name). That node is
also the `ctx` that `forward` received: what `forward` saved on it is there for `backward`.

The node goes through the one engine like every other node: `engine.backward.run_backward`
calls its `apply`, as it calls `engine.nodes.Node.apply`. `apply` hands the arriving gradient to
the user's `backward` as a Tensor and checks what comes back, as PyTorch does. Under
`create_graph=True` the engine keeps grad mode on, so a `backward` written with tensor ops records
its own graph and can be differentiated again; `once_differentiable` refuses that second derivative.

One difference from PyTorch: a function may have several outputs, but at most one of them
differentiable (the others marked non-differentiable, or not floating point), because the engine's
nodes have one output each.
"""

import functools
import inspect

import numpy as np

from ..engine import forward
from ..engine.grad_mode import is_grad_enabled, no_grad
from ..engine.nodes import AccumulateGrad, InferenceTensor, _fit, node_of
from ..engine.tensor import Tensor
from ..messages import message

__all__ = ["BackwardCFunction", "Function", "FunctionCtx", "once_differentiable"]


class FunctionCtx:
    """What `forward` (or `setup_context`) may do with `ctx`; any other attribute may be set on it
    too (`ctx.k = k`) and read back in `backward`."""

    def save_for_backward(self, *tensors):
        """Keep `tensors` (or None) for `backward`, which reads them from `ctx.saved_tensors`.
        Their versions are noted: changing one in place before backward is an error."""
        for t in tensors:
            if t is not None and not isinstance(t, Tensor):
                raise TypeError(message("save_for_backward_type", type=type(t).__name__))
        self._to_save = tuple(tensors)
        self._saved_versions = tuple(_version(t) for t in tensors)

    _in_jvp, _for_forward = False, ()

    def save_for_forward(self, *tensors):
        """Keep `tensors` for `jvp` (forward mode), which reads them from `ctx.saved_tensors`."""
        self._for_forward = tuple(tensors)

    @property
    def saved_tensors(self):
        """The tensors `save_for_backward` kept, checked to be unchanged since (in `jvp`: those
        `save_for_forward` kept)."""
        if self._in_jvp:
            return self._for_forward
        if self._released:
            raise RuntimeError(message("graph_freed"))
        for i, (t, version) in enumerate(zip(self._to_save, self._saved_versions)):
            if version is not None and t._version_counter[0] != version:
                raise RuntimeError(
                    message(
                        "modified_inplace",
                        name=f"saved_tensors[{i}]",
                        node=self.name(),
                        now=t._version_counter[0],
                        saved=version,
                    )
                )
        return self._to_save

    def mark_dirty(self, *tensors):
        """Say that `forward` changed these inputs in place (and returns them)."""
        self._dirty = tuple(tensors)

    def mark_non_differentiable(self, *tensors):
        """Say that these outputs have no gradient (indices, masks): they do not require grad,
        and `backward` receives zeros for them (None after `set_materialize_grads(False)`)."""
        self._non_differentiable = tuple(tensors)

    def set_materialize_grads(self, value):
        """Whether `backward` gets zeros (True, the default) or None for an output's gradient
        that was never computed."""
        self.materialize_grads = bool(value)


def _version(tensor):
    """The version of a tensor saved for backward (None for None, and for an inference tensor,
    which has none: recording a node that saves one is an error, see `_connect`)."""
    if tensor is None or isinstance(tensor, InferenceTensor):
        return None
    return tensor._counter()[0]


def _version_counter_of(tensor):
    """The counter a new tensor sharing `tensor`'s memory shares (an inference tensor has none)."""
    return None if isinstance(tensor, InferenceTensor) else tensor._counter()


class BackwardCFunction(FunctionCtx):
    """The node of one `Function.apply`, and the `ctx` its forward and backward receive.

    - `next_nodes`: per argument of `forward`, the node its gradient flows into (None for a
      non-tensor and for a tensor that does not require grad), as in `nodes.Node`;
    - `_input_meta`: per argument, (shape, dtype) of a tensor, to check and fit the gradients;
    - `_output_meta`, `_output_index`: per output, (shape, dtype) of a tensor, and which output is
      the differentiable one (the gradient the engine brings belongs to it).
    """

    _forward_cls = None  # the Function subclass: set on each `<Name>Backward` class

    def __init__(self):
        self._tensor_hooks = None
        self._to_save, self._saved_versions, self._released = (), (), False
        self._dirty, self._non_differentiable = (), ()
        self.materialize_grads = True
        self.needs_input_grad = ()
        self.next_nodes = ()

    def name(self):
        return type(self).__name__

    def __repr__(self):  # as nodes.Node: no memory address, so outputs stay the same
        return f"<{self.name()}>"

    @property
    def next_functions(self):
        return tuple((node, 0) for node in self.next_nodes)

    def apply(self, grad, create_graph=False, retain_graph=True, wanted=None):
        """The gradient for each argument of `forward`, from the user's `backward`, given the
        gradient `grad` of the differentiable output (an array, or a Tensor under create_graph)."""
        if self._released:
            raise RuntimeError(message("graph_freed"))
        grad_outputs = []
        for i, meta in enumerate(self._output_meta):
            if i == self._output_index:
                grad_outputs.append(grad if isinstance(grad, Tensor) else Tensor._make(grad))
            elif meta is not None and self.materialize_grads:
                grad_outputs.append(Tensor._make(np.zeros(*meta)))
            else:
                grad_outputs.append(None)
        forward_cls = self._forward_cls
        backward = forward_cls.backward
        if backward is Function.backward:  # only `vjp` written, or neither
            backward = forward_cls.vjp
        result = backward(self, *grad_outputs)
        grads = self._checked(result if isinstance(result, tuple) else (result,), create_graph)
        if not retain_graph:  # let go of what forward kept, as the table's nodes do
            self._to_save, self._released = (), bool(self._to_save)
        return grads

    def _checked(self, result, create_graph):
        """`backward`'s gradients checked as PyTorch checks them (their number, type and shape),
        summed over broadcast axes and cast to each input's shape and dtype."""
        name, expected = self.name(), len(self.next_nodes)
        if len(result) != expected:
            if len(result) > expected and all(g is None for g in result[expected:]):
                result = result[:expected]  # extra Nones are ignored, as in PyTorch
            else:
                raise RuntimeError(
                    message(
                        "function_gradient_count", name=name, expected=expected, got=len(result)
                    )
                )
        grads = []
        for i, (g, node, meta) in enumerate(zip(result, self.next_nodes, self._input_meta)):
            if meta is None and g is not None:  # a non-tensor argument
                raise RuntimeError(message("function_gradient_not_none", name=name, position=i + 1))
            if node is None:  # no gradient wanted: PyTorch ignores whatever came back
                grads.append(None)
                continue
            if g is None:  # no gradient: a leaf gets none (its .grad stays None, as in
                if type(node) is not AccumulateGrad:  # PyTorch), any other node zeros
                    zeros = np.zeros(*meta)
                    g = Tensor._make(zeros) if create_graph else zeros
                grads.append(g)
                continue
            if not isinstance(g, Tensor):
                raise RuntimeError(message("function_gradient_type", type=type(g).__name__))
            shape = meta[0]
            if g._data.shape != shape and not _expandable(shape, g._data.shape):
                raise RuntimeError(
                    message(
                        "function_gradient_shape",
                        name=name,
                        index=i,
                        got=list(g._data.shape),
                        expected=list(shape),
                    )
                )
            grads.append(_fit(g if create_graph else g._data, meta, create_graph))
        return grads


def _expandable(shape, to):
    """Whether a tensor of `shape` broadcasts to `to` (PyTorch's `is_expandable_to`)."""
    if len(shape) > len(to):
        return False
    return all(n == m or n == 1 for n, m in zip(shape[::-1], to[::-1]))


class Function:
    """Base of a differentiable function with its own `forward` and `backward`.

    ```python
    class Exp(ad.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            result = x.exp()
            ctx.save_for_backward(result)
            return result

        @staticmethod
        def backward(ctx, grad_output):
            result, = ctx.saved_tensors
            return grad_output * result

    y = Exp.apply(x)   # y.grad_fn: <ExpBackward>
    ```

    `backward` returns one gradient per argument of `forward` (None for a non-tensor argument or
    one that needs no gradient). Or write `forward(*args)` without ctx and a static
    `setup_context(ctx, inputs, output)` that saves what backward needs (PyTorch's newer form).
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # the node's class, named as PyTorch names it: the graph shows `ExpBackward`
        cls._backward_cls = type(
            f"{cls.__name__}Backward",
            (BackwardCFunction,),
            {"_forward_cls": cls, "__module__": cls.__module__},
        )

    def __call__(self, *args, **kwargs):
        raise RuntimeError(message("function_instance"))

    @staticmethod
    def forward(*args, **kwargs):
        raise NotImplementedError(message("function_no_forward"))

    @staticmethod
    def setup_context(ctx, inputs, output):
        raise NotImplementedError(message("function_no_setup_context"))

    @staticmethod
    def backward(ctx, *grad_outputs):
        raise NotImplementedError(message("function_no_backward"))

    vjp = backward  # PyTorch's other name for it: a subclass may define either

    @staticmethod
    def jvp(ctx, *grad_inputs):
        """Forward mode: given a tangent per argument of `forward`, the tangent of each output
        (what `ctx.save_for_forward` kept is in `ctx.saved_tensors` here)."""
        raise NotImplementedError(message("function_no_jvp"))

    @classmethod
    def apply(cls, *args, **kwargs):
        """Run `forward` on `args` (grad mode off) and connect its output to the graph."""
        ctx = cls._backward_cls()
        new_style = cls.setup_context is not Function.setup_context
        if new_style:  # inputs as setup_context sees them: positional, defaults filled in
            bound = inspect.signature(cls.forward).bind(*args, **kwargs)
            bound.apply_defaults()
            args, kwargs = bound.args, {}
        tangents = _tangents_of(args) if forward.DUAL_LEVELS else None
        if tangents is not None and cls.jvp is Function.jvp:
            raise NotImplementedError(message("function_no_jvp"))
        # forward mode: `forward` computes values only (its inputs without their tangents);
        # the output's tangent is `jvp`'s
        forward_args = (
            args
            if tangents is None
            else tuple(a if t is None else _without_tangent(a) for a, t in zip(args, tangents))
        )
        ctx.needs_input_grad = tuple(isinstance(a, Tensor) and a._requires_grad for a in args)
        records = is_grad_enabled() and any(ctx.needs_input_grad)
        with no_grad():
            if new_style:
                output = cls.forward(*forward_args)
                cls.setup_context(ctx, forward_args, output)
            else:
                output = cls.forward(ctx, *forward_args, **kwargs)
        output = _connect(ctx, args, output, records)
        if tangents is not None:
            _give_tangents(cls, ctx, args, tangents, output)
        return output


def _tangents_of(args):
    """Per argument, its tangent (forward mode), or None if no argument has one."""
    tangents = [forward.tangent_of(a) if isinstance(a, Tensor) else None for a in args]
    return None if all(t is None for t in tangents) else tangents


def _without_tangent(tensor):
    """`tensor`'s values, sharing memory and version counter, without its tangent."""
    alias = Tensor._make(tensor._data)
    alias._version_counter = _version_counter_of(tensor)
    return alias


def _give_tangents(cls, ctx, args, tangents, output):
    """The outputs' tangents from the Function's `jvp`, given a tangent per argument (zeros for
    a tensor without one, None for a non-tensor), as PyTorch calls it."""
    given = [
        t
        if t is not None
        else Tensor._make(np.zeros_like(a._data))
        if isinstance(a, Tensor)
        else None
        for a, t in zip(args, tangents)
    ]
    ctx._in_jvp = True
    try:
        result = cls.jvp(ctx, *given)
    finally:
        ctx._in_jvp = False
    outputs = output if isinstance(output, tuple) else (output,)
    results = result if isinstance(result, tuple) else (result,)
    for out, tangent in zip(outputs, results):
        if isinstance(out, Tensor) and isinstance(tangent, Tensor):
            forward.set_tangent(out, tangent)


def _connect(ctx, args, output, records):
    """The outputs of `forward`, the differentiable one given `ctx` as its grad_fn (when
    `records`). An input returned unchanged comes back as a new tensor sharing its memory (as
    PyTorch's view of it); one marked dirty keeps its identity and gets the new history."""
    several = isinstance(output, tuple)
    outputs = list(output) if several else [output]
    dirty = {id(t) for t in ctx._dirty}
    inputs = {id(a) for a in args if isinstance(a, Tensor)}
    for i, out in enumerate(outputs):
        if isinstance(out, Tensor) and id(out) in inputs and id(out) not in dirty:
            alias = Tensor._make(out._data)
            alias._version_counter = _version_counter_of(out)
            outputs[i] = out = alias
    if records:
        non_differentiable = {id(t) for t in ctx._non_differentiable}
        differentiable = [
            i
            for i, out in enumerate(outputs)
            if isinstance(out, Tensor)
            and out._data.dtype.kind in "fc"
            and id(out) not in non_differentiable
        ]
        if len(differentiable) > 1:
            raise NotImplementedError(
                message("function_outputs", name=ctx.name(), n=len(differentiable))
            )
        ctx.next_nodes = tuple(
            node_of(a) if isinstance(a, Tensor) and a._requires_grad else None for a in args
        )
        ctx._input_meta = tuple(
            (a._data.shape, a._data.dtype) if isinstance(a, Tensor) else None for a in args
        )
        ctx._output_meta = tuple(
            (out._data.shape, out._data.dtype) if isinstance(out, Tensor) else None
            for out in outputs
        )
        ctx._output_index = differentiable[0] if differentiable else None
        for t in ctx._to_save:
            if isinstance(t, InferenceTensor):
                raise RuntimeError(message("inference_saved"))
        for t in ctx._dirty:
            if t.grad_fn is None and t._requires_grad:
                raise RuntimeError(message("inplace_leaf"))
        if differentiable:
            out = outputs[differentiable[0]]
            out.grad_fn, out._requires_grad = ctx, True
    return tuple(outputs) if several else outputs[0]


# ---------------------------------------------------------------- once_differentiable


class _DelayedError(BackwardCFunction):
    """The node `once_differentiable` gives the gradients it computes under create_graph=True:
    differentiating through it is the error PyTorch raises."""

    _input_meta = _output_meta = ()

    def name(self):
        return "torch::autograd::Error"  # PyTorch's name; a tensor prints it as grad_fn=<Error>

    def __repr__(self):
        return "<Error>"

    def apply(self, grad, create_graph=False, retain_graph=True, wanted=None):
        raise RuntimeError(message("once_differentiable"))


def once_differentiable(fn):
    """For a `backward` written without tensor ops (NumPy, say): it runs with grad mode off, and
    a second derivative through it is an error rather than silently wrong."""

    @functools.wraps(fn)
    def wrapper(ctx, *args):
        with no_grad():
            outputs = fn(ctx, *args)
        if not is_grad_enabled():
            return outputs
        if not any(isinstance(a, Tensor) and a._requires_grad for a in args):
            return outputs
        several = isinstance(outputs, tuple)
        marked = []
        for g in outputs if several else (outputs,):
            if isinstance(g, Tensor):
                g = g.detach()
                g.grad_fn, g._requires_grad = _DelayedError(), True
            marked.append(g)
        return tuple(marked) if several else marked[0]

    return wrapper
