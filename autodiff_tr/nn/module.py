"""`Module`: the base class of layers and models, PyTorch's way.

A module keeps what is assigned to it by kind: a `Parameter` goes to `_parameters`, a `Module` to
`_modules`, a buffer (`register_buffer`) to `_buffers`; everything else is an ordinary attribute.
`parameters()`, `state_dict()`, `zero_grad()` and the repr walk those three dicts, so a model
written as plain attribute assignments in `__init__` needs no other bookkeeping.
"""

from collections import OrderedDict, namedtuple
from collections.abc import Mapping

from .. import autograd
from ..engine.tensor import Tensor
from ..messages import message
from .parameter import Parameter, UninitializedParameter


class _IncompatibleKeys(namedtuple("IncompatibleKeys", ["missing_keys", "unexpected_keys"])):
    """What `load_state_dict(strict=False)` returns: the keys it did not match."""

    __slots__ = ()

    def __repr__(self):
        if not self.missing_keys and not self.unexpected_keys:
            return "<All keys matched successfully>"
        return (f"_IncompatibleKeys(missing_keys={self.missing_keys!r}, "
                f"unexpected_keys={self.unexpected_keys!r})")

    __str__ = __repr__


def _indent(text, spaces):
    """Indent every line but the first (how PyTorch nests a child's repr)."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    return lines[0] + "\n" + "\n".join(" " * spaces + line for line in lines[1:])


class Module:
    """Base class for all neural network modules: subclass it, assign layers and parameters in
    `__init__` (after `super().__init__()`), and compute in `forward`; call the module itself."""

    training: bool

    def __init__(self):
        object.__setattr__(self, "training", True)
        object.__setattr__(self, "_parameters", OrderedDict())
        object.__setattr__(self, "_buffers", OrderedDict())
        object.__setattr__(self, "_non_persistent_buffers_set", set())
        object.__setattr__(self, "_modules", OrderedDict())

    def forward(self, *args, **kwargs):
        raise NotImplementedError(message("module_no_forward", name=type(self).__name__))

    def __call__(self, *args, **kwargs):
        __tracebackhide__ = True  # a traceback shows the caller's line and the forward's
        return self.forward(*args, **kwargs)

    # ------------------------------------------------------------ registration
    def __setattr__(self, name, value):
        params = self.__dict__.get("_parameters")
        if isinstance(value, Parameter):
            if params is None:
                raise AttributeError(message("module_init_first_parameters"))
            self._discard(name, keep="_parameters")
            self.register_parameter(name, value)
        elif params is not None and name in params:
            if value is not None:
                raise TypeError(message("parameter_assign", name=name,
                                        type=type(value).__name__))
            self.register_parameter(name, None)
        elif isinstance(value, Module):
            if params is None:
                raise AttributeError(message("module_init_first_module"))
            self._discard(name, keep="_modules")
            self._modules[name] = value
        elif params is not None and name in self._modules:
            if value is not None:
                raise TypeError(message("module_assign", name=name, type=type(value).__name__))
            self._modules[name] = None
        elif params is not None and name in self._buffers:
            if value is not None and not isinstance(value, Tensor):
                raise TypeError(message("buffer_assign", name=name, type=type(value).__name__))
            self._buffers[name] = value
        else:
            object.__setattr__(self, name, value)

    def _discard(self, name, keep=None):
        """Forget `name` wherever it was, before it is registered again as something else (a
        replacement of the same kind keeps its place: `net[1] = nn.Tanh()`)."""
        self.__dict__.pop(name, None)
        for registry in ("_parameters", "_buffers", "_modules"):
            if registry != keep:
                getattr(self, registry).pop(name, None)
        self._non_persistent_buffers_set.discard(name)

    def __getattr__(self, name):  # called only when normal lookup fails
        for registry in ("_parameters", "_buffers", "_modules"):
            found = self.__dict__.get(registry)
            if found is not None and name in found:
                return found[name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __delattr__(self, name):
        for registry in (self._parameters, self._buffers, self._modules):
            if name in registry:
                del registry[name]
                self._non_persistent_buffers_set.discard(name)
                return
        object.__delattr__(self, name)

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self._parameters) | set(self._buffers)
                      | set(self._modules))

    def register_parameter(self, name, param):
        if "_parameters" not in self.__dict__:
            raise AttributeError(message("module_init_first_parameters"))
        if param is not None and not isinstance(param, Parameter):
            raise TypeError(message("parameter_assign", name=name, type=type(param).__name__))
        if param is not None and param.grad_fn is not None:
            raise ValueError(message("parameter_non_leaf", name=name))
        self._parameters[name] = param

    def register_buffer(self, name, tensor, persistent=True):
        """A tensor the module keeps (and saves in `state_dict`) that is not a parameter."""
        if "_buffers" not in self.__dict__:
            raise AttributeError(message("module_init_first_buffer"))
        if tensor is not None and not isinstance(tensor, Tensor):
            raise TypeError(message("buffer_assign", name=name, type=type(tensor).__name__))
        self._discard(name, keep="_buffers")
        self._buffers[name] = tensor
        if not persistent:
            self._non_persistent_buffers_set.add(name)

    def add_module(self, name, module):
        if module is not None and not isinstance(module, Module):
            raise TypeError(message("module_type", type=type(module).__name__))
        self._discard(name, keep="_modules")
        self._modules[name] = module

    register_module = add_module

    def get_submodule(self, target):
        module = self
        for name in target.split(".") if target else ():
            if name not in module._modules:
                raise AttributeError(message("no_submodule", type=type(module).__name__,
                                                     name=name))
            module = module._modules[name]
        return module

    # ------------------------------------------------------------ walking the tree
    def named_modules(self, memo=None, prefix="", remove_duplicate=True):
        if memo is None:
            memo = set()
        if self in memo:
            return
        if remove_duplicate:
            memo.add(self)
        yield prefix, self
        for name, module in self._modules.items():
            if module is None:
                continue
            yield from module.named_modules(memo, prefix + ("." if prefix else "") + name,
                                            remove_duplicate)

    def modules(self):
        for _, module in self.named_modules():
            yield module

    def named_children(self):
        seen = set()
        for name, module in self._modules.items():
            if module is not None and module not in seen:
                seen.add(module)
                yield name, module

    def children(self):
        for _, module in self.named_children():
            yield module

    def _named_members(self, registry, prefix, recurse, remove_duplicate=True):
        modules = self.named_modules(prefix=prefix) if recurse else [(prefix, self)]
        seen = set()
        for module_prefix, module in modules:
            for name, value in getattr(module, registry).items():
                if value is None or (remove_duplicate and id(value) in seen):
                    continue
                seen.add(id(value))
                yield module_prefix + ("." if module_prefix else "") + name, value

    def named_parameters(self, prefix="", recurse=True, remove_duplicate=True):
        yield from self._named_members("_parameters", prefix, recurse, remove_duplicate)

    def parameters(self, recurse=True):
        for _, param in self.named_parameters(recurse=recurse):
            yield param

    def named_buffers(self, prefix="", recurse=True, remove_duplicate=True):
        yield from self._named_members("_buffers", prefix, recurse, remove_duplicate)

    def buffers(self, recurse=True):
        for _, buffer in self.named_buffers(recurse=recurse):
            yield buffer

    def apply(self, fn):
        """Call `fn` on every submodule (children first) and on self, e.g. to initialise."""
        for module in self.children():
            module.apply(fn)
        fn(self)
        return self

    # ------------------------------------------------------------ modes and gradients
    def train(self, mode=True):
        if not isinstance(mode, bool):
            raise ValueError(message("train_mode"))
        self.training = mode
        for module in self.children():
            module.train(mode)
        return self

    def eval(self):
        return self.train(False)

    def requires_grad_(self, requires_grad=True):
        for param in self.parameters():
            param.requires_grad_(requires_grad)
        return self

    def zero_grad(self, set_to_none=True):
        for param in self.parameters():
            if param.grad is None:
                continue
            if set_to_none:
                param.grad = None
            else:
                param.grad.detach_()
                param.grad.zero_()

    # ------------------------------------------------------------ dtype
    def _apply_to_tensors(self, convert):
        with autograd.no_grad():
            for module in self.modules():
                for param in module._parameters.values():
                    if param is not None:
                        param.data = convert(param.data)
                        if param.grad is not None:
                            param.grad = convert(param.grad)
                for name, buffer in module._buffers.items():
                    if buffer is not None:
                        module._buffers[name] = convert(buffer)
        return self

    def to(self, *args, **kwargs):
        """Convert the floating-point parameters and buffers to a dtype (`net.to(ad.float64)`,
        `net.to(other_tensor)`).

        The CPU as a device (`net.to("cpu")`, `net.to(device=...)`) changes nothing: this
        package computes on the CPU only; another device raises as `Tensor.to` does."""
        from ..tensor_api.device import parse_to

        wanted, _ = parse_to(args, kwargs)
        if wanted is None:
            return self
        return self._apply_to_tensors(
            lambda t: t.to(wanted) if t.is_floating_point() else t)

    def cpu(self):
        return self

    def cuda(self, device=None):  # noqa: A002 - PyTorch's parameter name
        from ..tensor_api.ops import tensor_cuda

        return tensor_cuda(self)

    def double(self):
        return self._apply_to_tensors(lambda t: t.double() if t.is_floating_point() else t)

    def float(self):
        return self._apply_to_tensors(lambda t: t.float() if t.is_floating_point() else t)

    # ------------------------------------------------------------ saving and loading
    def state_dict(self, *, destination=None, prefix="", keep_vars=False):
        """Every parameter and persistent buffer by dotted name, detached unless `keep_vars`."""
        if destination is None:
            destination = OrderedDict()
        for name, param in self._parameters.items():
            if param is not None:
                destination[prefix + name] = param if keep_vars else param.detach()
        for name, buffer in self._buffers.items():
            if buffer is not None and name not in self._non_persistent_buffers_set:
                destination[prefix + name] = buffer if keep_vars else buffer.detach()
        for name, module in self._modules.items():
            if module is not None:
                module.state_dict(destination=destination, prefix=prefix + name + ".",
                                  keep_vars=keep_vars)
        return destination

    def load_state_dict(self, state_dict, strict=True, assign=False):
        """Copy the values of `state_dict` into this module's parameters and buffers.

        With `strict=True` (the default) its keys must be exactly those of `self.state_dict()`.
        """
        if not isinstance(state_dict, Mapping):
            raise TypeError(message("state_dict_not_dict", type=type(state_dict)))
        own = self.state_dict(keep_vars=True)
        for key, target in own.items():  # a lazy layer takes its shapes from what it loads
            value = state_dict.get(key)
            if isinstance(target, UninitializedParameter) and isinstance(value, Tensor):
                target.materialize(tuple(value.shape))
        missing = [key for key in own if key not in state_dict]
        unexpected = [key for key in state_dict if key not in own]
        errors = []
        if strict:
            if unexpected:
                errors.append(message("state_dict_unexpected",
                                      keys=", ".join(f'"{k}"' for k in unexpected)))
            if missing:
                errors.insert(0, message("state_dict_missing",
                                         keys=", ".join(f'"{k}"' for k in missing)))
        for key, target in own.items():
            if key not in state_dict:
                continue
            value = state_dict[key]
            if not isinstance(value, Tensor):
                errors.append(message("state_dict_type", name=key, type=type(value).__name__))
            elif tuple(value.shape) != tuple(target.shape):
                errors.append(message("state_dict_shape", name=key, got=value.shape,
                                      expected=target.shape))
        if errors:
            raise RuntimeError(message("state_dict_errors", name=type(self).__name__)
                               + "".join("\n\t" + e for e in errors))
        with autograd.no_grad():
            for key, target in own.items():
                if key in state_dict:
                    target.copy_(state_dict[key])
        return _IncompatibleKeys(missing, unexpected)

    # ------------------------------------------------------------ printing
    def extra_repr(self):
        """The text inside the parentheses of this module's repr; subclasses override it."""
        return ""

    def _get_name(self):
        return type(self).__name__

    def __repr__(self):  # PyTorch's layout: one line for a leaf, an indented block otherwise
        extra = self.extra_repr()
        extra_lines = extra.split("\n") if extra else []
        child_lines = [f"({name}): " + _indent(repr(module), 2)
                       for name, module in self._modules.items()]
        if len(extra_lines) == 1 and not child_lines:
            return f"{self._get_name()}({extra_lines[0]})"
        if not extra_lines and not child_lines:
            return f"{self._get_name()}()"
        return self._get_name() + "(\n  " + "\n  ".join(extra_lines + child_lines) + "\n)"
