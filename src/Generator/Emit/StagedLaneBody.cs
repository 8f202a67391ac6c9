using System;
using System.Collections.Generic;
using System.Globalization;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Emit;

/// <summary>
/// The lane body printed several times inside one loop over a block's vectors, as a fused Runge–Kutta kernel needs
/// it: once per stage, each time reading the state and seed leaves from that stage's locals and declaring the outputs
/// as new locals. What depends on no state or seed — the parameters' broadcasts, the constants and the temporaries
/// built from them alone — is declared once, before the loops, and shared by every stage. Every node is printed by
/// <see cref="VectorPrinter"/> as the lane members print it, so a stage computes what they compute, bit for bit.
/// </summary>
internal sealed class StagedLaneBody
{
    private readonly ExprGraph _graph;
    private readonly IReadOnlyList<(string Target, int Id)> _outputs;
    private readonly Identifiers _identifiers;
    private readonly Func<Node, string> _parameterName;
    private readonly int[] _uses;
    private readonly bool[] _reached;
    private readonly bool[] _varies;
    private readonly bool[] _readInLoop;
    private readonly string?[] _invariantNames;
    private readonly List<string> _broadcasts = new();
    private readonly List<string> _invariantTemporaries = new();
    private readonly LaneConstants _constants;
    private readonly EquatableArray<CustomFunction> _customFunctions;
    private readonly bool _wide;
    private readonly string _vectorType;
    private int _temporaryCount;

    /// <param name="graph">The graph of the outputs.</param>
    /// <param name="outputs">The nodes a stage computes, in the order <see cref="Stage"/> names them.</param>
    /// <param name="identifiers">The method's names; temporaries and constants are introduced into it.</param>
    /// <param name="parameterName">The local a parameter leaf is broadcast into (the user's name).</param>
    /// <param name="parameterSource">The expression a parameter leaf is broadcast from.</param>
    /// <param name="customFunctions">The model's functions with hand-written derivatives.</param>
    /// <param name="wide">Whether to print <c>Vector512&lt;double&gt;</c> rather than <c>Vector256&lt;double&gt;</c> (see <see cref="SupportsWide"/>).</param>
    public StagedLaneBody(
        ExprGraph graph,
        IReadOnlyList<int> outputs,
        Identifiers identifiers,
        Func<Node, string> parameterName,
        Func<Node, string> parameterSource,
        EquatableArray<CustomFunction> customFunctions,
        bool wide)
    {
        _wide = wide;
        _vectorType = wide ? VectorPrinter.WideVectorType : VectorPrinter.VectorType;
        _graph = graph;
        List<(string, int)> targets = Targets(outputs);
        _outputs = targets;
        _identifiers = identifiers;
        _parameterName = parameterName;
        _customFunctions = customFunctions;
        _constants = new LaneConstants(identifiers, wide);
        (_uses, _reached) = UseCounts.Of(graph, targets);
        // Each stage has its own time, so whatever reads the time is computed per stage, with the states.
        (_varies, _readInLoop) = LaneBodyWriter.Variation(graph, _reached, targets, timeVaries: true);

        // The parameters in declaration order, as the lane members broadcast them.
        var parameters = new List<Node>();
        for (int id = 0; id < graph.Count; id++)
        {
            Node node = graph[id];
            if (_reached[id] && node.Kind == NodeKind.Parameter)
            {
                parameters.Add(node);
            }
        }

        parameters.Sort(static (x, y) => x.A.CompareTo(y.A));
        foreach (Node parameter in parameters)
        {
            _broadcasts.Add($"{_vectorType} {parameterName(parameter)} = {parameterSource(parameter)};");
        }

        // The temporaries of the parameters and constants alone, once for every stage.
        _invariantNames = new string?[graph.Count];
        int current = -1;
        VectorPrinter printer = Printer(id => id != current ? _invariantNames[id] ?? InvariantLeaf(id) : InvariantLeaf(id));
        for (int id = 0; id < graph.Count; id++)
        {
            if (LaneBodyWriter.IsHoisted(graph[id], _uses[id], _reached[id], _varies[id], _readInLoop[id], inLoop: false))
            {
                current = id;
                string name = NextTemporary();
                _invariantTemporaries.Add($"{_vectorType} {name} = {printer.Print(id)};");
                _invariantNames[id] = name;
            }
        }
    }

    /// <summary>Whether the nodes <paramref name="outputs"/> reach read the time.</summary>
    public static bool ReadsTime(ExprGraph graph, IEnumerable<int> outputs) =>
        Any(graph, outputs, node => node.Kind == NodeKind.Time);

    /// <summary>
    /// Whether the outputs can be printed eight lanes wide: <c>LaneMath</c>'s per-lane functions exist for
    /// <c>Vector256&lt;double&gt;</c> only; everything else (operators, comparisons, selects, the exact vector functions,
    /// the user's functions called per lane) prints the same at either width.
    /// </summary>
    public static bool SupportsWide(ExprGraph graph, IEnumerable<int> outputs) =>
        !Any(graph, outputs, node => VectorPrinter.CallsLaneMath(graph, node));

    private static bool Any(ExprGraph graph, IEnumerable<int> outputs, Func<Node, bool> predicate)
    {
        (int[] _, bool[] reached) = UseCounts.Of(graph, Targets(outputs));
        for (int id = 0; id < graph.Count; id++)
        {
            if (reached[id] && predicate(graph[id]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Gets the lines that declare the parameters' broadcasts, the constants and the invariant temporaries: to be written
    /// before the loops, after the last <see cref="Stage"/> (the constants are collected while the stages are printed).
    /// </summary>
    public IEnumerable<string> Invariants
    {
        get
        {
            foreach (string line in _broadcasts)
            {
                yield return line;
            }

            foreach (string line in _constants.Declarations)
            {
                yield return line;
            }

            foreach (string line in _invariantTemporaries)
            {
                yield return line;
            }
        }
    }

    /// <summary>
    /// Gets the lines of one stage: its temporaries, then one declaration per output, <c>{VectorType} {local} = …;</c>.
    /// </summary>
    /// <param name="leaf">The local a state, seed or time leaf of this stage is held in.</param>
    /// <param name="outputLocals">The locals the outputs are declared as, in the order of the constructor's outputs.</param>
    public List<string> Stage(Func<Node, string> leaf, IReadOnlyList<string> outputLocals)
    {
        var lines = new List<string>();
        string?[] hoisted = new string?[_graph.Count];
        int current = -1;
        string? Name(int id)
        {
            if (id != current && (hoisted[id] ?? _invariantNames[id]) is { } name)
            {
                return name;
            }

            Node node = _graph[id];
            return node.Kind is NodeKind.State or NodeKind.Seed or NodeKind.Time ? leaf(node) : InvariantLeaf(id);
        }

        VectorPrinter printer = Printer(Name);
        for (int id = 0; id < _graph.Count; id++)
        {
            if (LaneBodyWriter.IsHoisted(_graph[id], _uses[id], _reached[id], _varies[id], _readInLoop[id], inLoop: true))
            {
                current = id;
                string name = NextTemporary();
                lines.Add($"{_vectorType} {name} = {printer.Print(id)};");
                hoisted[id] = name;
            }
        }

        current = -1;
        for (int i = 0; i < _outputs.Count; i++)
        {
            lines.Add($"{_vectorType} {outputLocals[i]} = {printer.Print(_outputs[i].Id)};");
        }

        return lines;
    }

    // The node lists take no assignment targets here: the outputs become locals named per stage.
    private static List<(string, int)> Targets(IEnumerable<int> outputs)
    {
        var targets = new List<(string, int)>();
        foreach (int id in outputs)
        {
            targets.Add((string.Empty, id));
        }

        return targets;
    }

    private VectorPrinter Printer(Func<int, string?> name) => new(_graph, name, _constants.Name, _wide)
    {
        CustomFunctions = _customFunctions,
    };

    private string? InvariantLeaf(int id)
    {
        Node node = _graph[id];
        return node.Kind == NodeKind.Parameter ? _parameterName(node) : null;
    }

    private string NextTemporary()
    {
        string name = _identifiers.Introduce("s" + _temporaryCount.ToString(CultureInfo.InvariantCulture));
        _temporaryCount++;
        return name;
    }
}
