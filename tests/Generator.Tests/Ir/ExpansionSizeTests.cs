using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Tests.Ir;

public sealed class ExpansionSizeTests
{
    [Fact]
    public void Largest_SharedChain_CountsTheWrittenOutTree()
    {
        // a_{k+1} = a_k * a_k + a_k has tree size s_{k+1} = 2 s_k + s_k + 2 = 3 s_k + 2, s_0 = 1.
        var graph = new ExprGraph();
        int a = graph.Intern(Node.Leaf(NodeKind.State, 0));
        long expected = 1;
        for (int k = 0; k < 5; k++)
        {
            a = graph.Intern(Node.Binary(NodeKind.Add, graph.Intern(Node.Binary(NodeKind.Multiply, a, a)), a));
            expected = (3 * expected) + 2;
        }

        Assert.Equal(expected, ExpansionSize.Largest(graph, new[] { a }));
        Assert.True(graph.Count < 12, "the DAG itself stays linear");
    }

    [Fact]
    public void Largest_BeyondTheLimit_Saturates()
    {
        var graph = new ExprGraph();
        int a = graph.Intern(Node.Leaf(NodeKind.State, 0));
        for (int k = 0; k < 40; k++)
        {
            a = graph.Intern(Node.Binary(NodeKind.Multiply, a, a));
        }

        Assert.Equal(ExpansionSize.Limit + 1, ExpansionSize.Largest(graph, new[] { a }));
    }
}
