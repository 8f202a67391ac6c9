using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Tests.Ir;

/// <summary>
/// Span elements of a program with kept loops (<see cref="NodeKind.Element"/>, <see cref="NodeKind.StateElement"/>,
/// <see cref="NodeKind.ArrayElement"/>) are reads of their own for the differentiator: their derivative is 0 even when
/// their index operand is the variable (the loop path differentiates by read, not through the index).
/// </summary>
public sealed class DifferentiatorElementTests
{
    [Theory]
    [InlineData(NodeKind.Element)]
    [InlineData(NodeKind.StateElement)]
    [InlineData(NodeKind.ArrayElement)]
    internal void Derive_SpanElement_IsZero(NodeKind kind)
    {
        var simplifier = new Simplifier(new ExprGraph());
        int variable = simplifier.Leaf(NodeKind.State, 0);
        int element = simplifier.Graph.Intern(new Node(kind, variable, 0, 0, 0));

        int derivative = new Differentiator(simplifier, variable).Derive(element);

        Assert.True(simplifier.Graph.IsConstant(derivative, 0.0));
    }
}
