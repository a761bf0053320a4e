"""`utils.data`: `TensorDataset` and `DataLoader`, which cut tensors into (shuffled) minibatches.

The random numbers are drawn as PyTorch's DataLoader draws them: each pass first takes a base seed
for worker processes (even without shuffling, and though there are no workers here), then, with
`shuffle=True`, a seed for a new generator whose `randperm` gives the order (PyTorch's
`RandomSampler`). So after `ad.manual_seed(s)` the minibatches hold the same examples as
PyTorch's, and the random numbers drawn afterwards are the same too.
"""

import builtins

from ..engine.tensor import Tensor
from ..messages import message
from ..tensor_api import ops
from ..tensor_api import random as _random


class Dataset:
    """A sequence of examples: subclasses define `__getitem__` (and `__len__`)."""

    def __getitem__(self, index):
        raise NotImplementedError(message("dataset_getitem", name=type(self).__name__))


class TensorDataset(Dataset):
    """Example i is `(t[i] for t in tensors)`; the tensors share their first dimension."""

    def __init__(self, *tensors):
        if any(t.shape[0] != tensors[0].shape[0] for t in tensors):
            raise ValueError(message("dataset_sizes"))
        self.tensors = tensors

    def __getitem__(self, index):
        return tuple(t[index] for t in self.tensors)

    def __len__(self):
        return self.tensors[0].shape[0]


def _seed(generator):
    """`torch.empty((), dtype=torch.int64).random_()`: one 64-bit draw, as PyTorch seeds."""
    return int(_random.randint(0, 2**63, (), generator=generator).item())


def _shuffled(n, generator):
    """PyTorch's RandomSampler: a seed drawn from `generator` (or the default one) seeds a new
    generator, whose randperm gives the order."""
    seed = _seed(generator)
    order = _random.Generator()
    order.manual_seed(seed)
    return _random.randperm(n, generator=order).tolist()


def _collate(examples):
    """PyTorch's default_collate for what datasets here return: tensors (stacked), numbers
    (a tensor of them), and tuples of those (collated field by field)."""
    first = examples[0]
    if isinstance(first, Tensor):
        return ops.stack(examples)
    if isinstance(first, tuple | list):
        return [_collate(list(field)) for field in zip(*examples)]
    from ..tensor_api.creation import tensor

    return tensor(examples)


class DataLoader:
    """Iterate over `dataset` in minibatches of `batch_size`, shuffled anew each pass if asked."""

    def __init__(self, dataset, batch_size=1, shuffle=False, drop_last=False, generator=None,
                 **kwargs):
        self.dataset = dataset
        self.batch_size = batch_size
        self.shuffle = shuffle
        self.drop_last = drop_last
        self.generator = generator

    def __len__(self):
        n = len(self.dataset)
        return n // self.batch_size if self.drop_last else -(-n // self.batch_size)

    def __iter__(self):
        n = len(self.dataset)
        _seed(self.generator)  # the base seed PyTorch's loader draws for its workers
        order = _shuffled(n, self.generator) if self.shuffle else list(builtins.range(n))
        for start in builtins.range(0, n, self.batch_size):
            batch = order[start:start + self.batch_size]
            if self.drop_last and len(batch) < self.batch_size:
                return
            if isinstance(self.dataset, TensorDataset):  # one indexing per tensor, not per example
                from ..tensor_api.creation import tensor

                index = tensor(batch)
                yield [t[index] for t in self.dataset.tensors]
            else:
                yield _collate([self.dataset[i] for i in batch])
