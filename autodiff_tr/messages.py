"""Every error and warning text the package shows a user, in one table of English templates.

Where PyTorch has a message for the same mistake, ours starts with PyTorch's words (so a search for
the error finds PyTorch's answers) and then says what to do. Each template is marked with ``N_``
so that ``pybabel extract`` puts it into the catalogs (``autodiff_tr/locale``); :func:`message`
shows it in the reader's language (:mod:`autodiff_tr.i18n`) with the English text on the line
after it. A new message: add it here wrapped in ``N_(...)``, then extract, update and translate
(``autodiff_tr/locale/README.md``). Placeholders ``{name}`` stay as they are in a translation.
"""

from .i18n import N_, SOURCE_LANGUAGE, language, translation

MESSAGES = {
    "backward_non_scalar": N_(
        "grad can be implicitly created only for scalar outputs. `backward()` was called on a"
        " tensor of shape {shape}; reduce it to a scalar first, e.g. call `.sum().backward()` on"
        " it, or pass `gradient=` a tensor of shape {shape}, e.g."
        " `.backward(gradient=ad.ones({shape}))`."
    ),
    "gradient_shape": N_(
        "Mismatch in shape: grad_output[0] has a shape of {got} and output[0] has a shape of"
        " {expected}. Pass a `gradient` of the same shape as the tensor you call backward on."
    ),
    "no_grad_fn": N_(
        "element 0 of tensors does not require grad and does not have a grad_fn. Nothing that"
        " produced this tensor requires grad: call `x.requires_grad_()` on the inputs (leaf"
        " tensors) before computing with them, and check that this is not inside `ad.no_grad()`."
    ),
    "graph_freed": N_(
        "Trying to backward through the graph a second time (or directly access saved tensors after"
        " they have already been freed). Saved intermediate values of the graph are freed when you"
        " call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward"
        " through the graph a second time, or recompute the forward pass."
    ),
    "requires_grad_dtype": N_(
        "only Tensors of floating point dtype can require gradients; this tensor has dtype {dtype}."
        " Create it with a float dtype, e.g. `ad.arange(4.0)` or"
        " `ad.tensor(data, dtype=ad.float32)`."
    ),
    "requires_grad_non_leaf": N_(
        "you can only change requires_grad flags of leaf variables. To use a computed tensor as a"
        " new leaf, call `t = t.detach().requires_grad_()`."
    ),
    "inplace_leaf": N_(
        "a leaf Variable that requires grad is being used in an in-place operation. Do the update"
        " inside `with ad.no_grad():` (as an optimizer step does), or use the out-of-place form"
        " (`x = x + 1` instead of `x += 1`)."
    ),
    "inplace_leaf_op": N_(
        "a leaf Variable that requires grad is being used in an in-place operation. Do the update"
        " inside `with ad.no_grad():` (as an optimizer step does), or use the out-of-place form"
        " (`{out_of_place}` instead of `{in_place}`)."
    ),
    "inplace_view": N_(
        "an in-place operation on a view of a tensor that requires grad is not supported by"
        " autodiff_tr. Use the out-of-place form (`v = v + 1` instead of `v += 1`)."
    ),
    "modified_inplace": N_(
        "one of the variables needed for gradient computation has been modified by an inplace"
        " operation: the input `{name}` that {node} saved is at version {now}; expected version"
        " {saved} instead. Compute with a copy (`x.clone()`) or do the in-place change"
        " after backward."
    ),
    "modified_inplace_result": N_(
        "one of the variables needed for gradient computation has been modified by an inplace"
        " operation: the result of {node}, which it saved, is at version {now}; expected version"
        " {saved} instead. Compute with a copy (`x.clone()`) or do the in-place change"
        " after backward."
    ),
    "stale_view": N_(
        "a view of a tensor was used after that tensor was changed in place: the view's values"
        " no longer match the history autograd recorded for it. Take the view again after the"
        " in-place change (e.g. `v = x[0]` after `x[0] = ...`), or change a copy (`x.clone()`)."
    ),
    "dot_shape": N_(
        "inconsistent tensor size, expected tensor [{n}] and src [{m}] to have the same number of"
        " elements, but got {n} and {m} elements respectively"
    ),
    "dot_ndim": N_(
        "1D tensors expected, but got {a}D and {b}D tensors. For matrices use `ad.matmul`."
    ),
    "mm_shape": N_(
        "mat1 and mat2 shapes cannot be multiplied ({a} and {b}). In `A @ B` the number of"
        " columns of A ({cols}) must equal the number of rows of B ({rows}): check the shapes"
        " (`A.shape`, `B.shape`), or transpose one of them, e.g. `A @ B.T`."
    ),
    "mm_dtype": N_(
        "expected m1 and m2 to have the same dtype, but got: {a} != {b}. A matrix product does"
        " not mix dtypes: convert one of the two, e.g. `A @ B.to(A.dtype)`."
    ),
    "dot_dtype": N_(
        "dot : expected both vectors to have same dtype, but found {a} and {b}. Convert one of"
        " the two, e.g. `ad.dot(a, b.to(a.dtype))`."
    ),
    "mv_dtype": N_(
        "addmv input tensors must have the same dtype, but got {vec}, {mat}, and {vec}. A"
        " matrix-vector product does not mix dtypes: convert one of the two, e.g."
        " `A @ v.to(A.dtype)`."
    ),
    "scalar_type": N_(
        "expected scalar type {expected} but found {got}. Convert the second tensor to the"
        " first one's dtype, e.g. `b.to(a.dtype)`."
    ),
    "mv_shape": N_("size mismatch, got input ({n}), mat ({a}), vec ({m})"),
    "matmul_0d": N_("both arguments to matmul need to be at least 1D, but they are {a}D and {b}D"),
    "broadcast": N_(
        "The size of tensor a ({a}) must match the size of tensor b ({b}) at non-singleton"
        " dimension {dim}. Shapes {shape_a} and {shape_b} cannot be broadcast together."
    ),
    "view_shape": N_("shape '{shape}' is invalid for input of size {size}"),
    "item_numel": N_(
        "a Tensor with {n} elements cannot be converted to Scalar. Select one element first,"
        " e.g. `t[0].item()`, or reduce, e.g. `t.sum().item()`."
    ),
    "bool_numel": N_(
        "Boolean value of Tensor with more than one value is ambiguous. Use `.any()` or `.all()`,"
        " or reduce the tensor to one value (e.g. `t.sum() > 0`)."
    ),
    "numpy_requires_grad": N_(
        "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead."
    ),
    # NumPy called on a tensor that requires grad, from a user's code: PyTorch's words first, then
    # the fix, with the package's op when it has one (numpy: `sin`, `add.reduce`; op: `sin`)
    "numpy_call_requires_grad_op": N_(
        "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead."
        " NumPy's `np.{numpy}` records no gradient: to differentiate through it, use `ad.{op}`"
        " instead; to leave autograd and work with the values only, give NumPy"
        " `t.detach().numpy()`."
    ),
    "numpy_call_requires_grad": N_(
        "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead."
        " NumPy's `np.{numpy}` records no gradient, so autograd cannot follow it: to work with the"
        " values outside autograd, give NumPy `t.detach().numpy()`."
    ),
    "copy_non_leaf": N_(
        "Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol"
        " at the moment. Copy `t.detach()` (or `t.detach().clone()`) instead."
    ),
    "len_0d": N_("len() of a 0-d tensor"),
    "iter_0d": N_("iteration over a 0-d tensor"),
    "invalid_data_type": N_("new(): invalid data type '{type}'"),
    "infer_dtype": N_("Could not infer dtype of {type}"),
    "complex_data": N_(
        "Could not infer dtype of complex: autodiff_tr has no complex tensors. Compute with real"
        " numbers, e.g. the real and imaginary parts as two tensors (`z.real`, `z.imag`)."
    ),
    "complex_dtype": N_(
        "dtype {dtype} is not supported: autodiff_tr has no complex tensors. Compute with real"
        " numbers, e.g. the real and imaginary parts as two tensors (`z.real`, `z.imag`)."
    ),
    "ragged": N_("expected sequence of length {n} at dim {dim} (got {got})"),
    "unsupported_dtype": N_(
        "dtype {dtype} is not supported; use one of float16, float32, float64, uint8, int8, int16,"
        " int32, int64, bool."
    ),
    "bad_argument": N_("{fn}(): argument '{name}' must be Tensor, not {type}"),
    "grad_unused": N_(
        "The differentiated Tensor at index {index} appears to not have been used in the graph."
        " Set allow_unused=True if this is the desired behavior."
    ),
    "grad_input_no_grad": N_("One of the differentiated Tensors does not require grad"),
    "grad_outputs_len": N_(
        "grad requires one grad_output per output: got {n} outputs and {m} grad_outputs"
    ),
    "nonleaf_grad_warning": N_(
        "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad"
        " attribute won't be populated during autograd.backward(). If you indeed want the .grad"
        " field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor."
        " If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor"
        " instead."
    ),
    "retain_grad_no_grad": N_("can't retain_grad on Tensor that has requires_grad=False"),
    "double_backward_unsupported": N_(
        "create_graph=True needs the derivative of '{op}', which autodiff_tr does not provide."
        " Use create_graph=False or express the function with other operations."
    ),
    "dim_range": N_(
        "Dimension out of range (expected to be in range of [{low}, {high}], but got {dim})"
    ),
    "gradcheck_no_grad": N_(
        "gradcheck expects at least one input tensor to require gradient, but none of them have"
        " requires_grad=True. Create the inputs to check with `requires_grad=True`."
    ),
    "gradcheck_not_double": N_(
        "Input #{i} requires gradient and is not a double precision floating point or complex."
        " This check will likely fail if all the inputs are not of double precision floating"
        " point or complex. Create the inputs with `dtype=ad.float64`."
    ),
    "gradcheck_mismatch": N_(
        "Jacobian mismatch for output {out} with respect to input {inp}: the worst element"
        " {index} has analytical {analytical!r} and numerical {numerical!r} (difference {diff:.3g},"
        " tolerance atol={atol} + rtol={rtol}*|numerical|)."
    ),
    "forward_ad_not_implemented": N_(
        "Trying to use forward AD with {op} that does not support it because it has not been"
        " implemented yet. Compute this derivative in reverse mode (`backward`, `autograd.grad`)"
        " instead."
    ),
    "forward_ad_no_level": N_(
        "Trying to create a dual Tensor for forward AD but no level exists, make sure to"
        " enter_dual_level() first. Create dual tensors inside `with forward_ad.dual_level():`."
    ),
    "forward_ad_nested": N_(
        "Nested forward mode AD is not supported at the moment. Leave the open `dual_level()`"
        " before entering another."
    ),
    "forward_ad_invalid_level": N_(
        "Invalid level given to {fn}. Leave out `level` to use the open dual level."
    ),
    "forward_ad_exit_not_last": N_(
        "Trying to exit a forward AD level that was not the last one that was created. This is"
        " not supported."
    ),
    "forward_ad_exit_none": N_(
        "Dual level must be a positive number. There is no open dual level to exit."
    ),
    "forward_ad_primal_dtype": N_(
        "Expected primal to be floating point or complex, but got: {dtype}. Convert it first,"
        " e.g. with `.double()`."
    ),
    "forward_ad_tangent_dtype": N_(
        "Expected tangent to be floating point or complex, but got: {dtype}. Convert it first,"
        " e.g. with `.double()`."
    ),
    "forward_ad_tangent_size": N_(
        "Trying to set a forward gradient that has a different size than that of the original"
        " Tensor, this is not supported. Tensor is of size {size} while the given forward"
        " gradient is of size {got}."
    ),
    "forward_ad_has_tangent": N_(
        "Making a dual Tensor based on a Tensor that already has a forward gradient at the same"
        " level {level} is not supported. Use the primal from `unpack_dual` instead."
    ),
    "function_no_jvp": N_(
        "You must implement the jvp function for custom autograd.Function to use it with forward"
        " mode AD."
    ),
    "checkpoint_use_reentrant": N_(
        "torch.utils.checkpoint: the use_reentrant parameter should be passed explicitly."
        " Starting in PyTorch 2.9, calling checkpoint without use_reentrant will raise an"
        " exception. use_reentrant=False is recommended, but if you need to preserve the current"
        " default behavior, you can pass use_reentrant=True. Refer to docs for more details on the"
        " differences between the two variants."
    ),
    "checkpoint_reentrant_context_fn": N_(
        "Passing `context_fn` or `debug` is only supported when use_reentrant=False."
    ),
    "checkpoint_reentrant_kwargs": N_(
        "Unexpected keyword arguments: {names}. Pass them with use_reentrant=False, or bind them"
        " with `functools.partial`."
    ),
    "checkpoint_no_input_requires_grad": N_(
        "None of the inputs have requires_grad=True. Gradients will be None"
    ),
    "checkpoint_determinism_check": N_(
        "determinism_check should be one of ['default', 'none'], but got {value}"
    ),
    "size_args": N_(
        "{fn}() takes sizes as separate integers or one tuple, not both (got {args!r})"
    ),
    "empty_max": N_(
        "{fn}(): Expected reduction dim to be specified for input.numel() == 0. Specify the"
        " reduction dim with the 'dim' argument."
    ),
    "cat_empty": N_("{fn}() expects a non-empty list of Tensors"),
    "infer_one_dim": N_(
        "only one dimension can be inferred: give -1 for at most one dimension, e.g."
        " `t.reshape(-1, 3)`."
    ),
    "arange_step_zero": N_(
        "step must be nonzero. Give the distance between neighbouring values, e.g."
        " `ad.arange(0, 1, 0.25)`."
    ),
    "arange_step_sign": N_(
        "upper bound and lower bound inconsistent with step sign: from {start} to {end} in steps"
        " of {step} there is no value. Count down with a negative step, e.g."
        " `ad.arange(5, 0, -1)`."
    ),
    "index_bounds": N_(
        "index {index} is out of bounds for dimension {dim} with size {size}. The indices of this"
        " dimension run from 0 to {last} (or from -{size} to -1 from the end); `t.shape` shows"
        " the size of each dimension."
    ),
    "index_too_many": N_(
        "too many indices for tensor of dimension {ndim}: it has shape {shape} and was indexed"
        " with {n} indices. Give at most one index per dimension (check `t.shape`)."
    ),
    "cat_shapes": N_(
        "Sizes of tensors must match except in dimension {dim}. Expected size {a} but got size {b}"
        " for tensor number {i} in the list."
    ),
    "negative_size": N_(
        "Trying to create tensor with negative dimension {dim}: {size}. Every size must be 0 or"
        " more."
    ),
    "legacy_tensor_dtype": N_(
        "expected a tensor of dtype {wanted} (got {dtype}): {name}(t) accepts only a tensor of"
        " its own dtype. Convert it instead, e.g. `t.to({wanted})`."
    ),
    "legacy_data": N_(
        "new(): data must be a sequence (got {type}). Pass sizes (`{name}(2, 3)`) or data in a"
        " list (`{name}([1.5])`)."
    ),
    "inference_saved": N_(
        "Inference tensors cannot be saved for backward. Please do not use Tensors created in"
        " inference mode in computation tracked by autograd. To work around this, you can make a"
        " clone to get a normal tensor and use it in autograd, or use `torch.no_grad()` instead"
        " of `torch.inference_mode()`."
    ),
    "inference_version": N_(
        "Inference tensors do not track version counter: a tensor made inside"
        " `inference_mode()` has no `_version`. Use `t.clone()` for a tensor that has one."
    ),
    "inference_inplace": N_(
        "Inplace update to inference tensor outside InferenceMode is not allowed. Make a clone"
        " to get a normal tensor before doing an in-place update (`t = t.clone()`), or create"
        " the tensor under `no_grad()` instead of `inference_mode()`."
    ),
    "inference_requires_grad": N_(
        "Setting requires_grad=True on inference tensor outside InferenceMode is not allowed."
        " Use a clone instead: `t.clone().requires_grad_()`."
    ),
    "unbind_0d": N_(
        "Dimension specified as {dim} but tensor has no dimensions: a 0-d tensor has no slices"
        " to unbind."
    ),
    "cat_0d": N_(
        "zero-dimensional tensor (at position {i}) cannot be concatenated; use ad.stack for 0-d"
        " tensors"
    ),
    "stack_shapes": N_(
        "stack expects each tensor to be equal size, but got {first} at entry 0 and {got} at"
        " entry {i}"
    ),
    "expand_shape": N_(
        "The expanded size of the tensor must match the existing size at non-singleton"
        " dimensions: cannot expand shape {shape} to {target}"
    ),
    "permute_dims": N_("permute(): dims {dims} must be a permutation of 0..{last}"),
    "dim_repeated": N_("dim {dim} appears multiple times in the list of dims; name each dim once"),
    "empty_reduction_dim": N_("{fn}(): Expected reduction dim {dim} to have non-zero size."),
    "mean_dtype": N_(
        "mean(): could not infer output dtype. Input dtype must be either a floating point or"
        " complex dtype. Got: {dtype}. Convert first, e.g. `t.float().mean()`."
    ),
    "norm_p": N_("norm(p={p!r}) is not supported; autodiff_tr has p=2 only"),
    "pow_negative_int": N_("Integers to negative integer powers are not allowed."),
    "clamp_no_bounds": N_("torch.clamp: At least one of 'min' or 'max' must not be None"),
    "clamp_bound_requires_grad": N_(
        "clamp with a min/max tensor that requires grad is not supported by autodiff_tr; use"
        " ad.where(x < low, low, x) (and likewise for max) to get gradients for the bounds"
    ),
    "index_put_shape": N_(
        "shape mismatch: value tensor of shape {value} cannot be broadcast to indexing result of"
        " shape {target}"
    ),
    "index_non_integer": N_(
        "only integer tensors of a single element can be converted to an index"
    ),
    "inplace_shape": N_(
        "output with shape {out} doesn't match the broadcast shape {result}. Use the out-of-place"
        " form (`x = x + y`), whose result may have the larger shape."
    ),
    "out_requires_grad": N_(
        "{fn}(): functions with out=... arguments don't support automatic differentiation, but one"
        " of the arguments requires grad. Leave `out=` out (`c = ad.{fn}(a, b)`), or compute"
        " inside `with ad.no_grad():` where no gradient is needed (an optimizer's state)."
    ),
    "alpha_float": N_(
        "For integral input tensors, argument alpha must not be a floating point number. `{fn}`"
        " of integer tensors takes an integer `alpha`; convert the tensors to a float dtype first"
        " (e.g. `x.float()`) to scale by a fraction."
    ),
    "lerp_dtype": N_(
        "expected dtype {want} for `{name}` but got dtype {got}. `lerp` needs `{name}` in the dtype"
        " of the input: convert it first (e.g. `{name}.to(x.dtype)`)."
    ),
    "inplace_dtype": N_(
        "result type {got} can't be cast to the desired output type {want}. Convert first (e.g."
        " `x = x.float()`) or use the out-of-place form."
    ),
    "backward_inputs_empty": N_(
        "`inputs` argument to `backward()` cannot be empty. Pass the tensors whose `.grad` you"
        " want, or leave `inputs` out to fill `.grad` of every leaf."
    ),
    "backward_input_no_grad": N_(
        "can't retain_grad on Tensor that has requires_grad=False. Every tensor in `inputs` of"
        " `backward()` must require grad: create it with `requires_grad=True`, or leave it out."
    ),
    "random_float_dtype": N_(
        "\"{kernel}\" not implemented for '{dtype}'. {fn} draws floating point values: pass a"
        " float dtype (e.g. `dtype=ad.float32`), or use `ad.randint` for integers."
    ),
    "random_readonly": N_(
        "{fn}() cannot write into this tensor: its memory is read-only (e.g. a broadcast view)."
        " Fill a copy instead: `t = t.clone().{fn}()`."
    ),
    "random_inplace_grad": N_(
        "{fn}() on a tensor that requires grad would cut its history. Fill it inside"
        " `with ad.no_grad():`, or fill `t.data`, as `nn.init` does."
    ),
    "randint_range": N_(
        "random_ expects 'from' to be less than 'to', but got from={low} >= to={high}. Pass"
        " low < high, e.g. `ad.randint(0, 10, (3,))`."
    ),
    "randint_size": N_(
        "randint() needs a size: `ad.randint(high, size)` or `ad.randint(low, high, size)`, e.g."
        " `ad.randint(0, 10, (3,))`."
    ),
    "randperm_negative": N_(
        "Trying to create tensor with negative dimension {n}: [{n}]. randperm(n) needs n >= 0."
    ),
    "normal_size": N_(
        "normal() with a number for both mean and std needs a size, e.g."
        " `ad.normal(0.0, 1.0, size=(3,))`; or pass `mean` or `std` as a tensor."
    ),
    "normal_std": N_(
        "normal expects std >= 0.0, but found std {std}. Pass a non-negative standard deviation."
    ),
    "normal_std_tensor": N_(
        "normal expects all elements of std >= 0.0. Pass a tensor of non-negative standard"
        " deviations."
    ),
    "seed_range": N_(
        "Overflow when unpacking long long: a seed must lie in [-2**63, 2**64), got {seed}."
    ),
    "seed_type": N_("manual_seed() needs an integer seed, got {type}. E.g. `ad.manual_seed(0)`."),
    "bernoulli_p": N_(
        "bernoulli_ expects p to be in [0, 1], but got p={p}. Pass a probability, e.g. 0.5."
    ),
    "bernoulli_tensor_p": N_(
        "Expected p_in >= 0 && p_in <= 1 to be true, but got false. Every probability must lie"
        " in [0, 1], e.g. `probs.clamp(0, 1)`."
    ),
    "linspace_steps": N_(
        "number of steps must be non-negative; got {steps}. Pass how many values you want,"
        " e.g. `ad.linspace(0, 1, steps=5)`."
    ),
    "rng_state_size": N_(
        "set_state() expects the {expected} bytes that get_state() returns, got {got} bytes."
    ),
    "default_dtype": N_(
        "only floating-point types are supported as the default type; got {dtype}. Use"
        " `ad.set_default_dtype(ad.float64)` or `ad.float32`."
    ),
    # The argument `{arg}` (`inputs` or `v`) is not a tensor, or (_item) its entry {i} is not.
    "functional_arg_not_tensor": N_(
        "The {arg} given to {fn} must be either a Tensor or a tuple of Tensors but the given {arg}"
        " has type {type}. Use tensors there, e.g. `ad.tensor(3.0)` instead of `3.0`."
    ),
    "functional_arg_item_not_tensor": N_(
        "The {arg} given to {fn} must be either a Tensor or a tuple of Tensors but the value at"
        " index {i} has type {type}. Use tensors there, e.g. `ad.tensor(3.0)` instead of `3.0`."
    ),
    # What the function passed to {fn} returned is not a tensor, or (_item) its entry {i} is not.
    "functional_outputs_not_tensor": N_(
        "The outputs of the user-provided function given to {fn} must be either a Tensor or a"
        " tuple of Tensors but the given outputs of the user-provided function has type {type}."
        " Return tensors, e.g. `ad.tensor(3.0)` instead of `3.0`."
    ),
    "functional_outputs_item_not_tensor": N_(
        "The outputs of the user-provided function given to {fn} must be either a Tensor or a"
        " tuple of Tensors but the value at index {i} has type {type}. Return tensors,"
        " e.g. `ad.tensor(3.0)` instead of `3.0`."
    ),
    "functional_output_no_grad": N_(
        "Output {i} of the user-provided function does not require gradients. The outputs must be"
        " computed in a differentiable manner from the input when running in strict mode."
    ),
    "functional_v_none_output": N_(
        "The vector v can only be None if the user-provided function returns a single Tensor with"
        " a single element. Pass `v`, one tensor of each output's shape."
    ),
    "functional_v_none_input": N_(
        "The vector v can only be None if the input to the user-provided function is a single"
        " Tensor with a single element. Pass `v`, one tensor of each input's shape."
    ),
    "functional_v_length": N_("v is a tuple of invalid length: should be {want} but got {got}."),
    "functional_v_single_output": N_(
        "The given v should contain a single Tensor, as the function has one output."
    ),
    "functional_v_single_input": N_(
        "The given v should contain a single Tensor, as the function has one input."
    ),
    "functional_v_size": N_("v has invalid size: should be {want} but got {got}."),
    "functional_v_entry_size": N_(
        "Entry {i} in v has invalid size: should be {want} but got {got}."
    ),
    "functional_independent": N_(
        "The output of the user-provided function is independent of input {i}. This is not"
        " allowed in strict mode."
    ),
    "functional_output_independent": N_(
        "Output {i} of the user-provided function is independent of input {j}. This is not allowed"
        " in strict mode."
    ),
    "functional_independent_trick": N_(
        "The gradient with respect to the input is independent of entry {i} in the grad_outputs"
        " when using the double backward trick to compute forward mode gradients. This is not"
        " allowed in strict mode."
    ),
    "functional_grad_input_constant": N_(
        "The gradient with respect to input {i} is independent of the inputs of the user-provided"
        " function. This is not allowed in strict mode."
    ),
    "functional_jacobian_independent": N_(
        "The jacobian of the user-provided function is independent of input {i}. This is not"
        " allowed in strict mode."
    ),
    "functional_hessian_independent": N_(
        "The hessian of the user-provided function is independent of entry {i} in the"
        " grad_jacobian. This is not allowed in strict mode as it prevents from using the double"
        " backward trick to replace forward mode AD."
    ),
    "functional_jacobian_constant": N_(
        "The jacobian of the user-provided function is independent of input {i}. This is not"
        " allowed in strict mode when create_graph=True."
    ),
    "functional_hessian_constant": N_(
        "The hessian of the user-provided function is independent of input {i}. This is not"
        " allowed in strict mode when create_graph=True."
    ),
    "functional_jacobian_of_linear": N_(
        "While computing the hessian, found that the jacobian of the user-provided function with"
        " respect to input {i} is independent of the input. This is not allowed in strict mode."
        " You should ensure that your function is twice differentiable and that the jacobian"
        " depends on the inputs (this would be violated by a linear function for example)."
    ),
    "functional_strategy": N_(
        'Expected strategy to be either "forward-mode" or "reverse-mode". Hint: If your function'
        ' has more outputs than inputs, "forward-mode" tends to be more performant. Otherwise,'
        ' prefer to use "reverse-mode".'
    ),
    "functional_strategy_short": N_(
        'Expected strategy to be either "forward-mode" or "reverse-mode".'
    ),
    "functional_forward_mode": N_(
        "Computing Jacobian using forward-AD or forward-over-reverse Hessian is only implemented"
        " for `vectorize=True`. Pass `vectorize=True`, or use the default"
        ' `strategy="reverse-mode"`.'
    ),
    "functional_forward_mode_graph": N_(
        'torch.autograd.functional.jacobian: `create_graph=True` and `strategy="forward-mode"` are'
        " not supported together (yet). Please either set `create_graph=False` or"
        ' `strategy="reverse-mode"`.'
    ),
    "functional_strict_vectorize": N_(
        "torch.autograd.functional.jacobian: `strict=True` and `vectorized=True` are not supported"
        " together. Please either set `strict=False` or `vectorize=False`."
    ),
    "functional_single_tensor": N_(
        "The function given to {fn} should return a single Tensor; it returned a tuple. Return"
        " one scalar tensor, e.g. `loss` rather than `(loss,)`."
    ),
    "functional_single_element": N_(
        "The Tensor returned by the function given to {fn} should contain a single element."
        " Reduce it to a scalar first, e.g. with `.sum()`."
    ),
    # ---------------------------------------------------------------- Tensor API
    "dim_and_axis": N_(
        "{fn}() got both 'dim' and its NumPy name 'axis'; pass one of them, e.g. `x.{fn}(dim=1)`."
    ),
    "dim_required": N_(
        '{fn}() missing 1 required positional arguments: "dim". Say along which dim, e.g.'
        " `x.{fn}(dim=1)` for each row of a matrix."
    ),
    "kernel_dtype": N_(
        "\"{kernel}\" not implemented for '{dtype}'. {fn}() needs a floating point tensor: convert"
        " it first, e.g. `x.float().{fn}(dim=1)`."
    ),
    "var_dtype": N_(
        "std and var only support floating point and complex dtypes; got {dtype}. Convert first,"
        " e.g. `x.float().{fn}()`."
    ),
    "var_dof": N_(
        "{fn}(): degrees of freedom is <= 0. Correction should be strictly less than the"
        " reduction factor (input numel divided by output numel). The result is nan or inf;"
        " use `correction=0` (or `unbiased=False`) for a single value per slice."
    ),
    "empty_argmax": N_(
        "{fn}(): Expected reduction dim to be specified for input.numel() == 0. Specify the"
        " reduction dim with the 'dim' argument."
    ),
    "gather_index_dtype": N_(
        "gather(): Expected dtype int32/int64 for index, got {dtype}. Use an integer tensor,"
        " e.g. `ad.tensor([[0, 1]])` or `index.long()`."
    ),
    "gather_index_ndim": N_(
        "Index tensor must have the same number of dimensions as input tensor: index has {index}"
        " and input {input}. Add dims of size 1, e.g. `index.unsqueeze(1)`."
    ),
    "gather_index_size": N_(
        "Size does not match at dimension {k} expected index {index} to be no larger than self"
        " {input} apart from dimension {dim}"
    ),
    "gather_index_range": N_(
        "index {i} is out of bounds for dimension {dim} with size {size}. Indices of gather"
        " count from 0 and stay below the size of that dimension."
    ),
    "mask_dtype": N_(
        "masked_fill_ only supports boolean masks, but got mask with dtype {dtype}. Make the mask"
        " with a comparison, e.g. `x > 0`, or convert it with `mask.bool()`."
    ),
    "mask_value_ndim": N_(
        "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with {ndim}"
        " dimension(s). Use `ad.where(mask, values, x)` to fill in several values."
    ),
    "t_ndim": N_(
        "t() expects a tensor with <= 2 dimensions, but self is {ndim}D. Use `x.transpose(0, 1)`"
        " or `x.permute(...)` for more dimensions."
    ),
    "type_name": N_(
        "invalid type: '{name}'. Use a dtype, e.g. `x.type(ad.float64)`, or a name such as"
        " 'torch.FloatTensor'."
    ),
    "hook_no_grad": N_(
        "cannot register a hook on a tensor that doesn't require gradient. Create it with"
        " `requires_grad=True` (or compute it from such a tensor) first."
    ),
    "hook_shape": N_(
        "hook '{name}' has changed the size of value: it returned a gradient of shape {got} for"
        " a tensor of shape {want}. Return a tensor of the same shape, or None to keep it."
    ),
    "hook_dtype": N_(
        "hook '{name}' has changed the type of value (was {was} got {got}). Return a gradient of"
        " the tensor's dtype, e.g. `return grad * 2` or `return new.to(grad.dtype)`."
    ),
    "hook_return": N_(
        "hook '{name}' returned a {type}; a hook returns a tensor (the new gradient) or None."
    ),
    "scalar_numel_float": N_(
        "only one element tensors can be converted to Python scalars; this one has {n} elements."
        " Select one element first, e.g. `float(t[0])`, or reduce, e.g. `float(t.sum())`. A"
        " function of the `math` module takes one number: for every element use autodiff_tr's,"
        " e.g. `ad.sin(t)` instead of `math.sin(t)`."
    ),
    "scalar_numel": N_(
        "only one element tensors can be converted to Python scalars; this one has {n} elements."
        " Select one element first, e.g. `{to}(t[0])`, or reduce, e.g. `{to}(t.sum())`."
    ),
    "unexpected_kwarg": N_("{fn}() got an unexpected keyword argument '{name}'"),
    "size_type": N_(
        "{fn}(): argument 'size' (position 1) must be tuple of ints, not {type}. A size counts"
        " elements, e.g. `{fn}(3)` or `{fn}(2, 3)`; for a size computed by division use `//`."
    ),
    "size_element_type": N_(
        "{fn}(): argument 'size' failed to unpack the object at pos {pos} with error \"type must"
        ' be tuple of ints,but got {type}". A size counts elements, e.g. `{fn}(2, 3)`; for a'
        " size computed by division use `//`."
    ),
    "size_negative": N_(
        "{fn}: Dimension size must be non-negative. Got the size {size}: each size counts"
        " elements, 0 or more."
    ),
    # ---------------------------------------------------------------- nn
    "module_no_forward": N_(
        'Module [{name}] is missing the required "forward" function. Define'
        " `def forward(self, x):` in the class (calling the module runs it)."
    ),
    "module_init_first_parameters": N_(
        "cannot assign parameters before Module.__init__() call. Call `super().__init__()` first"
        " in your module's `__init__`."
    ),
    "module_init_first_module": N_(
        "cannot assign module before Module.__init__() call. Call `super().__init__()` first"
        " in your module's `__init__`."
    ),
    "module_init_first_buffer": N_(
        "cannot assign buffer before Module.__init__() call. Call `super().__init__()` first"
        " in your module's `__init__`."
    ),
    "parameter_assign": N_(
        "cannot assign '{type}' as parameter '{name}' (nn.Parameter or None expected). Wrap the"
        " tensor, e.g. `self.{name} = nn.Parameter(t)`, or use another attribute name."
    ),
    "parameter_non_leaf": N_(
        "Cannot add a non-leaf Tensor as parameter '{name}'. Make it a leaf first, e.g."
        " `nn.Parameter(t.detach())`."
    ),
    "module_type": N_(
        "{type} is not a Module subclass; add an nn.Module (e.g. `nn.Linear(2, 1)`)."
    ),
    "no_submodule": N_("{type} has no attribute `{name}`"),
    "module_index": N_(
        "index {idx} is out of range; this container has {n} modules. Use an index from 0 to"
        " {last}, or from -{n} to -1 to count from the end (`len(model)` is the number of"
        " modules)."
    ),
    "module_index_empty": N_(
        "index {idx} is out of range; this container is empty. Add modules first, e.g."
        " `model.append(nn.ReLU())`."
    ),
    "state_dict_not_dict": N_(
        "Expected state_dict to be dict-like, got {type}. Pass the dictionary that"
        " `state_dict()` returned, e.g. `model.load_state_dict(other.state_dict())`."
    ),
    "linear_features": N_(
        "Linear(in_features, out_features) takes whole numbers, the sizes of one input and one"
        " output sample, but got in_features={in_features!r}, out_features={out_features!r}."
        " E.g. `nn.Linear(2, 1)`; for a size computed by division use `//`, e.g. `n // 2`."
    ),
    "sequential_add": N_(
        "add operator supports only objects of Sequential class, but {type} is given."
    ),
    "train_mode": N_(
        "training mode is expected to be boolean: use `train(True)` or `train(False)`."
    ),
    "negative_slope": N_("negative_slope {param} not a valid number"),
    "nonlinearity": N_(
        "Unsupported nonlinearity {name}; use 'linear', 'sigmoid', 'tanh', 'relu', 'leaky_relu'"
        " or 'selu'."
    ),
    "fan_mode": N_("Mode {mode} not supported, please use one of fan_in, fan_out"),
    "module_assign": N_(
        "cannot assign '{type}' as child module '{name}' (nn.Module or None expected)"
    ),
    "buffer_assign": N_("cannot assign '{type}' as buffer '{name}' (Tensor or None expected)"),
    "state_dict_errors": N_("Error(s) in loading state_dict for {name}:"),
    "state_dict_missing": N_(
        "Missing key(s) in state_dict: {keys}. Load a state_dict saved from a model of the same"
        " architecture, or pass strict=False to load only the keys that match."
    ),
    "state_dict_unexpected": N_(
        "Unexpected key(s) in state_dict: {keys}. Load a state_dict saved from a model of the"
        " same architecture, or pass strict=False to ignore the extra keys."
    ),
    "state_dict_shape": N_(
        "size mismatch for {name}: copying a param with shape {got} from checkpoint, the shape in"
        " current model is {expected}. Build the model with the sizes the state_dict was saved"
        " with."
    ),
    "state_dict_type": N_(
        'While copying the parameter named "{name}", expected a Tensor in the state_dict but got'
        " {type}."
    ),
    "softmax_implicit_dim": N_(
        "Implicit dimension choice for {fn} has been deprecated. Change the call to include"
        " dim=X as an argument."
    ),
    "dropout_p": N_(
        "dropout probability has to be between 0 and 1, but got {p}. Pass the probability of"
        " zeroing an element, e.g. `nn.Dropout(p=0.5)`."
    ),
    "linear_0d": N_(
        "both arguments to linear need to be at least 1D, but they are {a}D and {b}D. Give the"
        " layer a batch of feature vectors, e.g. `x.reshape(1, -1)` for one sample."
    ),
    "linear_shape": N_(
        "mat1 and mat2 shapes cannot be multiplied ({rows}x{got} and {expected}x{out}). The"
        " layer expects {expected} input features (the size of the input's last dimension) but"
        " got {got}: reshape the input, or build the layer as Linear({got}, {out})."
    ),
    "linear_dtype": N_(
        "mat1 and mat2 must have the same dtype, but got {input} and {weight}: the input is"
        " {input}, the layer's weight {weight}. Convert the input, e.g. `x.to(layer.weight.dtype)`"
        " (a new layer's weights are float32, so `x.float()`), or the layer, e.g."
        " `layer.double()`."
    ),
    "linear_bias_dtype": N_(
        "self and mat2 must have the same dtype, but got {bias} and {weight}: the bias is {bias},"
        " the weight {weight}. Give both the same dtype, e.g. `bias.to(weight.dtype)`."
    ),
    "weight_classes": N_(
        "weight tensor should be defined either for all {classes} classes or no classes but got"
        " weight tensor of shape: {shape}. Give one weight per class, a 1-D tensor of {classes}"
        " values, e.g. `weight=ad.ones({classes})`."
    ),
    "reduction": N_("{reduction} is not a valid value for reduction; use 'mean', 'sum' or 'none'."),
    "mse_shape": N_(
        "Using a target size ({target}) that is different to the input size ({input}). This will"
        " likely lead to incorrect results due to broadcasting. Please ensure they have the same"
        " size."
    ),
    "target_dtype": N_(
        "expected target dtype to be Long or Byte, but got {got}. Class-index targets must be"
        " integers: convert them with `target.long()`."
    ),
    "target_ndim": N_(
        "0D or 1D target tensor expected, multi-target not supported. For an input of shape"
        " {input} the target holds one class index per sample (shape {expected}), or class"
        " probabilities of the input's shape; got a target of shape {target}."
    ),
    "target_spatial": N_(
        "size mismatch (got input: {input}, target: {target}). The target must have the input's"
        " shape without its class dimension (dim 1)."
    ),
    "target_batch": N_(
        "Expected input batch_size ({n}) to match target batch_size ({m}). Give one target per"
        " row of the input."
    ),
    "target_range": N_(
        "Target {label} is out of bounds. Class indices must lie in 0..{last} for an input with"
        " {classes} classes."
    ),
    "target_probabilities": N_(
        "Expected floating point type for target with class probabilities, got {got}. A target of"
        " the input's shape holds probabilities; for class indices give one per sample."
    ),
    "label_smoothing": N_("cross_entropy(label_smoothing=...) is not supported by autodiff_tr"),
    "one_hot_dtype": N_(
        "one_hot is only applicable to index tensor of type LongTensor. Convert with `t.long()`."
    ),
    "one_hot_negative": N_("Class values must be non-negative."),
    "one_hot_range": N_("Class values must be smaller than num_classes."),
    "one_hot_empty": N_(
        "Can not infer total number of classes from empty tensor. Pass num_classes=."
    ),
    "fan_dims": N_(
        "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions"
    ),
    # ---------------------------------------------------------------- devices
    "device_not_compiled": N_(
        "Torch not compiled with {name} enabled: autodiff_tr computes on the CPU only. Leave"
        ' out the device or use "cpu" (e.g. `device = "cuda" if'
        ' ad.cuda.is_available() else "cpu"`); the same code runs unchanged on a GPU under'
        " PyTorch."
    ),
    "device_unsupported": N_(
        "PyTorch is not linked with support for {type} devices: autodiff_tr computes on the CPU"
        ' only. Leave out the device or use "cpu"; the same code runs unchanged on that'
        " device under PyTorch."
    ),
    "device_no_accelerator": N_(
        "Cannot access accelerator device when none is available. A device given as a number"
        ' means a GPU, and autodiff_tr computes on the CPU only: use "cpu".'
    ),
    "device_empty": N_('Device string must not be empty. Use "cpu".'),
    "device_invalid": N_(
        "Invalid device string: '{device}'. Write a type and an optional index, e.g. \"cpu\""
        ' or "cpu:0".'
    ),
    "device_unknown": N_(
        "Expected one of {types} device type at start of device string: {device}. Device"
        ' types are written in lower case, e.g. "cpu".'
    ),
    "device_two_indices": N_(
        "type (string) must not include an index because index was passed explicitly: {device}"
    ),
    "device_index_negative": N_("Device index must be -1 or non-negative, got {index}"),
    "device_argument": N_(
        "device() received an invalid combination of arguments - got ({type}), but expected a"
        ' device type as a string (e.g. "cpu") or a device.'
    ),
    "legacy_device": N_(
        "legacy constructor expects device type: cpu but device type: {type} was passed. Leave"
        " out the device, or make the tensor with a factory that takes one, e.g."
        " `ad.zeros(2, 3, device=device)` or `ad.tensor(data, device=device)`."
    ),
    "to_arguments": N_(
        "{fn}() received an invalid combination of arguments - got ({got}). Pass a dtype"
        ' (`t.to(ad.float64)`), a device and an optional dtype (`t.to("cpu", ad.float64)`)'
        " or a tensor whose dtype to take (`t.to(other)`)."
    ),
    # ---------------------------------------------------------------- sampling
    "multinomial_probs": N_(
        "probability tensor contains either `inf`, `nan` or element < 0. Pass non-negative"
        " weights, e.g. counts or `ad.softmax(logits, dim=-1)`."
    ),
    "multinomial_sum": N_(
        "invalid multinomial distribution (sum of probabilities <= 0). Each row needs at least"
        " one positive weight."
    ),
    "multinomial_negative": N_(
        "invalid multinomial distribution (encountering probability entry < 0). Pass"
        " non-negative weights, e.g. counts or `ad.softmax(logits, dim=-1)`."
    ),
    "multinomial_not_finite": N_(
        "invalid multinomial distribution (encountering probability entry = infinity or NaN)."
        " Pass finite, non-negative weights."
    ),
    "multinomial_too_many": N_(
        "cannot sample n_sample > prob_dist.size(-1) samples without replacement: {n} samples"
        " from {categories} categories. Ask for fewer, or pass `replacement=True`."
    ),
    "multinomial_count": N_("cannot sample n_sample <= 0 samples: ask for 1 or more."),
    "multinomial_dtype": N_(
        "multinomial only supports floating-point dtypes for input, got: {dtype}. Convert the"
        " weights first, e.g. `counts.float()`."
    ),
    "multinomial_dim": N_(
        "prob_dist must be 1 or 2 dim: got {ndim} dimensions. Pass one distribution (a vector)"
        " or one per row (a matrix)."
    ),
    "multinomial_empty": N_(
        "cannot sample from a distribution with no categories: the last dimension of the"
        " probabilities has size 0."
    ),
    "exponential_lambda": N_(
        "exponential_ expects lambda > 0.0, but found lambda={lambd}. Pass a positive rate."
    ),
    "geometric_p": N_(
        "geometric_ expects p to be in (0, 1), but got p={p}. Pass a probability strictly"
        " between 0 and 1."
    ),
    # ---------------------------------------------------------------- compat
    "mxnet_grad_req": N_("grad_req must be 'write', 'add' or 'null', not {req!r}"),
    "mxnet_not_recorded": N_(
        "Cannot differentiate node because it is not in a computational graph. You need to set"
        " is_recording to true or use autograd.record() to save computational graphs for"
        " backward: compute the head inside `with autograd.record():`."
    ),
    "mxnet_no_variables": N_(
        "There are no inputs in computational graph that require gradients. Call"
        " `x.attach_grad()` on the inputs before computing with them inside"
        " `autograd.record()`."
    ),
    "mxnet_head_grads": N_("backward got {n} heads but {m} head_grads; give one per head"),
    "tape_used": N_(
        "A non-persistent GradientTape can only be used to compute one set of gradients (or"
        " jacobians). Create the tape with `tf.GradientTape(persistent=True)` to call"
        " `gradient` more than once."
    ),
    "tf_assign_shape": N_(
        "Cannot assign value to variable ' {name}': Shape mismatch.The variable shape {want},"
        " and the assigned value shape {got} are incompatible. Assign a value of the variable's"
        " shape, e.g. `v.assign(tf.ones_like(v) * 5.0)`."
    ),
    "dataset_getitem": N_("{name} must define __getitem__: return example i of the dataset"),
    "dataset_sizes": N_("Size mismatch between tensors: give tensors with the same first size"),
    "dataset_index": N_(
        "index {index} is out of bounds for dimension 0 with size {size}: this dataset holds"
        " {size} examples, numbered 0 to {last} (or -{size} to -1 from the end)."
    ),
    "dataset_index_type": N_(
        "a dataset is indexed with an integer, a slice or a tensor of indices, not a {type}."
    ),
    "batch_size": N_(
        "batch_size should be a positive integer value, but got batch_size={value}. Pass the"
        " number of examples per minibatch, e.g. `batch_size=32`, or `batch_size=None` for one"
        " example at a time."
    ),
    "drop_last_bool": N_(
        "drop_last should be a boolean value, but got drop_last={value}. Pass `True` or `False`."
    ),
    "sampler_replacement": N_(
        "replacement should be a boolean value, but got replacement={value}. Pass `True` or"
        " `False`."
    ),
    "sampler_num_samples": N_(
        "num_samples should be a positive integer value, but got num_samples={value}"
    ),
    "sampler_shuffle": N_(
        "sampler option is mutually exclusive with shuffle. The sampler sets the order: leave out"
        " `shuffle=True`, or leave out `sampler=` (`shuffle=True` uses a `RandomSampler`)."
    ),
    "batch_sampler_exclusive": N_(
        "batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and"
        " drop_last. A batch sampler makes the minibatches itself: give those settings to it,"
        " e.g. `BatchSampler(RandomSampler(dataset), 32, drop_last=True)`."
    ),
    "batch_size_none_drop_last": N_(
        "batch_size=None option disables auto-batching and is mutually exclusive with drop_last."
        " Leave out `drop_last=True`, or give a `batch_size`."
    ),
    "num_workers_negative": N_(
        "num_workers option should be non-negative; use num_workers=0 to disable multiprocessing."
    ),
    "timeout_negative": N_("timeout option should be non-negative"),
    "prefetch_factor_workers": N_(
        "prefetch_factor option could only be specified in multiprocessing. Let num_workers > 0"
        " to enable multiprocessing, otherwise set prefetch_factor to None."
    ),
    "prefetch_factor_negative": N_("prefetch_factor option should be non-negative"),
    "persistent_workers": N_("persistent_workers option needs num_workers > 0"),
    "multiprocessing_context": N_(
        "multiprocessing_context can only be used with multi-process loading (num_workers > 0),"
        " but got num_workers={n}"
    ),
    "collate_sizes": N_(
        "each element in list of batch should be of equal size: every example of the dataset"
        " must have the same number of fields."
    ),
    "collate_type": N_(
        "default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists;"
        " found {type}. Return those from the dataset's `__getitem__`, or pass a `collate_fn`."
    ),
    # ---------------------------------------------------------------- optim
    "optim_empty": N_(
        "optimizer got an empty parameter list. Pass the model's parameters, e.g."
        " `optim.SGD(net.parameters(), lr=0.1)`; a generator such as `net.parameters()` is used"
        " up after one pass, so call it again for a second optimizer."
    ),
    "optim_non_leaf": N_(
        "can't optimize a non-leaf Tensor. Optimize the tensors you created (leaves), e.g."
        " `w = ad.randn(2, 1, requires_grad=True)`; not a result computed from them such as"
        " `w * 0.01` (write `(ad.randn(2, 1) * 0.01).requires_grad_()` instead)."
    ),
    "optim_params_type": N_(
        "params argument given to the optimizer should be an iterable of Tensors or dicts, but"
        " got {type}. Wrap a single tensor in a list: `[w]`."
    ),
    "optim_param_type": N_("optimizer can only optimize Tensors, but one of the params is {type}"),
    "optim_param_set": N_(
        "optimizer parameters need to be organized in ordered collections, but the ordering of"
        " tensors in sets will change between runs. Please use a list instead."
    ),
    "optim_duplicate": N_(
        "some parameters appear in more than one parameter group. Give each parameter to one"
        " group only: e.g. split `net.parameters()` by layer, one group per layer."
    ),
    "optim_nesterov": N_("Nesterov momentum requires a momentum and zero dampening"),
    "optim_lr_required": N_(
        "parameter group didn't specify a value of required optimization parameter lr"
    ),
    "optim_unsupported": N_("{fn}({name}=True) is not supported by autodiff_tr"),
    "optim_state_groups": N_(
        "loaded state dict has a different number of parameter groups. Load a state_dict saved"
        " from an optimizer over the same parameters."
    ),
    "optim_state_sizes": N_(
        "loaded state dict contains a parameter group that doesn't match the size of optimizer's"
        " group. Load a state_dict saved from an optimizer over the same parameters."
    ),
    "optim_group_type": N_(
        "param_group must be a dict, but got {type}. Pass a dict with the parameters under"
        ' "params", e.g. `opt.add_param_group(dict(params=net[2].parameters(), lr=0.01))`.'
    ),
    "optim_group_duplicates": N_(
        "optimizer contains a parameter group with duplicate parameters; in future, this will"
        " cause an error. List each parameter once: a shared layer's parameters appear once in"
        " `net.parameters()`."
    ),
    # one message per option, so that no English word is passed into a translated text
    "optim_invalid_lr": N_(
        "Invalid learning rate: {value}. The learning rate must be zero or more, e.g. lr=0.01."
    ),
    "optim_invalid_eps": N_(
        "Invalid epsilon value: {value}. eps is added to a denominator and must be zero or more;"
        " leave it at its default unless you know why."
    ),
    "optim_invalid_weight_decay": N_(
        "Invalid weight_decay value: {value}. weight_decay must be zero or more (0 turns it off)."
    ),
    "optim_invalid_momentum": N_(
        "Invalid momentum value: {value}. momentum must be zero or more, e.g. momentum=0.9."
    ),
    "optim_invalid_alpha": N_(
        "Invalid alpha value: {value}. alpha, the smoothing constant of the running average,"
        " must be zero or more, e.g. alpha=0.99."
    ),
    "optim_invalid_lr_decay": N_(
        "Invalid lr_decay value: {value}. lr_decay must be zero or more (0 turns it off)."
    ),
    "optim_invalid_initial_accumulator": N_(
        "Invalid initial_accumulator_value value: {value}. The sum of squared gradients starts"
        " at this value, which must be zero or more."
    ),
    "optim_invalid_beta": N_(
        "Invalid beta parameter at index {index}: {value}. Each of betas must be at least 0 and"
        " less than 1, e.g. betas=(0.9, 0.999)."
    ),
    # ---------------------------------------------------------------- optim.lr_scheduler
    "scheduler_not_optimizer": N_(
        "{type} is not an Optimizer. Pass the optimizer whose learning rate the schedule changes,"
        " e.g. `lr_scheduler.StepLR(opt, step_size=10)`."
    ),
    "scheduler_initial_lr": N_(
        "param 'initial_lr' is not specified in param_groups[{i}] when resuming scheduler with"
        " last_epoch >= 0. Load the optimizer's saved state_dict before creating the scheduler,"
        " or leave last_epoch at -1 for a fresh training run."
    ),
    "scheduler_step_overridden": N_(
        "Seems like `optimizer.step()` has been overridden after learning rate scheduler"
        " initialization. Please, make sure to call `optimizer.step()` before"
        " `lr_scheduler.step()`."
    ),
    "scheduler_order": N_(
        "Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and"
        " later, you should call them in the opposite order: `optimizer.step()` before"
        " `lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the first"
        " value of the learning rate schedule."
    ),
    "scheduler_epoch": N_(
        "The epoch parameter in `scheduler.step()` was not necessary and is being deprecated"
        " where possible. Please use `scheduler.step()` to step the scheduler. During the"
        " deprecation, if epoch is different from None, the closed form is used instead of the"
        " new chainable form, where available."
    ),
    "scheduler_get_lr": N_(
        "To get the last learning rate computed by the scheduler, please use `get_last_lr()`."
    ),
    "scheduler_lambdas": N_(
        "Expected {n} lr_lambdas, but got {got}. Give one function per parameter group, or one"
        " function for all of them."
    ),
    "plateau_factor": N_(
        "Factor should be < 1.0. The learning rate is multiplied by factor={factor} when the"
        " metric stops improving; e.g. factor=0.1 divides it by 10."
    ),
    "plateau_min_lrs": N_(
        "expected {n} min_lrs, got {got}. Give one min_lr per parameter group, or one number for"
        " all of them."
    ),
    "plateau_groups": N_(
        "The number of param groups in the `optimizer` ({n}) differs from when"
        " `ReduceLROnPlateau` was initialized ({got}), usually due to a new param group being"
        " added to the optimizer. Please modify the `min_lrs` field to match the length of the"
        " `optimizer` param groups."
    ),
    "plateau_mode": N_(
        "mode {mode} is unknown! Use mode='min' for a metric that should fall (a loss) or"
        " mode='max' for one that should rise (an accuracy)."
    ),
    "plateau_threshold_mode": N_(
        "threshold mode {mode} is unknown! Use threshold_mode='rel' (a relative change) or"
        " threshold_mode='abs' (an absolute one)."
    ),
    # ---------------------------------------------------------------- nn: first courses' layers
    "gelu_approximate": N_(
        "approximate argument must be either none or tanh. Got approximate={approximate!r}; use"
        " nn.GELU() for the exact form or nn.GELU(approximate='tanh')."
    ),
    "gelu_dtype": N_(
        "\"GeluKernelImpl\" not implemented for '{dtype}'. GELU works on floating-point tensors:"
        " convert the input first, e.g. `x.float()`."
    ),
    "softplus_dtype": N_(
        "\"softplus_cpu\" not implemented for '{dtype}'. Softplus works on floating-point tensors:"
        " convert the input first, e.g. `x.float()`."
    ),
    "embedding_unsupported": N_(
        "embedding's max_norm, scale_grad_by_freq and sparse options are not supported by"
        " autodiff_tr; leave them at their defaults."
    ),
    "embedding_indices": N_(
        "Expected tensor for argument #1 'indices' to have one of the following scalar types:"
        " Long, Int; but got {type} instead (while checking arguments for embedding). Look rows"
        " up with integer indices, e.g. `ad.tensor([0, 2])` or `x.long()`."
    ),
    "embedding_range": N_(
        "index out of range in self. The embedding has {rows} rows, so every index must be"
        " between 0 and {last}; make num_embeddings larger than the largest index."
    ),
    "embedding_padding": N_(
        "Padding_idx must be within num_embeddings: give a padding_idx between -num_embeddings"
        " and num_embeddings - 1."
    ),
    "embedding_weight_shape": N_(
        "Shape of weight does not match num_embeddings and embedding_dim: _weight must have"
        " shape (num_embeddings, embedding_dim)."
    ),
    "embedding_pretrained_dims": N_(
        "Embeddings parameter is expected to be 2-dimensional: one row per index, e.g. a tensor"
        " of shape (vocabulary size, embedding size)."
    ),
    "layer_norm_shape": N_(
        "Given normalized_shape={shape}, expected input with shape [{star}], but got input of"
        " size{size}. normalized_shape must be the input's last dims (often just its last,"
        " the number of features)."
    ),
    "batch_norm_dims": N_(
        "expected 2D or 3D input (got {dim}D input). BatchNorm1d takes a batch of shape"
        " (N, C) or (N, C, L)."
    ),
    "batch_norm_size": N_(
        "{name} should contain {n} elements not {got}. The input's dim 1 holds the channels:"
        " give BatchNorm1d the number of channels (features) of its input."
    ),
    "batch_norm_one_value": N_(
        "Expected more than 1 value per channel when training, got input size {size}. Train"
        " with batches of two or more samples, or call `model.eval()` to use the running"
        " statistics."
    ),
    "uninitialized_shape": N_(
        "Can't access the shape of an uninitialized parameter or buffer. This error usually"
        " happens in `load_state_dict` when trying to load an uninitialized parameter into an"
        " initialized one. Call `forward` to initialize the parameters before accessing their"
        " attributes."
    ),
    # ---------------------------------------------------------------- autograd.Function
    "function_gradient_count": N_(
        "function {name} returned an incorrect number of gradients (expected {expected}, got"
        " {got}). Return one gradient per argument of `forward`, in order, and None for an"
        " argument that needs none (a number, a flag)."
    ),
    "function_gradient_shape": N_(
        "Function {name} returned an invalid gradient at index {index} - got {got} but expected"
        " shape compatible with {expected}. The gradient for an input must have that input's"
        " shape (or one that broadcasting reduces to it)."
    ),
    "function_gradient_not_none": N_(
        "function {name} returned a gradient different than None at position {position}, but"
        " the corresponding forward input was not a Variable. Return None for an argument of"
        " `forward` that is not a tensor."
    ),
    "function_gradient_type": N_(
        "expected Variable or None (got {type}). `backward` must return tensors (or None), e.g."
        " `grad_output * 2`, not Python numbers or NumPy arrays."
    ),
    "function_no_forward": N_(
        "You must implement the forward function for custom autograd.Function."
    ),
    "function_no_backward": N_(
        "You must implement either the backward or vjp method for your custom autograd.Function"
        " to use it with backward mode AD."
    ),
    "function_no_setup_context": N_(
        "setup_context is not implemented: write `forward(ctx, ...)` with ctx as its first"
        " argument, or both `forward(...)` without ctx and `setup_context(ctx, inputs, output)`."
    ),
    "function_instance": N_(
        "Legacy autograd function with non-static forward method is deprecated. Please use"
        " new-style autograd function with static forward method: call `MyFunction.apply(x)`"
        " on the class, not on an instance."
    ),
    "function_outputs": N_(
        "{name}: forward returned {n} differentiable outputs, but autodiff_tr supports one per"
        " autograd.Function. Mark the others with `ctx.mark_non_differentiable(...)`, or split"
        " the function into one Function per output."
    ),
    "save_for_backward_type": N_(
        "save_for_backward can only save variables, but argument is of type {type}. Save tensors"
        " with `ctx.save_for_backward(...)` and other values as attributes (`ctx.k = k`)."
    ),
    "once_differentiable": N_(
        "trying to differentiate twice a function that was marked with @once_differentiable."
        " Write its backward with tensor operations and remove @once_differentiable to get a"
        " second derivative."
    ),
    # ---------------------------------------------------------------- save and load
    "save_type": N_(
        "ad.save writes tensors, numbers, strings, None, and lists, tuples and dicts of them;"
        " got an object of type {type}. Save its state instead, e.g."
        " `ad.save(model.state_dict(), path)`, and load it into a new object with"
        " `load_state_dict`."
    ),
    "save_dtype": N_(
        "ad.save cannot write a tensor of dtype {dtype}: PyTorch's file format has no storage"
        " type for it. Convert it first, e.g. `t.float()`."
    ),
    "load_weights_only_false": N_(
        "weights_only=False is not supported by autodiff_tr: it would unpickle arbitrary Python"
        " objects, and loading a file could then run any code in it. Load with"
        " weights_only=True (the default), and save state dicts of tensors rather than objects."
    ),
    "load_pickle_module": N_(
        "Can not safely load weights when explicit pickle_module is specified. Leave out"
        " pickle_module: ad.load reads files with its own restricted unpickler."
    ),
    "load_map_location": N_(
        "map_location={location} is not possible: autodiff_tr runs on the CPU only. Leave out"
        ' map_location or pass "cpu"; the same code runs unchanged on a GPU under PyTorch.'
    ),
    "load_device": N_(
        "the file holds a tensor saved on the device {location}, but autodiff_tr runs on the"
        ' CPU only. Load it with `map_location="cpu"`.'
    ),
    "load_not_zip": N_(
        "this is not a file of torch.save or ad.save in PyTorch's zip format (a zip archive"
        " with data.pkl). Files in PyTorch's legacy format cannot be read: load and save them"
        " again with a recent PyTorch."
    ),
    "load_global": N_(
        "Weights only load failed: the file names {name}, which is not allowed. ad.load reads"
        " tensors, numbers, strings, None, and lists, tuples and dicts of them, and never runs"
        " code from a file. Save a state dict (`model.state_dict()`) instead of an object."
    ),
    "load_tensor_bounds": N_(
        "Weights only load failed: a tensor's size, stride or offset reaches outside its stored"
        " values. The file is damaged, or was not written by torch.save or ad.save."
    ),
    # ---------------------------------------------------------------- plots, widgets, graphs
    "plot_not_elementwise": N_(
        "f must work elementwise: f(x) must have the shape of x {expected}, got {got}. Write f"
        " with tensor operations that act on each element (e.g. `ad.sin(x) * x`), not with sums"
        " or reductions."
    ),
    "plot_label_count": N_("got {curves} curves but {labels} labels; give one label per curve"),
    "plot_label_keys": N_("unknown label keys {unknown}; known: {known}"),
    "explorer_function_name": N_(
        "Invalid selection: value not found. {name!r} is not a function of this explorer: choose"
        " one of {names}, or add your own with `functions=`, e.g. `functions=dict(cube=f)`."
    ),
    "explorer_1d_arity": N_(
        "the function {name!r} of a `GradientExplorer` must take one argument, f(x), a tensor of"
        " points: e.g. `lambda x: x**3`."
    ),
    "explorer_2d_arity": N_(
        "the function {name!r} of a `GradientDescentExplorer` must take two arguments, f(x, y),"
        " tensors of the same shape: e.g. `lambda x, y: x**2 + 3 * y**2`."
    ),
    "widget_text_keys": N_("unknown text keys {unknown}; known: {known}"),
    "graph_no_grad": N_(
        "the tensor is not part of a graph: it does not require grad. Draw a tensor computed"
        " from leaves created with `requires_grad=True`."
    ),
}


def message(key, **fields):
    """The text for `key` with `fields` filled in, in the reader's language.

    A translation is followed by the English text on a line of its own, so that the reader can
    search the web for it (and PyTorch's answers turn up); English is shown once.
    """
    template = MESSAGES[key]
    english = template.format(**fields)
    code = language()
    if code == SOURCE_LANGUAGE:
        return english
    try:
        translated = translation(code).gettext(template).format(**fields)
    except (KeyError, IndexError, ValueError):  # a broken catalog must not hide the error itself
        return english
    return english if translated == english else f"{translated}\n{english}"
