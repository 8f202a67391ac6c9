using System;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Tests.Ir;

/// <summary>
/// The IR's internal errors: inputs the parser never produces, so no model reaches them, but whose messages are what a
/// NODE999 report would carry. Each must be the documented exception and name what was wrong.
/// </summary>
public sealed class IrInternalErrorTests
{
    [Fact]
    public void Make_LeafKind_ThrowsNamingTheKind()
    {
        var simplifier = new Simplifier(new ExprGraph());

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => simplifier.Make(NodeKind.State, 0));
        Assert.Equal("kind", error.ParamName);
        Assert.Contains("Not an operation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Derive_BooleanNode_ThrowsNamingItsKind()
    {
        // A Not node only ever appears as a condition, which is never differentiated itself.
        var simplifier = new Simplifier(new ExprGraph());
        int x = simplifier.Leaf(NodeKind.State, 0);
        int not = simplifier.Graph.Intern(Node.Unary(NodeKind.Not, simplifier.Bool(true)));

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => new Differentiator(simplifier, x).Derive(not));
        Assert.Equal("Cannot differentiate a Not node.", error.Message);
    }

    [Fact]
    public void Derive_PartialOfACustomFunction_ThrowsAskingForASecondDerivative()
    {
        var simplifier = new Simplifier(new ExprGraph());
        int x = simplifier.Leaf(NodeKind.State, 0);
        int partial = simplifier.Custom(CustomCall.Encode(0, 1, 1), x);

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => new Differentiator(simplifier, x).Derive(partial));
        Assert.Contains("second derivative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Named_UnknownFunction_ThrowsNamingIt()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => Functions.Named("Frobnicate"));

        Assert.Equal("name", error.ParamName);
        Assert.Contains("'Frobnicate'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unroll_DivisionInAnIndex_ThrowsNamingTheNodeKind()
    {
        // for (j < 1) s += w[j / 1];  — the parser only admits + - * in an index; unrolling says which kind it met.
        var graph = new ExprGraph();
        int j = graph.Intern(Node.Leaf(NodeKind.LoopVariable, 0));
        int one = graph.Constant(1.0);
        int quotient = graph.Intern(Node.Binary(NodeKind.Divide, j, one));
        int element = graph.Intern(new Node(NodeKind.Element, quotient, 0, 0, 0));
        int s = graph.Intern(Node.Leaf(NodeKind.Local, 0));
        var program = new BodyProgram(
            graph.ToArray(),
            new EquatableArray<string>(["s"]),
            new EquatableArray<string>(["j"]),
            new EquatableArray<Statement>([
                new Statement(StatementKind.Declare, 0, one),
                Statement.LoopStart(0, 0, 1, 1),
                new Statement(StatementKind.AddAssign, 0, element),
                Statement.LoopEnd(),
            ]),
            new EquatableArray<int>([s]));
        var blocks = new EquatableArray<ParameterBlock>([new ParameterBlock("w", 0, 2, IsSpan: true)]);

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => Unrolling.Unroll(program, blocks, 100, out _));
        Assert.Equal("A Divide node is not an index expression.", error.Message);
    }
}
