using System.Collections.Generic;
using NeuralOdeGen.Generator.Ir;
using NeuralOdeGen.Generator.Model;

namespace NeuralOdeGen.Generator.Emit;

/// <summary>
/// Writes <c>EvaluateDual</c>'s body: the user's own statements (locals, conditionals, calls) re-emitted over
/// <c>global::NeuralOdeGen.Dual</c>, straight from the parsed body and independent of the symbolic derivatives.
/// Values that do not depend on the state or parameters stay <c>double</c>.
/// </summary>
internal static class DualBodyWriter
{
    private const string DualType = "global::NeuralOdeGen.Dual";

    public static void Write(CodeWriter writer, ModelSpec model, string stateSpan, string parameterSpan, string timeName, string outputSpan)
    {
        BodyIr body = model.Body;
        var graph = new ExprGraph(body.Nodes);
        int count = graph.Count;

        // Which nodes carry a tangent: those that depend on a state or parameter. Comparisons are bool.
        bool[] isDual = new bool[count];
        for (int id = 0; id < count; id++)
        {
            Node node = graph[id];
            isDual[id] = node.Kind switch
            {
                NodeKind.State or NodeKind.Parameter => true,
                NodeKind.Local => isDual[body.Locals[node.A].Value],
                NodeKind.Conditional => isDual[node.B] || isDual[node.C],
                _ when node.IsLeaf || node.IsBoolean => false,
                _ => isDual[node.A] || (node.Arity > 1 && isDual[node.B]),
            };
        }

        // Reachability from the outputs through locals, so unused locals and inputs are not emitted.
        bool[] reached = new bool[count];
        bool[] localUsed = new bool[body.Locals.Count];
        var stack = new Stack<int>(body.Outputs);
        while (stack.Count > 0)
        {
            int id = stack.Pop();
            if (reached[id])
            {
                continue;
            }

            reached[id] = true;
            Node node = graph[id];
            if (node.Kind == NodeKind.Local)
            {
                localUsed[node.A] = true;
                stack.Push(body.Locals[node.A].Value);
            }

            for (int k = 0; k < node.Arity; k++)
            {
                stack.Push(node.Operand(k));
            }
        }

        var reads = new List<Node>();
        for (int id = 0; id < count; id++)
        {
            if (reached[id] && graph[id].Kind is NodeKind.State or NodeKind.Parameter)
            {
                reads.Add(graph[id]);
            }
        }

        reads.Sort(static (x, y) => x.Kind != y.Kind ? x.Kind.CompareTo(y.Kind) : x.A.CompareTo(y.A));
        foreach (Node read in reads)
        {
            string span = read.Kind == NodeKind.State ? stateSpan : parameterSpan;
            string name = read.Kind == NodeKind.State ? model.States[read.A] : model.Parameters[read.A];
            writer.Line($"{DualType} {Identifiers.Escape(name)} = {span}[{read.A}];");
        }

        var printer = new CSharpPrinter(
            graph,
            id =>
            {
                Node node = graph[id];
                return node.Kind switch
                {
                    NodeKind.State => Identifiers.Escape(model.States[node.A]),
                    NodeKind.Parameter => Identifiers.Escape(model.Parameters[node.A]),
                    NodeKind.Time => timeName,
                    NodeKind.Local => Identifiers.Escape(body.Locals[node.A].Name),
                    _ => null,
                };
            },
            isDual);

        bool anyLocal = false;
        for (int i = 0; i < body.Locals.Count; i++)
        {
            if (!localUsed[i])
            {
                continue;
            }

            if (!anyLocal && reads.Count > 0)
            {
                writer.Line();
            }

            anyLocal = true;
            LocalDeclaration local = body.Locals[i];
            writer.Line($"{(isDual[local.Value] ? DualType : "double")} {Identifiers.Escape(local.Name)} = {printer.Print(local.Value)};");
        }

        if (reads.Count > 0 || anyLocal)
        {
            writer.Line();
        }

        for (int i = 0; i < body.Outputs.Count; i++)
        {
            writer.Line($"{outputSpan}[{i}] = {printer.Print(body.Outputs[i])};");
        }
    }
}
