"""Check analytic gradients against central finite differences, in float64: `gradcheck` for
first derivatives, `gradgradcheck` for second ones (the gradient's own gradient)."""

import warnings

import numpy as np

from ..engine.backward import grad as autograd_grad
from ..engine.tensor import Tensor
from ..messages import message
from ..tensor_api.random import rand_like


class GradcheckError(RuntimeError):
    """The analytic and the numerical Jacobian disagree (PyTorch: torch.autograd.GradcheckError)."""


def _outputs(fn, inputs):
    out = fn(*inputs)
    return (out,) if isinstance(out, Tensor) else tuple(out)


def _numerical_jacobians(fn, inputs, wrt, eps):
    """d out / d x for each x of `wrt` by (f(x + eps) - f(x - eps)) / 2 eps, one element of x at
    a time."""
    jacobians = []  # [x][output] -> array (out.size, x.size)
    for x in wrt:
        data = x._data  # perturbed in place, element by element in C order (reshape(-1) would
        columns = []    # copy a non-contiguous array, and the perturbation would be lost)
        for index in np.ndindex(data.shape):
            original = data[index]
            data[index] = original + eps
            plus = [o._data.copy() for o in _outputs(fn, inputs)]
            data[index] = original - eps
            minus = [o._data.copy() for o in _outputs(fn, inputs)]
            data[index] = original
            columns.append([((p - m) / (2 * eps)).reshape(-1) for p, m in zip(plus, minus)])
        n_out = len(columns[0]) if columns else len(_outputs(fn, inputs))
        jacobians.append([
            np.stack([c[o] for c in columns], axis=1) if columns else np.zeros((0, 0))
            for o in range(n_out)])
    return jacobians


def _analytical_jacobians(fn, inputs, wrt):
    """d out / d x for each x of `wrt` by one vector-Jacobian product per output element (unit
    vectors v)."""
    outputs = _outputs(fn, inputs)
    jacobians = [[np.zeros((o._data.size, x._data.size)) for o in outputs] for x in wrt]
    for o_index, out in enumerate(outputs):
        if not out.requires_grad:  # does not depend on the inputs: a zero Jacobian
            continue
        for row in range(out._data.size):
            v = np.zeros(out._data.size)
            v[row] = 1.0
            grads = autograd_grad(out, wrt, Tensor._make(v.reshape(out._data.shape)),
                                  retain_graph=True, allow_unused=True)
            for i, g in enumerate(grads):
                if g is not None:
                    jacobians[i][o_index][row] = g._data.reshape(-1)
    return jacobians


def gradcheck(fn, inputs, *, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True):
    """True if autograd's Jacobian of `fn` at `inputs` matches finite differences.

    On a mismatch raises GradcheckError naming the worst element (or returns False when
    `raise_exception=False`). Checks the inputs that require grad (at least one must); as in
    PyTorch, one that is not float64 gets a warning, and the check runs anyway (in float32 it
    usually fails on rounding).
    """
    inputs = (inputs,) if isinstance(inputs, Tensor) else tuple(inputs)
    checked = [i for i, x in enumerate(inputs) if isinstance(x, Tensor) and x.requires_grad]
    if not checked:
        raise ValueError(message("gradcheck_no_grad"))
    for i in checked:
        if inputs[i]._data.dtype not in (np.float64, np.complex128):
            warnings.warn(message("gradcheck_not_double", i=i), UserWarning, stacklevel=2)
    wrt = [inputs[i] for i in checked]
    analytical = _analytical_jacobians(fn, inputs, wrt)
    numerical = _numerical_jacobians(fn, inputs, wrt, eps)
    for k, (a_rows, n_rows) in enumerate(zip(analytical, numerical)):
        for o, (a, n) in enumerate(zip(a_rows, n_rows)):
            if a.size == 0:
                continue
            excess = np.abs(a - n) - (atol + rtol * np.abs(n))
            worst = np.unravel_index(np.argmax(excess), a.shape)
            if excess[worst] > 0 or not np.all(np.isfinite(a) == np.isfinite(n)):
                text = message("gradcheck_mismatch", out=o, inp=checked[k],
                               index=tuple(map(int, worst)),
                               analytical=float(a[worst]), numerical=float(n[worst]),
                               diff=float(abs(a[worst] - n[worst])), atol=atol, rtol=rtol)
                if raise_exception:
                    raise GradcheckError(text)
                return False
    return True


def gradgradcheck(func, inputs, grad_outputs=None, *, eps=1e-6, atol=1e-5, rtol=1e-3,
                  gen_non_contig_grad_outputs=False, raise_exception=True):
    """True if the second derivatives of `func` at `inputs` match finite differences.

    As PyTorch does it: the vector-Jacobian product (inputs, u) -> J(inputs)^T u, computed by
    autograd with `create_graph=True`, is itself a function, and `gradcheck` checks it. Its inputs
    are `inputs` followed by the vectors u (`grad_outputs`: random in [-1, 1) from the package's
    generator when not given, so `ad.manual_seed` makes them repeatable). A report therefore
    counts the u's as inputs too: "input 1" of a one-input function is its u. As in `gradcheck`,
    the inputs that require grad are checked, and one that is not float64 gets a warning.
    (`gen_non_contig_grad_outputs` is accepted; the values, and so the result, do not depend on
    the memory layout here.)
    """
    inputs = (inputs,) if isinstance(inputs, Tensor) else tuple(inputs)
    if grad_outputs is None:
        outputs = _outputs(func, inputs)
        grad_outputs = tuple((rand_like(o) * 2 - 1).detach().requires_grad_()
                             for o in outputs if o.requires_grad)
    else:
        grad_outputs = ((grad_outputs,) if isinstance(grad_outputs, Tensor)
                        else tuple(grad_outputs))
    n_inputs = len(inputs)

    def vector_jacobian_product(*inputs_and_vectors):
        inputs, vectors = inputs_and_vectors[:n_inputs], inputs_and_vectors[n_inputs:]
        outputs = [o for o in _outputs(func, inputs) if o.requires_grad]
        wrt = [x for x in inputs if isinstance(x, Tensor) and x.requires_grad]
        grads = autograd_grad(outputs, wrt, vectors, create_graph=True, allow_unused=True)
        return tuple(g for g in grads if g is not None)

    return gradcheck(vector_jacobian_product, inputs + grad_outputs, eps=eps, atol=atol,
                     rtol=rtol, raise_exception=raise_exception)
