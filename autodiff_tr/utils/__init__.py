"""`autodiff_tr.utils`: `utils.data`, for d2l's `load_array` and PyTorch's tutorials."""

from . import data

__all__ = ["data"]
