using System.Collections.Generic;

namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// Turns the user's body as parsed (a raw graph with locals) into simplified, local-free expressions in a
/// <see cref="Simplifier"/>'s graph: each local is inlined (as a shared node, so nothing is recomputed).
/// </summary>
internal static class Lowering
{
    /// <summary>Lowers <paramref name="body"/> and returns the ids of its outputs in <paramref name="target"/>.</summary>
    public static int[] Lower(BodyIr body, Simplifier target)
    {
        var source = new ExprGraph(body.Nodes);
        int[] map = new int[source.Count];
        for (int id = 0; id < source.Count; id++)
        {
            Node node = source[id];
            map[id] = node.Kind switch
            {
                NodeKind.Constant => target.Constant(node.Value),
                // A local's initialiser was parsed before any use of the local, so it has a lower id.
                NodeKind.Local => map[body.Locals[node.A].Value],
                _ when node.IsLeaf => target.Graph.Intern(node),
                _ => target.Make(node, map[node.A], node.Arity > 1 ? map[node.B] : 0, node.Arity > 2 ? map[node.C] : 0),
            };
        }

        int[] outputs = new int[body.Outputs.Count];
        for (int i = 0; i < outputs.Length; i++)
        {
            outputs[i] = map[body.Outputs[i]];
        }

        return outputs;
    }

    /// <summary>The leaves of <paramref name="graph"/> the given roots depend on, in id order.</summary>
    public static List<int> ReachableLeaves(ExprGraph graph, IEnumerable<int> roots)
    {
        var reached = new bool[graph.Count];
        var stack = new Stack<int>(roots);
        while (stack.Count > 0)
        {
            int id = stack.Pop();
            if (reached[id])
            {
                continue;
            }

            reached[id] = true;
            Node node = graph[id];
            for (int k = 0; k < node.Arity; k++)
            {
                stack.Push(node.Operand(k));
            }
        }

        var leaves = new List<int>();
        for (int id = 0; id < graph.Count; id++)
        {
            if (reached[id] && graph[id].IsLeaf)
            {
                leaves.Add(id);
            }
        }

        return leaves;
    }
}
