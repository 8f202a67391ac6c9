using System;
using System.Collections.Generic;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Emit;

/// <summary>
/// Writes the body of one symbolic method: read the state and parameter values it needs into named locals, hoist
/// every node used more than once into a temporary (in id order, which is topological), then assign the outputs.
/// </summary>
internal sealed class SymbolicBodyWriter
{
    private readonly ExprGraph _graph;
    private readonly Func<Node, string> _leafName;
    private readonly Func<Node, string> _leafSource;
    private readonly Dictionary<int, string> _seedLocals = new();

    /// <param name="graph">The graph of the outputs.</param>
    /// <param name="leafName">The C# expression for a leaf (a user name, or <c>cotangent[0]</c> for a seed).</param>
    /// <param name="leafSource">For states and parameters, the span element they are read from (<c>state[0]</c>).</param>
    public SymbolicBodyWriter(ExprGraph graph, Func<Node, string> leafName, Func<Node, string> leafSource)
    {
        _graph = graph;
        _leafName = leafName;
        _leafSource = leafSource;
    }

    /// <summary>The model's functions with hand-written derivatives, which <see cref="NodeKind.CustomCall"/> nodes index.</summary>
    public EquatableArray<CustomFunction> CustomFunctions { get; init; } = EquatableArray<CustomFunction>.Empty;

    public void Write(CodeWriter writer, Identifiers identifiers, IReadOnlyList<(string Target, int Id)> outputs)
    {
        int count = _graph.Count;
        (int[] uses, bool[] reached) = UseCounts.Of(_graph, outputs);

        // Values read from the input spans, states before parameters, each in declaration order.
        var reads = new List<Node>();
        for (int id = 0; id < count; id++)
        {
            Node node = _graph[id];
            if (reached[id] && node.Kind is NodeKind.State or NodeKind.Parameter)
            {
                reads.Add(node);
            }
        }

        reads.Sort(static (x, y) => x.Kind != y.Kind ? x.Kind.CompareTo(y.Kind) : x.A.CompareTo(y.A));
        foreach (Node read in reads)
        {
            writer.Line($"double {_leafName(read)} = {_leafSource(read)};");
        }

        // Seed elements (cotangent, tangents) too: an output span may alias an input span, so the JIT re-reads an
        // element after every store unless it is held in a local.
        _seedLocals.Clear();
        for (int id = 0; id < count; id++)
        {
            Node node = _graph[id];
            if (reached[id] && node.Kind == NodeKind.Seed)
            {
                string source = _leafName(node);
                string local = identifiers.Introduce(source.Replace("[", string.Empty).Replace("]", string.Empty));
                writer.Line($"double {local} = {source};");
                _seedLocals[id] = local;
                reads.Add(node);
            }
        }

        string?[] hoisted = new string?[count];
        int current = -1;
        var printer = new CSharpPrinter(_graph, id => id != current && hoisted[id] is { } name ? name : LeafName(id))
        {
            CustomFunctions = CustomFunctions,
        };
        int temporaries = 0;
        for (int id = 0; id < count; id++)
        {
            Node node = _graph[id];
            if (!reached[id] || node.IsLeaf || uses[id] < 2)
            {
                continue;
            }

            if (temporaries == 0 && reads.Count > 0)
            {
                writer.Line();
            }

            current = id;
            string name = identifiers.Introduce("s" + temporaries.ToString(System.Globalization.CultureInfo.InvariantCulture));
            temporaries++;
            LineWrapper.Write(writer, $"{(node.IsBoolean ? "bool" : "double")} {name} = {printer.Print(id)};");
            hoisted[id] = name;
        }

        current = -1;
        if (reads.Count > 0 || temporaries > 0)
        {
            writer.Line();
        }

        foreach ((string target, int id) in outputs)
        {
            LineWrapper.Write(writer, $"{target} = {printer.Print(id)};");
        }
    }

    private string? LeafName(int id)
    {
        Node node = _graph[id];
        if (_seedLocals.TryGetValue(id, out string? local))
        {
            return local;
        }

        return node.IsLeaf && node.Kind is not NodeKind.Constant and not NodeKind.BoolConstant ? _leafName(node) : null;
    }
}
