"""utils.data: TensorDataset and DataLoader, with PyTorch's shuffled order after manual_seed
(literals recorded with PyTorch 2.13 running the same lines)."""

import pytest

import autodiff_tr as ad
from autodiff_tr.utils import data


def test_shuffled_minibatches_are_pytorchs_and_so_are_later_random_numbers():
    ad.manual_seed(0)
    X = ad.arange(20.0).reshape(10, 2)
    y = ad.arange(10)
    loader = data.DataLoader(data.TensorDataset(X, y), 4, shuffle=True)
    first = [b.tolist() for _, b in loader]
    second = [b.tolist() for _, b in loader]
    assert first == [[6, 7, 1, 4], [2, 0, 9, 8], [3, 5]]
    assert second == [[2, 4, 7, 0], [8, 9, 5, 3], [6, 1]]
    for _ in data.DataLoader(data.TensorDataset(X, y), 4):  # draws a seed even in order
        pass
    assert ad.rand(2).tolist() == pytest.approx([0.3489, 0.4017], abs=1e-4)


def test_batches_pair_rows_and_drop_last():
    X = ad.arange(10.0).reshape(5, 2)
    y = ad.arange(5)
    loader = data.DataLoader(data.TensorDataset(X, y), batch_size=2, drop_last=True)
    batches = list(loader)
    assert len(loader) == len(batches) == 2
    for features, labels in batches:
        assert (features[:, 0] == labels * 2).all()
    assert len(data.DataLoader(data.TensorDataset(X, y), batch_size=2)) == 3


def test_a_dataset_of_its_own_is_collated():
    class Squares(data.Dataset):
        def __len__(self):
            return 3

        def __getitem__(self, i):
            return ad.tensor([float(i)]), i * i

    batches = list(data.DataLoader(Squares(), batch_size=2))
    assert batches[0][0].tolist() == [[0.0], [1.0]] and batches[0][1].tolist() == [0, 1]
    assert batches[1][1].tolist() == [4]


def test_tensors_of_different_lengths_are_refused():
    with pytest.raises(ValueError, match="Size mismatch between tensors"):
        data.TensorDataset(ad.ones(3), ad.ones(4))


# The orders, values and errors below were printed by tests/torch_numbers/record_data.py
# (PyTorch 2.13) running the same lines.
X = ad.arange(20.0).reshape(10, 2)
y = ad.arange(10)


def labels(loader):
    return [b.tolist() for _, b in loader]


def test_shuffle_with_a_generator_draws_the_order_from_it_as_pytorch():
    g = ad.Generator()
    g.manual_seed(3)
    loader = data.DataLoader(data.TensorDataset(X, y), 4, shuffle=True, generator=g)
    assert labels(loader) == [[7, 4, 2, 9], [1, 5, 0, 8], [6, 3]]
    assert ad.rand(2, generator=g).tolist() == [0.6483104228973389, 0.2147577404975891]


def test_shuffle_without_a_generator_seeds_a_new_one_from_the_default_generator():
    ad.manual_seed(5)
    loader = data.DataLoader(data.TensorDataset(X, y), 3, shuffle=True)
    assert labels(loader) == [[8, 3, 0], [5, 9, 1], [6, 2, 4], [7]]
    assert ad.rand(2).tolist() == [0.9201034307479858, 0.1166452169418335]


def test_random_sampler_orders_are_pytorchs():
    ad.manual_seed(1)
    assert list(data.RandomSampler(range(7))) == [2, 1, 0, 3, 4, 5, 6]
    g = ad.Generator()
    g.manual_seed(1)
    assert list(data.RandomSampler(range(7), generator=g)) == [0, 6, 1, 3, 5, 2, 4]
    ad.manual_seed(2)
    drawn = list(data.RandomSampler(range(5), replacement=True, num_samples=40))
    assert drawn == [3, 4, 4, 4, 4, 4, 4, 4, 0, 4, 4, 4, 2, 2, 3, 3, 1, 3, 3, 4,
                     4, 4, 0, 1, 3, 3, 0, 0, 4, 3, 4, 3, 1, 0, 1, 4, 2, 2, 4, 2]
    ad.manual_seed(2)
    assert list(data.RandomSampler(range(4), num_samples=10)) == [0, 3, 2, 1, 3, 2, 1, 0, 2, 1]


def test_batch_sampler_groups_indices_and_drops_the_last_short_batch_if_asked():
    seq = data.SequentialSampler(range(10))
    assert list(data.BatchSampler(seq, 3, False)) == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]
    assert list(data.BatchSampler(seq, 3, True)) == [[0, 1, 2], [3, 4, 5], [6, 7, 8]]
    assert len(data.BatchSampler(seq, 3, False)) == 4 and len(data.BatchSampler(seq, 3, True)) == 3


def test_a_sampler_or_a_batch_sampler_sets_the_order():
    expected = [[3, 2, 7, 8], [6, 1, 5, 9], [0, 4]]
    ad.manual_seed(7)
    batches = data.BatchSampler(data.RandomSampler(range(10)), 4, False)
    assert labels(data.DataLoader(data.TensorDataset(X, y), batch_sampler=batches)) == expected
    ad.manual_seed(7)
    loader = data.DataLoader(data.TensorDataset(X, y), sampler=data.RandomSampler(range(10)),
                             batch_size=4)
    assert labels(loader) == expected


def test_batch_size_none_yields_single_examples():
    loader = data.DataLoader(data.TensorDataset(X, y), batch_size=None)
    examples = list(loader)
    assert len(loader) == len(examples) == 10
    assert [b.tolist() for _, b in examples][:3] == [0, 1, 2]
    assert examples[2][0].tolist() == [4.0, 5.0]


def test_collate_fn_gets_each_list_of_examples():
    seen = []

    def collate(examples):
        seen.append(len(examples))
        return sum(int(label) for _, label in examples)

    assert list(data.DataLoader(data.TensorDataset(X, y), 4, collate_fn=collate)) == [6, 22, 17]
    assert seen == [4, 4, 2]


def test_default_collate_stacks_tensors_numbers_and_their_containers():
    batch = data.default_collate([
        {"x": ad.tensor([1.0, 2.0]), "n": 1, "f": 0.5, "name": "a", "pair": (1, 2.0)},
        {"x": ad.tensor([3.0, 4.0]), "n": 2, "f": 1.5, "name": "b", "pair": (3, 4.0)},
    ])
    assert batch["x"].tolist() == [[1.0, 2.0], [3.0, 4.0]]
    assert batch["n"].dtype == ad.int64 and batch["n"].tolist() == [1, 2]
    assert batch["f"].dtype == ad.float64 and batch["f"].tolist() == [0.5, 1.5]  # as PyTorch
    assert batch["name"] == ["a", "b"]
    assert isinstance(batch["pair"], list) and batch["pair"][1].tolist() == [2.0, 4.0]
    with pytest.raises(RuntimeError, match="each element in list of batch should be of equal"):
        data.default_collate([(1, 2), (3,)])
    with pytest.raises(TypeError, match="batch must contain tensors, numpy arrays, numbers"):
        data.default_collate([object(), object()])


def test_the_default_loader_and_the_collated_one_agree():
    fast = list(data.DataLoader(data.TensorDataset(X, y), 3))
    slow = list(data.DataLoader(data.TensorDataset(X, y), 3, collate_fn=data.default_collate))
    assert [[t.tolist() for t in b] for b in fast] == [[t.tolist() for t in b] for b in slow]


ds = data.TensorDataset(X, y)
seq = data.SequentialSampler(ds)


@pytest.mark.parametrize(("call", "error", "pytorch_text"), [
    (lambda: data.DataLoader(ds, batch_size=0), ValueError,
     "batch_size should be a positive integer value, but got batch_size=0"),
    (lambda: data.DataLoader(ds, batch_size=-2), ValueError,
     "batch_size should be a positive integer value, but got batch_size=-2"),
    (lambda: data.DataLoader(ds, batch_size=2.5), ValueError,
     "batch_size should be a positive integer value, but got batch_size=2.5"),
    (lambda: data.DataLoader(ds, batch_size=True), ValueError,
     "batch_size should be a positive integer value, but got batch_size=True"),
    (lambda: data.DataLoader(ds, drop_last=1), ValueError,
     "drop_last should be a boolean value, but got drop_last=1"),
    (lambda: data.DataLoader(ds, sampler=seq, shuffle=True), ValueError,
     "sampler option is mutually exclusive with shuffle"),
    (lambda: data.DataLoader(ds, batch_sampler=data.BatchSampler(seq, 2, False), batch_size=2),
     ValueError, "batch_sampler option is mutually exclusive with batch_size, shuffle, sampler,"
     " and drop_last"),
    (lambda: data.DataLoader(ds, batch_sampler=data.BatchSampler(seq, 2, False), shuffle=True),
     ValueError, "batch_sampler option is mutually exclusive"),
    (lambda: data.DataLoader(ds, batch_sampler=data.BatchSampler(seq, 2, False), drop_last=True),
     ValueError, "batch_sampler option is mutually exclusive"),
    (lambda: data.DataLoader(ds, batch_size=None, drop_last=True), ValueError,
     "batch_size=None option disables auto-batching and is mutually exclusive with drop_last"),
    (lambda: data.DataLoader(ds, batch_sze=4), TypeError,
     "__init__() got an unexpected keyword argument 'batch_sze'"),
    (lambda: data.DataLoader(ds, num_workers=-1), ValueError,
     "num_workers option should be non-negative; use num_workers=0 to disable multiprocessing."),
    (lambda: data.DataLoader(ds, timeout=-1), ValueError,
     "timeout option should be non-negative"),
    (lambda: data.DataLoader(ds, prefetch_factor=2), ValueError,
     "prefetch_factor option could only be specified in multiprocessing"),
    (lambda: data.DataLoader(ds, persistent_workers=True), ValueError,
     "persistent_workers option needs num_workers > 0"),
    (lambda: data.RandomSampler(ds, replacement=1), TypeError,
     "replacement should be a boolean value, but got replacement=1"),
    (lambda: data.RandomSampler(ds, num_samples=0), ValueError,
     "num_samples should be a positive integer value, but got num_samples=0"),
    (lambda: ds[10], IndexError, "index 10 is out of bounds for dimension 0 with size 10"),
    (lambda: ds[-11], IndexError, "index -11 is out of bounds for dimension 0 with size 10"),
    (lambda: ds["a"], TypeError, ""),
])
def test_bad_arguments_raise_pytorchs_errors(call, error, pytorch_text):
    with pytest.raises(error) as raised:
        call()
    assert pytorch_text in str(raised.value)


def test_what_does_not_apply_to_one_process_is_accepted():
    loader = data.DataLoader(ds, 4, num_workers=2, pin_memory=True, timeout=5,
                             worker_init_fn=print, persistent_workers=True, prefetch_factor=3,
                             pin_memory_device="", in_order=False)
    assert labels(loader) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert data.DataLoader(ds, num_workers=2).prefetch_factor == 2  # PyTorch's default
