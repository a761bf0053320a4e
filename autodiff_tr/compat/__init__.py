"""The chapter's other two idioms on this engine: `compat.mxnet` and `compat.tensorflow`.

    from autodiff_tr.compat.mxnet import autograd, np, npx   # for: from mxnet import ...
    import autodiff_tr.compat.tensorflow as tf               # for: import tensorflow as tf

Each is a thin layer: its arrays hold engine tensors, its operations are the engine's, and its
gradients come from `autodiff_tr.autograd.grad`. Only what differs is added: when operations are
recorded, how a gradient is stored (MXNet overwrites `x.grad`; TensorFlow hands it back), the
implicit sum over a non-scalar head, and each framework's printing.
"""
