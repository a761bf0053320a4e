"""Trading compute for memory, as PyTorch's `torch.utils.checkpoint`.

Backward needs values the forward pass computed (`tanh` keeps its output, `mul` its inputs), so a
deep chain keeps one array per op until backward reaches it. `checkpoint(function, *args,
use_reentrant=False)` runs `function` without recording (under `no_grad`): none of its
intermediate values are kept, only its inputs. When backward reaches the segment, it runs
`function` again on those inputs, this time recording, and backpropagates through what it just
recorded. The gradients are the same numbers; the peak memory is that of one segment at a time,
at the price of a second forward pass through each checkpointed segment.

It is built from parts the engine already has: the segment is an `autograd.Function`
(`CheckpointFunction`) whose backward recomputes and calls `autograd.grad` on the recomputed
graph, so the one engine (`engine/backward.py`) walks both graphs.

Differences from PyTorch: its non-reentrant variant records the segment's ops and drops their
saved values through saved-tensor hooks (the output's grad_fn is the segment's last op); here both
variants give the output a `CheckpointFunctionBackward` node, as PyTorch's reentrant variant
does. A segment may have one differentiable output (see `autograd.function`).
"""

import contextlib
import functools
import warnings

from ..autograd.function import Function
from ..engine.backward import grad
from ..engine.grad_mode import enable_grad, is_grad_enabled
from ..engine.tensor import Tensor
from ..messages import message
from ..tensor_api.random import get_rng_state, set_rng_state

__all__ = ["checkpoint", "checkpoint_sequential"]


def _no_contexts():
    return contextlib.nullcontext(), contextlib.nullcontext()


noop_context_fn = _no_contexts  # PyTorch's name of the default `context_fn`


class CheckpointFunction(Function):
    """A segment run twice: forward without recording, backward again with recording."""

    @staticmethod
    def forward(ctx, run_function, preserve_rng_state, recompute_context, *args):
        ctx.run_function = run_function
        ctx.recompute_context = recompute_context
        ctx.rng_state = get_rng_state() if preserve_rng_state else None
        ctx.tensor_positions = [i for i, a in enumerate(args) if isinstance(a, Tensor)]
        ctx.arguments = list(args)  # the non-tensor ones; tensors go through save_for_backward
        ctx.save_for_backward(*(args[i] for i in ctx.tensor_positions))
        return run_function(*args)

    @staticmethod
    def backward(ctx, *grad_outputs):
        create_graph = is_grad_enabled()  # the engine turns grad mode on for create_graph=True
        arguments = ctx.arguments
        for i, t in zip(ctx.tensor_positions, ctx.saved_tensors):
            # the saved input cut off from its history, so that the inner backward stops here;
            # for a second derivative (create_graph) the input itself, so that the gradient's
            # own graph reaches the inputs' history
            arguments[i] = t if create_graph else t.detach().requires_grad_(t.requires_grad)
        wanted = [arguments[i] for i in ctx.tensor_positions if arguments[i].requires_grad]
        state_now = get_rng_state() if ctx.rng_state is not None else None
        if ctx.rng_state is not None:  # dropout draws the same mask as in the forward pass
            set_rng_state(ctx.rng_state)
        try:
            with enable_grad(), ctx.recompute_context:
                outputs = ctx.run_function(*arguments)
        finally:
            if state_now is not None:
                set_rng_state(state_now)
        outputs = outputs if isinstance(outputs, tuple) else (outputs,)
        pairs = [(o, g) for o, g in zip(outputs, grad_outputs)
                 if isinstance(o, Tensor) and o.requires_grad and g is not None]
        grads = iter(grad([o for o, _ in pairs], wanted, [g for _, g in pairs],
                          create_graph=create_graph, allow_unused=True)
                     if pairs and wanted else [None] * len(wanted))
        gradients = [None] * len(arguments)
        for i in ctx.tensor_positions:
            if arguments[i].requires_grad:
                gradients[i] = next(grads)
        return (None, None, None, *gradients)


def checkpoint(function, *args, use_reentrant=None, context_fn=noop_context_fn,
               determinism_check="default", debug=False, early_stop=True, **kwargs):
    """`function(*args, **kwargs)`, computed without keeping its intermediate values; backward
    computes them again. `use_reentrant` must be given (PyTorch warns without it, and then uses
    the reentrant variant); PyTorch recommends `use_reentrant=False`. `preserve_rng_state=True`
    (a keyword, default True) replays the random numbers of the forward pass in the recomputation.
    `context_fn` (non-reentrant only) returns two context managers, for the forward pass and for
    the recomputation. `determinism_check`, `debug` and `early_stop` are accepted as PyTorch's;
    they change nothing here."""
    if use_reentrant is None:
        warnings.warn(message("checkpoint_use_reentrant"), UserWarning, stacklevel=2)
        use_reentrant = True
    preserve_rng_state = kwargs.pop("preserve_rng_state", True)
    if use_reentrant:
        if context_fn is not noop_context_fn or debug:
            raise ValueError(message("checkpoint_reentrant_context_fn"))
        if kwargs:
            raise ValueError(message("checkpoint_reentrant_kwargs",
                                     names=", ".join(map(str, kwargs))))
        if not any(isinstance(a, Tensor) and a.requires_grad for a in args):
            warnings.warn(message("checkpoint_no_input_requires_grad"), UserWarning, stacklevel=2)
    if determinism_check not in ("default", "none"):
        raise ValueError(message("checkpoint_determinism_check", value=determinism_check))
    run = functools.partial(function, **kwargs) if kwargs else function
    forward_context, recompute_context = context_fn()
    with forward_context:
        return CheckpointFunction.apply(run, preserve_rng_state, recompute_context, *args)


def checkpoint_sequential(functions, segments, input, use_reentrant=None, **kwargs):  # noqa: A002
    """Run `functions` (a list, or an `nn.Sequential`) one after the other on `input`, in
    `segments` checkpointed parts; the last part is run ordinarily, as in PyTorch."""
    if use_reentrant is None:
        warnings.warn(message("checkpoint_use_reentrant"), UserWarning, stacklevel=2)
        use_reentrant = True
    functions = list(functions.children()) if hasattr(functions, "children") else list(functions)

    def run_part(start, end):
        def forward(x):
            for f in functions[start:end + 1]:
                x = f(x)
            return x
        return forward

    size = len(functions) // segments
    end = -1
    for start in range(0, size * (segments - 1), size):
        end = start + size - 1
        input = checkpoint(run_part(start, end), input, use_reentrant=use_reentrant,  # noqa: A001
                           **kwargs)
    return run_part(end + 1, len(functions) - 1)(input)
