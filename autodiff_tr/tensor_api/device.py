"""Devices as PyTorch names them, with the CPU the only one that computes.

Tutorials start with `device = "cuda" if torch.cuda.is_available() else "cpu"` and pass
`device=` to every factory and `.to(device)` to every tensor and model. Here `ad.device`,
`ad.cuda.is_available()` (False), `ad.accelerator` and the `device=` keyword behave as PyTorch
does on a machine without a GPU: the CPU is accepted, another device raises PyTorch's exception
type with a message saying that this package runs on the CPU only and that the same code runs
unchanged on a GPU under PyTorch.
"""

import builtins
import numbers
import re
import types

import numpy as np

from ..engine.dtypes import dtype as dtype_class
from ..engine.tensor import Tensor
from ..messages import message

# the device types PyTorch's parser knows, in the order its message lists them
_TYPES = ("cpu", "cuda", "ipu", "xpu", "mkldnn", "opengl", "opencl", "ideep", "hip", "ve",
          "fpga", "maia", "xla", "lazy", "vulkan", "mps", "meta", "hpu", "mtia", "privateuseone")
# devices whose missing support PyTorch reports with an AssertionError ("Torch not compiled
# with CUDA enabled"); for the others it raises a RuntimeError (`.to`) or a
# NotImplementedError (a factory function)
_NOT_COMPILED = {"cuda": "CUDA", "xpu": "XPU", "mtia": "MTIA"}
_INDEXED = re.compile(r"([a-z]+)(?::(0|[1-9][0-9]*))?")


class device:  # noqa: N801 - lower case like torch.device
    """`device("cpu")`, `device("cuda:1")`, `device("cpu", 0)`: a type and an optional index.
    Any of PyTorch's device types can be named; only the CPU computes here."""

    __slots__ = ("type", "index")

    def __init__(self, type, index=None):  # noqa: A002 - PyTorch's parameter name
        if isinstance(type, device):
            self.type, self.index = type.type, type.index
            return
        if isinstance(type, numbers.Integral) and not isinstance(type, builtins.bool):
            raise RuntimeError(message("device_no_accelerator"))
        if not isinstance(type, str):
            raise TypeError(message("device_argument", type=builtins.type(type).__name__))
        kind, parsed = _parse(type)
        if index is not None:
            if parsed is not None:
                raise RuntimeError(message("device_two_indices", device=type))
            parsed = builtins.int(index)
            if parsed < 0:
                raise RuntimeError(message("device_index_negative", index=parsed))
        self.type, self.index = kind, parsed

    def __repr__(self):
        if self.index is None:
            return f"device(type='{self.type}')"
        return f"device(type='{self.type}', index={self.index})"

    def __str__(self):
        return self.type if self.index is None else f"{self.type}:{self.index}"

    def __eq__(self, other):
        return (isinstance(other, device) and self.type == other.type
                and self.index == other.index)

    def __hash__(self):
        return hash((self.type, self.index))

    def __reduce__(self):
        return (device, (self.type, self.index))

    def __enter__(self):
        """`with ad.device("cpu"):` makes the CPU the default device, which it always is here;
        another device raises as the factories would inside such a block in PyTorch."""
        check(self)
        return self

    def __exit__(self, *exc):
        return False


def _parse(string):
    """("cuda", 1) for "cuda:1", with PyTorch's RuntimeErrors for what it refuses."""
    if not string:
        raise RuntimeError(message("device_empty"))
    match = _INDEXED.fullmatch(string)
    if match is None or match.group(1) not in _TYPES:
        kind = re.match(r"[a-z]*", string).group(0)
        if kind in _TYPES:
            raise RuntimeError(message("device_invalid", device=string))
        raise RuntimeError(message("device_unknown", types=", ".join(_TYPES), device=string))
    index = match.group(2)
    return match.group(1), None if index is None else builtins.int(index)


CPU = device("cpu")


def check(requested, factory=True, raises=True):
    """The CPU device for `requested` (a string, a `device`, None for the default), or
    PyTorch's exception for a device this package cannot compute on (None instead with
    `raises=False`). Factories call it only when `device=` is given, so that the keyword costs
    nothing when it is left out."""
    if requested is None:
        return CPU
    if requested.__class__ is not device:
        requested = device(requested)
    if requested.type == "cpu":
        return CPU
    if not raises:
        return None
    if requested.type in _NOT_COMPILED:
        raise not_compiled(requested.type)
    error = NotImplementedError if factory else RuntimeError
    raise error(message("device_unsupported", type=requested.type))


def not_compiled(kind):
    """PyTorch's AssertionError for a device type its CPU build leaves out ("Torch not compiled
    with CUDA enabled"), with the product's own name of the device."""
    return AssertionError(message("device_not_compiled", name=_NOT_COMPILED[kind]))


def set_default_device(device):  # noqa: A002 - PyTorch's parameter name
    """Accepted for the CPU (and None, PyTorch's way to reset it), which stays the default;
    another device raises as the factories would."""
    check(device)


def get_default_device():
    return CPU


# ---------------------------------------------------------------- the accelerator namespaces

def _false():
    return False


def _zero():
    return 0


def _ignore(*args, **kwargs):
    """PyTorch accepts these without a GPU and does nothing: seeding code runs on both."""


def _no_gpu(*args, **kwargs):
    raise not_compiled("cuda")


cuda = types.ModuleType("autodiff_tr.cuda", "`torch.cuda` on a machine without a GPU.")
cuda.is_available = _false
cuda.device_count = _zero
cuda.manual_seed = _ignore
cuda.manual_seed_all = _ignore
cuda.synchronize = _no_gpu
cuda.current_device = _no_gpu
cuda.get_device_name = _no_gpu

accelerator = types.ModuleType("autodiff_tr.accelerator",
                               "`torch.accelerator` on a machine without one.")
accelerator.is_available = _false
accelerator.device_count = _zero
accelerator.current_accelerator = lambda check_available=False: None

mps = types.ModuleType("autodiff_tr.mps", "`torch.mps` on a machine without Apple's GPU.")
mps.is_available = _false
mps.device_count = _zero
mps.manual_seed = _ignore

backends = types.ModuleType("autodiff_tr.backends", "`torch.backends`: no GPU backend here.")
backends.mps = types.ModuleType("autodiff_tr.backends.mps")
backends.mps.is_available = _false
backends.mps.is_built = _false
backends.cuda = types.ModuleType("autodiff_tr.backends.cuda")
backends.cuda.is_built = _false


# ---------------------------------------------------------------- Tensor.to and friends

def parse_to(args, kwargs, fn="to"):
    """(dtype, copy) from `to`'s three forms, as PyTorch parses them: `to(dtype)`,
    `to(device, dtype)`, `to(other_tensor)`, each with keywords; the device is checked (the CPU
    or PyTorch's exception) and, being the CPU, changes nothing."""
    kwargs = dict(kwargs)
    kwargs.pop("non_blocking", None)
    kwargs.pop("memory_format", None)
    copy = kwargs.pop("copy", False)
    target_device, target_dtype = kwargs.pop("device", None), kwargs.pop("dtype", None)
    args = list(args)
    if args and isinstance(args[0], Tensor):
        other = args.pop(0)
        target_dtype = other.dtype
    elif args and isinstance(args[0], dtype_class | np.dtype):  # NumPy's: the engine's own use
        target_dtype = args.pop(0)
    elif args and (isinstance(args[0], str | device) or (
            isinstance(args[0], numbers.Integral) and not isinstance(args[0], builtins.bool))):
        target_device = args.pop(0)
        if args and isinstance(args[0], dtype_class):
            target_dtype = args.pop(0)
    # what remains: non_blocking and copy, positionally
    if len(args) > 2 or kwargs or any(
            not isinstance(a, builtins.bool) for a in args):
        names = [builtins.type(a).__name__ for a in args] + list(kwargs)
        raise TypeError(message("to_arguments", fn=fn, got=", ".join(names)))
    if len(args) == 2:
        copy = args[1]
    if target_device is not None:
        check(target_device, factory=False)
    return target_dtype, copy
