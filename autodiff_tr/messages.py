"""Every message the package shows a user, in one table, so it can be translated in one place.

Where PyTorch has a message for the same mistake, ours starts with PyTorch's words (so a search for
the error finds PyTorch's answers) and then says what to do.
"""

MESSAGES = {
    "backward_non_scalar": (
        "grad can be implicitly created only for scalar outputs. `backward()` was called on a"
        " tensor of shape {shape}; reduce it to a scalar first, e.g. `y.sum().backward()`, or pass"
        " `gradient=` a tensor of shape {shape}, e.g. `y.backward(gradient=ad.ones_like(y))`."
    ),
    "gradient_shape": (
        "Mismatch in shape: grad_output[0] has a shape of {got} and output[0] has a shape of"
        " {expected}. Pass a `gradient` of the same shape as the tensor you call backward on."
    ),
    "no_grad_fn": (
        "element 0 of tensors does not require grad and does not have a grad_fn. Nothing that"
        " produced this tensor requires grad: call `x.requires_grad_()` on the inputs (leaf"
        " tensors) before computing with them, and check that this is not inside `ad.no_grad()`."
    ),
    "graph_freed": (
        "Trying to backward through the graph a second time (or directly access saved tensors after"
        " they have already been freed). Saved intermediate values of the graph are freed when you"
        " call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward"
        " through the graph a second time, or recompute the forward pass."
    ),
    "requires_grad_dtype": (
        "only Tensors of floating point dtype can require gradients; this tensor has dtype {dtype}."
        " Create it with a float dtype, e.g. `ad.arange(4.0)` or"
        " `ad.tensor(data, dtype=ad.float32)`."
    ),
    "requires_grad_non_leaf": (
        "you can only change requires_grad flags of leaf variables. To use a computed tensor as a"
        " new leaf, call `t = t.detach().requires_grad_()`."
    ),
    "inplace_leaf": (
        "a leaf Variable that requires grad is being used in an in-place operation. Do the update"
        " inside `with ad.no_grad():` (as an optimizer step does), or use the out-of-place form"
        " (`x = x + 1` instead of `x += 1`)."
    ),
    "inplace_view": (
        "an in-place operation on a view of a tensor that requires grad is not supported by"
        " autodiff_tr. Use the out-of-place form (`v = v + 1` instead of `v += 1`)."
    ),
    "modified_inplace": (
        "one of the variables needed for gradient computation has been modified by an inplace"
        " operation: the {name} that {node} saved is at version {now}; expected version {saved}"
        " instead. Compute with a copy (`x.clone()`) or do the in-place change"
        " after backward."
    ),
    "stale_view": (
        "a view of a tensor was used after that tensor was changed in place: the view's values"
        " no longer match the history autograd recorded for it. Take the view again after the"
        " in-place change (e.g. `v = x[0]` after `x[0] = ...`), or change a copy (`x.clone()`)."
    ),
    "dot_shape": (
        "inconsistent tensor size, expected tensor [{n}] and src [{m}] to have the same number of"
        " elements, but got {n} and {m} elements respectively"
    ),
    "dot_ndim": "1D tensors expected, but got {a}D and {b}D tensors. For matrices use `ad.matmul`.",
    "mm_shape": "mat1 and mat2 shapes cannot be multiplied ({a} and {b})",
    "mv_shape": "size mismatch, got input ({n}), mat ({a}), vec ({m})",
    "matmul_0d": "both arguments to matmul need to be at least 1D, but they are {a}D and {b}D",
    "broadcast": (
        "The size of tensor a ({a}) must match the size of tensor b ({b}) at non-singleton"
        " dimension {dim}. Shapes {shape_a} and {shape_b} cannot be broadcast together."
    ),
    "view_shape": "shape '{shape}' is invalid for input of size {size}",
    "item_numel": (
        "a Tensor with {n} elements cannot be converted to Scalar. Select one element first,"
        " e.g. `t[0].item()`, or reduce, e.g. `t.sum().item()`."
    ),
    "bool_numel": (
        "Boolean value of Tensor with more than one value is ambiguous. Use `.any()` or `.all()`,"
        " or reduce the tensor to one value (e.g. `t.sum() > 0`)."
    ),
    "numpy_requires_grad": (
        "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead."
    ),
    "copy_non_leaf": (
        "Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol"
        " at the moment. Copy `t.detach()` (or `t.detach().clone()`) instead."
    ),
    "len_0d": "len() of a 0-d tensor",
    "iter_0d": "iteration over a 0-d tensor",
    "invalid_data_type": "new(): invalid data type '{type}'",
    "infer_dtype": "Could not infer dtype of {type}",
    "ragged": "expected sequence of length {n} at dim {dim} (got {got})",
    "unsupported_dtype": (
        "dtype {dtype} is not supported; use one of float16, float32, float64, uint8, int8, int16,"
        " int32, int64, bool."
    ),
    "bad_argument": "{fn}(): argument '{name}' must be Tensor, not {type}",
    "grad_unused": (
        "One of the differentiated Tensors appears to not have been used in the graph. Set"
        " allow_unused=True if this is the desired behavior."
    ),
    "grad_input_no_grad": "One of the differentiated Tensors does not require grad",
    "grad_outputs_len": (
        "grad requires one grad_output per output: got {n} outputs and {m} grad_outputs"
    ),
    "nonleaf_grad_warning": (
        "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad"
        " attribute won't be populated during autograd.backward(). If you indeed want the .grad"
        " field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor."
        " If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor"
        " instead."
    ),
    "retain_grad_no_grad": "can't retain_grad on Tensor that has requires_grad=False",
    "double_backward_unsupported": (
        "create_graph=True needs the derivative of '{op}', which autodiff_tr does not provide."
        " Use create_graph=False or express the function with other operations."
    ),
    "dim_range": (
        "Dimension out of range (expected to be in range of [{low}, {high}], but got {dim})"
    ),
    "gradcheck_dtype": (
        "gradcheck needs float64 inputs that require grad: input {i} has dtype {dtype} and"
        " requires_grad={requires_grad}. Create it with `dtype=ad.float64, requires_grad=True`."
    ),
    "gradcheck_mismatch": (
        "Jacobian mismatch for output {out} with respect to input {inp}: the worst element"
        " {index} has analytical {analytical!r} and numerical {numerical!r} (difference {diff:.3g},"
        " tolerance atol={atol} + rtol={rtol}*|numerical|)."
    ),
    "size_args": "{fn}() takes sizes as separate integers or one tuple, not both (got {args!r})",
    "empty_max": (
        "{fn}(): Expected reduction dim to be specified for input.numel() == 0. Specify the"
        " reduction dim with the 'dim' argument."
    ),
    "cat_empty": "{fn}() expects a non-empty list of Tensors",
    "cat_shapes": (
        "Sizes of tensors must match except in dimension {dim}. Expected size {a} but got size {b}"
        " for tensor number {i} in the list."
    ),
    "cat_0d": (
        "zero-dimensional tensor (at position {i}) cannot be concatenated; use ad.stack for 0-d"
        " tensors"
    ),
    "stack_shapes": (
        "stack expects each tensor to be equal size, but got {first} at entry 0 and {got} at"
        " entry {i}"
    ),
    "expand_shape": (
        "The expanded size of the tensor must match the existing size at non-singleton"
        " dimensions: cannot expand shape {shape} to {target}"
    ),
    "permute_dims": "permute(): dims {dims} must be a permutation of 0..{last}",
    "dim_repeated": "dim {dim} appears multiple times in the list of dims; name each dim once",
    "empty_reduction_dim": "{fn}(): Expected reduction dim {dim} to have non-zero size.",
    "mean_dtype": (
        "mean(): could not infer output dtype. Input dtype must be either a floating point or"
        " complex dtype. Got: {dtype}. Convert first, e.g. `t.float().mean()`."
    ),
    "elementwise_extreme": (
        "{fn}(input, other) (elementwise) is not supported by autodiff_tr; use"
        " ad.where(a {compare} b, a, b)"
    ),
    "norm_p": "norm(p={p!r}) is not supported; autodiff_tr has p=2 only",
    "pow_negative_int": "Integers to negative integer powers are not allowed.",
    "clamp_no_bounds": "torch.clamp: At least one of 'min' or 'max' must not be None",
    "clamp_bound_requires_grad": (
        "clamp with a min/max tensor that requires grad is not supported by autodiff_tr; use"
        " ad.where(x < low, low, x) (and likewise for max) to get gradients for the bounds"
    ),
    "index_put_shape": (
        "shape mismatch: value tensor of shape {value} cannot be broadcast to indexing result of"
        " shape {target}"
    ),
    "index_non_integer": "only integer tensors of a single element can be converted to an index",
    "inplace_shape": (
        "output with shape {out} doesn't match the broadcast shape {result}. Use the out-of-place"
        " form (`x = x + y`), whose result may have the larger shape."
    ),
    "inplace_dtype": (
        "result type {got} can't be cast to the desired output type {want}. Convert first (e.g."
        " `x = x.float()`) or use the out-of-place form."
    ),
    "backward_inputs": "backward(inputs=...) is not supported; use ad.autograd.grad",
    "random_float_dtype": (
        "\"{kernel}\" not implemented for '{dtype}'. {fn} draws floating point values: pass a"
        " float dtype (e.g. `dtype=ad.float32`), or use `ad.randint` for integers."
    ),
    "random_readonly": (
        "{fn}() cannot write into this tensor: its memory is read-only (e.g. a broadcast view)."
        " Fill a copy instead: `t = t.clone().{fn}()`."
    ),
    "random_inplace_grad": (
        "{fn}() on a tensor that requires grad would cut its history. Fill it inside"
        " `with ad.no_grad():`, or fill `t.data`, as `nn.init` does."
    ),
    "randint_range": (
        "random_ expects 'from' to be less than 'to', but got from={low} >= to={high}. Pass"
        " low < high, e.g. `ad.randint(0, 10, (3,))`."
    ),
    "randint_size": (
        "randint() needs a size: `ad.randint(high, size)` or `ad.randint(low, high, size)`, e.g."
        " `ad.randint(0, 10, (3,))`."
    ),
    "randperm_negative": (
        "Trying to create tensor with negative dimension {n}: [{n}]. randperm(n) needs n >= 0."
    ),
    "normal_size": (
        "normal() with a number for both mean and std needs a size, e.g."
        " `ad.normal(0.0, 1.0, size=(3,))`; or pass `mean` or `std` as a tensor."
    ),
    "normal_std": (
        "normal expects std >= 0.0, but found std {std}. Pass a non-negative standard deviation."
    ),
    "normal_std_tensor": (
        "normal expects all elements of std >= 0.0. Pass a tensor of non-negative standard"
        " deviations."
    ),
    "seed_range": (
        "Overflow when unpacking long long: a seed must lie in [-2**63, 2**64), got {seed}."
    ),
    "seed_type": "manual_seed() needs an integer seed, got {type}",
    "rng_state_size": (
        "set_state() expects the {expected} bytes that get_state() returns, got {got} bytes."
    ),
    "default_dtype": (
        "only floating-point types are supported as the default type; got {dtype}. Use"
        " `ad.set_default_dtype(ad.float64)` or `ad.float32`."
    ),
    "unexpected_kwarg": "{fn}() got an unexpected keyword argument '{name}'",
    # ---------------------------------------------------------------- nn
    "module_no_forward": (
        'Module [{name}] is missing the required "forward" function. Define'
        " `def forward(self, x):` in the class (calling the module runs it)."
    ),
    "module_init_first": (
        "cannot assign {what} before Module.__init__() call. Call `super().__init__()` first"
        " in your module's `__init__`."
    ),
    "parameter_assign": (
        "cannot assign '{type}' as parameter '{name}' (nn.Parameter or None expected). Wrap the"
        " tensor, e.g. `self.{name} = nn.Parameter(t)`, or use another attribute name."
    ),
    "parameter_non_leaf": (
        "Cannot add a non-leaf Tensor as parameter '{name}'. Make it a leaf first, e.g."
        " `nn.Parameter(t.detach())`."
    ),
    "module_type": "{type} is not a Module subclass; add an nn.Module (e.g. `nn.Linear(2, 1)`).",
    "no_submodule": "{type} has no attribute `{name}`",
    "module_index": "index {idx} is out of range; this container has {n} modules.",
    "sequential_add": (
        "add operator supports only objects of Sequential class, but {type} is given."
    ),
    "train_mode": "training mode is expected to be boolean: use `train(True)` or `train(False)`.",
    "negative_slope": "negative_slope {param} not a valid number",
    "nonlinearity": (
        "Unsupported nonlinearity {name}; use 'linear', 'sigmoid', 'tanh', 'relu', 'leaky_relu'"
        " or 'selu'."
    ),
    "fan_mode": "Mode {mode} not supported, please use one of fan_in, fan_out",
    "module_assign": (
        "cannot assign '{type}' as child module '{name}' (nn.Module or None expected)"
    ),
    "buffer_assign": (
        "cannot assign '{type}' as buffer '{name}' (Tensor or None expected)"
    ),
    "state_dict_errors": "Error(s) in loading state_dict for {name}:",
    "state_dict_missing": (
        "Missing key(s) in state_dict: {keys}. Load a state_dict saved from a model of the same"
        " architecture, or pass strict=False to load only the keys that match."
    ),
    "state_dict_unexpected": (
        "Unexpected key(s) in state_dict: {keys}. Load a state_dict saved from a model of the"
        " same architecture, or pass strict=False to ignore the extra keys."
    ),
    "state_dict_shape": (
        "size mismatch for {name}: copying a param with shape {got} from checkpoint, the shape in"
        " current model is {expected}. Build the model with the sizes the state_dict was saved"
        " with."
    ),
    "state_dict_type": (
        "While copying the parameter named \"{name}\", expected a Tensor in the state_dict but got"
        " {type}."
    ),
    "softmax_implicit_dim": (
        "Implicit dimension choice for {fn} has been deprecated. Change the call to include"
        " dim=X as an argument."
    ),
    "dropout_p": "dropout probability has to be between 0 and 1, but got {p}",
    "linear_0d": (
        "both arguments to linear need to be at least 1D, but they are {a}D and {b}D. Give the"
        " layer a batch of feature vectors, e.g. `x.reshape(1, -1)` for one sample."
    ),
    "linear_shape": (
        "mat1 and mat2 shapes cannot be multiplied ({rows}x{got} and {expected}x{out}). The"
        " layer expects {expected} input features (the size of the input's last dimension) but"
        " got {got}: reshape the input, or build the layer as Linear({got}, {out})."
    ),
    "reduction": "{reduction} is not a valid value for reduction; use 'mean', 'sum' or 'none'.",
    "mse_shape": (
        "Using a target size ({target}) that is different to the input size ({input}). This will"
        " likely lead to incorrect results due to broadcasting. Please ensure they have the same"
        " size."
    ),
    "target_dtype": (
        "expected target dtype to be Long or Byte, but got {got}. Class-index targets must be"
        " integers: convert them with `target.long()`."
    ),
    "target_ndim": (
        "0D or 1D target tensor expected, multi-target not supported. For an input of shape"
        " {input} the target holds one class index per sample (shape {expected}), or class"
        " probabilities of the input's shape; got a target of shape {target}."
    ),
    "target_spatial": (
        "size mismatch (got input: {input}, target: {target}). The target must have the input's"
        " shape without its class dimension (dim 1)."
    ),
    "target_batch": (
        "Expected input batch_size ({n}) to match target batch_size ({m}). Give one target per"
        " row of the input."
    ),
    "target_range": (
        "Target {label} is out of bounds. Class indices must lie in 0..{last} for an input with"
        " {classes} classes."
    ),
    "target_probabilities": (
        "Expected floating point type for target with class probabilities, got {got}. A target of"
        " the input's shape holds probabilities; for class indices give one per sample."
    ),
    "label_smoothing": "cross_entropy(label_smoothing=...) is not supported by autodiff_tr",
    "one_hot_dtype": (
        "one_hot is only applicable to index tensor of type LongTensor. Convert with `t.long()`."
    ),
    "one_hot_negative": "Class values must be non-negative.",
    "one_hot_range": "Class values must be smaller than num_classes.",
    "one_hot_empty": (
        "Can not infer total number of classes from empty tensor. Pass num_classes=."
    ),
    "fan_dims": (
        "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions"
    ),
    # ---------------------------------------------------------------- compat
    "mxnet_grad_req": "grad_req must be 'write', 'add' or 'null', not {req!r}",
    "mxnet_not_recorded": (
        "Cannot differentiate node because it is not in a computational graph. You need to set"
        " is_recording to true or use autograd.record() to save computational graphs for"
        " backward: compute the head inside `with autograd.record():`."
    ),
    "mxnet_no_variables": (
        "There are no inputs in computational graph that require gradients. Call"
        " `x.attach_grad()` on the inputs before computing with them inside"
        " `autograd.record()`."
    ),
    "mxnet_head_grads": "backward got {n} heads but {m} head_grads; give one per head",
    "tape_used": (
        "A non-persistent GradientTape can only be used to compute one set of gradients (or"
        " jacobians). Create the tape with `tf.GradientTape(persistent=True)` to call"
        " `gradient` more than once."
    ),
    # ---------------------------------------------------------------- optim
    "optim_empty": (
        "optimizer got an empty parameter list. Pass the model's parameters, e.g."
        " `optim.SGD(net.parameters(), lr=0.1)`; a generator such as `net.parameters()` is used"
        " up after one pass, so call it again for a second optimizer."
    ),
    "optim_non_leaf": (
        "can't optimize a non-leaf Tensor. Optimize the tensors you created (leaves), e.g."
        " `w = ad.randn(2, 1, requires_grad=True)`; not a result computed from them such as"
        " `w * 0.01` (write `(ad.randn(2, 1) * 0.01).requires_grad_()` instead)."
    ),
    "optim_params_type": (
        "params argument given to the optimizer should be an iterable of Tensors or dicts, but"
        " got {type}. Wrap a single tensor in a list: `[w]`."
    ),
    "optim_param_type": "optimizer can only optimize Tensors, but one of the params is {type}",
    "optim_param_set": (
        "optimizer parameters need to be organized in ordered collections, but the ordering of"
        " tensors in sets will change between runs. Please use a list instead."
    ),
    "optim_duplicate": "some parameters appear in more than one parameter group",
    "optim_invalid": "Invalid {what}: {value}",
    "optim_nesterov": "Nesterov momentum requires a momentum and zero dampening",
    "optim_lr_required": (
        "parameter group didn't specify a value of required optimization parameter lr"
    ),
    "optim_unsupported": "{fn}({name}=True) is not supported by autodiff_tr",
    "optim_state_groups": (
        "loaded state dict has a different number of parameter groups. Load a state_dict saved"
        " from an optimizer over the same parameters."
    ),
    "optim_state_sizes": (
        "loaded state dict contains a parameter group that doesn't match the size of optimizer's"
        " group. Load a state_dict saved from an optimizer over the same parameters."
    ),
}


def message(key, **fields):
    """The user-facing text for `key`, with `fields` filled in."""
    return MESSAGES[key].format(**fields)
