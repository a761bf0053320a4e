"""PyTorch's dtype names (`ad.float32`, `ad.long`, ...) mapped onto NumPy dtypes."""

import numpy as np

from ..messages import message


class dtype:  # noqa: N801 - lower case like torch.dtype
    """A tensor element type. Prints as `autodiff_tr.float32`; `np.dtype(ad.float32)` works."""

    __slots__ = ("name", "dtype", "is_floating_point")

    def __init__(self, name, numpy_dtype):
        self.name = name
        self.dtype = np.dtype(numpy_dtype)  # the attribute NumPy reads in np.dtype(obj)
        self.is_floating_point = self.dtype.kind == "f"

    def __repr__(self):
        return f"autodiff_tr.{self.name}"

    def __reduce__(self):
        return self.name


float16 = half = dtype("float16", np.float16)
float32 = float = dtype("float32", np.float32)
float64 = double = dtype("float64", np.float64)
uint8 = dtype("uint8", np.uint8)
int8 = dtype("int8", np.int8)
int16 = short = dtype("int16", np.int16)
int32 = int = dtype("int32", np.int32)
int64 = long = dtype("int64", np.int64)
bool = dtype("bool", np.bool_)

# PyTorch's short names of its dtypes, as in "torch.FloatTensor" and in its error messages
TYPE_NAMES = {"float16": "Half", "float32": "Float", "float64": "Double", "uint8": "Byte",
              "int8": "Char", "int16": "Short", "int32": "Int", "int64": "Long", "bool": "Bool"}

_ALL = (float16, float32, float64, uint8, int8, int16, int32, int64, bool)
_BY_NUMPY = {d.dtype: d for d in _ALL}


# The C++ names of the same dtypes, in some of PyTorch's messages ("expected m1 and m2 to have
# the same dtype, but got: float != double")
CPP_NAMES = {"float16": "c10::Half", "float32": "float", "float64": "double",
             "uint8": "unsigned char", "int8": "signed char", "int16": "short int", "int32": "int",
             "int64": "long int", "bool": "bool"}


def cpp_type_name(numpy_dtype):
    """"float" for float32: the C++ name some of PyTorch's messages give a dtype."""
    name = np.dtype(numpy_dtype).name
    return CPP_NAMES.get(name, name)


def from_numpy(numpy_dtype):
    """The dtype object for a NumPy dtype, or a TypeError naming the dtypes that are supported."""
    try:
        return _BY_NUMPY[np.dtype(numpy_dtype)]
    except KeyError:
        if np.dtype(numpy_dtype).kind == "c":
            raise TypeError(message("complex_dtype", dtype=np.dtype(numpy_dtype))) from None
        raise TypeError(message("unsupported_dtype", dtype=numpy_dtype)) from None


def to_numpy(d):
    """Accept an autodiff_tr dtype, a NumPy dtype or a Python type; return a NumPy dtype."""
    if isinstance(d, dtype):
        return d.dtype
    return from_numpy(d).dtype


_default_float = [float32]  # a list, so that set_default_dtype changes it in place


def set_default_dtype(d):
    """The dtype of new float tensors (`ad.tensor(1.5)`, `ad.zeros(2)`, `ad.randn(3)`) and of
    integer tensors computed with floats (`ad.arange(3) * 0.5`); float32 unless set. A float
    dtype, as in PyTorch."""
    d = d if isinstance(d, dtype) else from_numpy(d)
    if not d.is_floating_point:
        raise TypeError(message("default_dtype", dtype=d))
    _default_float[0] = d


def get_default_dtype():
    return _default_float[0]


def default_float():
    """The NumPy dtype of the default float dtype (for the package's own use)."""
    return _default_float[0].dtype


def torch_type_name(numpy_dtype):
    """PyTorch's short name of a dtype, as its messages and `Tensor.type()` spell it ("Long")."""
    name = np.dtype(numpy_dtype).name
    return TYPE_NAMES.get(name, name)
