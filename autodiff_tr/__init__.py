"""autodiff_tr: a small, vectorized autograd engine on NumPy with a PyTorch-compatible API.

    import autodiff_tr as ad
    x = ad.arange(4.0, requires_grad=True)
    y = 2 * ad.dot(x, x)
    y.backward()
    x.grad            # tensor([ 0.,  4.,  8., 12.])

The folders are the layers, bottom up: translation (`i18n`, `messages`), `engine/`, `tensor_api/`,
the libraries (`autograd/`, `nn/`, `optim/`, `utils/`, `compat/`) and the learner's tools
(`learn/`). Importing the package loads NumPy only; the learner's tools (`ad.plot`, `ad.drawing`,
`ad.widgets`, with matplotlib and ipywidgets) load the first time they are used.
"""

import importlib
import warnings

from . import autograd, nn, optim, utils
from .autograd.gradcheck import GradcheckError, gradcheck
from .engine.dtypes import (
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
from .engine.grad_mode import (
    enable_grad,
    inference_mode,
    is_grad_enabled,
    is_inference_mode_enabled,
    no_grad,
    set_grad_enabled,
)
from .engine.tensor import Size, Tensor, is_tensor
from .i18n import set_language
from .tensor_api import methods  # attaches Tensor's methods
from .tensor_api.creation import (
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
from .tensor_api.device import (
    accelerator,
    backends,
    cuda,
    device,
    get_default_device,
    mps,
    set_default_device,
)
from .tensor_api.ops import (
    abs,
    add,
    addcdiv,
    addcmul,
    addmm,
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
    erf,
    exp,
    expand,
    expm1,
    flatten,
    flip,
    gather,
    hstack,
    isclose,
    lerp,
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
from .tensor_api.random import (
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
from .tensor_api.serialization import load, save

__version__ = "0.1.0"

# NumPy warns when a float computation overflows or divides zero by zero ("overflow encountered in
# exp"); PyTorch returns the same inf and nan silently. This filter silences exactly those
# warnings where the package's own lines call NumPy, so a learner sees PyTorch's output; NumPy
# called in a learner's own code still warns. It costs nothing per operation, where np.errstate
# around each op would cost more than the op itself on small tensors.
warnings.filterwarnings(
    "ignore", message=".* encountered in ", category=RuntimeWarning, module=r"autodiff_tr(\.|$)"
)

_LAZY = ("plot", "drawing", "widgets", "teaching", "examples")


def __getattr__(name):  # PEP 562: the learner's tools (matplotlib, ipywidgets) load on first use
    if name in _LAZY:
        return importlib.import_module(f".learn.{name}", __name__)
    raise AttributeError(f"module 'autodiff_tr' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_LAZY))
