"""`Parameter`: a tensor a `Module` owns and an optimizer updates."""

from ..engine.tensor import Tensor, _fill
from ..messages import message
from ..tensor_api.serialization import register_parameter_type


class Parameter(Tensor):
    """A leaf tensor that requires grad and that a `Module` registers when assigned to it.

    `nn.Parameter(ad.randn(2, 3) * 0.01)` shares the values of its argument, as PyTorch's does;
    computing with it gives plain tensors.
    """

    __slots__ = ()

    def __init__(self, data=None, requires_grad=True):
        if data is None:
            data = Tensor([])
        if not isinstance(data, Tensor):
            raise TypeError(
                message("bad_argument", fn="Parameter", name="data", type=type(data).__name__)
            )
        _fill(self, data._data)  # shares data's memory, without its history
        self.requires_grad = requires_grad

    def __repr__(self):
        return "Parameter containing:\n" + super().__repr__()

    __str__ = __repr__

    def __reduce_ex__(self, protocol):
        """Pickling and copy.deepcopy (of a whole model, say) keep the class."""
        return (Parameter, (self.detach(), self.requires_grad))


class UninitializedParameter(Parameter):
    """A parameter whose shape is not known yet: a lazy layer (`nn.LazyLinear`) holds one until
    its first call sees the input, then `materialize`s it into a `Parameter` of the right shape.
    Until then it has no shape and no values."""

    __slots__ = ()
    cls_to_become = Parameter

    def __init__(self, requires_grad=True, device=None, dtype=None):
        from ..tensor_api import creation

        super().__init__(creation.zeros(0, dtype=dtype), requires_grad)

    def materialize(self, shape, device=None, dtype=None):
        """Become a `Parameter` of `shape` (its values are for the layer to fill)."""
        from ..tensor_api import creation

        dtype = self.dtype if dtype is None else dtype
        self.data = creation.zeros(*shape, dtype=dtype)
        self.__class__ = self.cls_to_become

    @property
    def shape(self):
        raise RuntimeError(message("uninitialized_shape"))

    def size(self, dim=None):
        raise RuntimeError(message("uninitialized_shape"))

    def __repr__(self):
        return "<UninitializedParameter>"

    __str__ = __repr__

    def __reduce_ex__(self, protocol):
        return (UninitializedParameter, (self.requires_grad,))


register_parameter_type(Parameter)  # ad.save and ad.load keep a Parameter a Parameter
