"""Derivatives of whole functions, as `torch.autograd.functional` has them: `vjp`, `jvp`,
`jacobian`, `hessian`, `vhp`, `hvp`.

Each takes a Python function and the point to differentiate it at: one tensor, or a tuple of
tensors (then the function takes them as separate arguments). Results follow the same shape:
a tensor for one input and one output, tuples where the function has several; a Jacobian block
has the output's shape followed by the input's shape.

Everything here is built on `autograd.grad`: a vector-Jacobian product is one backward pass; a
Jacobian is one backward pass per output element; a Hessian is the Jacobian of the gradient
(`create_graph=True`); a Jacobian-vector product uses the "double backward trick" as PyTorch does:
the vector-Jacobian product u -> J^T u is linear in u, so differentiating it with respect to u,
against v, gives J v without forward-mode differentiation.

Options, as in PyTorch: `create_graph=True` keeps the results differentiable; `strict=True`
raises where an output does not depend on an input instead of returning zeros; `vectorize` and
`strategy` are accepted: `jacobian` with `strategy="forward-mode"` (which needs `vectorize=True`, as
in PyTorch) computes the Jacobian column by column in forward mode (`forward_ad`); everything else
is computed by reverse mode, one row at a time.
"""

from ..engine.backward import grad
from ..engine.grad_mode import enable_grad, is_grad_enabled, set_grad_enabled
from ..engine.tensor import Tensor
from ..messages import message
from ..tensor_api.creation import zeros_like
from ..tensor_api.ops import stack
from . import forward_ad

__all__ = ["vjp", "jvp", "jacobian", "hessian", "vhp", "hvp"]


# ---------------------------------------------------------------- arguments and results

def _as_tuple(value, arg, fn):
    """(whether `value` was a tuple, `value` as a tuple of tensors); PyTorch's TypeError for
    anything that is not a tensor. `arg` names the argument of `fn` (`inputs`, `v`), or is None
    for what the user's function returned."""
    is_tuple = isinstance(value, tuple)
    items = value if is_tuple else (value,)
    for i, item in enumerate(items):
        if not isinstance(item, Tensor):
            if arg is None and is_tuple:
                text = message("functional_outputs_item_not_tensor", fn=fn, i=i, type=type(item))
            elif arg is None:
                text = message("functional_outputs_not_tensor", fn=fn, type=type(item))
            elif is_tuple:
                text = message("functional_arg_item_not_tensor", arg=arg, fn=fn, i=i,
                               type=type(item))
            else:
                text = message("functional_arg_not_tensor", arg=arg, fn=fn, type=type(item))
            raise TypeError(text)
    return is_tuple, items


def _outputs_of(func, inputs, fn, strict):
    """Call `func` on `inputs` (with grad mode on) and check what it returns."""
    is_tuple, outputs = _as_tuple(func(*inputs), None, fn)
    if strict:
        for i, out in enumerate(outputs):
            if not out.requires_grad:
                raise RuntimeError(message("functional_output_no_grad", i=i))
    return is_tuple, outputs


def _differentiable_copies(inputs, create_graph):
    """New tensors for the inputs, so that the function's graph starts at them: connected to the
    caller's graph (`create_graph=True` and an input that requires grad) or detached leaves."""
    return tuple(t.reshape(t.shape) if create_graph and t.requires_grad
                 else t.detach().requires_grad_(True) for t in inputs)


def _vector(v, like, is_like_tuple, fn, create_graph, like_outputs=False):
    """The vector `v` of a product, checked against the tensors `like` it must match in shape
    (the function's outputs for vjp, else its inputs); None only where `like` is a single
    one-element tensor."""
    if v is None:
        if len(like) != 1 or like[0].numel() != 1:
            raise RuntimeError(message("functional_v_none_output") if like_outputs
                               else message("functional_v_none_input"))
        return None
    _, v = _as_tuple(v, "v", fn)
    v = tuple(t if create_graph and t.requires_grad else t.detach() for t in v)
    if len(v) != len(like):
        if is_like_tuple:
            raise RuntimeError(message("functional_v_length", want=len(like), got=len(v)))
        raise RuntimeError(message("functional_v_single_output") if like_outputs
                           else message("functional_v_single_input"))
    for i, (a, b) in enumerate(zip(v, like)):
        if a.shape != b.shape:
            if is_like_tuple:
                raise RuntimeError(message("functional_v_entry_size", i=i, want=b.shape,
                                           got=a.shape))
            raise RuntimeError(message("functional_v_size", want=b.shape, got=a.shape))
    return v


def _grads(outputs, inputs, grad_outputs=None, create_graph=False, retain_graph=None):
    """`autograd.grad` that skips outputs which do not require grad (or are None) and gives None
    for the inputs they do not reach."""
    if grad_outputs is None:
        grad_outputs = (None,) * len(outputs)
    pairs = [(out, g) for out, g in zip(outputs, grad_outputs)
             if out is not None and out.requires_grad]
    if not pairs:
        return (None,) * len(inputs)
    outs, gs = zip(*pairs)
    return grad(outs, inputs, gs, retain_graph=retain_graph, create_graph=create_graph,
                allow_unused=True)


# What strict mode says about a gradient that is missing, per stage of the computation
_MISSING = {
    "back": lambda i: message("functional_independent", i=i),
    "back_trick": lambda i: message("functional_independent_trick", i=i),
    "double_back": lambda i: message("functional_jacobian_independent", i=i),
    "double_back_trick": lambda i: message("functional_hessian_independent", i=i),
}


def _zeros_for_missing(grads, refs, strict, create_graph, stage):
    """Zeros in place of the gradients that are None (an input the output does not depend on);
    in strict mode, PyTorch's RuntimeError instead."""
    filled = []
    for i, (g, ref) in enumerate(zip(grads, refs)):
        if g is None:
            if strict:
                raise RuntimeError(_MISSING[stage](i))
            g = zeros_like(ref)
        elif strict and create_graph and not g.requires_grad:
            raise RuntimeError(message("functional_hessian_constant", i=i) if "double" in stage
                               else message("functional_jacobian_constant", i=i))
        filled.append(g)
    return tuple(filled)


def _check_jacobian_depends_on_inputs(jac, strict):
    if strict:
        for i, g in enumerate(jac):
            if g is None or not g.requires_grad:
                raise RuntimeError(message("functional_jacobian_of_linear", i=i))


def _finish(values, create_graph):
    """Detach the results unless the caller asked for a differentiable result."""
    if values and isinstance(values[0], tuple):
        return tuple(_finish(v, create_graph) for v in values)
    return values if create_graph else tuple(v.detach() for v in values)


def _unpack(values, is_tuple):
    return values if is_tuple else values[0]


def _single_output(outputs, is_tuple, fn):
    if is_tuple:
        raise RuntimeError(message("functional_single_tensor", fn=fn))
    if outputs[0].numel() != 1:
        raise RuntimeError(message("functional_single_element", fn=fn))


# ---------------------------------------------------------------- the functions

def vjp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), v^T J): the vector-Jacobian product, one backward pass."""
    with enable_grad():
        is_inputs_tuple, inputs = _as_tuple(inputs, "inputs", "vjp")
        inputs = _differentiable_copies(inputs, create_graph)
        is_outputs_tuple, outputs = _outputs_of(func, inputs, "vjp", strict)
        v = _vector(v, outputs, is_outputs_tuple, "vjp", create_graph, like_outputs=True)
    with set_grad_enabled(create_graph or is_grad_enabled()):
        result = _grads(outputs, inputs, v, create_graph=create_graph)
        result = _zeros_for_missing(result, inputs, strict, create_graph, "back")
    return (_unpack(_finish(outputs, create_graph), is_outputs_tuple),
            _unpack(_finish(result, create_graph), is_inputs_tuple))


def jvp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), J v): the Jacobian-vector product, by the double backward trick."""
    with enable_grad():
        is_inputs_tuple, inputs = _as_tuple(inputs, "inputs", "jvp")
        inputs = _differentiable_copies(inputs, create_graph)
        v = _vector(v, inputs, is_inputs_tuple, "jvp", create_graph)
        is_outputs_tuple, outputs = _outputs_of(func, inputs, "jvp", strict)
        # u -> J^T u is linear in u, so any u works; zeros keep it free of inf and nan
        u = tuple(zeros_like(out, requires_grad=True) for out in outputs)
        grad_inputs = _grads(outputs, inputs, u, create_graph=True)
        if strict:
            for i, g in enumerate(grad_inputs):
                if g is None:
                    raise RuntimeError(message("functional_independent", i=i))
                if not g.requires_grad:
                    raise RuntimeError(message("functional_grad_input_constant", i=i))
    with set_grad_enabled(create_graph or is_grad_enabled()):
        result = _grads(grad_inputs, u, v, create_graph=create_graph)
        result = _zeros_for_missing(result, outputs, strict, create_graph, "back_trick")
    return (_unpack(_finish(outputs, create_graph), is_outputs_tuple),
            _unpack(_finish(result, create_graph), is_outputs_tuple))


def jacobian(func, inputs, create_graph=False, strict=False, vectorize=False,
             strategy="reverse-mode"):
    """The Jacobian of `func` at `inputs`: block [i][j] = d output_i / d input_j, of shape
    output_i.shape + input_j.shape; a tensor for one output and one input."""
    if strategy not in ("forward-mode", "reverse-mode"):
        raise AssertionError(message("functional_strategy"))
    if strategy == "forward-mode" and not vectorize:
        raise NotImplementedError(message("functional_forward_mode"))
    if strategy == "forward-mode" and create_graph:
        raise NotImplementedError(message("functional_forward_mode_graph"))
    if strategy == "forward-mode":
        is_inputs_tuple, inputs = _as_tuple(inputs, "inputs", "jacobian")
        is_outputs_tuple, blocks = _forward_mode_jacobian(func, inputs)
        if not is_inputs_tuple:
            blocks = tuple(b[0] for b in blocks)
        return _unpack(blocks, is_outputs_tuple)
    with enable_grad():
        is_inputs_tuple, inputs = _as_tuple(inputs, "inputs", "jacobian")
        inputs = _differentiable_copies(inputs, create_graph)
        is_outputs_tuple, outputs = _outputs_of(func, inputs, "jacobian", strict)
        if vectorize and strict:
            raise RuntimeError(message("functional_strict_vectorize"))
        blocks = []
        for i, out in enumerate(outputs):
            rows = [[] for _ in inputs]  # per input, one gradient per element of `out`
            flat = out.reshape(-1)
            for k in range(out.numel()):
                row = _grads((flat[k],), inputs, retain_graph=True, create_graph=create_graph)
                for j, (g, x) in enumerate(zip(row, inputs)):
                    if g is None:
                        if strict:
                            raise RuntimeError(message("functional_output_independent",
                                                       i=i, j=j))
                        g = zeros_like(x)
                    elif strict and create_graph and not g.requires_grad:
                        raise RuntimeError(message("functional_jacobian_constant", i=i))
                    rows[j].append(g)
            blocks.append(tuple(_block(r, out, x) for r, x in zip(rows, inputs)))
        blocks = _finish(tuple(blocks), create_graph)
    if not is_inputs_tuple:
        blocks = tuple(b[0] for b in blocks)
    return _unpack(blocks, is_outputs_tuple)


def _forward_mode_jacobian(func, inputs):
    """The Jacobian column by column: one forward-mode pass per input element, with that
    element's unit vector as the tangent (`forward_ad`), gives d outputs / d that element.
    (PyTorch runs the passes as one batch with `vectorize=True`; here they run one after the
    other, which gives the same numbers.)"""
    inputs = tuple(t.detach() for t in inputs)
    columns, is_outputs_tuple, outputs = [[] for _ in inputs], False, ()
    for j, x in enumerate(inputs):
        for k in range(x.numel()):
            unit = zeros_like(x).reshape(-1)
            unit._data[k] = 1
            with forward_ad.dual_level():
                duals = tuple(forward_ad.make_dual(t, unit.reshape(x.shape)) if i == j else t
                              for i, t in enumerate(inputs))
                is_outputs_tuple, outputs = _as_tuple(func(*duals), None, "jacobian")
                columns[j].append(tuple(_tangent_or_zeros(out) for out in outputs))
    if not outputs:  # no input elements: call once for the outputs' shapes
        is_outputs_tuple, outputs = _as_tuple(func(*inputs), None, "jacobian")
    blocks = []
    for i, out in enumerate(outputs):
        row = []
        for j, x in enumerate(inputs):
            shape = tuple(out.shape) + tuple(x.shape)
            if columns[j]:
                row.append(stack([c[i].reshape(-1) for c in columns[j]], 1).reshape(shape))
            else:
                row.append(zeros_like(out).reshape(-1)[:0].reshape(shape))
        blocks.append(tuple(row))
    return is_outputs_tuple, tuple(blocks)


def _tangent_or_zeros(out):
    primal, tangent = forward_ad.unpack_dual(out)
    return zeros_like(primal).detach() if tangent is None else tangent


def _block(rows, out, x):
    """One Jacobian block from its rows: shape out.shape + x.shape."""
    if not rows:  # an output without elements
        return zeros_like(x).reshape(-1)[:0].reshape(tuple(out.shape) + tuple(x.shape))
    return stack(rows, 0).reshape(tuple(out.shape) + tuple(x.shape))


def hessian(func, inputs, create_graph=False, strict=False, vectorize=False,
            outer_jacobian_strategy="reverse-mode"):
    """The Hessian of a function with one scalar output: the Jacobian of its gradient. Block
    [i][j] has shape input_i.shape + input_j.shape; a tensor for one input."""
    is_inputs_tuple, inputs = _as_tuple(inputs, "inputs", "hessian")
    if outer_jacobian_strategy not in ("forward-mode", "reverse-mode"):
        raise AssertionError(message("functional_strategy_short"))

    def scalar_func(*xs):
        is_tuple, out = _outputs_of(func, xs, "hessian", strict)
        _single_output(out, is_tuple, "hessian")
        return out[0].squeeze()

    def gradient(*xs):
        jac = jacobian(scalar_func, xs, create_graph=True)
        _check_jacobian_depends_on_inputs(jac, strict)
        return jac

    result = jacobian(gradient, inputs, create_graph=create_graph, strict=strict,
                      vectorize=vectorize, strategy=outer_jacobian_strategy)
    return result if is_inputs_tuple else result[0][0]


def vhp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), v^T H) for a function with one scalar output."""
    with enable_grad():
        is_inputs_tuple, inputs = _as_tuple(inputs, "inputs", "vhp")
        inputs = _differentiable_copies(inputs, create_graph)
        v = _vector(v, inputs, is_inputs_tuple, "vhp", create_graph)
        is_outputs_tuple, outputs = _outputs_of(func, inputs, "vhp", strict)
        _single_output(outputs, is_outputs_tuple, "vhp")
        jac = _grads(outputs, inputs, create_graph=True)
        _check_jacobian_depends_on_inputs(jac, strict)
    with set_grad_enabled(create_graph or is_grad_enabled()):
        result = _grads(jac, inputs, v, create_graph=create_graph)
        result = _zeros_for_missing(result, inputs, strict, create_graph, "double_back")
    return (_unpack(_finish(outputs, create_graph), is_outputs_tuple),
            _unpack(_finish(result, create_graph), is_inputs_tuple))


def hvp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), H v) for a function with one scalar output, by the double backward trick
    on the gradient (H is symmetric, so this equals `vhp` for twice-differentiable functions)."""
    with enable_grad():
        is_inputs_tuple, inputs = _as_tuple(inputs, "inputs", "hvp")
        inputs = _differentiable_copies(inputs, create_graph)
        v = _vector(v, inputs, is_inputs_tuple, "hvp", create_graph)
        is_outputs_tuple, outputs = _outputs_of(func, inputs, "hvp", strict)
        _single_output(outputs, is_outputs_tuple, "hvp")
        jac = _grads(outputs, inputs, create_graph=True)
        _check_jacobian_depends_on_inputs(jac, strict)
        u = tuple(zeros_like(x, requires_grad=True) for x in inputs)
        double_back = _grads(jac, inputs, u, create_graph=True)
    with set_grad_enabled(create_graph or is_grad_enabled()):
        result = _grads(double_back, u, v, create_graph=create_graph)
        result = _zeros_for_missing(result, inputs, strict, create_graph, "double_back_trick")
    return (_unpack(_finish(outputs, create_graph), is_outputs_tuple),
            _unpack(_finish(result, create_graph), is_inputs_tuple))
