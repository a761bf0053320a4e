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
