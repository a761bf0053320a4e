"""PyTorch's tensor API on top of the engine: the operations (`ops`, `inplace`), the ways to make
a tensor (`creation`, `random`), the argument checks they share (`arguments`), NumPy's protocols
(`higher_order`) and the one module that attaches all of it to `Tensor` as methods (`methods`)."""
