"""creation.py: `tensor` and the factory functions, with PyTorch's dtype rules and values."""

import hashlib
import json
import math
import pathlib

import numpy as np
import pytest

import autodiff_tr as ad


@pytest.mark.parametrize("make,dtype,values", [
    (lambda: ad.tensor([1.0, 2.0]), ad.float32, [1.0, 2.0]),
    (lambda: ad.tensor([1, 2]), ad.int64, [1, 2]),
    (lambda: ad.tensor([True, False]), ad.bool, [True, False]),
    (lambda: ad.tensor([1, 2.5, True]), ad.float32, [1.0, 2.5, 1.0]),
    (lambda: ad.tensor(3), ad.int64, 3),
    (lambda: ad.tensor(True), ad.bool, True),
    (lambda: ad.tensor(2.5, dtype=ad.float64), ad.float64, 2.5),
    (lambda: ad.tensor([[1, 2], [3, 4]], dtype=ad.float32), ad.float32, [[1.0, 2.0], [3.0, 4.0]]),
    (lambda: ad.tensor(np.array([1.0, 2.0])), ad.float64, [1.0, 2.0]),  # float64 stays float64
    (lambda: ad.tensor(np.arange(3)), ad.int64, [0, 1, 2]),
    (lambda: ad.tensor(np.array([1, 2], dtype=np.int32)), ad.int32, [1, 2]),
    (lambda: ad.tensor(np.float32(2.5)), ad.float32, 2.5),
    (lambda: ad.tensor(np.array(2.5)), ad.float64, 2.5),
    (lambda: ad.tensor(ad.tensor([1.0, 2.0], dtype=ad.float64)), ad.float64, [1.0, 2.0]),
    (lambda: ad.tensor([]), ad.float32, []),
    (lambda: ad.tensor([[]]), ad.float32, [[]]),
    (lambda: ad.as_tensor([1.0, 2.0]), ad.float32, [1.0, 2.0]),
    (lambda: ad.from_numpy(np.arange(3.0)), ad.float64, [0.0, 1.0, 2.0]),
    (lambda: ad.arange(5), ad.int64, [0, 1, 2, 3, 4]),
    (lambda: ad.arange(1, 4), ad.int64, [1, 2, 3]),
    (lambda: ad.arange(4.0), ad.float32, [0.0, 1.0, 2.0, 3.0]),
    (lambda: ad.arange(1.0, 4.0), ad.float32, [1.0, 2.0, 3.0]),
    (lambda: ad.arange(0, 1, 0.25), ad.float32, [0.0, 0.25, 0.5, 0.75]),
    (lambda: ad.arange(0, 10, 3), ad.int64, [0, 3, 6, 9]),
    (lambda: ad.arange(4, dtype=ad.float32), ad.float32, [0.0, 1.0, 2.0, 3.0]),
    (lambda: ad.linspace(0, 1, 5), ad.float32, [0.0, 0.25, 0.5, 0.75, 1.0]),
    (lambda: ad.linspace(0.0, 1.0, steps=3, dtype=ad.float64), ad.float64, [0.0, 0.5, 1.0]),
    (lambda: ad.linspace(-1, 1, steps=1), ad.float32, [-1.0]),
    (lambda: ad.zeros(3), ad.float32, [0.0, 0.0, 0.0]),
    (lambda: ad.zeros((2, 2)), ad.float32, [[0.0, 0.0], [0.0, 0.0]]),
    (lambda: ad.zeros([1, 2]), ad.float32, [[0.0, 0.0]]),
    (lambda: ad.zeros(2, dtype=ad.int64), ad.int64, [0, 0]),
    (lambda: ad.zeros(2, dtype=ad.bool), ad.bool, [False, False]),
    (lambda: ad.ones(2), ad.float32, [1.0, 1.0]),
    (lambda: ad.full((2,), 7.0), ad.float32, [7.0, 7.0]),
    (lambda: ad.full((2,), 7), ad.int64, [7, 7]),
    (lambda: ad.full((2,), True), ad.bool, [True, True]),
    (lambda: ad.full((2,), 7, dtype=ad.float64), ad.float64, [7.0, 7.0]),
    (lambda: ad.full([3], 1.5), ad.float32, [1.5, 1.5, 1.5]),
    (lambda: ad.eye(2), ad.float32, [[1.0, 0.0], [0.0, 1.0]]),
    (lambda: ad.eye(2, 3), ad.float32, [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]),
    (lambda: ad.eye(2, dtype=ad.int64), ad.int64, [[1, 0], [0, 1]]),
    (lambda: ad.zeros_like(ad.arange(3)), ad.int64, [0, 0, 0]),
    (lambda: ad.ones_like(ad.arange(3.0)), ad.float32, [1.0, 1.0, 1.0]),
    (lambda: ad.zeros_like(ad.arange(3.0), dtype=ad.float64), ad.float64, [0.0, 0.0, 0.0]),
    (lambda: ad.full_like(ad.arange(3.0), 2), ad.float32, [2.0, 2.0, 2.0]),
])
def test_values_and_dtypes_as_pytorch(make, dtype, values):
    t = make()
    assert t.dtype == dtype
    assert t.tolist() == values
    assert t.is_leaf and not t.requires_grad


def test_tensor_copies_its_data():
    a = np.arange(3.0)
    t = ad.tensor(a)
    a[0] = 9.0
    assert t.tolist() == [0.0, 1.0, 2.0]
    f = ad.from_numpy(a)  # from_numpy shares memory
    a[1] = 7.0
    assert f.tolist() == [9.0, 7.0, 2.0]


def test_requires_grad_argument():
    for t in (ad.tensor([1.0], requires_grad=True), ad.arange(3.0, requires_grad=True),
              ad.linspace(0, 1, 3, requires_grad=True), ad.zeros(2, requires_grad=True),
              ad.ones(2, requires_grad=True), ad.full((2,), 1.0, requires_grad=True),
              ad.ones_like(ad.zeros(2), requires_grad=True), ad.eye(2, requires_grad=True)):
        assert t.requires_grad and t.is_leaf and t.grad is None
    assert not ad.zeros_like(ad.arange(3.0, requires_grad=True)).requires_grad


def test_linspace_of_the_chapter():
    x = ad.linspace(0, 6.28, steps=25)
    assert x.shape == (25,) and x.dtype == ad.float32
    assert x[0].item() == 0.0 and x[-1].item() == pytest.approx(6.28)


LINSPACE = json.loads(
    (pathlib.Path(__file__).parent / "torch_numbers" / "linspace.json").read_text())["cases"]


@pytest.mark.parametrize("case", LINSPACE, ids=lambda case: case["code"])
def test_linspace_values_are_pytorchs_to_the_last_bit(case):
    t = eval(case["code"], {"torch": ad, "math": math})
    assert str(t.dtype) == f"autodiff_tr.{case['dtype']}" and list(t.shape) == case["shape"]
    array = t.numpy()
    for position, value in case["values"].items():  # a readable failure first
        assert float(array[int(position)]) == value, position
    little_endian = array.astype(array.dtype.newbyteorder("<"))
    assert hashlib.sha256(little_endian.tobytes()).hexdigest() == case["sha256"]


def test_sizes_as_varargs_tuple_or_keyword():
    assert ad.zeros(2, 3).shape == ad.zeros((2, 3)).shape == ad.ones([2, 3]).shape == (2, 3)
    assert ad.zeros(()).shape == ()


def test_zeros_and_ones_take_size_keyword():
    assert ad.zeros(size=(2,)).shape == (2,) and ad.ones(size=(1, 2)).shape == (1, 2)
    with pytest.raises(TypeError, match="unexpected keyword argument 'sise'"):
        ad.zeros(sise=(2,))


@pytest.mark.parametrize("data,exc", [
    (["a"], (TypeError, ValueError)),
    (None, (RuntimeError, TypeError)),
    ([1, "a"], (TypeError, ValueError)),
    ([[1, 2], [3]], ValueError),
    (np.array(["a"]), TypeError),
    (np.array([object()]), TypeError),
    (np.array([1 + 2j]), TypeError),
])
def test_bad_data_is_refused(data, exc):
    with pytest.raises(exc):
        ad.tensor(data)


def test_ragged_message():
    with pytest.raises(ValueError, match="expected sequence of length 2 at dim 1 \\(got 1\\)"):
        ad.tensor([[1, 2], [3]])


# -- memory: a factory makes its array in the tensor's own dtype -----------------------------------

def _peak_bytes(make):
    """The most memory (bytes, as tracemalloc counts NumPy's allocations) `make()` held at once,
    and its result."""
    import tracemalloc

    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        result = make()
        return tracemalloc.get_traced_memory()[1] - start, result
    finally:
        tracemalloc.stop()


N = 1 << 20  # a 4 MB float32 tensor: large enough that a float64 temporary would show


@pytest.mark.parametrize("make", [
    lambda: ad.zeros(N), lambda: ad.ones(N), lambda: ad.full((N,), 2.5),
    lambda: ad.zeros(N, dtype=ad.float64), lambda: ad.ones(1024, 1024, dtype=ad.int32),
    lambda: ad.rand(N), lambda: ad.randn(N), lambda: ad.randn(N // 4, dtype=ad.float64),
    lambda: ad.normal(2.0, 3.0, size=(N,)), lambda: ad.rand(N, dtype=ad.float64),
], ids=["zeros", "ones", "full", "zeros64", "ones_int32", "rand", "randn", "randn64", "normal",
        "rand64"])
def test_a_new_tensor_costs_at_most_twice_its_size_while_it_is_made(make):
    # (made in float64 and then cast, a float32 tensor peaked at 3x, randn at 18x)
    peak, result = _peak_bytes(make)
    assert peak <= 2 * result.numpy().nbytes


@pytest.mark.parametrize("fill", [
    lambda t: t.uniform_(-1, 1), lambda t: t.normal_(), lambda t: t.normal_(2.0, 0.5),
    lambda t: ad.nn.init.kaiming_uniform_(t), lambda t: ad.nn.init.normal_(t),
], ids=["uniform_", "normal_", "normal_2", "kaiming_uniform_", "init.normal_"])
def test_an_in_place_random_fill_writes_into_the_tensor(fill):
    t = ad.zeros(1024, 1024)
    peak, _ = _peak_bytes(lambda: fill(t))
    assert peak <= t.numpy().nbytes  # temporaries: a fraction of the tensor, not copies of it


def test_out_of_memory_names_the_size_in_the_tensors_dtype():
    with pytest.raises(MemoryError, match="float32"):
        ad.zeros(10**13)
    with pytest.raises(MemoryError, match="float32"):
        ad.randn(10**13)


# -- bad sizes and complex data: PyTorch's exception types (PyTorch 2.13), then what to do -------

@pytest.mark.parametrize(("call", "error", "pytorch_text"), [
    (lambda: ad.ones(2.5), TypeError,
     "ones(): argument 'size' (position 1) must be tuple of ints, not float"),
    (lambda: ad.zeros(True), TypeError,
     "zeros(): argument 'size' (position 1) must be tuple of ints, not bool"),
    (lambda: ad.zeros(2, 2.5), TypeError, "zeros(): argument 'size' failed to unpack the object"
     " at pos 2 with error \"type must be tuple of ints,but got float\""),
    (lambda: ad.rand(2, 2.5), TypeError, "rand(): argument 'size' failed to unpack the object"
     " at pos 2 with error \"type must be tuple of ints,but got float\""),
    (lambda: ad.zeros((2, 2.5)), TypeError, "zeros(): argument 'size' failed to unpack"),
    (lambda: ad.zeros(-1), RuntimeError, "zeros: Dimension size must be non-negative."),
    (lambda: ad.ones(2, -3), RuntimeError, "ones: Dimension size must be non-negative."),
    (lambda: ad.tensor([1 + 2j]), RuntimeError, "Could not infer dtype of complex"),
    (lambda: ad.tensor(np.array([1 + 2j])), TypeError, "dtype complex128 is not supported"),
    (lambda: ad.from_numpy(np.array([1 + 2j])), TypeError, "dtype complex128 is not supported"),
])
def test_bad_sizes_and_complex_data_are_refused_with_a_fix(call, error, pytorch_text):
    # (PyTorch has complex tensors; autodiff_tr refuses them, saying so)
    with pytest.raises(error) as raised:
        call()
    text = str(raised.value)
    assert text.startswith(pytorch_text) and ("`" in text or "0 or more" in text)


def test_whole_number_sizes_of_other_types_are_taken():
    assert ad.zeros(np.int64(2), ad.tensor(3)).shape == (2, 3)
    assert ad.ones(size=(2, np.int32(1))).shape == (2, 1)
