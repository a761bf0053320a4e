"""Containers: `Sequential` (modules applied in order) and `ModuleList`."""

import operator
from collections import OrderedDict

from ..messages import message
from .module import Module


def _index(length, idx):
    """`idx` (negative allowed) as a position in 0..length-1, or PyTorch's IndexError."""
    idx = operator.index(idx)
    if not length:
        raise IndexError(message("module_index_empty", idx=idx))
    if not -length <= idx < length:
        raise IndexError(message("module_index", idx=idx, n=length, last=length - 1))
    return idx % length


class _ModuleSequence(Module):
    """What `Sequential` and `ModuleList` share: children named "0", "1", ..., counted, iterated,
    deleted and appended alike. (PyTorch writes these methods out in each class; one base here.)"""

    def __delitem__(self, idx):
        keys = list(self._modules)
        for key in keys[idx] if isinstance(idx, slice) else [keys[_index(len(self), idx)]]:
            delattr(self, key)
        # renumber, as PyTorch does, so that the names stay 0, 1, 2, ...
        self._modules = OrderedDict((str(i), m) for i, m in enumerate(self._modules.values()))

    def __len__(self):
        return len(self._modules)

    def __iter__(self):
        return iter(self._modules.values())

    def append(self, module):
        self.add_module(str(len(self)), module)
        return self

    def extend(self, modules):
        for module in modules:
            self.append(module)
        return self


class Sequential(_ModuleSequence):
    """Modules called one after another: `nn.Sequential(nn.Linear(2, 4), nn.ReLU())`.

    Index it like a list (`net[0]`, `net[-1]`, `net[1:]`, `net[0] = nn.Linear(2, 8)`); the
    children are named "0", "1", ... (or by the keys of an OrderedDict you pass).
    """

    def __init__(self, *args):
        super().__init__()
        if len(args) == 1 and isinstance(args[0], OrderedDict):
            for key, module in args[0].items():
                self.add_module(key, module)
        else:
            for idx, module in enumerate(args):
                self.add_module(str(idx), module)

    def __getitem__(self, idx):
        if isinstance(idx, slice):
            return self.__class__(OrderedDict(list(self._modules.items())[idx]))
        return list(self._modules.values())[_index(len(self), idx)]

    def __setitem__(self, idx, module):
        key = list(self._modules)[_index(len(self), idx)]
        setattr(self, key, module)

    def __add__(self, other):
        if not isinstance(other, Sequential):
            raise ValueError(message("sequential_add", type=type(other).__name__))
        result = Sequential()
        for module in list(self) + list(other):
            result.append(module)
        return result

    def insert(self, index, module):
        modules = list(self._modules.values())
        modules.insert(index if index >= 0 else index + len(modules), module)
        self._modules = OrderedDict((str(i), m) for i, m in enumerate(modules))
        return self

    def forward(self, input):
        for module in self._modules.values():
            input = module(input)
        return input


class ModuleList(_ModuleSequence):
    """A list of modules whose parameters the owner registers (indexing, append, iteration)."""

    def __init__(self, modules=None):
        super().__init__()
        if modules is not None:
            self.extend(modules)

    def __getitem__(self, idx):
        if isinstance(idx, slice):
            return self.__class__(list(self._modules.values())[idx])
        return self._modules[str(_index(len(self), idx))]

    def __setitem__(self, idx, module):
        setattr(self, str(_index(len(self), idx)), module)
