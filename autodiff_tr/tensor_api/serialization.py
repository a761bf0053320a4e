"""`save` and `load` in PyTorch's own file format, without ever unpickling arbitrary objects.

A file of `torch.save` is a zip archive: `archive/data.pkl` is a pickle of the saved object in
which each tensor refers, by a key, to its values stored raw in `archive/data/<key>`, beside
`archive/byteorder` and `archive/version`. We write exactly that, so `torch.load(f,
weights_only=True)` reads our files and `load` reads PyTorch's (docs/saving.md).

Safety: a pickle is a program, and unpickling one can call any function it names. So we never
call `pickle.load` on a file. `_PickleWriter` writes the few pickle instructions a state dict
needs by hand (tensors, numbers, strings, None, bools, lists, tuples, dicts), naming only the
globals that PyTorch's own weights-only loader allows; `_RestrictedUnpickler` reads with
Python's unpickler whose `find_class`, the one door to any Python object, opens only to that
allow-list (PyTorch's tensor rebuild functions, its storage types, `collections.OrderedDict`),
and checks that each tensor's offsets and strides stay inside its stored values.
"""

import collections
import io
import os
import pickle
import struct
import zipfile

import numpy as np

from ..engine.tensor import Size, Tensor
from ..messages import message

__all__ = ["load", "save"]

# PyTorch's legacy storage type for each dtype: the name `data.pkl` gives a tensor's values
_STORAGE_NAMES = {
    np.dtype(np.float32): "FloatStorage",
    np.dtype(np.float64): "DoubleStorage",
    np.dtype(np.float16): "HalfStorage",
    np.dtype(np.int64): "LongStorage",
    np.dtype(np.int32): "IntStorage",
    np.dtype(np.int16): "ShortStorage",
    np.dtype(np.int8): "CharStorage",
    np.dtype(np.uint8): "ByteStorage",
    np.dtype(np.bool_): "BoolStorage",
}
_DTYPE_OF_STORAGE = {name: dtype for dtype, name in _STORAGE_NAMES.items()}
_ARCHIVE = "archive"

# `nn.Parameter`, which registers itself here (nn/parameter.py): it saves as PyTorch saves a
# Parameter and loads as one, while this module, below `nn` in the layers, does not import it.
_PARAMETER_TYPE = []


def register_parameter_type(cls):
    _PARAMETER_TYPE[:] = [cls]


def _is_parameter(tensor):
    return bool(_PARAMETER_TYPE) and isinstance(tensor, _PARAMETER_TYPE[0])


# ---------------------------------------------------------------- save


def save(
    obj,
    f,
    pickle_module=None,
    pickle_protocol=2,
    _use_new_zipfile_serialization=True,
    _disable_byteorder_record=False,
):
    """Write `obj` (a tensor, a number, a string, None, or lists, tuples and dicts of them, such
    as `model.state_dict()` and `optimizer.state_dict()`) to the path or binary file `f`, in
    PyTorch's format. The pickle arguments are accepted for PyTorch's signature; the pickle is
    always our own restricted one."""
    writer = _PickleWriter()
    writer.write(obj)
    pickled = writer.finish()
    if isinstance(f, (str, os.PathLike)):
        with open(f, "wb") as file:
            _write_archive(file, pickled, writer.storages)
    else:
        _write_archive(f, pickled, writer.storages)


def _write_archive(file, pickled, storages):
    """The zip archive of PyTorch's format: uncompressed records, in PyTorch's order."""
    with zipfile.ZipFile(file, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr(f"{_ARCHIVE}/data.pkl", pickled)
        archive.writestr(f"{_ARCHIVE}/.format_version", "1")
        archive.writestr(f"{_ARCHIVE}/byteorder", "little")
        for key, values in storages:
            archive.writestr(
                f"{_ARCHIVE}/data/{key}",
                values.astype(values.dtype.newbyteorder("<"), copy=False).tobytes(),
            )
        archive.writestr(f"{_ARCHIVE}/version", "3\n")


class _PickleWriter:
    """A pickle (protocol 2) of plain data and tensors, written instruction by instruction, so
    that nothing but what is listed here can ever get into a file."""

    def __init__(self):
        self.out = bytearray(b"\x80\x02")  # PROTO 2
        self.storages = []  # (key, contiguous array), in the order of their keys
        self._keys = {}  # id(tensor) -> key: a tensor saved twice keeps one copy of its values
        self._alive = []  # the tensors whose ids are keys, kept alive until the end

    def finish(self):
        return bytes(self.out + b".")  # STOP

    def write(self, obj):
        out = self.out
        if obj is None:
            out += b"N"
        elif obj is True or obj is False:
            out += b"\x88" if obj else b"\x89"
        elif isinstance(obj, Tensor):
            self._tensor(obj)
        elif isinstance(obj, (int, np.integer)) and not isinstance(obj, (bool, np.bool_)):
            self._int(int(obj))
        elif isinstance(obj, (float, np.floating)):
            out += b"G" + struct.pack(">d", float(obj))
        elif isinstance(obj, np.bool_):
            out += b"\x88" if obj else b"\x89"
        elif isinstance(obj, str):
            encoded = obj.encode("utf-8")
            out += b"X" + struct.pack("<I", len(encoded)) + encoded
        elif isinstance(obj, collections.OrderedDict):
            self._global("collections", "OrderedDict")
            out += b")R"  # OrderedDict(), then its items
            self._items(obj)
        elif isinstance(obj, dict):
            out += b"}"
            self._items(obj)
        elif isinstance(obj, list):
            out += b"]"
            if obj:
                out += b"("
                for item in obj:
                    self.write(item)
                out += b"e"  # APPENDS
        elif isinstance(obj, tuple):  # a Size too: PyTorch saves it as a plain tuple here
            self._tuple(obj)
        else:
            raise TypeError(message("save_type", type=type(obj).__name__))

    def _items(self, mapping):
        if mapping:
            self.out += b"("
            for key, value in mapping.items():
                self.write(key)
                self.write(value)
            self.out += b"u"  # SETITEMS

    def _tuple(self, items):
        if not items:
            self.out += b")"
            return
        self.out += b"("
        for item in items:
            self.write(item)
        self.out += b"t"

    def _int(self, value):
        if 0 <= value < 256:
            self.out += b"K" + bytes([value])
        elif 0 <= value < 65536:
            self.out += b"M" + struct.pack("<H", value)
        elif -(2**31) <= value < 2**31:
            self.out += b"J" + struct.pack("<i", value)
        else:  # LONG1: little-endian two's complement
            encoded = value.to_bytes((value.bit_length() + 8) // 8, "little", signed=True)
            self.out += b"\x8a" + bytes([len(encoded)]) + encoded

    def _global(self, module, name):
        self.out += f"c{module}\n{name}\n".encode("ascii")

    def _tensor(self, tensor):
        """`torch._utils._rebuild_tensor_v2(storage, 0, size, stride, requires_grad,
        OrderedDict())`, with the storage a persistent id: its values go to `data/<key>`. A
        Parameter goes inside `torch._utils._rebuild_parameter`, as PyTorch saves it."""
        data = tensor._data
        storage_name = _STORAGE_NAMES.get(data.dtype)
        if storage_name is None:
            raise TypeError(message("save_dtype", dtype=data.dtype))
        if _is_parameter(tensor):
            self._global("torch._utils", "_rebuild_parameter")
            self.out += b"("
        key = self._keys.get(id(tensor))
        if key is None:
            key = self._keys[id(tensor)] = str(len(self.storages))
            self.storages.append((key, np.ascontiguousarray(data)))
            self._alive.append(tensor)
        self._global("torch._utils", "_rebuild_tensor_v2")
        self.out += b"(("  # the arguments, starting with the storage's persistent id
        self.write("storage")
        self._global("torch", storage_name)
        self.write(key)
        self.write("cpu")
        self._int(data.size)
        self.out += b"tQ"  # TUPLE, BINPERSID
        self._int(0)
        self._tuple(data.shape)
        self._tuple(_contiguous_strides(data.shape))
        self.write(bool(tensor._requires_grad))
        self._global("collections", "OrderedDict")
        self.out += b")Rt" + b"R"  # OrderedDict() (no backward hooks), TUPLE, REDUCE
        if _is_parameter(tensor):
            self.write(bool(tensor._requires_grad))
            self._global("collections", "OrderedDict")
            self.out += b")RtR"


def _contiguous_strides(shape):
    """Strides in elements of a C-contiguous array, as PyTorch computes them (a dimension of
    size 0 counts as 1)."""
    strides, step = [], 1
    for n in reversed(shape):
        strides.append(step)
        step *= max(n, 1)
    return tuple(reversed(strides))


# ---------------------------------------------------------------- load


def load(
    f, map_location=None, pickle_module=None, *, weights_only=None, mmap=None, **pickle_load_args
):
    """Read what `save` (ours or PyTorch's, in its zip format) wrote to the path or binary file
    `f`. Only `weights_only=True` (PyTorch's default) is possible: tensors, numbers, strings,
    None, and lists, tuples and dicts of them."""
    if weights_only is False:
        raise ValueError(message("load_weights_only_false"))
    if pickle_module is not None:
        raise RuntimeError(message("load_pickle_module"))
    if map_location is not None and not _is_cpu(map_location):
        raise RuntimeError(message("load_map_location", location=map_location))
    if isinstance(f, (str, os.PathLike)):
        with open(f, "rb") as file:
            return _read_archive(io.BytesIO(file.read()), map_location)
    return _read_archive(f, map_location)


def _is_cpu(location):
    """ "cpu", a device that prints as cpu, or a dict mapping every location to one of those."""
    if isinstance(location, dict):
        return all(_is_cpu(value) for value in location.values())
    return str(location) == "cpu"


def _read_archive(file, map_location):
    if not zipfile.is_zipfile(file):
        raise pickle.UnpicklingError(message("load_not_zip"))
    with zipfile.ZipFile(file) as archive:
        names = archive.namelist()
        pickles = [n for n in names if n.endswith("/data.pkl") and n.count("/") == 1]
        if not pickles:
            raise pickle.UnpicklingError(message("load_not_zip"))
        prefix = pickles[0][: -len("data.pkl")]
        byteorder = "little"
        if prefix + "byteorder" in names:
            byteorder = archive.read(prefix + "byteorder").decode("ascii").strip()
        reader = _RestrictedUnpickler(
            io.BytesIO(archive.read(pickles[0])), archive, prefix, byteorder, map_location
        )
        return reader.load()


class _StorageType:
    """What `torch.FloatStorage` and the like stand for in a file: a dtype."""

    def __init__(self, dtype):
        self.dtype = dtype


def _rebuild_tensor_v2(
    storage, storage_offset, size, stride, requires_grad, backward_hooks, metadata=None
):
    """A tensor with `size` and `stride` (in elements) into `storage` from `storage_offset`,
    copied out; the offsets and strides are checked to stay inside the storage first."""
    size, stride = tuple(int(n) for n in size), tuple(int(s) for s in stride)
    if (
        len(size) != len(stride)
        or storage_offset < 0
        or any(s < 0 for s in stride)
        or any(n < 0 for n in size)
    ):
        raise pickle.UnpicklingError(message("load_tensor_bounds"))
    if 0 in size:
        data = np.zeros(size, storage.dtype)
    else:
        last = storage_offset + sum((n - 1) * s for n, s in zip(size, stride))
        if last >= storage.size:
            raise pickle.UnpicklingError(message("load_tensor_bounds"))
        view = np.lib.stride_tricks.as_strided(
            storage[storage_offset:],
            shape=size,
            strides=tuple(s * storage.itemsize for s in stride),
            writeable=False,
        )
        data = np.array(view, dtype=storage.dtype.newbyteorder("="))
    tensor = Tensor._make(data)
    if requires_grad:
        tensor.requires_grad_(True)
    return tensor


def _rebuild_parameter(data, requires_grad, backward_hooks, *rest):
    return _PARAMETER_TYPE[0](data, requires_grad=requires_grad)


def _allowed_globals():
    """The only Python objects a file may name (PyTorch's weights-only loader allows these and
    more, none of which a state dict needs)."""
    allowed = {
        ("torch._utils", "_rebuild_tensor_v2"): _rebuild_tensor_v2,
        ("torch._utils", "_rebuild_parameter"): _rebuild_parameter,
        ("collections", "OrderedDict"): collections.OrderedDict,
        ("torch", "Size"): Size,
    }
    for name, dtype in _DTYPE_OF_STORAGE.items():
        allowed[("torch", name)] = _StorageType(dtype)
    return allowed


_ALLOWED = _allowed_globals()


class _RestrictedUnpickler(pickle.Unpickler):
    """Python's unpickler with the one door to Python objects, `find_class`, opened only to
    `_ALLOWED`, and a tensor's values read from the archive (`persistent_load`)."""

    def __init__(self, file, archive, prefix, byteorder, map_location):
        super().__init__(file)
        self.archive, self.prefix, self.map_location = archive, prefix, map_location
        self.byteorder = "<" if byteorder == "little" else ">"
        self.storages = {}

    def find_class(self, module, name):
        found = _ALLOWED.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(message("load_global", name=f"{module}.{name}"))
        return found

    def persistent_load(self, pid):
        if not (
            isinstance(pid, tuple)
            and len(pid) == 5
            and pid[0] == "storage"
            and isinstance(pid[1], _StorageType)
        ):
            raise pickle.UnpicklingError(message("load_global", name=repr(pid)[:80]))
        _, storage_type, key, location, numel = pid
        if self.map_location is None and not str(location).startswith("cpu"):
            raise RuntimeError(message("load_device", location=location))
        storage = self.storages.get(key)
        if storage is None:
            raw = self.archive.read(f"{self.prefix}data/{key}")
            dtype = storage_type.dtype.newbyteorder(self.byteorder)
            storage = self.storages[key] = np.frombuffer(
                raw, dtype=dtype, count=len(raw) // dtype.itemsize
            )
        return storage
