using System;
using System.Globalization;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Emit;

/// <summary>Prints a span index expression (int constants, loop variables, + - *) as C#, e.g. <c>(2 * j) + 1</c>.</summary>
internal static class IndexPrinter
{
    public static string Print(ExprGraph graph, int id, Func<int, string> loopVariableName)
    {
        Node node = graph[id];
        return node.Kind switch
        {
            NodeKind.Constant => ((long)node.Value).ToString(CultureInfo.InvariantCulture),
            NodeKind.LoopVariable => loopVariableName(node.A),
            NodeKind.Add => Operand(graph, node.A, loopVariableName) + " + " + Operand(graph, node.B, loopVariableName),
            NodeKind.Subtract => Operand(graph, node.A, loopVariableName) + " - " + Operand(graph, node.B, loopVariableName),
            NodeKind.Multiply => Operand(graph, node.A, loopVariableName) + " * " + Operand(graph, node.B, loopVariableName),
            _ => throw new InvalidOperationException($"A {node.Kind} node is not an index expression."),
        };
    }

    // Every compound operand is parenthesised, as the house style asks of mixed arithmetic (SA1407).
    private static string Operand(ExprGraph graph, int id, Func<int, string> loopVariableName) =>
        graph[id].IsLeaf ? Print(graph, id, loopVariableName) : "(" + Print(graph, id, loopVariableName) + ")";
}
