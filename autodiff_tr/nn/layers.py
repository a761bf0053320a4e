"""Layers with (or without) parameters: `Linear`, `LazyLinear`, `Identity`, `Flatten`, `Dropout`."""

import math
import numbers

from ..messages import message
from ..tensor_api import creation
from . import functional as F
from . import init
from .module import Module
from .parameter import Parameter, UninitializedParameter


class Identity(Module):
    """Returns its input unchanged (a placeholder in a `Sequential`)."""

    def __init__(self, *args, **kwargs):
        super().__init__()

    def forward(self, input):
        return input


class Linear(Module):
    """y = x @ weight.T + bias, with weight of shape (out_features, in_features).

    Initialised as PyTorch does it, in PyTorch's order: weight from kaiming_uniform_ with
    a=sqrt(5) (that is, U(-1/sqrt(in_features), 1/sqrt(in_features))), then the bias from the same
    interval. After `ad.manual_seed(s)` the numbers are PyTorch's.
    """

    def __init__(self, in_features, out_features, bias=True, device=None, dtype=None):
        super().__init__()
        if not all(isinstance(n, numbers.Integral) and not isinstance(n, bool)
                   for n in (in_features, out_features)):
            raise TypeError(message("linear_features", in_features=in_features,
                                    out_features=out_features))
        self.in_features = in_features
        self.out_features = out_features
        self.weight = Parameter(creation.zeros(out_features, in_features, dtype=dtype))
        if bias:
            self.bias = Parameter(creation.zeros(out_features, dtype=dtype))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self):
        init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight)
            bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0
            init.uniform_(self.bias, -bound, bound)

    def forward(self, input):
        return F.linear(input, self.weight, self.bias)

    def extra_repr(self):
        return (f"in_features={self.in_features}, out_features={self.out_features}, "
                f"bias={self.bias is not None}")


class LazyLinear(Linear):
    """A `Linear` layer whose `in_features` is found at its first call: until then `weight` and
    `bias` are `UninitializedParameter`s; the first input's last dim fixes in_features, the
    parameters are made and initialised as Linear's are (the same numbers as PyTorch after
    `ad.manual_seed(s)`, drawn at that call), and the layer becomes a plain `Linear`."""

    cls_to_become = Linear

    def __init__(self, out_features, bias=True, device=None, dtype=None):
        super().__init__(0, 0, False, dtype=dtype)
        self.weight = UninitializedParameter(dtype=dtype)
        self.out_features = out_features
        if bias:
            self.bias = UninitializedParameter(dtype=dtype)

    def reset_parameters(self):
        if not self.has_uninitialized_params() and self.in_features != 0:
            super().reset_parameters()

    def has_uninitialized_params(self):
        return any(isinstance(p, UninitializedParameter)
                   for p in (*self._parameters.values(), *self._buffers.values()))

    def initialize_parameters(self, input):
        """Make weight (out_features x input's last dim) and bias, and initialise them."""
        if self.has_uninitialized_params():
            self.in_features = input.shape[-1]
            self.weight.materialize((self.out_features, self.in_features))
            if self.bias is not None:
                self.bias.materialize((self.out_features,))
            self.reset_parameters()
        if self.in_features == 0:  # parameters loaded from a state_dict: the shapes agree
            self.in_features = input.shape[-1]

    def forward(self, input):
        """The first call: infer the shapes, then compute as the Linear this layer becomes."""
        self.initialize_parameters(input)
        self.__class__ = self.cls_to_become
        return self.forward(input)


class Flatten(Module):
    """Flattens dims start_dim..end_dim into one (by default all but the batch dim)."""

    def __init__(self, start_dim=1, end_dim=-1):
        super().__init__()
        self.start_dim = start_dim
        self.end_dim = end_dim

    def forward(self, input):
        return input.flatten(self.start_dim, self.end_dim)

    def extra_repr(self):
        return f"start_dim={self.start_dim}, end_dim={self.end_dim}"


class Dropout(Module):
    """In training mode, zeroes each element with probability p and scales the rest by 1/(1-p);
    in eval mode (`model.eval()`), passes its input through."""

    def __init__(self, p=0.5, inplace=False):
        super().__init__()
        if not 0 <= p <= 1:
            raise ValueError(message("dropout_p", p=p))
        self.p = p
        self.inplace = inplace

    def forward(self, input):
        return F.dropout(input, self.p, self.training, self.inplace)

    def extra_repr(self):
        return f"p={self.p}, inplace={self.inplace}"
