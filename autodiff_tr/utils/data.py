"""`utils.data`: datasets, samplers and `DataLoader`, which cut a dataset into minibatches.

The pieces are PyTorch's, and so are the random numbers: each pass first draws a base seed for
worker processes (even without shuffling, and though there are no workers here), then a
`RandomSampler` without a generator draws a seed for a new generator whose `randperm` gives the
order; with `generator=` it draws the order from that generator directly. So after
`ad.manual_seed(s)` the minibatches hold the same examples as PyTorch's, and the random numbers
drawn afterwards are the same too.
"""

import builtins
import collections.abc
import itertools
import numbers

import numpy as np

from ..engine import dtypes
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
        size = len(self)
        if isinstance(index, numbers.Integral) and not -size <= index < size:
            raise IndexError(message("dataset_index", index=index, size=size, last=size - 1))
        if isinstance(index, str | float):
            raise TypeError(message("dataset_index_type", type=type(index).__name__))
        return tuple(t[index] for t in self.tensors)

    def __len__(self):
        return self.tensors[0].shape[0]


# ------------------------------------------------------------------------------------ samplers
class Sampler:
    """Yields the indices of a dataset's examples in some order (subclasses define `__iter__`)."""

    def __iter__(self):
        raise NotImplementedError


class SequentialSampler(Sampler):
    """0, 1, ..., len(data_source) - 1, every pass."""

    def __init__(self, data_source):
        self.data_source = data_source

    def __iter__(self):
        return iter(builtins.range(len(self.data_source)))

    def __len__(self):
        return len(self.data_source)


def _seed(generator):
    """`torch.empty((), dtype=torch.int64).random_(generator=...)`: one 64-bit draw, as PyTorch
    seeds a worker or a sampler's own generator."""
    return int(_random.randint(0, 2**63, (), generator=generator).item())


class RandomSampler(Sampler):
    """The indices in a new random order each pass (or drawn with `replacement`), as PyTorch draws
    them: without `generator`, a seed from the default generator seeds a new generator."""

    def __init__(self, data_source, replacement=False, num_samples=None, generator=None):
        self.data_source = data_source
        self.replacement = replacement
        self._num_samples = num_samples
        self.generator = generator
        if not isinstance(replacement, bool):
            raise TypeError(message("sampler_replacement", value=replacement))
        n = self.num_samples
        if not isinstance(n, int) or isinstance(n, bool) or n <= 0:
            raise ValueError(message("sampler_num_samples", value=n))

    @property
    def num_samples(self):
        return len(self.data_source) if self._num_samples is None else self._num_samples

    def __iter__(self):
        n = len(self.data_source)
        generator = self.generator
        if generator is None:
            generator = _random.Generator()
            generator.manual_seed(_seed(None))
        if self.replacement:  # PyTorch draws 32 at a time
            for _ in builtins.range(self.num_samples // 32):
                yield from _random.randint(0, n, (32,), generator=generator).tolist()
            yield from _random.randint(0, n, (self.num_samples % 32,), generator=generator).tolist()
        else:
            for _ in builtins.range(self.num_samples // n):
                yield from _random.randperm(n, generator=generator).tolist()
            yield from _random.randperm(n, generator=generator).tolist()[: self.num_samples % n]

    def __len__(self):
        return self.num_samples


def _check_batch_size(batch_size):
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size <= 0:
        raise ValueError(message("batch_size", value=batch_size))


class BatchSampler(Sampler):
    """Groups the indices of `sampler` into lists of `batch_size` (the last one shorter, or dropped
    with `drop_last=True`)."""

    def __init__(self, sampler, batch_size, drop_last):
        _check_batch_size(batch_size)
        if not isinstance(drop_last, bool):
            raise ValueError(message("drop_last_bool", value=drop_last))
        self.sampler = sampler
        self.batch_size = batch_size
        self.drop_last = drop_last

    def __iter__(self):
        indices = iter(self.sampler)
        batch = list(itertools.islice(indices, self.batch_size))
        while batch and (len(batch) == self.batch_size or not self.drop_last):
            yield batch
            batch = list(itertools.islice(indices, self.batch_size))

    def __len__(self):
        if self.drop_last:
            return len(self.sampler) // self.batch_size
        return -(-len(self.sampler) // self.batch_size)


# ------------------------------------------------------------------------------------- collate
def default_convert(data):
    """What a loader with `batch_size=None` yields: the example itself, NumPy arrays as tensors."""
    from ..tensor_api.creation import as_tensor

    if isinstance(data, np.ndarray):
        return as_tensor(data)
    if isinstance(data, collections.abc.Mapping):
        return {key: default_convert(value) for key, value in data.items()}
    if isinstance(data, tuple | list):
        return type(data)(default_convert(d) for d in data)
    return data


def default_collate(batch):
    """PyTorch's `default_collate`: a list of examples made into one minibatch. Tensors and NumPy
    arrays are stacked (a new first dimension), Python floats become a float64 tensor and ints an
    int64 tensor, strings stay a list, and dicts, tuples and lists are collated field by field
    (a tuple gives a list, as PyTorch's does)."""
    from ..tensor_api.creation import as_tensor, tensor

    first = batch[0]
    if isinstance(first, Tensor):
        return ops.stack(batch)
    if isinstance(first, np.ndarray):
        return ops.stack([as_tensor(b) for b in batch])
    if isinstance(first, np.generic):
        return as_tensor(np.array(batch))
    if isinstance(first, bool | numbers.Integral):
        return tensor(batch)
    if isinstance(first, numbers.Real):
        return tensor(batch, dtype=dtypes.float64)
    if isinstance(first, str | bytes):
        return batch
    if isinstance(first, collections.abc.Mapping):
        return {key: default_collate([example[key] for example in batch]) for key in first}
    if isinstance(first, collections.abc.Sequence):
        if any(len(example) != len(first) for example in batch):
            raise RuntimeError(message("collate_sizes"))
        fields = [default_collate(list(field)) for field in zip(*batch)]
        return fields if isinstance(first, tuple) else type(first)(fields)
    raise TypeError(message("collate_type", type=type(first).__name__))


# ---------------------------------------------------------------------------------- DataLoader
class DataLoader:
    """Iterate over `dataset` in minibatches: PyTorch's `DataLoader` with its arguments and checks.

    The order comes from `sampler` (a `SequentialSampler`, or a `RandomSampler` with
    `shuffle=True`), `BatchSampler` groups it into minibatches of `batch_size` (or pass your own
    `batch_sampler`), and `collate_fn` (`default_collate`) makes each list of examples into tensors;
    `batch_size=None` yields single examples.

    Everything runs in this one CPU process, so the arguments about worker processes, pinned GPU
    memory and waiting for workers are checked as PyTorch checks them and then have nothing to do:
    `pin_memory`, `pin_memory_device`, `timeout`, `worker_init_fn`, `multiprocessing_context`,
    `prefetch_factor`, `persistent_workers`, `in_order`. `num_workers > 0` is accepted too and the
    examples are loaded here, one after another: tutorials pass `num_workers=2` or `4` for speed,
    and the minibatches (their examples, their order, the random numbers drawn) are exactly those
    PyTorch's workers would deliver, so such code runs unchanged, only not in parallel. (One
    difference: a dataset that draws random numbers in `__getitem__` draws them here from the
    default generator, where each of PyTorch's workers seeds a generator of its own.)
    """

    def __init__(self, dataset, batch_size=1, shuffle=None, sampler=None, batch_sampler=None,
                 num_workers=0, collate_fn=None, pin_memory=False, drop_last=False, timeout=0,
                 worker_init_fn=None, multiprocessing_context=None, generator=None, *,
                 prefetch_factor=None, persistent_workers=False, pin_memory_device="",
                 in_order=True):
        if num_workers < 0:
            raise ValueError(message("num_workers_negative"))
        if timeout < 0:
            raise ValueError(message("timeout_negative"))
        if num_workers == 0 and prefetch_factor is not None:
            raise ValueError(message("prefetch_factor_workers"))
        if num_workers > 0 and prefetch_factor is None:
            prefetch_factor = 2
        elif prefetch_factor is not None and prefetch_factor < 0:
            raise ValueError(message("prefetch_factor_negative"))
        if persistent_workers and num_workers == 0:
            raise ValueError(message("persistent_workers"))
        if multiprocessing_context is not None and num_workers == 0:
            raise ValueError(message("multiprocessing_context", n=num_workers))
        shuffle = bool(shuffle)
        if sampler is not None and shuffle:
            raise ValueError(message("sampler_shuffle"))
        if batch_sampler is not None:
            if batch_size != 1 or shuffle or sampler is not None or drop_last:
                raise ValueError(message("batch_sampler_exclusive"))
            batch_size, drop_last = None, False
        elif batch_size is None and drop_last:
            raise ValueError(message("batch_size_none_drop_last"))
        if sampler is None:
            sampler = (RandomSampler(dataset, generator=generator) if shuffle
                       else SequentialSampler(dataset))
        if batch_size is not None and batch_sampler is None:
            batch_sampler = BatchSampler(sampler, batch_size, drop_last)
        self.dataset = dataset
        self.batch_size = batch_size
        self.drop_last = drop_last
        self.sampler = sampler
        self.batch_sampler = batch_sampler
        self.generator = generator
        self.num_workers = num_workers
        self.prefetch_factor = prefetch_factor
        self.pin_memory = pin_memory
        self.pin_memory_device = pin_memory_device
        self.timeout = timeout
        self.worker_init_fn = worker_init_fn
        self.multiprocessing_context = multiprocessing_context
        self.persistent_workers = persistent_workers
        self.in_order = in_order
        self._auto_collation = batch_sampler is not None
        if collate_fn is None:
            collate_fn = default_collate if self._auto_collation else default_convert
        self.collate_fn = collate_fn

    @property
    def _index_sampler(self):
        return self.batch_sampler if self._auto_collation else self.sampler

    def __len__(self):
        return len(self._index_sampler)

    def __iter__(self):
        _seed(self.generator)  # the base seed PyTorch's loader draws for its workers
        if not self._auto_collation:
            for i in self._index_sampler:
                yield self.collate_fn(self.dataset[i])
            return
        for batch in self._index_sampler:
            if self._stacks_rows():
                yield self._rows(batch)
            else:
                yield self.collate_fn([self.dataset[i] for i in batch])

    def _stacks_rows(self):
        """A speed path: `default_collate` over a `TensorDataset` (without gradients) stacks rows,
        which one indexing per tensor does in one step instead of one per example."""
        return (self.collate_fn is default_collate and type(self.dataset) is TensorDataset
                and not any(t.requires_grad for t in self.dataset.tensors))

    def _rows(self, batch):
        from ..tensor_api.creation import tensor

        index = tensor(batch)
        return [t[index] for t in self.dataset.tensors]
