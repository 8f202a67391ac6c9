using System.Collections.Generic;
using System.Globalization;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Emit;

/// <summary>
/// Writes the body of <c>SensitivityRatesLanes</c>: the Jacobian–vector product of many tangent columns for a block of
/// samples, each column's rate printed from the same graph nodes as <c>JacobianVectorProductLanes</c> prints them. The
/// nodes are computed at three levels: what depends on the parameters, the time and constants alone once before the
/// loops; what depends on a sample's state (the Jacobian's entries) once per vector; what depends on a column's tangent
/// once per column. A column's state tangent is its block of the columns span, its parameter tangent the unit vector of
/// its parameter (zero after the parameters' columns) — the values the sensitivity system passes one column at a time,
/// so every lane's bits are those of the one-column member.
/// </summary>
internal sealed class ColumnLaneBody
{
    private const int Invariant = 0;
    private const int PerVector = 1;
    private const int PerColumn = 2;

    private readonly ExprGraph _graph;
    private readonly System.Func<Node, string> _leafName;
    private readonly System.Func<Node, string> _leafSource;

    /// <param name="graph">The graph of the outputs.</param>
    /// <param name="leafName">The local a state, parameter or time leaf is held in; for a seed, its scalar element, from which its local is named.</param>
    /// <param name="leafSource">The vector expression a state, parameter or time leaf is read from.</param>
    public ColumnLaneBody(ExprGraph graph, System.Func<Node, string> leafName, System.Func<Node, string> leafSource)
    {
        _graph = graph;
        _leafName = leafName;
        _leafSource = leafSource;
    }

    /// <summary>The model's functions with hand-written derivatives, which <see cref="NodeKind.CustomCall"/> nodes index.</summary>
    public EquatableArray<CustomFunction> CustomFunctions { get; init; } = EquatableArray<CustomFunction>.Empty;

    /// <summary>
    /// Writes the broadcasts and invariant temporaries, then <c>for (vector) { state reads; per-vector temporaries;
    /// for (column) { tangent reads; per-column temporaries; outputs } }</c>.
    /// </summary>
    /// <param name="writer">The writer, inside the method after its checks.</param>
    /// <param name="identifiers">The method's names.</param>
    /// <param name="outputs">Per state component <c>i</c>, the node of the product's component <c>i</c>.</param>
    /// <param name="names">The locals and spans: the vectors per component, the columns, the columns span, the rates span, and the two loop variables.</param>
    public void Write(
        CodeWriter writer, Identifiers identifiers, int[] outputs, (string Count, string ColumnCount, string Columns, string Rates, string Vector, string Column) names)
    {
        int nodeCount = _graph.Count;
        int n = outputs.Length;
        string vector = names.Vector;
        string column = names.Column;
        var targets = new List<(string Target, int Id)>(n);
        for (int i = 0; i < n; i++)
        {
            targets.Add(($"{names.Rates}[{ColumnElement(column, n, i, names.Count, vector)}]", outputs[i]));
        }

        (int[] uses, bool[] reached) = UseCounts.Of(_graph, targets);
        int[] level = new int[nodeCount];
        bool[] readAbove = new bool[nodeCount];
        for (int id = 0; id < nodeCount; id++)
        {
            Node node = _graph[id];
            if (!reached[id])
            {
                continue;
            }

            level[id] = node.Kind switch
            {
                NodeKind.State => PerVector,
                NodeKind.Seed => PerColumn,
                _ => Invariant,
            };
            for (int k = 0; k < node.Arity; k++)
            {
                level[id] = System.Math.Max(level[id], level[node.Operand(k)]);
            }

            for (int k = 0; k < node.Arity; k++)
            {
                if (level[node.Operand(k)] < level[id])
                {
                    readAbove[node.Operand(k)] = true;
                }
            }
        }

        foreach ((string _, int id) in targets)
        {
            readAbove[id] = true;
        }

        // Leaves: parameters and the time broadcast before the loops, states read per vector, tangents per column.
        var blocks = new[] { new List<string>(), new List<string>(), new List<string>() };
        var seedLocals = new Dictionary<int, string>();
        var reads = new List<int>();
        for (int id = 0; id < nodeCount; id++)
        {
            if (reached[id] && _graph[id].Kind is NodeKind.State or NodeKind.Parameter or NodeKind.Time or NodeKind.Seed)
            {
                reads.Add(id);
            }
        }

        reads.Sort((x, y) =>
        {
            Node a = _graph[x];
            Node b = _graph[y];
            return a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : a.A != b.A ? a.A.CompareTo(b.A) : a.B.CompareTo(b.B);
        });
        string unit = identifiers.Introduce("unitTangent");
        string noTangent = identifiers.Introduce("zeroTangent");
        foreach (int id in reads)
        {
            Node read = _graph[id];
            if (read.Kind != NodeKind.Seed)
            {
                blocks[read.Kind == NodeKind.State ? PerVector : Invariant].Add($"{VectorPrinter.VectorType} {_leafName(read)} = {_leafSource(read)};");
                continue;
            }

            string local = identifiers.Introduce(_leafName(read).Replace("[", string.Empty).Replace("]", string.Empty));
            seedLocals[id] = local;
            string source = (SeedVector)read.A == SeedVector.ParameterTangent
                ? $"{column} == {Index(read.B)} ? {unit} : {noTangent}"
                : $"{names.Columns}[{ColumnElement(column, n, read.B, names.Count, vector)}]";
            blocks[PerColumn].Add($"{VectorPrinter.VectorType} {local} = {source};");
        }

        var constants = new LaneConstants(identifiers);
        string?[] hoisted = new string?[nodeCount];
        int current = -1;
        var printer = new VectorPrinter(
            _graph,
            id => id != current && hoisted[id] is { } name ? name : LaneBodyWriter.AtomName(_graph, _leafName, id, seedLocals),
            constants.Name)
        {
            CustomFunctions = CustomFunctions,
        };

        // A node gets a temporary where the one-column member hoists it (used twice) or where a higher level reads it.
        var temporaries = new[] { new List<string>(), new List<string>(), new List<string>() };
        int temporaryCount = 0;
        for (int at = Invariant; at <= PerColumn; at++)
        {
            for (int id = 0; id < nodeCount; id++)
            {
                Node node = _graph[id];
                if (!reached[id] || node.IsLeaf || level[id] != at || !(uses[id] >= 2 || (at < PerColumn && readAbove[id])))
                {
                    continue;
                }

                current = id;
                string name = identifiers.Introduce("s" + temporaryCount.ToString(CultureInfo.InvariantCulture));
                temporaryCount++;
                temporaries[at].Add($"{VectorPrinter.VectorType} {name} = {printer.Print(id)};");
                hoisted[id] = name;
            }
        }

        current = -1;
        var assignments = new List<string>(n);
        foreach ((string target, int id) in targets)
        {
            assignments.Add($"{target} = {printer.Print(id)};");
        }

        blocks[Invariant].AddRange(constants.Declarations);
        blocks[Invariant].Add($"{VectorPrinter.VectorType} {unit} = {VectorPrinter.Vector}.Create(1.0);");
        blocks[Invariant].Add($"{VectorPrinter.VectorType} {noTangent} = {VectorPrinter.Vector}.Create(0.0);");
        LaneBodyWriter.WriteBlock(writer, blocks[Invariant]);
        LaneBodyWriter.WriteBlock(writer, temporaries[Invariant]);
        writer.Line($"for (int {vector} = 0; {vector} < {names.Count}; {vector}++)");
        writer.Open();
        LaneBodyWriter.WriteBlock(writer, blocks[PerVector]);
        LaneBodyWriter.WriteBlock(writer, temporaries[PerVector]);
        writer.Line($"for (int {column} = 0; {column} < {names.ColumnCount}; {column}++)");
        writer.Open();
        LaneBodyWriter.WriteBlock(writer, blocks[PerColumn]);
        LaneBodyWriter.WriteBlock(writer, temporaries[PerColumn]);
        foreach (string assignment in assignments)
        {
            writer.Line(assignment);
        }

        writer.Close();
        writer.Close();
    }

    // Component i of column c of vector k: the column's block starts at c · n · count.
    private static string ColumnElement(string column, int n, int component, string count, string vector) =>
        $"(({column} * {Index(n)}) + {Index(component)}) * {count} + {vector}";

    private static string Index(int value) => value.ToString(CultureInfo.InvariantCulture);
}
