"""device.py: PyTorch's devices with the CPU the only one that computes. The expected reprs,
exception types and first words are PyTorch 2.13's on a machine without a GPU (tried there)."""

import pytest

import autodiff_tr as ad


def test_device_objects_print_and_compare_as_in_pytorch():
    cpu = ad.device("cpu")
    assert (repr(cpu), str(cpu), cpu.type, cpu.index) == ("device(type='cpu')", "cpu", "cpu", None)
    indexed = ad.device("cpu:0")
    assert (repr(indexed), str(indexed), indexed.index) == (
        "device(type='cpu', index=0)", "cpu:0", 0)
    assert ad.device("cpu", 0) == indexed and ad.device("cpu") != indexed
    assert cpu != "cpu"  # PyTorch compares a device with a string as unequal too
    assert hash(ad.device("cpu")) == hash(cpu) and ad.device(cpu) == cpu
    assert repr(ad.device("cuda", 1)) == "device(type='cuda', index=1)"  # naming one is fine


@pytest.mark.parametrize("spec, error, words", [
    ("foo", RuntimeError, "Expected one of cpu, cuda, ipu, xpu"),
    ("CPU", RuntimeError, "Expected one of cpu"),
    ("cpu:x", RuntimeError, "Invalid device string: 'cpu:x'"),
    ("cuda:-1", RuntimeError, "Invalid device string"),
    ("cpu:0:1", RuntimeError, "Invalid device string"),
    ("", RuntimeError, "Device string must not be empty"),
    (3, RuntimeError, "Cannot access accelerator device when none is available"),
    (None, TypeError, "device() received an invalid combination"),
])
def test_bad_device_specs_raise_as_in_pytorch(spec, error, words):
    with pytest.raises(error) as info:
        ad.device(spec)
    assert str(info.value).startswith(words)


def test_no_gpu_is_available():
    assert ad.cuda.is_available() is False and ad.cuda.device_count() == 0
    assert ad.accelerator.is_available() is False
    assert ad.accelerator.current_accelerator() is None
    assert ad.backends.mps.is_available() is False
    ad.cuda.manual_seed_all(0)  # accepted and ignored, as PyTorch does without a GPU
    device = "cuda" if ad.cuda.is_available() else "cpu"
    assert ad.zeros(2, device=device).device == ad.device("cpu")


FACTORIES = [
    lambda d: ad.zeros(2, 3, device=d), lambda d: ad.ones(2, device=d),
    lambda d: ad.full((2,), 1.5, device=d), lambda d: ad.eye(2, device=d),
    lambda d: ad.empty(2, 3, device=d), lambda d: ad.arange(3, device=d),
    lambda d: ad.linspace(0, 1, 5, device=d), lambda d: ad.tensor([1.0], device=d),
    lambda d: ad.as_tensor([1.0], device=d),
    lambda d: ad.rand(2, device=d), lambda d: ad.randn(2, device=d),
    lambda d: ad.randint(0, 5, (2,), device=d), lambda d: ad.randperm(4, device=d),
    lambda d: ad.normal(0.0, 1.0, (2,), device=d),
    lambda d: ad.zeros_like(ad.ones(2), device=d), lambda d: ad.ones_like(ad.ones(2), device=d),
    lambda d: ad.full_like(ad.ones(2), 3.0, device=d),
    lambda d: ad.empty_like(ad.ones(2), device=d),
    lambda d: ad.rand_like(ad.ones(2), device=d), lambda d: ad.randn_like(ad.ones(2), device=d),
    lambda d: ad.randint_like(ad.ones(2), 5, device=d),
    lambda d: ad.ones(2).new_zeros(3, device=d), lambda d: ad.ones(2).new_ones(3, device=d),
    lambda d: ad.ones(2).new_empty(3, device=d), lambda d: ad.ones(2).new_full((3,), 2.0, device=d),
    lambda d: ad.ones(2).new_tensor([1.0], device=d),
]


@pytest.mark.parametrize("factory", FACTORIES)
def test_every_factory_takes_the_cpu(factory):
    for device in ("cpu", "cpu:0", ad.device("cpu"), None):
        assert factory(device).device == ad.device("cpu")


COPIES_DATA = {7, 8, 25}  # tensor, as_tensor, new_tensor: PyTorch copies to the device (`.to`)


@pytest.mark.parametrize("position", range(len(FACTORIES)))
@pytest.mark.parametrize("device, error", [
    ("cuda", AssertionError), ("cuda:0", AssertionError), ("xpu", AssertionError),
    ("mps", NotImplementedError), (ad.device("cuda", 0), AssertionError),
])
def test_every_factory_refuses_a_gpu_as_pytorch_without_one(position, device, error):
    if error is NotImplementedError and position in COPIES_DATA:
        error = RuntimeError
    with pytest.raises(error) as info:
        FACTORIES[position](device)
    assert "CPU only" in str(info.value)
    assert "unchanged" in str(info.value)


def test_tensor_device_to_and_cpu():
    t = ad.ones(2)
    assert t.device == ad.device("cpu") and str(t.device) == "cpu"
    assert (t.is_cuda, t.is_cpu) == (False, True)
    assert t.cpu() is t and t.to("cpu") is t and t.to(ad.float32) is t
    assert t.to(ad.device("cpu")) is t and t.to(device="cpu") is t
    assert t.to("cpu", ad.float64).dtype == ad.float64
    assert t.to(device="cpu", dtype=ad.float64).dtype == ad.float64
    assert t.to(ad.ones(1, dtype=ad.int64)).dtype == ad.int64
    copied = t.to(ad.float32, copy=True)
    assert copied is not t and copied.tolist() == t.tolist()
    assert t.to("cpu", ad.float32, False, True) is not t  # non_blocking, copy positionally


def test_to_keeps_the_graph():
    x = ad.tensor([1.0, 2.0], requires_grad=True)
    (x.to("cpu", ad.float64) * 3).sum().backward()
    assert x.grad.tolist() == [3.0, 3.0]


@pytest.mark.parametrize("call, error, words", [
    (lambda t: t.to("cuda"), AssertionError, "Torch not compiled with CUDA enabled"),
    (lambda t: t.to("cuda:0"), AssertionError, "Torch not compiled with CUDA enabled"),
    (lambda t: t.to("mps"), RuntimeError, "PyTorch is not linked with support for mps devices"),
    (lambda t: t.cuda(), AssertionError, "Torch not compiled with CUDA enabled"),
    (lambda t: t.to("cpu", "cpu"), TypeError, "to() received an invalid combination"),
    (lambda t: t.to(5), RuntimeError, "Cannot access accelerator device"),
    (lambda t: t.to("gpu"), RuntimeError, "Expected one of cpu"),
])
def test_to_refuses_what_pytorch_refuses(call, error, words):
    with pytest.raises(error) as info:
        call(ad.ones(2))
    assert str(info.value).startswith(words)


def test_module_to_and_cpu():
    net = ad.nn.Linear(2, 2)
    assert net.to("cpu") is net and net.cpu() is net and net.to(ad.device("cpu")) is net
    assert net.to(ad.float64).weight.dtype == ad.float64
    assert net.to("cpu", ad.float32).weight.dtype == ad.float32
    assert net.to(ad.ones(1, dtype=ad.float64)).bias.dtype == ad.float64
    with pytest.raises(AssertionError, match="Torch not compiled with CUDA enabled"):
        net.to("cuda")
    with pytest.raises(AssertionError, match="Torch not compiled with CUDA enabled"):
        net.cuda()


def test_default_device():
    assert ad.get_default_device() == ad.device("cpu")
    ad.set_default_device("cpu")
    try:
        assert ad.zeros(1).device == ad.device("cpu")
        with pytest.raises(AssertionError, match="Torch not compiled with CUDA enabled"):
            ad.set_default_device("cuda")
    finally:
        ad.set_default_device(None)
    assert ad.get_default_device() == ad.device("cpu")


def test_generator_takes_a_device_as_pytorchs():
    assert ad.Generator("cpu").device == ad.device("cpu")
    assert ad.Generator(device="cpu").initial_seed() == 67280421310721  # PyTorch's default
    with pytest.raises(RuntimeError, match="cuda"):  # PyTorch: RuntimeError, "Cannot get CUDA
        ad.Generator("cuda")                          # generator without ATen_cuda library"
    with pytest.raises(RuntimeError, match="Cannot access accelerator device"):
        ad.Generator(5)  # a number is a device index, not a seed


def test_device_as_a_context_manager():
    with ad.device("cpu"):
        assert ad.zeros(1).device == ad.device("cpu")
    with pytest.raises(AssertionError, match="Torch not compiled with CUDA enabled"):
        with ad.device("cuda"):
            pass
    with pytest.raises(NotImplementedError, match="mps"):
        with ad.device("mps"):
            pass


def test_device_message_is_translated():
    ad.set_language("tr")
    try:
        with pytest.raises(AssertionError) as info:
            ad.zeros(2, device="cuda")
    finally:
        ad.set_language(None)
    first, english = str(info.value).split("\n")
    assert english.startswith("Torch not compiled with CUDA enabled")
    assert first != english and "CUDA" in first
