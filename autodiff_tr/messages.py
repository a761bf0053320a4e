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
    "functional_not_tensor": (
        "The {what} given to {fn} must be either a Tensor or a tuple of Tensors but {where} has"
        " type {type}. Use tensors there, e.g. `ad.tensor(3.0)` instead of `3.0`."
    ),
    "functional_output_no_grad": (
        "Output {i} of the user-provided function does not require gradients. The outputs must be"
        " computed in a differentiable manner from the input when running in strict mode."
    ),
    "functional_v_none_output": (
        "The vector v can only be None if the user-provided function returns a single Tensor with"
        " a single element. Pass `v`, one tensor of each output's shape."
    ),
    "functional_v_none_input": (
        "The vector v can only be None if the input to the user-provided function is a single"
        " Tensor with a single element. Pass `v`, one tensor of each input's shape."
    ),
    "functional_v_length": "v is a tuple of invalid length: should be {want} but got {got}.",
    "functional_v_single": (
        "The given v should contain a single Tensor, as the function has one {of}."
    ),
    "functional_v_size": "{entry}v has invalid size: should be {want} but got {got}.",
    "functional_independent": (
        "The output of the user-provided function is independent of input {i}. This is not"
        " allowed in strict mode."
    ),
    "functional_output_independent": (
        "Output {i} of the user-provided function is independent of input {j}. This is not allowed"
        " in strict mode."
    ),
    "functional_independent_trick": (
        "The gradient with respect to the input is independent of entry {i} in the grad_outputs"
        " when using the double backward trick to compute forward mode gradients. This is not"
        " allowed in strict mode."
    ),
    "functional_grad_input_constant": (
        "The gradient with respect to input {i} is independent of the inputs of the user-provided"
        " function. This is not allowed in strict mode."
    ),
    "functional_jacobian_independent": (
        "The jacobian of the user-provided function is independent of input {i}. This is not"
        " allowed in strict mode."
    ),
    "functional_hessian_independent": (
        "The hessian of the user-provided function is independent of entry {i} in the"
        " grad_jacobian. This is not allowed in strict mode as it prevents from using the double"
        " backward trick to replace forward mode AD."
    ),
    "functional_jacobian_constant": (
        "The jacobian of the user-provided function is independent of input {i}. This is not"
        " allowed in strict mode when create_graph=True."
    ),
    "functional_hessian_constant": (
        "The hessian of the user-provided function is independent of input {i}. This is not"
        " allowed in strict mode when create_graph=True."
    ),
    "functional_jacobian_of_linear": (
        "While computing the hessian, found that the jacobian of the user-provided function with"
        " respect to input {i} is independent of the input. This is not allowed in strict mode."
        " You should ensure that your function is twice differentiable and that the jacobian"
        " depends on the inputs (this would be violated by a linear function for example)."
    ),
    "functional_strategy": (
        'Expected strategy to be either "forward-mode" or "reverse-mode". Hint: If your function'
        ' has more outputs than inputs, "forward-mode" tends to be more performant. Otherwise,'
        ' prefer to use "reverse-mode".'
    ),
    "functional_strategy_short": 'Expected strategy to be either "forward-mode" or "reverse-mode".',
    "functional_forward_mode": (
        "Computing Jacobian using forward-AD or forward-over-reverse Hessian is only implemented"
        " for `vectorize=True`. Pass `vectorize=True`, or use the default"
        ' `strategy="reverse-mode"`.'
    ),
    "functional_forward_mode_graph": (
        'torch.autograd.functional.jacobian: `create_graph=True` and `strategy="forward-mode"` are'
        " not supported together (yet). Please either set `create_graph=False` or"
        ' `strategy="reverse-mode"`.'
    ),
    "functional_strict_vectorize": (
        "torch.autograd.functional.jacobian: `strict=True` and `vectorized=True` are not supported"
        " together. Please either set `strict=False` or `vectorize=False`."
    ),
    "functional_single_tensor": (
        "The function given to {fn} should return a single Tensor; it returned a tuple. Return"
        " one scalar tensor, e.g. `loss` rather than `(loss,)`."
    ),
    "functional_single_element": (
        "The Tensor returned by the function given to {fn} should contain a single element."
        " Reduce it to a scalar first, e.g. with `.sum()`."
    ),
    "unexpected_kwarg": "{fn}() got an unexpected keyword argument '{name}'",
}


def message(key, **fields):
    """The user-facing text for `key`, with `fields` filled in."""
    return MESSAGES[key].format(**fields)
