"""dtypes.py: PyTorch's dtype names and aliases, mapped onto NumPy dtypes."""

import numpy as np
import pytest

import autodiff_tr as ad
from autodiff_tr.engine import dtypes


@pytest.mark.parametrize(
    "name,alias,numpy_dtype",
    [
        ("float32", "float", np.float32),
        ("float64", "double", np.float64),
        ("float16", "half", np.float16),
        ("int64", "long", np.int64),
        ("int32", "int", np.int32),
        ("int16", "short", np.int16),
        ("int8", None, np.int8),
        ("uint8", None, np.uint8),
        ("bool", None, np.bool_),
    ],
)
def test_names_aliases_and_numpy(name, alias, numpy_dtype):
    d = getattr(ad, name)
    if alias:
        assert getattr(ad, alias) is d
    assert repr(d) == f"autodiff_tr.{name}" and str(d) == f"autodiff_tr.{name}"
    assert np.dtype(d) == np.dtype(numpy_dtype)
    assert dtypes.from_numpy(numpy_dtype) is d
    assert dtypes.to_numpy(d) == np.dtype(numpy_dtype)
    assert ad.zeros(1, dtype=d).dtype is d
    assert d.is_floating_point == (np.dtype(numpy_dtype).kind == "f")


def test_identity_and_equality():
    assert ad.tensor([1.0]).dtype is ad.float32
    assert ad.tensor([1.0], dtype=ad.double).dtype is ad.float64
    assert ad.float32 == ad.float32 and ad.float32 != ad.float64


def test_unsupported_numpy_dtype():
    with pytest.raises(TypeError, match="not supported"):
        dtypes.from_numpy(np.complex128)


def test_to_numpy_accepts_numpy_and_python_types():
    assert dtypes.to_numpy(np.float64) == np.float64
    assert dtypes.to_numpy(np.dtype("int64")) == np.int64


def test_conversions_between_dtypes():
    t = ad.tensor([1.5, 0.0])
    assert t.double().dtype is ad.float64 and t.float().dtype is ad.float32
    assert t.long().tolist() == [1, 0] and t.int().dtype is ad.int32
    assert t.bool().tolist() == [True, False]
    assert t.to(ad.float64).dtype is ad.float64
    assert t.to(ad.float32) is t
