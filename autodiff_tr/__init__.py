"""autodiff_tr: a small, vectorized autograd engine on NumPy with a PyTorch-compatible API.

    import autodiff_tr as ad
    x = ad.arange(4.0, requires_grad=True)
    y = 2 * ad.dot(x, x)
    y.backward()
    x.grad            # tensor([ 0.,  4.,  8., 12.])

Importing the package loads NumPy only; `ad.plot`, `ad.graph` and `ad.widgets` (matplotlib,
ipywidgets) load the first time they are used.
"""

import importlib

from . import autograd, methods, nn, optim, utils  # methods: attaches Tensor's methods
from .creation import (
    BoolTensor,
    ByteTensor,
    CharTensor,
    DoubleTensor,
    FloatTensor,
    HalfTensor,
    IntTensor,
    LongTensor,
    ShortTensor,
    arange,
    as_tensor,
    empty,
    empty_like,
    eye,
    from_numpy,
    full,
    full_like,
    linspace,
    ones,
    ones_like,
    tensor,
    zeros,
    zeros_like,
)
from .device import (
    accelerator,
    backends,
    cuda,
    device,
    get_default_device,
    mps,
    set_default_device,
)
from .dtypes import (
    bool,
    double,
    dtype,
    float,
    float16,
    float32,
    float64,
    get_default_dtype,
    half,
    int,
    int8,
    int16,
    int32,
    int64,
    long,
    set_default_dtype,
    short,
    uint8,
)
from .grad_mode import (
    enable_grad,
    inference_mode,
    is_grad_enabled,
    is_inference_mode_enabled,
    no_grad,
    set_grad_enabled,
)
from .gradcheck import GradcheckError, gradcheck
from .i18n import set_language
from .ops import (
    abs,
    add,
    allclose,
    argmax,
    argmin,
    cat,
    clamp,
    clip,
    clone,
    column_stack,
    concat,
    concatenate,
    cos,
    cumsum,
    div,
    dot,
    dstack,
    eq,
    equal,
    exp,
    expand,
    expm1,
    flatten,
    flip,
    gather,
    hstack,
    isclose,
    log,
    log1p,
    log2,
    log10,
    log_softmax,
    logsumexp,
    masked_fill,
    matmul,
    max,
    maximum,
    mean,
    min,
    minimum,
    mm,
    mul,
    mv,
    neg,
    norm,
    numel,
    permute,
    pow,
    prod,
    relu,
    reshape,
    row_stack,
    sigmoid,
    sign,
    sin,
    softmax,
    sqrt,
    square,
    squeeze,
    stack,
    std,
    sub,
    sum,
    t,
    tan,
    tanh,
    transpose,
    unbind,
    unsqueeze,
    var,
    vstack,
    where,
)
from .random import (
    Generator,
    bernoulli,
    default_generator,
    get_rng_state,
    initial_seed,
    manual_seed,
    multinomial,
    normal,
    rand,
    rand_like,
    randint,
    randint_like,
    randn,
    randn_like,
    randperm,
    seed,
    set_rng_state,
)
from .tensor import Size, Tensor, is_tensor

__version__ = "0.1.0"

_LAZY = ("plot", "graph", "widgets")


def __getattr__(name):  # PEP 562: the matplotlib/ipywidgets parts load on first use
    if name in _LAZY:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'autodiff_tr' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_LAZY))
