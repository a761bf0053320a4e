"""Forward-mode automatic differentiation, as PyTorch's `torch.autograd.forward_ad`.

```python
import autodiff_tr.autograd.forward_ad as fwAD

with fwAD.dual_level():
    x = fwAD.make_dual(primal, tangent)      # x carries the direction `tangent`
    y = f(x)                                 # every op passes on its output's tangent
    value, jvp = fwAD.unpack_dual(y)         # jvp = J_f(primal) @ tangent
```

One pass gives the derivative along one direction (one column of the Jacobian), computed
alongside the values: nothing is recorded for later. How each op passes a tangent on is the JVP
column of the derivative table (`engine/derivatives.py`, `FORWARD_DERIVATIVES`); the engine side
is `engine/forward.py`. As in PyTorch, levels do not nest.

A backward pass inside a dual level carries tangents too (forward over reverse): the gradient of
a dual tensor is dual, and its tangent is a Hessian-vector product, with or without create_graph.
"""

from collections import namedtuple

from ..engine import forward
from ..messages import message
from ..tensor_api.ops import reshape

__all__ = [
    "UnpackedDualTensor",
    "enter_dual_level",
    "exit_dual_level",
    "make_dual",
    "unpack_dual",
    "dual_level",
]

UnpackedDualTensor = namedtuple("UnpackedDualTensor", ["primal", "tangent"])
UnpackedDualTensor.__doc__ = "What `unpack_dual` returns: the values and their tangent (or None)."


def enter_dual_level():
    """Open a dual level and return it (0). Prefer `with dual_level():`, which also closes it."""
    if forward.DUAL_LEVELS:
        raise RuntimeError(message("forward_ad_nested"))
    forward.DUAL_LEVELS.append(0)
    return 0


def exit_dual_level(*, level=None):
    """Close the open dual level: every tangent made in it is let go."""
    if not forward.DUAL_LEVELS:
        raise RuntimeError(message("forward_ad_exit_none"))
    if level is not None and level != forward.current_level():
        raise RuntimeError(message("forward_ad_exit_not_last"))
    forward.DUAL_LEVELS.pop()
    forward.clear_tangents()


class dual_level:  # noqa: N801 - PyTorch's name
    """The context in which tensors may carry tangents (`make_dual`); they lose them on exit."""

    def __enter__(self):
        return enter_dual_level()

    def __exit__(self, *exc):
        exit_dual_level()


def _checked_level(level, fn):
    if level is None:
        level = forward.current_level()
    if level != forward.current_level() or level < 0:
        raise RuntimeError(message("forward_ad_invalid_level", fn=fn))
    return level


def make_dual(tensor, tangent, *, level=None):
    """A new tensor (a view of `tensor`, sharing its values) carrying `tangent`: the direction
    along which the ops that follow compute their derivatives. `tangent` has `tensor`'s shape."""
    if level is None and not forward.DUAL_LEVELS:
        raise RuntimeError(message("forward_ad_no_level"))
    level = _checked_level(level, "_make_dual")
    if tensor._data.dtype.kind not in "fc":
        raise ValueError(message("forward_ad_primal_dtype", dtype=tensor.dtype))
    if tangent._data.dtype.kind not in "fc":
        raise ValueError(message("forward_ad_tangent_dtype", dtype=tangent.dtype))
    if tangent._data.shape != tensor._data.shape:
        raise RuntimeError(
            message(
                "forward_ad_tangent_size",
                size=list(tensor._data.shape),
                got=list(tangent._data.shape),
            )
        )
    if forward.tangent_of(tensor) is not None:
        raise RuntimeError(message("forward_ad_has_tangent", level=level))
    dual = reshape(tensor, tensor._data.shape)
    forward.set_tangent(dual, tangent)
    return dual


def unpack_dual(tensor, *, level=None):
    """(primal, tangent): a view of `tensor`'s values without the tangent, and the tangent (None
    where there is none, and outside a dual level)."""
    if level is None and not forward.DUAL_LEVELS:
        return UnpackedDualTensor(tensor, None)
    _checked_level(level, "_fw_primal")
    primal = reshape(tensor, tensor._data.shape)  # a view, as PyTorch's, without the tangent
    forward.forget_tangent(primal)
    return UnpackedDualTensor(primal, forward.tangent_of(tensor))
