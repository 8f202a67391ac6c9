using System;
using System.Collections.Generic;
using System.Globalization;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Emit;

/// <summary>
/// Writes the body of one lane member (<c>EvaluateLanes</c>, <c>VectorJacobianProductLanes</c>,
/// <c>JacobianVectorProductLanes</c>): the lane twin of <see cref="SymbolicBodyWriter"/>. It broadcasts the shared
/// parameters, the time, the parameter tangent and every constant once for the whole block and computes there what
/// depends on nothing else, then loops over the block's vectors: reads the state (and per-sample seed) vectors into
/// named locals, hoists the nodes the scalar body hoists, and assigns the outputs, each printed
/// by <see cref="VectorPrinter"/> from the same node as the scalar body prints it.
/// </summary>
internal sealed class LaneBodyWriter
{
    private static readonly string[] SmallIntegerNames =
    {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    };

    private readonly ExprGraph _graph;
    private readonly Func<Node, string> _leafName;
    private readonly Func<Node, string> _leafSource;

    /// <param name="graph">The graph of the outputs.</param>
    /// <param name="leafName">
    /// The local a state, parameter or time leaf is held in (the user's name); for a seed, its scalar element
    /// (<c>cotangent[0]</c>), from which the seed's local is named.
    /// </param>
    /// <param name="leafSource">
    /// The vector expression a leaf is read from: a block element <c>state[count + k]</c>, a broadcast
    /// <c>Vector256.Create(parameters[0])</c>, or for a seed its block element <c>cotangent[count + k]</c>.
    /// </param>
    public LaneBodyWriter(ExprGraph graph, Func<Node, string> leafName, Func<Node, string> leafSource)
    {
        _graph = graph;
        _leafName = leafName;
        _leafSource = leafSource;
    }

    /// <summary>The model's functions with hand-written derivatives, which <see cref="NodeKind.CustomCall"/> nodes index.</summary>
    public EquatableArray<CustomFunction> CustomFunctions { get; init; } = EquatableArray<CustomFunction>.Empty;

    /// <summary>Whether every node the outputs reach has a lane form.</summary>
    public static bool Supports(ExprGraph graph, IEnumerable<int> outputs)
    {
        bool[] reached = new bool[graph.Count];
        var pending = new Stack<int>(outputs);
        while (pending.Count > 0)
        {
            int id = pending.Pop();
            if (reached[id])
            {
                continue;
            }

            reached[id] = true;
            Node node = graph[id];
            if (!VectorPrinter.Supports(node.Kind))
            {
                return false;
            }

            for (int k = 0; k < node.Arity; k++)
            {
                pending.Push(node.Operand(k));
            }
        }

        return true;
    }

    /// <summary>
    /// Writes the broadcasts and the temporaries that depend on them alone, then the loop
    /// <c>for (int {index} = 0; {index} &lt; {count}; {index}++)</c> around everything that depends on a state or a seed.
    /// </summary>
    /// <param name="writer">The writer, positioned inside the method after its argument checks.</param>
    /// <param name="identifiers">The method's names; temporaries, seeds and constants are introduced into it.</param>
    /// <param name="outputs">The block elements to assign (<c>derivative[count + k]</c>) and the nodes they take.</param>
    /// <param name="count">The local holding the number of vectors per component.</param>
    /// <param name="index">The loop variable: the vector of the block being computed.</param>
    public void Write(CodeWriter writer, Identifiers identifiers, IReadOnlyList<(string Target, int Id)> outputs, string count, string index)
    {
        int nodeCount = _graph.Count;
        (int[] uses, bool[] reached) = UseCounts.Of(_graph, outputs);

        // Leaves in declaration order: the states are read per vector inside the loop; the parameters and the time
        // are shared by the block and broadcast once before it, as the constants are.
        var invariants = new List<string>();
        var declarations = new List<string>();
        var reads = new List<Node>();
        for (int id = 0; id < nodeCount; id++)
        {
            Node node = _graph[id];
            if (reached[id] && node.Kind is NodeKind.State or NodeKind.Parameter or NodeKind.Time)
            {
                reads.Add(node);
            }
        }

        reads.Sort(static (x, y) => x.Kind != y.Kind ? x.Kind.CompareTo(y.Kind) : x.A.CompareTo(y.A));
        foreach (Node read in reads)
        {
            (read.Kind == NodeKind.State ? declarations : invariants).Add($"{VectorPrinter.VectorType} {_leafName(read)} = {_leafSource(read)};");
        }

        // Seed vectors in locals, as the scalar body does: an output span may alias an input span. A parameter tangent
        // is shared by the block (like the parameters) and broadcast once before the loop.
        var seedLocals = new Dictionary<int, string>();
        for (int id = 0; id < nodeCount; id++)
        {
            Node node = _graph[id];
            if (reached[id] && node.Kind == NodeKind.Seed)
            {
                string local = identifiers.Introduce(_leafName(node).Replace("[", string.Empty).Replace("]", string.Empty));
                (IsSharedSeed(node) ? invariants : declarations).Add($"{VectorPrinter.VectorType} {local} = {_leafSource(node)};");
                seedLocals[id] = local;
            }
        }

        // Constants are broadcast once, in order of first use; the printer asks for them while the lines are built.
        var constants = new LaneConstants(identifiers);
        string?[] hoisted = new string?[nodeCount];
        int current = -1;
        var printer = new VectorPrinter(
            _graph,
            id => id != current && hoisted[id] is { } name ? name : AtomName(_graph, _leafName, id, seedLocals),
            constants.Name)
        {
            CustomFunctions = CustomFunctions,
        };

        (bool[] varies, bool[] readInLoop) = Variation(_graph, reached, outputs);

        // Hoisted exactly where the scalar body hoists (the same use counts), so the two bodies read alike.
        // The block's temporaries first (they read only each other), numbered before the loop's.
        var invariantTemporaries = new List<string>();
        var temporaries = new List<string>();
        int temporaryCount = 0;
        foreach (bool inLoop in new[] { false, true })
        {
            for (int id = 0; id < nodeCount; id++)
            {
                Node node = _graph[id];
                if (!IsHoisted(node, uses[id], reached[id], varies[id], readInLoop[id], inLoop))
                {
                    continue;
                }

                current = id;
                string name = identifiers.Introduce("s" + temporaryCount.ToString(CultureInfo.InvariantCulture));
                temporaryCount++;
                (inLoop ? temporaries : invariantTemporaries).Add($"{VectorPrinter.VectorType} {name} = {printer.Print(id)};");
                hoisted[id] = name;
            }
        }

        current = -1;
        var assignments = new List<string>(outputs.Count);
        foreach ((string target, int id) in outputs)
        {
            assignments.Add($"{target} = {printer.Print(id)};");
        }

        invariants.AddRange(constants.Declarations);
        WriteBlock(writer, invariants);
        WriteBlock(writer, invariantTemporaries);
        writer.Line($"for (int {index} = 0; {index} < {count}; {index}++)");
        writer.Open();
        WriteBlock(writer, declarations);
        WriteBlock(writer, temporaries);
        foreach (string assignment in assignments)
        {
            writer.Line(assignment);
        }

        writer.Close();
    }

    /// <summary>
    /// Which reached nodes vary from vector to vector (they reach a state or a per-sample seed, or with
    /// <paramref name="timeVaries"/> the time), and which are read inside the loop (an operand of a varying node, or an
    /// output). The others — functions of the parameters, the time and constants only, such as sin(t) — are computed
    /// once per block, before the loop. Ids are topological, so operands are settled before their users.
    /// </summary>
    internal static (bool[] Varies, bool[] ReadInLoop) Variation(
        ExprGraph graph, bool[] reached, IReadOnlyList<(string Target, int Id)> outputs, bool timeVaries = false)
    {
        int nodeCount = graph.Count;
        bool[] varies = new bool[nodeCount];
        bool[] readInLoop = new bool[nodeCount];
        for (int id = 0; id < nodeCount; id++)
        {
            Node node = graph[id];
            if (!reached[id])
            {
                continue;
            }

            varies[id] = node.Kind == NodeKind.State || (node.Kind == NodeKind.Seed && !IsSharedSeed(node)) || (timeVaries && node.Kind == NodeKind.Time);
            for (int k = 0; k < node.Arity; k++)
            {
                varies[id] |= varies[node.Operand(k)];
            }

            if (varies[id])
            {
                for (int k = 0; k < node.Arity; k++)
                {
                    readInLoop[node.Operand(k)] = true;
                }
            }
        }

        foreach ((string _, int id) in outputs)
        {
            readInLoop[id] = true;
        }

        return (varies, readInLoop);
    }

    /// <summary>Whether a seed is one value for the whole block: the parameter tangent, shared as the parameters are.</summary>
    internal static bool IsSharedSeed(Node node) => node.Kind == NodeKind.Seed && (SeedVector)node.A == SeedVector.ParameterTangent;

    /// <summary>
    /// Whether a node gets a temporary of its own in the loop (<paramref name="inLoop"/>) or before it: exactly where the
    /// scalar body hoists (used twice, by the same use counts), and every invariant the loop reads.
    /// </summary>
    internal static bool IsHoisted(Node node, int uses, bool reached, bool varies, bool readInLoop, bool inLoop) =>
        reached && !node.IsLeaf && varies == inLoop && (uses >= 2 || (!inLoop && readInLoop));

    /// <summary>Writes the lines, then an empty line when there were any.</summary>
    internal static void WriteBlock(CodeWriter writer, List<string> lines)
    {
        foreach (string line in lines)
        {
            writer.Line(line);
        }

        if (lines.Count > 0)
        {
            writer.Line();
        }
    }

    /// <summary>A readable name for the common constants (<c>two</c>, <c>minusOne</c>, <c>half</c>), else null.</summary>
    internal static string? PreferredConstantName(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "positiveInfinity" : "negativeInfinity";
        }

        if (value == 0.0 && BitConverter.DoubleToInt64Bits(value) < 0)
        {
            return "negativeZero";
        }

        double magnitude = Math.Abs(value);
        string? name = magnitude == 0.5 ? "half"
            : Math.Floor(magnitude) == magnitude && magnitude < SmallIntegerNames.Length ? SmallIntegerNames[(int)magnitude]
            : null;
        if (name is null || value >= 0.0)
        {
            return name;
        }

        return "minus" + char.ToUpperInvariant(name[0]) + name.Substring(1);
    }

    /// <summary>
    /// The name a printer uses for node <paramref name="id"/> when it is not hoisted: a seed's local, a leaf's local, or
    /// null (print the node).
    /// </summary>
    internal static string? AtomName(ExprGraph graph, Func<Node, string> leafName, int id, Dictionary<int, string> seedLocals)
    {
        Node node = graph[id];
        if (seedLocals.TryGetValue(id, out string? local))
        {
            return local;
        }

        return node.IsLeaf && node.Kind is not NodeKind.Constant and not NodeKind.BoolConstant ? leafName(node) : null;
    }
}
