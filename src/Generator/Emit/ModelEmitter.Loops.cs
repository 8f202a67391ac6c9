using System;
using System.Collections.Generic;
using System.Globalization;
using NeuralOdeGen.Generator.Analysis;
using NeuralOdeGen.Generator.Ir;
using NeuralOdeGen.Generator.Model;

namespace NeuralOdeGen.Generator.Emit;

/// <summary>
/// The members of a model whose loops are kept (<see cref="LoopModel"/>): <c>Evaluate</c> is the user's statements;
/// <c>JacobianVectorProduct</c> the same loops with a tangent statement before each statement (forward mode);
/// <c>VectorJacobianProduct</c> a forward sweep (the statements whose values the derivatives read, plus the tapes)
/// followed by the statements in reverse order, loops counting down, each adding its adjoint times its partials into
/// the adjoints of what it read (reverse mode); <c>StateJacobian</c> one forward sweep per column (a unit state tangent)
/// and <c>ParameterJacobian</c> one reverse sweep per row (a unit cotangent). Generated size follows the program, not the
/// widths.
/// </summary>
internal static partial class ModelEmitter
{
    private const string NamesHelper = "NeuralOdeGenNames";
    private const string NotWrittenHelper = "NeuralOdeGenNotWritten";

    /// <summary>Info of a loop model: the names (built from the blocks when the type initialises) and no symbolic forms.</summary>
    private static void WriteLoopInfo(CodeWriter w, ModelSpec model)
    {
        string prefix = "global::" + (model.Namespace is null ? "" : EscapeQualified(model.Namespace) + ".");
        int n = model.States.Count;
        int m = model.Parameters.Count;
        w.Line("/// <inheritdoc/>");
        w.Line("/// <remarks>The loops of this model are kept, so its symbolic forms are not written out: every entry of the three");
        w.Line("/// symbolic lists is the empty string.</remarks>");
        w.Line(GeneratedCode);
        w.Line("public static global::NeuralOdeGen.OdeModelInfo Info { get; } = new global::NeuralOdeGen.OdeModelInfo(");
        w.Line($"    {Literal(model.TypeName)},");
        w.Line($"    {prefix}{NamesHelper}.Of({BlockList(model.StateBlocks)}),");
        w.Line($"    {prefix}{NamesHelper}.Of({BlockList(model.ParameterBlocks)}),");
        w.Line($"    {(model.TimeName is null ? "null" : Literal(model.TimeName))},");
        w.Line($"    new {prefix}{NotWrittenHelper}({Invariant(n)}),");
        w.Line($"    new {prefix}{NotWrittenHelper}({Invariant((long)n * n)}),");
        w.Line($"    new {prefix}{NotWrittenHelper}({Invariant((long)n * m)}));");
    }

    private static string BlockList(EquatableArray<ParameterBlock> blocks)
    {
        var items = new List<string>();
        foreach (ParameterBlock block in blocks)
        {
            items.Add($"({Literal(block.Name)}, {Invariant(block.IsSpan ? block.Length : 0)})");
        }

        return string.Join(", ", items);
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void WriteLoopInfoHelpers(CodeWriter w)
    {
        w.Line();
        w.Line("/// <summary>The flattened names of a model's blocks: <c>w[0]</c>, <c>w[1]</c>… for a span, the name itself for a scalar (length 0).</summary>");
        w.Line($"file static class {NamesHelper}");
        w.Open();
        w.Line("public static string[] Of(params (string Name, int Length)[] blocks)");
        w.Open();
        w.Line("int count = 0;");
        w.Line("foreach ((string _, int length) in blocks)");
        w.Open();
        w.Line("count += length == 0 ? 1 : length;");
        w.Close();
        w.Line();
        w.Line("string[] names = new string[count];");
        w.Line("int k = 0;");
        w.Line("foreach ((string name, int length) in blocks)");
        w.Open();
        w.Line("if (length == 0)");
        w.Open();
        w.Line("names[k++] = name;");
        w.Close();
        w.Line();
        w.Line("for (int i = 0; i < length; i++)");
        w.Open();
        w.Line("names[k++] = name + \"[\" + i.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \"]\";");
        w.Close();
        w.Close();
        w.Line();
        w.Line("return names;");
        w.Close();
        w.Close();
        w.Line();
        w.Line("/// <summary>A symbolic list that is not written out (a model whose loops are kept): every entry is the empty string.</summary>");
        w.Line($"file sealed class {NotWrittenHelper} : global::System.Collections.Generic.IReadOnlyList<string>");
        w.Open();
        w.Line($"public {NotWrittenHelper}(long count) => Count = checked((int)count);");
        w.Line();
        w.Line("public int Count { get; }");
        w.Line();
        w.Line("public string this[int index] => (uint)index < (uint)Count ? \"\" : throw new global::System.ArgumentOutOfRangeException(nameof(index));");
        w.Line();
        w.Line("public global::System.Collections.Generic.IEnumerator<string> GetEnumerator()");
        w.Open();
        w.Line("for (int i = 0; i < Count; i++)");
        w.Open();
        w.Line("yield return \"\";");
        w.Close();
        w.Close();
        w.Line();
        w.Line("global::System.Collections.IEnumerator global::System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();");
        w.Close();
    }

    /// <summary>Writes the members of a loop model; each method gets its own identifier scope.</summary>
    private sealed partial class LoopMemberWriter
    {
        private readonly CodeWriter _w;
        private readonly ModelSpec _model;
        private readonly BodyProgram _program;
        private readonly ExprGraph _graph;
        private readonly EquatableArray<int> _tapeLengths;
        private readonly Dictionary<int, List<StatementPartial>> _partials = new();
        private readonly Block _root;
        private readonly int _n;
        private readonly int _m;
        private readonly string _guard;
        private readonly bool[] _neededVariable;
        private readonly bool[] _neededArray;
        private readonly bool[] _variableHasAdjoint;
        private readonly bool[] _arrayHasAdjoint;
        private readonly int _outputArray;
        private readonly bool _outputAccumulates;

        // The scope of the method being written.
        private Identifiers _ids = new(Array.Empty<string>());
        private Dictionary<string, string> _dot = new(StringComparer.Ordinal);
        private Dictionary<string, string> _bar = new(StringComparer.Ordinal);
        private string[] _tapes = Array.Empty<string>();
        private string _time = "time";
        private string _output = "derivative";
        private string _outputAdjoint = "";
        private Func<string, string> _outputTangent = static index => index;
        private bool _stateOnly;
        private int _temps;

        public LoopMemberWriter(CodeWriter writer, ModelSpec model, LoopModel loops)
        {
            _w = writer;
            _model = model;
            _program = model.Body.Program;
            _graph = new ExprGraph(loops.Nodes);
            _tapeLengths = loops.TapeLengths;
            _n = model.States.Count;
            _m = model.Parameters.Count;
            _guard = "global::" + (model.Namespace is null ? "" : EscapeQualified(model.Namespace) + ".") + Guard;
            foreach (StatementPartial partial in loops.Partials)
            {
                if (!_partials.TryGetValue(partial.Statement, out List<StatementPartial>? list))
                {
                    _partials.Add(partial.Statement, list = new List<StatementPartial>());
                }

                list.Add(partial);
            }

            _root = Block.Of(_program.Statements);
            _outputArray = _program.OutputArray;
            _variableHasAdjoint = new bool[_program.Variables.Count];
            _arrayHasAdjoint = new bool[_program.Arrays.Count];
            _arrayHasAdjoint[_outputArray] = true;

            // Backward from the output: what a statement reads has an adjoint only when the statement's target has one, so
            // a local feeding only dead code (a reduction nothing reads) gets no adjoint, and no unused xBar (CS0219).
            for (bool changed = true; changed;)
            {
                changed = false;
                foreach (StatementPartial partial in loops.Partials)
                {
                    Statement statement = _program.Statements[partial.Statement];
                    if (!(statement.IsStore ? _arrayHasAdjoint[statement.Target] : _variableHasAdjoint[statement.Target]))
                    {
                        continue;
                    }

                    Node read = _graph[partial.Read];
                    if (read.Kind == NodeKind.Local && !_variableHasAdjoint[read.A])
                    {
                        _variableHasAdjoint[read.A] = changed = true;
                    }
                    else if (read.Kind == NodeKind.ArrayElement && !_arrayHasAdjoint[read.B])
                    {
                        _arrayHasAdjoint[read.B] = changed = true;
                    }
                }
            }

            foreach (Statement statement in _program.Statements)
            {
                _outputAccumulates |= statement.IsStore && statement.Target == _outputArray && statement.Kind != StatementKind.Assign;
            }

            (_neededVariable, _neededArray) = Needed(loops.Partials);
        }

        public void WriteAll()
        {
            Evaluate();
            StateJacobian();
            ParameterJacobian();
            VectorJacobianProduct();
            JacobianVectorProduct();
            EvaluateDual();
            Lanes();
        }

        private void Evaluate()
        {
            string[] names = Begin("Evaluate", ("state", ReadOnlySpan, _n), ("parameters", ReadOnlySpan, _m), ("derivative", Span, _n));
            PrimalReads(names[0], names[1]);
            _output = names[2];
            _w.Line();
            if (_outputAccumulates)
            {
                _w.Line($"{_output}.Clear();");
            }

            WriteForward(_root, Mode.Evaluate, new List<Statement>());
            _w.Close();
        }

        private void JacobianVectorProduct()
        {
            string[] names = Begin(
                "JacobianVectorProduct",
                ("state", ReadOnlySpan, _n), ("parameters", ReadOnlySpan, _m), ("dstate", ReadOnlySpan, _n), ("dparameters", ReadOnlySpan, _m), ("jvp", Span, _n));
            PrimalReads(names[0], names[1]);
            TangentReads(names[2], names[3], "ReadOnlySpan<double>");
            string jvp = names[4];
            _outputTangent = index => $"{jvp}[{index}]";
            _stateOnly = false;
            _w.Line();
            if (_outputAccumulates)
            {
                _w.Line($"{jvp}.Clear();");
            }

            WriteForward(_root, Mode.Tangent, new List<Statement>());
            _w.Close();
        }

        /// <summary>Column j of ∂f/∂x is the tangent of a forward sweep seeded with the unit state tangent e_j.</summary>
        private void StateJacobian()
        {
            string[] names = Begin("StateJacobian", ("state", ReadOnlySpan, _n), ("parameters", ReadOnlySpan, _m), ("stateJacobian", Span, _n * _n));
            PrimalReads(names[0], names[1]);
            string seed = _ids.Introduce("seed");
            string column = _ids.Introduce("column");
            string jacobian = names[2];
            string n = Invariant(_n);
            _w.Line($"global::System.Span<double> {seed} = stackalloc double[{n}];");
            foreach (Item item in _root.Items)
            {
                if (item.Body is null && _program.Statements[item.Statement].Kind == StatementKind.DeclareArray)
                {
                    DeclareArrayWithTangent(_program.Statements[item.Statement].Target);
                }
            }

            _outputTangent = index => index.IndexOf(' ') >= 0 ? $"{jacobian}[(({index}) * {n}) + {column}]" : $"{jacobian}[({index} * {n}) + {column}]";
            _stateOnly = true;
            _w.Line();
            if (_outputAccumulates)
            {
                _w.Line($"{jacobian}.Clear();");
            }

            _w.Line($"for (int {column} = 0; {column} < {n}; {column}++)");
            _w.Open();
            _w.Line($"{seed}.Clear();");
            _w.Line($"{seed}[{column}] = 1.0;");
            TangentReads(seed, null, "Span<double>");
            for (int a = 0; a < _program.Arrays.Count; a++)
            {
                if (a != _outputArray && Accumulates(a))
                {
                    // A scratch span that is added to starts each sweep at zero, as stackalloc left it.
                    _w.Line($"{Identifiers.Escape(_program.Arrays[a].Name)}.Clear();");
                    _w.Line($"{Dot(_program.Arrays[a].Name)}.Clear();");
                }
            }

            _w.Line();
            WriteForward(_root, Mode.StateJacobianColumn, new List<Statement>());
            _w.Close();
            _stateOnly = false;
            _w.Close();
        }

        /// <summary>Row i of ∂f/∂p is the parameter part of a reverse sweep seeded with the unit cotangent e_i.</summary>
        private void ParameterJacobian()
        {
            string[] names = Begin("ParameterJacobian", ("state", ReadOnlySpan, _n), ("parameters", ReadOnlySpan, _m), ("parameterJacobian", Span, _n * _m));
            string seed = _ids.Introduce("seed");
            string stateRow = _ids.Introduce("stateRow");
            string row = _ids.Introduce("row");
            string n = Invariant(_n);
            string m = Invariant(_m);
            _w.Line($"global::System.Span<double> {seed} = stackalloc double[{n}];");
            _w.Line($"global::System.Span<double> {stateRow} = stackalloc double[{n}];");
            _w.Line($"for (int {row} = 0; {row} < {n}; {row}++)");
            _w.Open();
            _w.Line($"{seed}.Clear();");
            _w.Line($"{seed}[{row}] = 1.0;");
            _w.Line($"VectorJacobianProduct({_time}, {names[0]}, {names[1]}, {seed}, {stateRow}, {names[2]}.Slice({row} * {m}, {m}));");
            _w.Close();
            _w.Close();
        }

        private void VectorJacobianProduct()
        {
            string[] names = Begin(
                "VectorJacobianProduct",
                ("state", ReadOnlySpan, _n), ("parameters", ReadOnlySpan, _m), ("cotangent", ReadOnlySpan, _n), ("vjpState", Span, _n), ("vjpParameters", Span, _m));
            PrimalReads(names[0], names[1]);
            AdjointReads(names[3], names[4]);
            _w.Line($"{names[3]}.Clear();");
            _w.Line($"{names[4]}.Clear();");

            // Tapes: the partials that read a local, stored by the forward sweep, one slot per iteration around their statement.
            _tapes = new string[_tapeLengths.Count];
            for (int k = 0; k < _tapes.Length; k++)
            {
                _tapes[k] = _ids.Introduce("tape" + Invariant(k));
                _w.Line($"// {_tapes[k]}: {TapeDescription(k)}, one slot per iteration.");
                _w.Line($"global::System.Span<double> {_tapes[k]} = stackalloc double[{Invariant(_tapeLengths[k])}];");
            }

            _w.Line();
            _w.Line("// Forward sweep: the values the partial derivatives read.");
            WriteForward(_root, Mode.ForwardSweep, new List<Statement>());
            _w.Line();
            _w.Line("// Reverse sweep: each statement, last to first, adds its adjoint times its partials into the adjoints of what it read.");
            _outputAdjoint = Bar(_program.Arrays[_outputArray].Name);
            _w.Line($"global::System.Span<double> {_outputAdjoint} = stackalloc double[{Invariant(_n)}];");
            _w.Line($"{names[2]}.CopyTo({_outputAdjoint});");
            for (int a = 0; a < _program.Arrays.Count; a++)
            {
                if (a != _outputArray && _arrayHasAdjoint[a])
                {
                    string bar = Bar(_program.Arrays[a].Name);
                    _w.Line($"global::System.Span<double> {bar} = stackalloc double[{Invariant(_program.Arrays[a].Length)}];");
                    _w.Line($"{bar}.Clear();");
                }
            }

            WriteReverse(_root, new List<Statement>());
            _w.Close();
        }

        /// <summary>What tape <paramref name="tape"/> holds: <c>∂h[j]/∂s</c>.</summary>
        private string TapeDescription(int tape)
        {
            foreach (List<StatementPartial> partials in _partials.Values)
            {
                foreach (StatementPartial partial in partials)
                {
                    if (partial.Tape == tape)
                    {
                        Statement statement = _program.Statements[partial.Statement];
                        string target = statement.IsStore && statement.Target == _outputArray
                            ? $"{Identifiers.Escape(_program.Arrays[_outputArray].Name)}[{Index(statement.Index)}]"
                            : PrimalTarget(statement);
                        return $"∂{target}/∂{AtomName(partial.Read)}";
                    }
                }
            }

            return "";
        }

        private void EvaluateDual()
        {
            _ids = UserScope();
            string time = _model.TimeName is { } timeName ? Identifiers.Escape(timeName) : _ids.Introduce("time");
            string state = _ids.Introduce("state");
            string parameters = _ids.Introduce("parameters");
            string derivative = _ids.Introduce("derivative");
            Header("EvaluateDual", $"double {time}, {ReadOnlyDualSpan} {state}, {ReadOnlyDualSpan} {parameters}, {DualSpan} {derivative}");
            CheckLength(state, _n);
            CheckLength(parameters, _m);
            CheckLength(derivative, _n);
            _w.Line();
            DualBodyWriter.Write(_w, _model, state, parameters, time, derivative);
            _w.Close();
        }

        private enum Mode
        {
            /// <summary>The user's statements as written.</summary>
            Evaluate,

            /// <summary>Forward mode: each statement's tangent, then the statement when a derivative reads its target.</summary>
            Tangent,

            /// <summary>As <see cref="Tangent"/> with the parameter tangents zero; scratch spans are declared before the sweep.</summary>
            StateJacobianColumn,

            /// <summary>The statements whose targets the derivatives read, and the tapes; no outputs.</summary>
            ForwardSweep,
        }

        private void WriteForward(Block block, Mode mode, List<Statement> open)
        {
            bool blankBeforeNext = false;
            foreach (Item item in block.Items)
            {
                Statement statement = _program.Statements[item.Statement];
                if (!Emits(item, mode))
                {
                    continue;
                }

                if (blankBeforeNext)
                {
                    _w.Line();
                    blankBeforeNext = false;
                }

                if (item.Body is not null)
                {
                    string v = LoopVariable(statement.Target);
                    string step = statement.Step == 1 ? $"{v}++" : $"{v} += {Invariant(statement.Step)}";
                    _w.Line($"for (int {v} = {Invariant(statement.From)}; {v} < {Invariant(statement.To)}; {step})");
                    _w.Open();
                    open.Add(statement);
                    WriteForward(item.Body, mode, open);
                    open.RemoveAt(open.Count - 1);
                    _w.Close();
                    blankBeforeNext = true;
                    continue;
                }

                if (statement.Kind == StatementKind.DeclareArray)
                {
                    if (mode == Mode.StateJacobianColumn)
                    {
                        continue;
                    }

                    if (mode == Mode.Tangent)
                    {
                        DeclareArrayWithTangent(statement.Target);
                    }
                    else
                    {
                        _w.Line($"global::System.Span<double> {Identifiers.Escape(_program.Arrays[statement.Target].Name)} = stackalloc double[{Invariant(_program.Arrays[statement.Target].Length)}];");
                    }

                    continue;
                }

                List<StatementPartial> partials = PartialsOf(item.Statement);
                switch (mode)
                {
                    case Mode.Evaluate:
                    {
                        CSharpPrinter printer = Printer(null);
                        _w.Line(Assignment(statement, PrimalTarget(statement), printer.Print(statement.Value)));
                        break;
                    }

                    case Mode.ForwardSweep:
                    {
                        var roots = new List<int>();
                        if (IsPrimalNeeded(statement))
                        {
                            roots.Add(statement.Value);
                        }

                        foreach (StatementPartial partial in partials)
                        {
                            if (partial.Tape >= 0)
                            {
                                roots.Add(partial.Derivative);
                            }
                        }

                        Dictionary<int, string> temps = Hoist(roots);
                        CSharpPrinter printer = Printer(temps);
                        foreach (StatementPartial partial in partials)
                        {
                            if (partial.Tape >= 0)
                            {
                                _w.Line($"{_tapes[partial.Tape]}[{TapeIndex(open)}] = {printer.Print(partial.Derivative)};");
                            }
                        }

                        if (IsPrimalNeeded(statement))
                        {
                            _w.Line(Assignment(statement, PrimalTarget(statement), printer.Print(statement.Value)));
                        }

                        break;
                    }

                    default:
                    {
                        bool primal = IsPrimalNeeded(statement);
                        var roots = new List<int>();
                        if (primal)
                        {
                            roots.Add(statement.Value);
                        }

                        foreach (StatementPartial partial in partials)
                        {
                            roots.Add(partial.Derivative);
                        }

                        Dictionary<int, string> temps = Hoist(roots);
                        CSharpPrinter printer = Printer(temps);
                        var terms = new List<string>();
                        foreach (StatementPartial partial in partials)
                        {
                            if (TangentOf(partial.Read) is { } tangent)
                            {
                                terms.Add(Product(partial.Derivative, tangent, printer));
                            }
                        }

                        _w.Line(Assignment(statement, TangentTarget(statement), Sum(terms)));
                        if (primal)
                        {
                            _w.Line(Assignment(statement, PrimalTarget(statement), printer.Print(statement.Value)));
                        }

                        break;
                    }
                }
            }
        }

        private void WriteReverse(Block block, List<Statement> open) =>
            WalkReverse(_w, block, open, "double", "0.0", ReverseStatement);

        /// <summary>
        /// The reverse walk of a block, shared by the scalar member and its lane twin (which differ in the adjoint type, its
        /// zero and the statement writer): each local's adjoint declared at zero in each (reversed) iteration, then the
        /// items last to first, loops run backwards, a blank line before and after a loop as in the forward code.
        /// </summary>
        private void WalkReverse(
            CodeWriter w, Block block, List<Statement> open, string adjointType, string zero, Action<int, Statement, List<Statement>> reverseStatement)
        {
            foreach (Item item in block.Items)
            {
                Statement statement = _program.Statements[item.Statement];
                if (item.Body is null && statement.Kind == StatementKind.Declare && _variableHasAdjoint[statement.Target])
                {
                    w.Line($"{adjointType} {Bar(_program.Variables[statement.Target])} = {zero};");
                }
            }

            bool any = false;
            bool afterLoop = false;
            for (int i = block.Items.Count - 1; i >= 0; i--)
            {
                Item item = block.Items[i];
                Statement statement = _program.Statements[item.Statement];
                if (!HasReverse(item))
                {
                    continue;
                }

                if (any && (afterLoop || item.Body is not null))
                {
                    w.Line();
                }

                any = true;
                afterLoop = item.Body is not null;
                if (item.Body is not null)
                {
                    string v = LoopVariable(statement.Target);
                    int last = statement.From + ((LoopAnalyzer.TripCount(statement) - 1) * statement.Step);
                    string step = statement.Step == 1 ? $"{v}--" : $"{v} -= {Invariant(statement.Step)}";
                    w.Line($"for (int {v} = {Invariant(last)}; {v} >= {Invariant(statement.From)}; {step})");
                    w.Open();
                    open.Add(statement);
                    WalkReverse(w, item.Body, open, adjointType, zero, reverseStatement);
                    open.RemoveAt(open.Count - 1);
                    w.Close();
                    continue;
                }

                reverseStatement(item.Statement, statement, open);
            }
        }

        /// <summary>
        /// The reverse of one statement: ā is the adjoint of its target; each read r gets r̄ += ā · ∂e/∂r (− for <c>-=</c>).
        /// An assignment then resets ā (the old value is dead), or, when the value reads its own target, scales it.
        /// </summary>
        private void ReverseStatement(int index, Statement statement, List<Statement> open)
        {
            List<StatementPartial> partials = PartialsOf(index);
            string adjoint = AdjointTarget(statement);
            var roots = new List<int>();
            foreach (StatementPartial partial in partials)
            {
                if (partial.Tape < 0)
                {
                    roots.Add(partial.Derivative);
                }
            }

            Dictionary<int, string> temps = Hoist(roots);
            CSharpPrinter printer = Printer(temps);
            bool negative = statement.Kind == StatementKind.SubtractAssign;
            StatementPartial? self = null;
            foreach (StatementPartial partial in partials)
            {
                Node read = _graph[partial.Read];
                if (!statement.IsStore && read.Kind == NodeKind.Local && read.A == statement.Target)
                {
                    self = partial;
                    continue;
                }

                _w.Line(Contribution(AdjointOf(partial.Read), adjoint, partial, printer, negative, open));
            }

            switch (statement.Kind)
            {
                case StatementKind.Assign when self is { } own:
                    _w.Line($"{adjoint} = {adjoint} * {Factor(own, printer, open)};");
                    break;
                case StatementKind.Assign:
                    _w.Line($"{adjoint} = 0.0;");
                    break;
                case StatementKind.AddAssign or StatementKind.SubtractAssign when self is { } own:
                    _w.Line(Contribution(adjoint, adjoint, own, printer, negative, open));
                    break;
            }
        }

        private string Contribution(string target, string adjoint, StatementPartial partial, CSharpPrinter printer, bool negative, List<Statement> open)
        {
            if (partial.Tape < 0 && _graph.IsConstant(partial.Derivative, out double value) && Math.Abs(value) == 1.0)
            {
                return $"{target} {((value < 0) != negative ? "-=" : "+=")} {adjoint};";
            }

            return $"{target} {(negative ? "-=" : "+=")} {adjoint} * {Factor(partial, printer, open)};";
        }

        private string Factor(StatementPartial partial, CSharpPrinter printer, List<Statement> open) =>
            partial.Tape >= 0 ? $"{_tapes[partial.Tape]}[{TapeIndex(open)}]" : Factor(partial.Derivative, printer);

        private string Factor(int id, CSharpPrinter printer)
        {
            // A sum or quotient (not hoisted into a temporary) is parenthesised as a factor.
            string text = printer.Print(id);
            bool compound = text.IndexOf(' ') >= 0 && _graph[id].Kind is NodeKind.Add or NodeKind.Subtract or NodeKind.Divide;
            return compound ? "(" + text + ")" : text;
        }

        private string Product(int derivative, string tangent, CSharpPrinter printer)
        {
            if (_graph.IsConstant(derivative, out double value) && Math.Abs(value) == 1.0)
            {
                return value < 0 ? "-" + tangent : tangent;
            }

            return $"{Factor(derivative, printer)} * {tangent}";
        }

        private static string Sum(List<string> terms)
        {
            if (terms.Count == 0)
            {
                return "0.0";
            }

            var text = new System.Text.StringBuilder(terms[0]);
            for (int i = 1; i < terms.Count; i++)
            {
                text.Append(terms[i][0] == '-' ? " - " + terms[i].Substring(1) : " + " + terms[i]);
            }

            return text.ToString();
        }

        private static string Assignment(Statement statement, string target, string value) => statement.Kind switch
        {
            StatementKind.Declare => $"double {target} = {value};",
            StatementKind.Assign => $"{target} = {value};",
            StatementKind.AddAssign => $"{target} += {value};",
            _ => $"{target} -= {value};",
        };

        private string PrimalTarget(Statement statement)
        {
            if (!statement.IsStore)
            {
                return Identifiers.Escape(_program.Variables[statement.Target]);
            }

            string span = statement.Target == _outputArray ? _output : Identifiers.Escape(_program.Arrays[statement.Target].Name);
            return $"{span}[{Index(statement.Index)}]";
        }

        private string TangentTarget(Statement statement)
        {
            if (!statement.IsStore)
            {
                return Dot(_program.Variables[statement.Target]);
            }

            return statement.Target == _outputArray
                ? _outputTangent(Index(statement.Index))
                : $"{Dot(_program.Arrays[statement.Target].Name)}[{Index(statement.Index)}]";
        }

        private string AdjointTarget(Statement statement) => statement.IsStore
            ? $"{(statement.Target == _outputArray ? _outputAdjoint : Bar(_program.Arrays[statement.Target].Name))}[{Index(statement.Index)}]"
            : Bar(_program.Variables[statement.Target]);

        /// <summary>The tangent of a read, or null when it is zero (a parameter in a state-Jacobian column).</summary>
        private string? TangentOf(int read)
        {
            Node node = _graph[read];
            return node.Kind switch
            {
                NodeKind.Local => Dot(_program.Variables[node.A]),
                NodeKind.State => Dot(_model.StateAt(node.A).Block.Name),
                NodeKind.Parameter => _stateOnly ? null : Dot(_model.ParameterAt(node.A).Block.Name),
                NodeKind.StateElement => $"{Dot(_model.StateBlocks[node.B].Name)}[{Index(node.A)}]",
                NodeKind.Element => _stateOnly ? null : $"{Dot(_model.ParameterBlocks[node.B].Name)}[{Index(node.A)}]",
                NodeKind.ArrayElement => $"{Dot(_program.Arrays[node.B].Name)}[{Index(node.A)}]",
                _ => throw new InvalidOperationException($"A {node.Kind} node is not a read."),
            };
        }

        private string AdjointOf(int read)
        {
            Node node = _graph[read];
            return node.Kind switch
            {
                NodeKind.Local => Bar(_program.Variables[node.A]),
                NodeKind.State => Bar(_model.StateAt(node.A).Block.Name),
                NodeKind.Parameter => Bar(_model.ParameterAt(node.A).Block.Name),
                NodeKind.StateElement => $"{Bar(_model.StateBlocks[node.B].Name)}[{Index(node.A)}]",
                NodeKind.Element => $"{Bar(_model.ParameterBlocks[node.B].Name)}[{Index(node.A)}]",
                NodeKind.ArrayElement => $"{Bar(_program.Arrays[node.B].Name)}[{Index(node.A)}]",
                _ => throw new InvalidOperationException($"A {node.Kind} node is not a read."),
            };
        }

        /// <summary>The flat slot of the current iteration of <paramref name="open"/> in a tape: <c>j</c>, <c>j * 3 + i</c>...</summary>
        private string TapeIndex(List<Statement> open)
        {
            if (open.Count == 0)
            {
                return "0";
            }

            string index = "";
            for (int k = 0; k < open.Count; k++)
            {
                Statement loop = open[k];
                string v = LoopVariable(loop.Target);
                string counter = loop.From == 0 ? v : $"{v} - {Invariant(loop.From)}";
                if (loop.Step != 1)
                {
                    counter = $"({counter}) / {Invariant(loop.Step)}";
                }
                else if (loop.From != 0 && k > 0)
                {
                    counter = $"({counter})";
                }

                index = k == 0 ? counter : $"{(k > 1 ? "(" + index + ")" : index)} * {Invariant(LoopAnalyzer.TripCount(loop))} + {counter}";
            }

            return index;
        }

        /// <summary>Hoists every non-atom node the roots use twice into a <c>double</c> temporary, in id order.</summary>
        private Dictionary<int, string> Hoist(List<int> roots)
        {
            var temps = new Dictionary<int, string>();
            foreach (int id in HoistedIds(roots))
            {
                string name = _ids.Introduce("t" + Invariant(_temps++));
                _w.Line($"double {name} = {Printer(temps).Print(id)};");
                temps.Add(id, name);
            }

            return temps;
        }

        /// <summary>
        /// Gets, in id order, every non-atom node the roots use at least twice (counting a node's repeated operands as its
        /// printer does): the temporaries of a scalar loop member, and of its lane twin, which must print the same trees.
        /// </summary>
        private List<int> HoistedIds(List<int> roots)
        {
            var uses = new Dictionary<int, int>();
            var seen = new HashSet<int>();
            var stack = new Stack<int>();
            foreach (int root in roots)
            {
                uses[root] = uses.TryGetValue(root, out int u) ? u + 1 : 1;
                stack.Push(root);
            }

            while (stack.Count > 0)
            {
                int id = stack.Pop();
                if (!seen.Add(id))
                {
                    continue;
                }

                Node node = _graph[id];
                if (IsAtom(node))
                {
                    continue;
                }

                for (int k = 0; k < node.Arity; k++)
                {
                    int operand = node.Operand(k);
                    uses[operand] = (uses.TryGetValue(operand, out int u) ? u : 0) + CSharpPrinter.OperandMultiplicity(_graph, node, k);
                    stack.Push(operand);
                }
            }

            var hoisted = new List<int>();
            foreach (KeyValuePair<int, int> entry in uses)
            {
                if (entry.Value >= 2 && !IsAtom(_graph[entry.Key]))
                {
                    hoisted.Add(entry.Key);
                }
            }

            hoisted.Sort();
            return hoisted;
        }

        private static bool IsAtom(Node node) => node.IsLeaf || LoopAnalyzer.IsRead(node.Kind);

        private CSharpPrinter Printer(Dictionary<int, string>? temps) => new(_graph, id => temps is not null && temps.TryGetValue(id, out string? name) ? name : AtomName(id));

        private string? AtomName(int id)
        {
            Node node = _graph[id];
            return node.Kind switch
            {
                NodeKind.Local => Identifiers.Escape(_program.Variables[node.A]),
                NodeKind.State => Identifiers.Escape(_model.StateAt(node.A).Block.Name),
                NodeKind.Parameter => Identifiers.Escape(_model.ParameterAt(node.A).Block.Name),
                NodeKind.Time => _time,
                NodeKind.LoopVariable => LoopVariable(node.A),
                NodeKind.Element => $"{Identifiers.Escape(_model.ParameterBlocks[node.B].Name)}[{Index(node.A)}]",
                NodeKind.StateElement => $"{Identifiers.Escape(_model.StateBlocks[node.B].Name)}[{Index(node.A)}]",
                NodeKind.ArrayElement => $"{Identifiers.Escape(_program.Arrays[node.B].Name)}[{Index(node.A)}]",
                _ => null,
            };
        }

        private string Index(int id) => IndexPrinter.Print(_graph, id, LoopVariable);

        private string LoopVariable(int v) => Identifiers.Escape(_program.LoopVariables[v]);

        private string Dot(string name) => Derived(_dot, name, "Dot");

        private string Bar(string name) => Derived(_bar, name, "Bar");

        private string Derived(Dictionary<string, string> names, string name, string suffix)
        {
            if (!names.TryGetValue(name, out string? derived))
            {
                derived = _ids.Introduce(name.TrimStart('@') + suffix);
                names.Add(name, derived);
            }

            return derived;
        }

        private List<StatementPartial> PartialsOf(int statement) =>
            _partials.TryGetValue(statement, out List<StatementPartial>? list) ? list : new List<StatementPartial>();

        private bool IsPrimalNeeded(Statement statement) =>
            statement.IsStore ? statement.Target != _outputArray && _neededArray[statement.Target] : _neededVariable[statement.Target];

        private bool Accumulates(int array)
        {
            foreach (Statement statement in _program.Statements)
            {
                if (statement.IsStore && statement.Target == array && statement.Kind != StatementKind.Assign)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether an item writes anything in <paramref name="mode"/> (a loop: whether its body does).</summary>
        private bool Emits(Item item, Mode mode)
        {
            if (item.Body is not null)
            {
                foreach (Item inner in item.Body.Items)
                {
                    if (Emits(inner, mode))
                    {
                        return true;
                    }
                }

                return false;
            }

            Statement statement = _program.Statements[item.Statement];
            return mode switch
            {
                Mode.Evaluate => true,
                Mode.Tangent => true,
                Mode.StateJacobianColumn => statement.Kind != StatementKind.DeclareArray,
                _ => statement.Kind == StatementKind.DeclareArray || IsPrimalNeeded(statement) || HasTape(item.Statement),
            };
        }

        private bool HasTape(int statement)
        {
            foreach (StatementPartial partial in PartialsOf(statement))
            {
                if (partial.Tape >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the reverse of an item writes anything: a statement with partials whose target has an adjoint.</summary>
        private bool HasReverse(Item item)
        {
            if (item.Body is not null)
            {
                foreach (Item inner in item.Body.Items)
                {
                    if (HasReverse(inner))
                    {
                        return true;
                    }
                }

                return false;
            }

            Statement statement = _program.Statements[item.Statement];
            if (statement.Kind == StatementKind.DeclareArray)
            {
                return false;
            }

            bool targetHasAdjoint = statement.IsStore ? _arrayHasAdjoint[statement.Target] : _variableHasAdjoint[statement.Target];
            return targetHasAdjoint && (PartialsOf(item.Statement).Count > 0 || statement.Kind == StatementKind.Assign);
        }

        /// <summary>
        /// The locals and scratch spans the derivatives need the values of: those the partials read, and, through the
        /// statements that assign them, what those read in turn.
        /// </summary>
        private (bool[] Variables, bool[] Arrays) Needed(EquatableArray<StatementPartial> partials)
        {
            bool[] variables = new bool[_program.Variables.Count];
            bool[] arrays = new bool[_program.Arrays.Count];
            var pending = new Stack<int>();
            foreach (StatementPartial partial in partials)
            {
                pending.Push(partial.Derivative);
            }

            var seen = new HashSet<int>();
            for (bool changed = true; changed;)
            {
                while (pending.Count > 0)
                {
                    foreach (int read in LoopAnalyzer.Reads(_graph, pending.Pop()))
                    {
                        if (!seen.Add(read))
                        {
                            continue;
                        }

                        Node node = _graph[read];
                        if (node.Kind == NodeKind.Local)
                        {
                            variables[node.A] = true;
                        }
                        else if (node.Kind == NodeKind.ArrayElement)
                        {
                            arrays[node.B] = true;
                        }
                    }
                }

                changed = false;
                var queued = new HashSet<int>();
                foreach (Statement statement in _program.Statements)
                {
                    if (statement.Kind is StatementKind.LoopStart or StatementKind.LoopEnd or StatementKind.DeclareArray)
                    {
                        continue;
                    }

                    bool needed = statement.IsStore ? statement.Target != _outputArray && arrays[statement.Target] : variables[statement.Target];
                    if (needed && queued.Add(statement.Value))
                    {
                        foreach (int read in LoopAnalyzer.Reads(_graph, statement.Value))
                        {
                            if (!seen.Contains(read))
                            {
                                pending.Push(read);
                                changed = true;
                            }
                        }
                    }
                }
            }

            return (variables, arrays);
        }

        private void DeclareArrayWithTangent(int array)
        {
            string length = Invariant(_program.Arrays[array].Length);
            _w.Line($"global::System.Span<double> {Identifiers.Escape(_program.Arrays[array].Name)} = stackalloc double[{length}];");
            _w.Line($"global::System.Span<double> {Dot(_program.Arrays[array].Name)} = stackalloc double[{length}];");
        }

        /// <summary>The user's names for the state and parameter blocks the body reads: slices of the method's spans.</summary>
        private void PrimalReads(string state, string parameters)
        {
            Reads(state, parameters, block => Identifiers.Escape(block.Name), "ReadOnlySpan<double>", "double");
        }

        private void TangentReads(string state, string? parameters, string spanType)
        {
            Reads(state, parameters, block => Dot(block.Name), spanType, "double");
        }

        private void AdjointReads(string state, string parameters)
        {
            // Scalars are written straight into the output span (their adjoint is an element of it).
            foreach (ParameterBlock block in _model.StateBlocks)
            {
                _bar[block.Name] = block.IsSpan ? _ids.Introduce(block.Name + "Bar") : $"{state}[{Invariant(block.Offset)}]";
                if (block.IsSpan)
                {
                    _w.Line($"global::System.Span<double> {_bar[block.Name]} = {state}.Slice({Invariant(block.Offset)}, {Invariant(block.Length)});");
                }
            }

            foreach (ParameterBlock block in _model.ParameterBlocks)
            {
                _bar[block.Name] = block.IsSpan ? _ids.Introduce(block.Name + "Bar") : $"{parameters}[{Invariant(block.Offset)}]";
                if (block.IsSpan)
                {
                    _w.Line($"global::System.Span<double> {_bar[block.Name]} = {parameters}.Slice({Invariant(block.Offset)}, {Invariant(block.Length)});");
                }
            }
        }

        private void Reads(string state, string? parameters, Func<ParameterBlock, string> name, string spanType, string scalarType)
        {
            foreach (ParameterBlock block in _model.StateBlocks)
            {
                _w.Line(block.IsSpan
                    ? $"global::System.{spanType} {name(block)} = {state}.Slice({Invariant(block.Offset)}, {Invariant(block.Length)});"
                    : $"{scalarType} {name(block)} = {state}[{Invariant(block.Offset)}];");
            }

            if (parameters is null)
            {
                return;
            }

            foreach (ParameterBlock block in _model.ParameterBlocks)
            {
                _w.Line(block.IsSpan
                    ? $"global::System.{spanType} {name(block)} = {parameters}.Slice({Invariant(block.Offset)}, {Invariant(block.Length)});"
                    : $"{scalarType} {name(block)} = {parameters}[{Invariant(block.Offset)}];");
            }
        }

        /// <summary>Starts a method of the interface: a fresh scope, the signature, one length check per span.</summary>
        private string[] Begin(string name, params (string Name, string Type, int Length)[] spans)
        {
            _ids = UserScope();
            _dot = new Dictionary<string, string>(StringComparer.Ordinal);
            _bar = new Dictionary<string, string>(StringComparer.Ordinal);
            _temps = 0;
            _time = _model.TimeName is { } time ? Identifiers.Escape(time) : _ids.Introduce("time");
            string[] names = new string[spans.Length];
            var parameterList = new List<string> { $"double {_time}" };
            for (int i = 0; i < spans.Length; i++)
            {
                names[i] = _ids.Introduce(spans[i].Name);
                parameterList.Add($"{spans[i].Type} {names[i]}");
            }

            Header(name, string.Join(", ", parameterList));
            for (int i = 0; i < spans.Length; i++)
            {
                CheckLength(names[i], spans[i].Length);
            }

            _w.Line();
            return names;
        }

        private void Header(string name, string parameters)
        {
            _w.Line();
            _w.Line("/// <inheritdoc/>");
            _w.Line(GeneratedCode);
            _w.Line($"public static void {name}({parameters})");
            _w.Open();
        }

        private void CheckLength(string span, int length)
        {
            string expected = Invariant(length);
            _w.Line($"if ({span}.Length != {expected})");
            _w.Open();
            _w.Line($"throw {_guard}.LengthMismatch(nameof({span}), {expected}, {span}.Length);");
            _w.Close();
        }

        private Identifiers UserScope()
        {
            var names = new List<string>();
            foreach (ParameterBlock block in _model.StateBlocks)
            {
                names.Add(block.Name);
            }

            foreach (ArrayDeclaration array in _program.Arrays)
            {
                names.Add(array.Name);
            }

            foreach (ParameterBlock block in _model.ParameterBlocks)
            {
                names.Add(block.Name);
            }

            if (_model.TimeName is not null)
            {
                names.Add(_model.TimeName);
            }

            names.AddRange(_program.Variables);
            names.AddRange(_program.LoopVariables);
            return new Identifiers(names);
        }
    }

    /// <summary>The statements as a tree: a loop's item holds its body.</summary>
    private sealed class Block
    {
        public List<Item> Items { get; } = new();

        public static Block Of(EquatableArray<Statement> statements)
        {
            var root = new Block();
            var open = new Stack<Block>();
            open.Push(root);
            for (int i = 0; i < statements.Count; i++)
            {
                switch (statements[i].Kind)
                {
                    case StatementKind.LoopStart:
                        var body = new Block();
                        open.Peek().Items.Add(new Item(i, body));
                        open.Push(body);
                        break;
                    case StatementKind.LoopEnd:
                        open.Pop();
                        break;
                    default:
                        open.Peek().Items.Add(new Item(i, null));
                        break;
                }
            }

            return root;
        }
    }

    /// <summary>A statement of a <see cref="Block"/>, or a loop (its <c>LoopStart</c> and body).</summary>
    private readonly struct Item
    {
        public Item(int statement, Block? body)
        {
            Statement = statement;
            Body = body;
        }

        public int Statement { get; }

        public Block? Body { get; }
    }
}
