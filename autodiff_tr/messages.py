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
        " tensor of shape {shape}; reduce it to a scalar first, e.g. `y.sum().backward()`, or pass"
        " `gradient=` a tensor of shape {shape}, e.g. `y.backward(gradient=ad.ones_like(y))`."
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
    "mm_shape": N_("mat1 and mat2 shapes cannot be multiplied ({a} and {b})"),
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
    "copy_non_leaf": N_(
        "Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol"
        " at the moment. Copy `t.detach()` (or `t.detach().clone()`) instead."
    ),
    "len_0d": N_("len() of a 0-d tensor"),
    "iter_0d": N_("iteration over a 0-d tensor"),
    "invalid_data_type": N_("new(): invalid data type '{type}'"),
    "infer_dtype": N_("Could not infer dtype of {type}"),
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
    "elementwise_extreme": N_(
        "{fn}(input, other) (elementwise) is not supported by autodiff_tr; use"
        " ad.where(a {compare} b, a, b)"
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
    "unexpected_kwarg": N_("{fn}() got an unexpected keyword argument '{name}'"),
    "plot_not_elementwise": N_(
        "f must work elementwise: f(x) must have the shape of x {expected}, got {got}. Write f"
        " with tensor operations that act on each element (e.g. `ad.sin(x) * x`), not with sums"
        " or reductions."
    ),
    "plot_label_count": N_("got {curves} curves but {labels} labels; give one label per curve"),
    "plot_label_keys": N_("unknown label keys {unknown}; known: {known}"),
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
