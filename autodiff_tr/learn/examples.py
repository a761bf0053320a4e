"""The chapter's control-flow function, defined once: tests, widgets and benchmarks import it.

`f` is the function of the autograd chapter (notebook 01) as the chapter writes it: plain Python on
tensors, so it runs on autodiff_tr and on PyTorch alike. `control_flow_f` is the same function
written to work elementwise on a tensor of many points, for plotting it and its derivative
(`widgets.py`); tests check that the two agree.
"""

import numpy as np

from ..tensor_api.creation import tensor


def f(a):
    """The chapter's `f`: doubles `b = 2 a` while its norm is below 1000, then returns `b` if its
    sum is positive, else `100 b`. Autograd records only the operations that ran, so
    `f(a).backward()` gives `a.grad == f(a) / a`."""
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c


def control_flow_f(a):
    """`f` of notebook 01, written to work elementwise.

    For a tensor of many points, the loop below doubles only the entries that are still below
    1000 in absolute value, and the branch picks ``b`` or ``100 b`` per entry. The decisions are
    made on plain values (as Python's ``while``/``if`` do); autograd records only the
    multiplications actually done, so the gradient is the slope ``f(a) / a`` of the piece each
    point is on. (An exact 0 never reaches 1000; the loop stops after 64 doublings.)
    """
    b = a * 2
    for _ in range(64):
        small = np.abs(_values(b)) < 1000
        if not small.any():
            break
        b = b * tensor(np.where(small, 2.0, 1.0), dtype=b.dtype)
    return b * tensor(np.where(_values(b) > 0, 1.0, 100.0), dtype=b.dtype)


def _values(t):
    return np.asarray(t.detach().numpy(), dtype=float)
