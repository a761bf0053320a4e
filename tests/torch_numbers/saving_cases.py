"""The objects record_saving.py saves with torch.save and ad.save, built with either library
(bound to `lib`); tests/test_serialization.py builds them with autodiff_tr."""

import collections


def objects(lib):
    """The same objects for torch and autodiff_tr: a state dict of every dtype, a tensor that
    requires grad, a Parameter, nested containers with numbers, strings, None and bools."""
    model = collections.OrderedDict(
        [
            ("0.weight", lib.arange(6.0).reshape(2, 3) / 4),
            ("0.bias", lib.tensor([0.5, -1.5])),
            ("scale", lib.tensor(2.5, dtype=lib.float64)),
            ("counts", lib.tensor([[1, -2], [3, 2**40]], dtype=lib.int64)),
            ("mask", lib.tensor([True, False, True])),
            ("small", lib.tensor([[-3, 4]], dtype=lib.int8)),
            ("bytes", lib.tensor([0, 255, 7], dtype=lib.uint8)),
            ("half", lib.tensor([0.1, -2.0], dtype=lib.float16)),
            ("int32", lib.tensor([7, -8], dtype=lib.int32)),
            ("int16", lib.tensor([300], dtype=lib.int16)),
            ("empty", lib.zeros(0, 3)),
        ]
    )
    leaf = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
    return {
        "state_dict": model,
        "nested": {
            "epoch": 12,
            "loss": 0.125,
            "name": "mlp",
            "note": None,
            "done": False,
            "big": -(2**40),
            "steps": [1, 200, 70000],
            "pair": (leaf, "x"),
            "param": lib.nn.Parameter(lib.tensor([[0.25, -0.5]])),
        },
        "tensor": lib.linspace(-1.0, 1.0, 5, dtype=lib.float64),
    }
