using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Tests.Ir;

/// <summary>
/// <see cref="ExpansionSize.Fits"/> at its boundary: a right-hand side whose written-out tree has exactly
/// <see cref="ExpansionSize.Limit"/> nodes fits (the limit is inclusive), one node more does not. The forms are built
/// from the time leaf only, so both Jacobians are the constant 0 (one node) and the right-hand side alone decides.
/// </summary>
public sealed class ExpansionSizeLimitTests
{
    [Theory]
    [InlineData(ExpansionSize.Limit, true)]
    [InlineData(ExpansionSize.Limit + 1, false)]
    [InlineData(ExpansionSize.Limit - 1, true)]
    public void Fits_RightHandSideOfGivenTreeSize_FitsUpToTheLimitInclusive(long size, bool fits)
    {
        var simplifier = new Simplifier(new ExprGraph());
        int f = TreeOfSize(simplifier.Graph, size);

        SymbolicModel model = SymbolicModel.Differentiate(simplifier, [f], parameterCount: 0);

        // The tree size is exact by construction (see TreeOfSize); the derivative of a time-only form is 0.
        Assert.Equal(size, ExpansionSize.Largest(model.Graph, model.RightHandSide));
        Assert.True(model.Graph.IsConstant(model.StateJacobian[0], 0.0));
        Assert.Equal(fits, ExpansionSize.Fits(model));
    }

    // A DAG whose tree has exactly `size` nodes, of depth about 2·log₂(size): −(tree of size − 1) adds one node, and
    // u·u over a tree u of size s has 2s + 1 (the shared operand is written out twice).
    private static int TreeOfSize(ExprGraph graph, long size)
    {
        if (size == 1)
        {
            return graph.Intern(Node.Leaf(NodeKind.Time, 0));
        }

        if (size % 2 == 0)
        {
            return graph.Intern(Node.Unary(NodeKind.Negate, TreeOfSize(graph, size - 1)));
        }

        int half = TreeOfSize(graph, (size - 1) / 2);
        return graph.Intern(Node.Binary(NodeKind.Multiply, half, half));
    }
}
