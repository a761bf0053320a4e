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
        " operation: the {name} that {node} saved is at version {now}; expected version {saved}"
        " instead. Compute with a copy (`x.clone()`) or do the in-place change"
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
    "numpy_ufunc_requires_grad": N_(
        "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead."
        " NumPy's `np.{numpy}` cannot record a gradient: to differentiate, use autodiff_tr's"
        " `ad.{op}`; for values only, give NumPy `t.detach()`."
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
        "One of the differentiated Tensors appears to not have been used in the graph. Set"
        " allow_unused=True if this is the desired behavior."
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
    "gradcheck_dtype": N_(
        "gradcheck needs float64 inputs that require grad: input {i} has dtype {dtype} and"
        " requires_grad={requires_grad}. Create it with `dtype=ad.float64, requires_grad=True`."
    ),
    "gradcheck_mismatch": N_(
        "Jacobian mismatch for output {out} with respect to input {inp}: the worst element"
        " {index} has analytical {analytical!r} and numerical {numerical!r} (difference {diff:.3g},"
        " tolerance atol={atol} + rtol={rtol}*|numerical|)."
    ),
    "size_args": N_(
        "{fn}() takes sizes as separate integers or one tuple, not both (got {args!r})"
    ),
    "empty_max": N_(
        "{fn}(): Expected reduction dim to be specified for input.numel() == 0. Specify the"
        " reduction dim with the 'dim' argument."
    ),
    "cat_empty": N_("{fn}() expects a non-empty list of Tensors"),
    "cat_shapes": N_(
        "Sizes of tensors must match except in dimension {dim}. Expected size {a} but got size {b}"
        " for tensor number {i} in the list."
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
    "inplace_dtype": N_(
        "result type {got} can't be cast to the desired output type {want}. Convert first (e.g."
        " `x = x.float()`) or use the out-of-place form."
    ),
    "backward_inputs": N_("backward(inputs=...) is not supported; use ad.autograd.grad"),
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
    "seed_type": N_("manual_seed() needs an integer seed, got {type}"),
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
    "functional_not_tensor": N_(
        "The {what} given to {fn} must be either a Tensor or a tuple of Tensors but {where} has"
        " type {type}. Use tensors there, e.g. `ad.tensor(3.0)` instead of `3.0`."
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
    "functional_v_single": N_(
        "The given v should contain a single Tensor, as the function has one {of}."
    ),
    "functional_v_size": N_("{entry}v has invalid size: should be {want} but got {got}."),
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
        " be tuple of ints,but got {type}\". A size counts elements, e.g. `{fn}(2, 3)`; for a"
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
    "module_init_first": N_(
        "cannot assign {what} before Module.__init__() call. Call `super().__init__()` first"
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
    "buffer_assign": N_(
        "cannot assign '{type}' as buffer '{name}' (Tensor or None expected)"
    ),
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
        "While copying the parameter named \"{name}\", expected a Tensor in the state_dict but got"
        " {type}."
    ),
    "softmax_implicit_dim": N_(
        "Implicit dimension choice for {fn} has been deprecated. Change the call to include"
        " dim=X as an argument."
    ),
    "dropout_p": N_("dropout probability has to be between 0 and 1, but got {p}"),
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
        "num_workers option should be non-negative; use num_workers=0 to disable"
        " multiprocessing."
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
    "optim_lr": N_(
        "Invalid learning rate: {value}. The learning rate scales each step of gradient"
        " descent: give a number of 0 or more, usually small, e.g. `lr=0.01`."
    ),
    "optim_momentum": N_(
        "Invalid momentum value: {value}. Give a momentum of 0 or more: `momentum=0` (the"
        " default) turns it off, `momentum=0.9` is common."
    ),
    "optim_weight_decay": N_(
        "Invalid weight_decay value: {value}. Give 0 (the default, no decay) or a small positive"
        " number, e.g. `weight_decay=1e-4`."
    ),
    "optim_eps": N_(
        "Invalid epsilon value: {value}. eps is a small positive number added to the denominator"
        " against a division by zero, e.g. `eps=1e-8` (the default)."
    ),
    "optim_beta": N_(
        "Invalid beta parameter at index {index}: {value}. Both numbers of `betas` must lie in"
        " [0, 1), e.g. `betas=(0.9, 0.999)` (the default)."
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
