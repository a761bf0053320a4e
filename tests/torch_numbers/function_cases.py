"""autograd.Function subclasses written once for both libraries, and the cases that run them.

`define(torch)` builds the classes against `torch` or `autodiff_tr` (bound to the name `torch`);
`record_function.py` runs CASES and ERRORS under PyTorch into function.json, and
tests/test_autograd_function.py runs them here and compares.
"""


def define(torch):
    Function = torch.autograd.Function
    once_differentiable = torch.autograd.function.once_differentiable

    class LegendrePolynomial3(Function):  # PyTorch's "Learning PyTorch with Examples"
        @staticmethod
        def forward(ctx, input):
            ctx.save_for_backward(input)
            return 0.5 * (5 * input**3 - 3 * input)

        @staticmethod
        def backward(ctx, grad_output):
            (input,) = ctx.saved_tensors
            return grad_output * 1.5 * (5 * input**2 - 1)

    class Exp(Function):  # saves its output
        @staticmethod
        def forward(ctx, x):
            result = x.exp()
            ctx.save_for_backward(result)
            return result

        @staticmethod
        def backward(ctx, grad_output):
            (result,) = ctx.saved_tensors
            return grad_output * result

    class Scale(Function):  # a non-tensor argument, kept on ctx
        @staticmethod
        def forward(ctx, x, k):
            ctx.k = k
            ctx.needs = ctx.needs_input_grad
            return x * k

        @staticmethod
        def backward(ctx, grad_output):
            return grad_output * ctx.k, None

    class Cube(Function):  # the newer form: forward without ctx, and setup_context
        @staticmethod
        def forward(x, k=1.0):
            return x**3 * k

        @staticmethod
        def setup_context(ctx, inputs, output):
            x, k = inputs
            ctx.save_for_backward(x)
            ctx.k = k

        @staticmethod
        def backward(ctx, grad_output):
            (x,) = ctx.saved_tensors
            return grad_output * 3 * x**2 * ctx.k, None

    class Mul(Function):  # two inputs, broadcasting: backward returns the output's shape
        @staticmethod
        def forward(ctx, a, b):
            ctx.save_for_backward(a, b)
            return a * b

        @staticmethod
        def backward(ctx, grad_output):
            a, b = ctx.saved_tensors
            return grad_output * b, grad_output * a

    class FirstOnly(Function):  # None as the gradient of an input that requires grad
        @staticmethod
        def forward(ctx, a, b):
            return a * b

        @staticmethod
        def backward(ctx, grad_output):
            return None, grad_output * 2

    class Relu(Function):  # a non-differentiable second output: the mask
        @staticmethod
        def forward(ctx, x):
            mask = (x > 0).double()
            ctx.mark_non_differentiable(mask)
            ctx.save_for_backward(mask)
            return x * mask, mask

        @staticmethod
        def backward(ctx, grad_values, grad_mask):
            (mask,) = ctx.saved_tensors
            ctx.got_none = grad_mask is None
            return grad_values * mask

    class ReluUnmaterialized(Relu):
        @staticmethod
        def forward(ctx, x):
            ctx.set_materialize_grads(False)
            return Relu.forward(ctx, x)

    class AddOne(Function):  # changes its input in place
        @staticmethod
        def forward(ctx, x):
            x.add_(1)
            ctx.mark_dirty(x)
            return x

        @staticmethod
        def backward(ctx, grad_output):
            return grad_output

    class Square(Function):  # a backward that allows no second derivative
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x**2

        @staticmethod
        @once_differentiable
        def backward(ctx, grad_output):
            (x,) = ctx.saved_tensors
            return grad_output * 2 * x

    class Identity(Function):
        @staticmethod
        def forward(ctx, x):
            return x

        @staticmethod
        def backward(ctx, grad_output):
            return grad_output

    class TooFew(Function):
        @staticmethod
        def forward(ctx, a, b):
            return a * b

        @staticmethod
        def backward(ctx, grad_output):
            return grad_output

    class ExtraNones(Function):
        @staticmethod
        def forward(ctx, a):
            return a * 2

        @staticmethod
        def backward(ctx, grad_output):
            return grad_output * 2, None, None

    class WrongShape(Function):
        @staticmethod
        def forward(ctx, a):
            return a.sum()

        @staticmethod
        def backward(ctx, grad_output):
            return torch.ones(2, dtype=torch.float64)

    class ScalarGrad(Function):
        @staticmethod
        def forward(ctx, a):
            return a.sum()

        @staticmethod
        def backward(ctx, grad_output):
            return grad_output

    class GradForNumber(Function):
        @staticmethod
        def forward(ctx, a, k):
            return a * k

        @staticmethod
        def backward(ctx, grad_output):
            return grad_output, torch.ones(1)

    class NumberGrad(Function):
        @staticmethod
        def forward(ctx, a):
            return a * 2

        @staticmethod
        def backward(ctx, grad_output):
            return 2.0

    class NoBackward(Function):
        @staticmethod
        def forward(ctx, a):
            return a * 2

    class NoForward(Function):
        pass

    class SavesSecond(Function):  # saves its second input, a constant
        @staticmethod
        def forward(ctx, x, w):
            ctx.save_for_backward(w)
            return x * w

        @staticmethod
        def backward(ctx, grad_output):
            (w,) = ctx.saved_tensors
            return grad_output * w, None

    return {name: value for name, value in locals().items() if isinstance(value, type)}


X = "torch.tensor([0.5, -1.2, 2.0], dtype=torch.float64, requires_grad=True)"
M = "torch.tensor([[1.0, 2.0, -0.5], [0.3, -1.5, 4.0]], dtype=torch.float64, requires_grad=True)"

# Each case is an expression of tensors (or a tuple of them): `first(f, x)` is the gradient of
# f(x).sum() with create_graph=True, `second(f, x)` the gradient of that gradient's sum.
CASES = [
    f"LegendrePolynomial3.apply({X})",
    f"first(LegendrePolynomial3.apply, {X})",
    f"second(LegendrePolynomial3.apply, {X})",
    "LegendrePolynomial3.apply(torch.tensor([[0.25], [-0.75]]))",
    f"first(Exp.apply, {X})",
    f"second(Exp.apply, {X})",
    f"first(lambda x: Scale.apply(x, 3.0), {X})",
    f"second(lambda x: Scale.apply(x, 3.0) * x, {X})",
    f"first(lambda x: Cube.apply(x, 2.0), {X})",
    f"first(lambda x: Cube.apply(x, k=2.0), {X})",
    f"second(lambda x: Cube.apply(x), {X})",
    f"grads(lambda a, b: Mul.apply(a, b) * a, {M}, {X})",
    f"grads(lambda a, b: Mul.apply(a, b).exp(), {M}, torch.tensor(0.5, dtype=torch.float64,"
    f" requires_grad=True))",
    f"grads(FirstOnly.apply, {X}, {X})",
    f"Relu.apply({X})",
    f"grads(lambda x: Relu.apply(x)[0] * torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64), {X})",
    f"grads(lambda x: ReluUnmaterialized.apply(x)[0].exp(), {X})",
    f"grads(lambda x: AddOne.apply(x * 2) * x, {X})",
    f"first(lambda x: Square.apply(x), {X})",
    f"first(lambda x: Square.apply(x) * x, {X})",
    f"grads(lambda x: Identity.apply(x) * x, {X})",
    f"grads(lambda x: ExtraNones.apply(x), {X})",
    f"grads(lambda x: LegendrePolynomial3.apply(x.float()), {X})",
    "SavesSecond.apply(torch.ones(3), inference_ones())",
    f"grads(lambda x: SavesSecond.apply(x, inference_ones().clone()), {X})",
]

# Each error case is a statement; PyTorch's exception type and the start of its message
ERRORS = [
    f"grads(TooFew.apply, {X}, {X})",
    f"grads(WrongShape.apply, {X})",
    f"grads(ScalarGrad.apply, {X})",
    f"grads(lambda x: GradForNumber.apply(x, 3.0), {X})",
    f"grads(NumberGrad.apply, {X})",
    f"grads(NoBackward.apply, {X})",
    f"NoForward.apply({X})",
    f"second_backward(lambda x: Square.apply(x) * x, {X})",
    f"inplace_after(LegendrePolynomial3.apply, {X})",
    f"inplace_after(Exp.apply, {X})",
    f"AddOne.apply({X})",
    f"twice(LegendrePolynomial3.apply, {X})",
    f"SavesSecond.apply({X}, inference_ones())",
]


def helpers(torch):
    """The helpers the cases call, for either library."""

    def first(f, x):
        y = f(x)
        return torch.autograd.grad(y.sum(), x, create_graph=True)[0]

    def second(f, x):
        g = first(f, x)
        return torch.autograd.grad(g.sum(), x)[0]

    def second_backward(f, x):
        first(f, x).sum().backward()

    def grads(f, *inputs):
        y = f(*inputs)
        y.sum().backward()
        return tuple(t.grad for t in inputs)

    def inplace_after(f, x):
        y = f(x * 1)
        if y.grad_fn.saved_tensors[0] is not y:
            y.grad_fn.saved_tensors[0].mul_(2)  # the saved input (an intermediate)
        else:
            y.mul_(2)
        y.sum().backward()

    def inference_ones():
        with torch.inference_mode():
            return torch.ones(3, dtype=torch.float64)

    def twice(f, x):
        y = f(x).sum()
        y.backward()
        y.backward()

    return {
        "first": first,
        "second": second,
        "second_backward": second_backward,
        "grads": grads,
        "inplace_after": inplace_after,
        "twice": twice,
        "inference_ones": inference_ones,
    }
