"""`Parameter`: a tensor a `Module` owns and an optimizer updates."""

from ..engine.tensor import Tensor, _fill
from ..messages import message


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
            raise TypeError(message("bad_argument", fn="Parameter", name="data",
                                    type=type(data).__name__))
        _fill(self, data._data)  # shares data's memory, without its history
        self.requires_grad = requires_grad

    def __repr__(self):
        return "Parameter containing:\n" + super().__repr__()

    __str__ = __repr__

    def __reduce_ex__(self, protocol):
        """Pickling and copy.deepcopy (of a whole model, say) keep the class."""
        return (Parameter, (self.detach(), self.requires_grad))
