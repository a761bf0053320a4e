"""`autodiff_tr.utils`: `utils.data`, for d2l's `load_array` and PyTorch's tutorials;
`utils.checkpoint`, to trade compute for memory."""

from . import checkpoint, data

__all__ = ["checkpoint", "data"]
