using System.Collections.Generic;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Emit;

/// <summary>
/// How often each node of a graph is used by a method's outputs, counted as the printers print the nodes (an operand a
/// printer writes twice counts twice). Both body writers hoist every node used twice by these counts: one definition,
/// so a lane body hoists exactly what the scalar body hoists — part of what keeps the two bit-identical.
/// </summary>
internal static class UseCounts
{
    /// <summary>Counts the uses from <paramref name="outputs"/> and marks every node they reach.</summary>
    public static (int[] Uses, bool[] Reached) Of(ExprGraph graph, IReadOnlyList<(string Target, int Id)> outputs)
    {
        int[] uses = new int[graph.Count];
        bool[] reached = new bool[graph.Count];
        foreach ((string _, int id) in outputs)
        {
            uses[id]++;
            Visit(graph, id, uses, reached);
        }

        return (uses, reached);
    }

    private static void Visit(ExprGraph graph, int id, int[] uses, bool[] reached)
    {
        if (reached[id])
        {
            return;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        reached[id] = true;
        Node node = graph[id];
        for (int k = 0; k < node.Arity; k++)
        {
            int operand = node.Operand(k);
            uses[operand] += CSharpPrinter.OperandMultiplicity(graph, node, k);
            Visit(graph, operand, uses, reached);
        }
    }
}
