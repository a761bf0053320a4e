"""ad.save and ad.load: PyTorch's files read here (torch_numbers/saved/torch_*.pt, described in
expected.json), ad.save's files as PyTorch verified it reads them (autodiff_tr_*.pt, see
torch_numbers/record_saving.py), round trips, and files that must never run code."""

import collections
import io
import json
import pathlib
import pickle
import struct
import sys
import zipfile

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import autodiff_tr as ad

SAVED = pathlib.Path(__file__).parent / "torch_numbers" / "saved"
EXPECTED = json.loads((SAVED / "expected.json").read_text())
sys.path.insert(0, str(SAVED.parent))
from saving_cases import objects  # noqa: E402


def _describe(value):
    """What record_saving.py's _describe says of the same object under PyTorch."""
    if isinstance(value, ad.Tensor):
        return {
            "tensor": str(value.dtype).removeprefix("autodiff_tr."),
            "shape": list(value.shape),
            "requires_grad": value.requires_grad,
            "parameter": isinstance(value, ad.nn.Parameter),
            "values": value.detach().numpy().reshape(-1).tolist(),
        }
    if isinstance(value, collections.OrderedDict):
        return {"OrderedDict": [[_describe(k), _describe(v)] for k, v in value.items()]}
    if isinstance(value, dict):
        return {"dict": [[_describe(k), _describe(v)] for k, v in value.items()]}
    if isinstance(value, (list, tuple)):
        return {type(value).__name__: [_describe(v) for v in value]}
    return {type(value).__name__: value}


@pytest.mark.parametrize("name", sorted(EXPECTED["files"]))
def test_reads_pytorchs_files(name):
    assert _describe(ad.load(SAVED / f"torch_{name}.pt")) == EXPECTED["files"][name]


@pytest.mark.parametrize("name", ["state_dict", "nested", "tensor"])
def test_writes_what_pytorch_was_shown_to_read(name):
    """The pickle and the values ad.save writes now are those of the file torch.load read."""
    buffer = io.BytesIO()
    ad.save(objects(ad)[name], buffer)
    with zipfile.ZipFile(buffer) as now, zipfile.ZipFile(SAVED / f"autodiff_tr_{name}.pt") as then:
        assert now.namelist() == then.namelist()
        for record in now.namelist():
            assert now.read(record) == then.read(record), record


def test_the_archive_has_pytorchs_records():
    buffer = io.BytesIO()
    ad.save({"w": ad.ones(2)}, buffer)
    with zipfile.ZipFile(buffer) as archive:
        assert archive.namelist() == [
            "archive/data.pkl",
            "archive/.format_version",
            "archive/byteorder",
            "archive/data/0",
            "archive/version",
        ]
        assert archive.read("archive/byteorder") == b"little"
        assert archive.read("archive/version") == b"3\n"
        assert np.frombuffer(archive.read("archive/data/0"), "<f4").tolist() == [1.0, 1.0]
        assert all(i.compress_type == zipfile.ZIP_STORED for i in archive.infolist())


def test_round_trip_of_everything_it_saves(tmp_path):
    obj = objects(ad)
    ad.save(obj, tmp_path / "all.pt")
    assert _describe(ad.load(tmp_path / "all.pt")) == _describe(obj)
    ad.save(obj, str(tmp_path / "all2.pt"))  # a str path
    with open(tmp_path / "all2.pt", "rb") as f:  # a file object
        assert _describe(ad.load(f)) == _describe(obj)


DTYPES = st.sampled_from(
    [np.float32, np.float64, np.float16, np.int64, np.int32, np.int16, np.int8, np.uint8, np.bool_]
)


@settings(max_examples=40, deadline=None)
@given(
    dtype=DTYPES,
    shape=hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=4),
    data=st.data(),
    transpose=st.booleans(),
)
def test_round_trip_of_any_tensor(dtype, shape, data, transpose):
    values = data.draw(hnp.arrays(dtype, shape))
    t = ad.tensor(values)
    if transpose and t.ndim >= 2:
        t = t.transpose(0, 1)  # saved as its values in C order
    buffer = io.BytesIO()
    ad.save([t, (t, {"k": t})], buffer)
    buffer.seek(0)
    back = ad.load(buffer)
    for got in (back[0], back[1][0], back[1][1]["k"]):
        assert got.dtype == t.dtype and got.shape == t.shape
        np.testing.assert_array_equal(got.numpy(), t.numpy())
        assert got.numpy().flags.writeable


@given(
    st.recursive(
        st.none()
        | st.booleans()
        | st.integers(-(2**70), 2**70)
        | st.floats(allow_nan=False)
        | st.text(max_size=8),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.tuples(inner, inner)
            | st.dictionaries(st.text(max_size=4) | st.integers(-5, 5), inner, max_size=3)
        ),
        max_leaves=12,
    )
)
@settings(max_examples=60, deadline=None)
def test_round_trip_of_plain_data(value):
    buffer = io.BytesIO()
    ad.save(value, buffer)
    buffer.seek(0)
    assert ad.load(buffer) == value


def test_model_and_optimizer_state_dicts_restore_training(tmp_path):
    def make():
        ad.manual_seed(0)
        model = ad.nn.Sequential(ad.nn.Linear(3, 4), ad.nn.Tanh(), ad.nn.Linear(4, 1))
        return model, ad.optim.Adam(model.parameters(), lr=0.01)

    def step(model, optimizer):
        optimizer.zero_grad()
        loss = (model(ad.arange(6.0).reshape(2, 3)) ** 2).mean()
        loss.backward()
        optimizer.step()
        return loss.item()

    model, optimizer = make()
    for _ in range(3):
        step(model, optimizer)
    ad.save(
        {"model": model.state_dict(), "optimizer": optimizer.state_dict()},
        tmp_path / "checkpoint.pt",
    )
    losses = [step(model, optimizer) for _ in range(3)]

    other, other_optimizer = make()
    checkpoint = ad.load(tmp_path / "checkpoint.pt", weights_only=True)
    other.load_state_dict(checkpoint["model"])
    other_optimizer.load_state_dict(checkpoint["optimizer"])
    assert [step(other, other_optimizer) for _ in range(3)] == losses


def test_map_location_cpu_is_accepted_and_a_gpu_refused(tmp_path):
    ad.save(ad.ones(2), tmp_path / "t.pt")
    for location in ("cpu", ad.device("cpu"), {"cuda:0": "cpu"}):
        assert ad.load(tmp_path / "t.pt", map_location=location).tolist() == [1.0, 1.0]
    with pytest.raises(RuntimeError, match="CPU only"):
        ad.load(tmp_path / "t.pt", map_location="cuda")
    with pytest.raises(RuntimeError, match="CPU only"):
        ad.load(tmp_path / "t.pt", map_location=ad.device("cuda", 0))


def test_weights_only_false_and_a_pickle_module_are_refused(tmp_path):
    ad.save(ad.ones(2), tmp_path / "t.pt")
    with pytest.raises(ValueError, match="weights_only=False is not supported"):
        ad.load(tmp_path / "t.pt", weights_only=False)
    with pytest.raises(RuntimeError, match="explicit pickle_module"):
        ad.load(tmp_path / "t.pt", pickle_module=pickle)
    assert ad.load(tmp_path / "t.pt", weights_only=None).tolist() == [1.0, 1.0]


@pytest.mark.parametrize(
    "obj", [ad.nn.Linear(2, 1), object(), {1, 2}, b"bytes", [ad.ones(1), lambda: 0]]
)
def test_saving_an_object_is_a_type_error(obj):
    with pytest.raises(TypeError, match="ad.save writes tensors"):
        ad.save(obj, io.BytesIO())


def _archive(pickled, records=()):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("archive/data.pkl", pickled)
        for name, data in records:
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def test_a_file_that_would_run_code_is_refused_without_running_it(tmp_path):
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (pathlib.Path.touch, (marker,))

    with pytest.raises(pickle.UnpicklingError, match="which is not allowed"):
        ad.load(_archive(pickle.dumps(Payload(), protocol=2)))
    assert not marker.exists()
    for protocol in (0, 4):  # GLOBAL and STACK_GLOBAL both go through find_class
        with pytest.raises(pickle.UnpicklingError, match="system, which is not allowed"):
            ad.load(_archive(pickle.dumps(_os_system_call(), protocol=protocol)))


def _os_system_call():
    import os

    class Call:
        def __reduce__(self):
            return (os.system, ("true",))

    return Call()


def test_a_tensor_reaching_outside_its_storage_is_refused():
    pickled = (
        b"\x80\x02ctorch._utils\n_rebuild_tensor_v2\n((X\x07\x00\x00\x00storage"
        b"ctorch\nFloatStorage\nX\x01\x00\x00\x000X\x03\x00\x00\x00cpuK\x02tQ"
        b"K\x00K\x02K\x02\x86K\x01K\x05\x86\x89ccollections\nOrderedDict\n)RtR."
    )
    values = struct.pack("<2f", 1.0, 2.0)
    with pytest.raises(pickle.UnpicklingError, match="outside its stored values"):
        ad.load(_archive(pickled, [("archive/data/0", values)]))


def test_a_file_not_in_the_zip_format_is_refused():
    with pytest.raises(pickle.UnpicklingError, match="zip format"):
        ad.load(io.BytesIO(pickle.dumps({"a": 1})))


def test_a_big_endian_file_is_read():
    buffer = io.BytesIO()
    ad.save({"w": ad.tensor([1.5, -2.0], dtype=ad.float64)}, buffer)
    big = io.BytesIO()
    with zipfile.ZipFile(buffer) as little, zipfile.ZipFile(big, "w") as out:
        for name in little.namelist():
            data = little.read(name)
            if name == "archive/byteorder":
                data = b"big"
            elif name == "archive/data/0":
                data = np.frombuffer(data, "<f8").astype(">f8").tobytes()
            out.writestr(name, data)
    big.seek(0)
    assert ad.load(big)["w"].tolist() == [1.5, -2.0]


def test_a_file_saved_on_a_gpu_loads_with_map_location_cpu():
    buffer = io.BytesIO()
    ad.save(ad.ones(2), buffer)
    with zipfile.ZipFile(buffer) as archive:
        records = [(name, archive.read(name)) for name in archive.namelist()]
    gpu = [
        (name, data.replace(b"X\x03\x00\x00\x00cpu", b"X\x06\x00\x00\x00cuda:0"))
        for name, data in records
    ]
    with pytest.raises(RuntimeError, match="map_location"):
        ad.load(_archive(gpu[0][1], gpu[1:]))
    assert ad.load(_archive(gpu[0][1], gpu[1:]), map_location="cpu").tolist() == [1.0, 1.0]
