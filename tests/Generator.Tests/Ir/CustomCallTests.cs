using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Tests.Ir;

/// <summary>
/// Custom calls (<c>[DerivativeOf]</c> functions) inside the IR: the C# text of a partial derivative, a three-argument
/// node keeping all its operands, and the derivative of a call as the sum of the partials of the arguments that depend
/// on the variable. The generator's tests reach these through whole models only.
/// </summary>
public sealed class CustomCallTests
{
    [Fact]
    public void PartialCall_OneArgument_IsTheDerivativeMethodItself()
    {
        var function = new CustomFunction("Softplus", "global::A.Softplus", "global::A.SoftplusDerivative", 1, "user_Softplus");

        Assert.Equal("global::A.SoftplusDerivative(x)", function.PartialCall("x", 0));
    }

    [Fact]
    public void PartialCall_TwoArguments_IsTheTuplesItem()
    {
        var function = new CustomFunction("G", "global::A.G", "global::A.GDerivative", 2, "user_G");

        Assert.Equal("global::A.GDerivative(x, y).Item1", function.PartialCall("x, y", 0));
        Assert.Equal("global::A.GDerivative(x, y).Item2", function.PartialCall("x, y", 1));
    }

    [Fact]
    public void Custom_ThreeArguments_KeepsEveryOperand()
    {
        Node node = Node.Custom(2, 0, 3, 4, 7, 9);

        Assert.Equal((4, 7, 9), (node.A, node.B, node.C));
        Assert.Equal(3, node.Arity);
    }

    [Fact]
    public void Derive_CallWithOneDependentArgument_IsThatArgumentsPartial()
    {
        // d/dx G(x, a) = ∂G/∂a₁(x, a) · 1: the second argument does not depend on x and is skipped.
        var simplifier = new Simplifier(new ExprGraph());
        int x = simplifier.Leaf(NodeKind.State, 0);
        int a = simplifier.Leaf(NodeKind.Parameter, 0);
        int call = simplifier.Custom(CustomCall.Encode(0, 0, 2), x, a);

        int derivative = new Differentiator(simplifier, x).Derive(call);

        Assert.Equal(simplifier.Custom(CustomCall.Encode(0, 1, 2), x, a), derivative);
    }

    [Fact]
    public void Derive_CallWithBothArgumentsDependent_SumsBothPartials()
    {
        // d/dx G(x, 3x) = ∂G/∂a₁ · 1 + ∂G/∂a₂ · 3, built as 0 + p₁ then + p₂·3 by the simplifier.
        var simplifier = new Simplifier(new ExprGraph());
        int x = simplifier.Leaf(NodeKind.State, 0);
        int threeX = simplifier.Multiply(simplifier.Constant(3.0), x);
        int call = simplifier.Custom(CustomCall.Encode(1, 0, 2), x, threeX);

        int derivative = new Differentiator(simplifier, x).Derive(call);

        int first = simplifier.Custom(CustomCall.Encode(1, 1, 2), x, threeX);
        int second = simplifier.Custom(CustomCall.Encode(1, 2, 2), x, threeX);
        int expected = simplifier.Add(simplifier.Add(simplifier.Zero, simplifier.Multiply(first, simplifier.One)), simplifier.Multiply(second, simplifier.Constant(3.0)));
        Assert.Equal(expected, derivative);
    }
}
