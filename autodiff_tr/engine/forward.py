"""Forward mode: tangents carried along with the values, op by op.

Inside a dual level (`autograd.forward_ad.dual_level`), a tensor may have a tangent: the
derivative of its values along a direction the user chose (`make_dual(x, v)` gives x the tangent
v). Every op that records (`nodes.record`) then also computes its output's tangent from its
inputs' tangents, with the JVP column of the derivative table (`derivatives.FORWARD_DERIVATIVES`):
one Jacobian-vector product per input that has a tangent, added up. Nothing is kept for later and
nothing is walked backwards: the derivative is ready when the value is, at the cost of one more
computation per op and per direction.

Tangents are kept beside the tensors, not in them: `tensor.TANGENTS`, a dict from a tensor's id
to (a weak reference to it, its tangent). A tensor therefore pays nothing for forward mode unless
one is in use (`nodes.record` looks at `DUAL_LEVELS` first), and a tangent goes when its tensor
does, or when the level is left.
"""

import weakref

import numpy as np

from ..messages import message
from .derivatives import FORWARD_OF
from .tensor import TANGENTS, Tensor, tangent_of

DUAL_LEVELS = []  # the open dual levels: [0] inside `dual_level()` (PyTorch nests none), else []
_tangents = TANGENTS  # id(tensor) -> (weak reference to the tensor, its tangent: a Tensor)


def current_level():
    """The open dual level, or -1 (PyTorch's value outside of any)."""
    return DUAL_LEVELS[-1] if DUAL_LEVELS else -1


def set_tangent(tensor, tangent):
    """Give `tensor` the `tangent` (a Tensor), until the level closes or the tensor goes."""
    key = id(tensor)

    def forget(ref):
        entry = _tangents.get(key)
        if entry is not None and entry[0] is ref:
            del _tangents[key]

    _tangents[key] = (weakref.ref(tensor, forget), tangent)


def forget_tangent(tensor):
    if tangent_of(tensor) is not None:
        del _tangents[id(tensor)]


def clear_tangents():
    _tangents.clear()
    _output_tangents.clear()


# Forward over reverse (a Hessian-vector product: the tangent of a gradient, which a backward
# pass computes whenever a tangent exists, see `tangents_exist`): a backward formula that reads
# an op's output (`exp`, `tanh`) reads it from its node, which keeps the output's values but not
# the output tensor; the node's output tangent is noted here for it (`nodes._connected`).
_output_tangents = {}  # id(node) -> (weak reference to the node, the tangent of its output)


def tangents_exist():
    """Whether any tensor or node holds a tangent (only ever inside a dual level): a backward
    pass then runs its formulas on Tensors, so that the tangents flow through them
    (`backward.formulas_on_tensors`)."""
    return bool(_tangents) or bool(_output_tangents)


def note_output_tangent(node, out):
    tangent = tangent_of(out)
    if tangent is not None:
        _output_tangents[id(node)] = (weakref.ref(node), tangent)


def output_tangent(node):
    entry = _output_tangents.get(id(node))
    if entry is not None and entry[0]() is node:
        return entry[1]
    return None


def propagate(op, out, inputs, params):
    """Give `out`, the result of `op` on `inputs`, its tangent: the sum over the inputs that have
    a tangent of the op's Jacobian-vector product for that input. Called by `nodes.record` while a
    dual level is open."""
    tangents = [tangent_of(t) if isinstance(t, Tensor) else None for t in inputs]
    if all(t is None for t in tangents):
        return
    forward = FORWARD_OF.get(op)
    result = out._data
    total = None
    for position, tangent in enumerate(tangents):
        if tangent is None:
            continue
        formula, plan = forward.formula_and_plan(position) if forward else (None, None)
        if formula is None:
            raise NotImplementedError(message("forward_ad_not_implemented", op=op))
        arguments = [
            _value(source, where, name, inputs, position, params, result)
            for name, source, where in plan
        ]
        part = formula(tangent._data, *arguments)
        total = part if total is None else total + part
    total = np.asarray(total)
    if total.shape != result.shape:  # an input that broadcasting stretched
        total = np.broadcast_to(total, result.shape)
    set_tangent(out, Tensor._make(np.array(total, dtype=result.dtype)))


def _value(source, where, name, inputs, position, params, result):
    """What a JVP formula's parameter reads, by its plan entry (see `Derivative._source`)."""
    if source == "result":
        return result
    if source == "input":
        value = inputs[where]
        return value._data if isinstance(value, Tensor) else value
    if source == "shape":
        return np.shape(inputs[where]._data if isinstance(inputs[where], Tensor) else inputs[where])
    if source == "i":
        return position
    return params[name]
