using System;
using System.Collections.Generic;

namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// The size of a node written out as a tree (shared subexpressions repeated), as the SymPy strings of
/// <c>OdeModelInfo</c> are. A DAG of linear size can expand exponentially (each local used twice by the next),
/// so the analysis refuses models whose symbolic forms would not fit in a source file.
/// </summary>
internal static class ExpansionSize
{
    /// <summary>Largest tree, in nodes, that one symbolic form may expand to.</summary>
    public const long Limit = 10_000;

    /// <summary>The largest expanded size among <paramref name="roots"/>, saturating a little above <see cref="Limit"/>.</summary>
    public static long Largest(ExprGraph graph, IEnumerable<int> roots)
    {
        long[] sizes = new long[graph.Count];
        for (int id = 0; id < graph.Count; id++)
        {
            Node node = graph[id];
            long size = 1;
            for (int k = 0; k < node.Arity; k++)
            {
                size += sizes[node.Operand(k)];
            }

            sizes[id] = Math.Min(size, Limit + 1);
        }

        long largest = 0;
        foreach (int root in roots)
        {
            largest = Math.Max(largest, sizes[root]);
        }

        return largest;
    }

    /// <summary>Whether every symbolic form of <paramref name="model"/> (right-hand side and Jacobian entries) fits.</summary>
    public static bool Fits(SymbolicModel model)
    {
        var roots = new List<int>(model.RightHandSide);
        roots.AddRange(model.StateJacobian);
        roots.AddRange(model.ParameterJacobian);
        return Largest(model.Graph, roots) <= Limit;
    }
}
