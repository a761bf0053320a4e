"""`Optimizer`: parameter groups, per-parameter state and `zero_grad`, shared by SGD and Adam."""

import warnings
from collections import defaultdict

from ..autograd import enable_grad
from ..engine.dtypes import torch_type_name
from ..engine.tensor import Tensor
from ..messages import message


class _RequiredParameter:
    """The default of an argument that must be given (SGD's `lr` before PyTorch 2.2)."""

    def __repr__(self):
        return "<required parameter>"


required = _RequiredParameter()


class Optimizer:
    """Holds `param_groups` (lists of parameters with their own hyperparameters) and `state`
    (what each parameter's update remembers between steps, e.g. a momentum buffer)."""

    def __init__(self, params, defaults):
        self.defaults = defaults
        self.state = defaultdict(dict)
        self.param_groups = []
        if isinstance(params, Tensor):
            raise TypeError(message("optim_params_type", type=_type_name(params)))
        if isinstance(params, set):
            raise TypeError(message("optim_param_set"))
        param_groups = list(params)
        if not param_groups:
            raise ValueError(message("optim_empty"))
        if not isinstance(param_groups[0], dict):
            param_groups = [{"params": param_groups}]
        for group in param_groups:
            self.add_param_group(group)

    def add_param_group(self, param_group):
        """Add a group of parameters, with hyperparameters that override the defaults."""
        if not isinstance(param_group, dict):
            raise TypeError(message("optim_group_type", type=type(param_group)))
        group = dict(param_group)
        params = group["params"]
        if isinstance(params, Tensor):
            params = [params]
        elif isinstance(params, set):
            raise TypeError(message("optim_param_set"))
        else:
            params = list(params)
        for param in params:
            if not isinstance(param, Tensor):
                raise TypeError(message("optim_param_type", type=_type_name(param)))
            if not (param.is_leaf or param.retains_grad):
                raise ValueError(message("optim_non_leaf"))
        group["params"] = params
        for name, default in self.defaults.items():
            if default is required and name not in group:
                raise ValueError(message("optim_lr_required"))
            group.setdefault(name, default)
        if len({id(p) for p in params}) != len(params):
            warnings.warn(message("optim_group_duplicates"), UserWarning, stacklevel=3)
        seen = {id(p) for g in self.param_groups for p in g["params"]}
        if any(id(p) in seen for p in params):
            raise ValueError(message("optim_duplicate"))
        self.param_groups.append(group)

    def zero_grad(self, set_to_none=True):
        """Clear every parameter's `.grad` (to None by default, as PyTorch does)."""
        for group in self.param_groups:
            for param in group["params"]:
                if param.grad is None:
                    continue
                if set_to_none:
                    param.grad = None
                else:
                    if param.grad.grad_fn is not None:
                        param.grad.detach_()
                    else:
                        param.grad.requires_grad_(False)
                    param.grad.zero_()

    def step(self, closure=None):
        raise NotImplementedError

    def _closure_loss(self, closure):
        if closure is None:
            return None
        with enable_grad():
            return closure()

    # ------------------------------------------------------------ saving and loading
    def state_dict(self):
        """`state` and `param_groups` with each parameter replaced by its position, as PyTorch
        saves them."""
        index = {}
        groups = []
        for group in self.param_groups:
            packed = {k: v for k, v in group.items() if k != "params"}
            packed["params"] = []
            for param in group["params"]:
                index.setdefault(id(param), len(index))
                packed["params"].append(index[id(param)])
            groups.append(packed)
        state = {index[id(p)]: value for p, value in self.state.items() if id(p) in index}
        return {"state": state, "param_groups": groups}

    def load_state_dict(self, state_dict):
        groups = state_dict["param_groups"]
        if len(groups) != len(self.param_groups):
            raise ValueError(message("optim_state_groups"))
        if any(len(a["params"]) != len(b["params"]) for a, b in zip(groups, self.param_groups)):
            raise ValueError(message("optim_state_sizes"))
        by_index = {}
        for saved, group in zip(groups, self.param_groups):
            by_index.update(zip(saved["params"], group["params"]))
            group.update({k: v for k, v in saved.items() if k != "params"})
        self.state = defaultdict(dict)
        for i, value in state_dict["state"].items():
            if i in by_index:
                self.state[by_index[i]] = {
                    k: v.clone() if isinstance(v, Tensor) else v for k, v in value.items()
                }

    def __repr__(self):
        text = type(self).__name__ + " ("
        for i, group in enumerate(self.param_groups):
            text += f"\nParameter Group {i}\n"
            for key in sorted(group):
                if key != "params":
                    text += f"    {key}: {group[key]}\n"
        return text + ")"


def _type_name(value):
    if isinstance(value, Tensor):
        name = value.dtype.name
        return f"{torch_type_name(name)}Tensor" if name in ("float32", "float64") else "Tensor"
    return type(value).__name__
