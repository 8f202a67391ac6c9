using System;
using System.Collections.Generic;
using System.Globalization;
using NeuralOdeGen.Generator.Analysis;
using NeuralOdeGen.Generator.Ir;
using NeuralOdeGen.Generator.Model;

namespace NeuralOdeGen.Generator.Emit;

/// <summary>
/// The lane members of a model whose loops are kept: <c>EvaluateLanes</c> and <c>VectorJacobianProductLanes</c> loop over
/// the block's vectors and run, for each, the scalar member's own loops with every value that depends on the state (locals,
/// scratch elements, tapes, adjoints) a <c>Vector256&lt;double&gt;</c> — four samples side by side — while the weights,
/// the time, the loop counters and what is computed from them alone stay scalars, broadcast where a vector needs them. A
/// layer is then a matrix–vector product with the weights broadcast and the samples in the lanes. Every expression is the
/// scalar member's tree printed by <see cref="VectorPrinter"/> (the same operations in the same order, <c>LaneMath</c> for
/// the functions), so each lane is bit-identical to <c>Evaluate</c> and <c>VectorJacobianProduct</c>.
/// </summary>
internal static partial class ModelEmitter
{
    private sealed partial class LoopMemberWriter
    {
        // Vectors of stack the lane members may take (128 KiB, as the scalar tapes' limit of 16 384 doubles); past it the
        // model keeps the interface's scalar lane loops.
        private const int LaneStackLimit = 4096;
        private const string LaneVector = VectorPrinter.VectorType;

        // The scope of the lane method being written.
        private bool[] _laneVaries = Array.Empty<bool>();
        private string _laneCount = "count";
        private string _laneIndex = "k";
        private string _laneState = "state";
        private string _laneOutput = "derivative";
        private string _laneStateAdjoint = "vjpState";
        private string _laneParameterAdjoint = "vjpParameters";
        private LaneConstants _laneConstants = new(new Identifiers(Array.Empty<string>()));
        private string? _laneComponent;

        /// <summary>
        /// Writes <c>HasVectorLanes</c>, <c>EvaluateLanes</c> and <c>VectorJacobianProductLanes</c>, or nothing (the
        /// interface's scalar loops stay) when the scratch vectors would take more stack than <see cref="LaneStackLimit"/>.
        /// </summary>
        private void Lanes()
        {
            if (LaneStackVectors() > LaneStackLimit)
            {
                return;
            }

            _laneVaries = LaneVaries();
            _w.Line();
            _w.Line("/// <inheritdoc/>");
            _w.Line(GeneratedCode);
            _w.Line("public static bool HasVectorLanes => true;");
            EvaluateLanes();
            VectorJacobianProductLanes();
        }

        /// <summary>The vectors the lane members stackalloc: scratch spans and their adjoints, tapes, state blocks, the output adjoint.</summary>
        private long LaneStackVectors()
        {
            long vectors = _n;
            for (int a = 0; a < _program.Arrays.Count; a++)
            {
                if (a != _outputArray)
                {
                    vectors += 2L * _program.Arrays[a].Length;
                }
            }

            foreach (int length in _tapeLengths)
            {
                vectors += length;
            }

            foreach (ParameterBlock block in _model.StateBlocks)
            {
                vectors += block.IsSpan ? block.Length : 0;
            }

            return vectors;
        }

        /// <summary>
        /// Per node, whether it differs from lane to lane: it reads a state, a local or a scratch element (directly or through
        /// its operands; a span index never does). The others are the same in every lane and are computed as scalars.
        /// </summary>
        private bool[] LaneVaries()
        {
            bool[] varies = new bool[_graph.Count];
            for (int id = 0; id < _graph.Count; id++)
            {
                Node node = _graph[id];
                switch (node.Kind)
                {
                    case NodeKind.State or NodeKind.StateElement or NodeKind.Local or NodeKind.ArrayElement:
                        varies[id] = true;
                        break;
                    case NodeKind.Element:
                        break;
                    default:
                        for (int k = 0; k < node.Arity; k++)
                        {
                            varies[id] |= varies[node.Operand(k)];
                        }

                        break;
                }
            }

            return varies;
        }

        private void EvaluateLanes()
        {
            string[] names = BeginLanes("EvaluateLanes", ("state", ReadOnlyLaneSpan, _n), ("derivative", LaneSpan, _n));
            _laneOutput = names[2];
            LaneParameterReads(names[1]);
            LaneStateDeclarations();
            LaneArrayDeclarations(withAdjoints: false);
            if (_outputAccumulates)
            {
                _w.Line($"{_laneOutput}.Clear();");
            }

            var body = new CodeWriter();
            LaneStateReads(body);
            LaneClearAccumulating(body);
            body.Line();
            LaneForward(body, _root, sweep: false, new List<Statement>());
            LaneLoop(body);
            _w.Close();
        }

        private void VectorJacobianProductLanes()
        {
            string[] names = BeginLanes(
                "VectorJacobianProductLanes",
                ("state", ReadOnlyLaneSpan, _n), ("cotangent", ReadOnlyLaneSpan, _n), ("vjpState", LaneSpan, _n), ("vjpParameters", LaneSpan, _m));
            string cotangent = names[2];
            _laneStateAdjoint = names[3];
            _laneParameterAdjoint = names[4];
            LaneParameterReads(names[1]);
            LaneStateDeclarations();
            _w.Line($"{_laneStateAdjoint}.Clear();");
            _w.Line($"{_laneParameterAdjoint}.Clear();");

            _tapes = new string[_tapeLengths.Count];
            for (int k = 0; k < _tapes.Length; k++)
            {
                _tapes[k] = _ids.Introduce("tape" + Invariant(k));
                _w.Line($"// {_tapes[k]}: {TapeDescription(k)}, one slot per iteration.");
                _w.Line($"global::System.Span<{LaneVector}> {_tapes[k]} = stackalloc {LaneVector}[{Invariant(_tapeLengths[k])}];");
            }

            LaneArrayDeclarations(withAdjoints: true);

            var body = new CodeWriter();
            LaneStateReads(body);
            LaneClearAccumulating(body);
            body.Line();
            body.Line("// Forward sweep: the values the partial derivatives read.");
            LaneForward(body, _root, sweep: true, new List<Statement>());
            body.Line();
            body.Line("// Reverse sweep: each statement, last to first, adds its adjoint times its partials into the adjoints of what it read.");
            string component = LaneComponent();
            body.Line($"for (int {component} = 0; {component} < {Invariant(_n)}; {component}++)");
            body.Open();
            body.Line($"{_outputAdjoint}[{component}] = {cotangent}[{LaneSlot(0, component)}];");
            body.Close();
            body.Line();
            bool cleared = false;
            for (int a = 0; a < _program.Arrays.Count; a++)
            {
                if (a != _outputArray && _arrayHasAdjoint[a])
                {
                    body.Line($"{Bar(_program.Arrays[a].Name)}.Clear();");
                    cleared = true;
                }
            }

            if (cleared)
            {
                body.Line();
            }

            LaneReverse(body, _root, new List<Statement>());
            LaneLoop(body);
            _w.Close();
        }

        /// <summary>
        /// Starts a lane method: a fresh scope, the signature (the time a scalar, the parameters shared doubles), the block
        /// checks and the parameters' length check. Returns the state, parameter and other span names in signature order.
        /// </summary>
        private string[] BeginLanes(string name, params (string Name, string Type, int Components)[] spans)
        {
            _ids = UserScope();
            _dot = new Dictionary<string, string>(StringComparer.Ordinal);
            _bar = new Dictionary<string, string>(StringComparer.Ordinal);
            _temps = 0;
            _laneConstants = new LaneConstants(_ids);
            _laneComponent = null;
            _time = _model.TimeName is { } time ? Identifiers.Escape(time) : _ids.Introduce("time");
            string[] names = new string[spans.Length + 1];
            names[0] = _ids.Introduce(spans[0].Name);
            names[1] = _ids.Introduce("parameters");
            for (int i = 1; i < spans.Length; i++)
            {
                names[i + 1] = _ids.Introduce(spans[i].Name);
            }

            var parameterList = new List<string> { $"double {_time}", $"{spans[0].Type} {names[0]}", $"{ReadOnlySpan} {names[1]}" };
            for (int i = 1; i < spans.Length; i++)
            {
                parameterList.Add($"{spans[i].Type} {names[i + 1]}");
            }

            _laneState = names[0];
            _laneCount = _ids.Introduce("count");
            _laneIndex = _ids.Introduce("k");
            if (_program.OutputArray >= 0)
            {
                _outputAdjoint = Bar(_program.Arrays[_outputArray].Name);
            }

            Header(name, string.Join(", ", parameterList));
            _w.Line($"int {_laneCount} = global::NeuralOdeGen.LaneBlock.CountOf({names[0]}.Length, {Invariant(spans[0].Components)}, nameof({names[0]}));");
            for (int i = 1; i < spans.Length; i++)
            {
                string blockLength = spans[i].Components == 1 ? _laneCount : $"{Invariant(spans[i].Components)} * {_laneCount}";
                _w.Line($"global::NeuralOdeGen.LaneBlock.Require({names[i + 1]}.Length, {blockLength}, nameof({names[i + 1]}));");
            }

            CheckLength(names[1], _m);
            _w.Line();
            return names;
        }

        /// <summary>The parameter blocks as the scalar members name them: slices (or scalars) of the shared parameters.</summary>
        private void LaneParameterReads(string parameters)
        {
            foreach (ParameterBlock block in _model.ParameterBlocks)
            {
                _w.Line(block.IsSpan
                    ? $"{ReadOnlySpan} {Identifiers.Escape(block.Name)} = {parameters}.Slice({Invariant(block.Offset)}, {Invariant(block.Length)});"
                    : $"double {Identifiers.Escape(block.Name)} = {parameters}[{Invariant(block.Offset)}];");
            }
        }

        /// <summary>A state block is gathered, vector by vector, into a span of its own (the body then indexes it as written).</summary>
        private void LaneStateDeclarations()
        {
            foreach (ParameterBlock block in _model.StateBlocks)
            {
                if (block.IsSpan)
                {
                    _w.Line($"global::System.Span<{LaneVector}> {Identifiers.Escape(block.Name)} = stackalloc {LaneVector}[{Invariant(block.Length)}];");
                }
            }
        }

        private void LaneStateReads(CodeWriter body)
        {
            foreach (ParameterBlock block in _model.StateBlocks)
            {
                string name = Identifiers.Escape(block.Name);
                if (!block.IsSpan)
                {
                    body.Line($"{LaneVector} {name} = {_laneState}[{LaneSlot(block.Offset, null)}];");
                    continue;
                }

                string component = LaneComponent();
                body.Line($"for (int {component} = 0; {component} < {Invariant(block.Length)}; {component}++)");
                body.Open();
                body.Line($"{name}[{component}] = {_laneState}[{LaneSlot(block.Offset, component)}];");
                body.Close();
            }
        }

        /// <summary>The counter of the loops that copy a block's components (one name per method).</summary>
        private string LaneComponent() => _laneComponent ??= _ids.Introduce("component");

        /// <summary>The scratch spans (and, for the product, their adjoints) as vector spans, taken once for the whole block.</summary>
        private void LaneArrayDeclarations(bool withAdjoints)
        {
            for (int a = 0; a < _program.Arrays.Count; a++)
            {
                if (a == _outputArray)
                {
                    continue;
                }

                string length = Invariant(_program.Arrays[a].Length);
                _w.Line($"global::System.Span<{LaneVector}> {Identifiers.Escape(_program.Arrays[a].Name)} = stackalloc {LaneVector}[{length}];");
                if (withAdjoints && _arrayHasAdjoint[a])
                {
                    _w.Line($"global::System.Span<{LaneVector}> {Bar(_program.Arrays[a].Name)} = stackalloc {LaneVector}[{length}];");
                }
            }

            if (withAdjoints && _outputArray >= 0)
            {
                _w.Line($"global::System.Span<{LaneVector}> {_outputAdjoint} = stackalloc {LaneVector}[{Invariant(_n)}];");
            }
        }

        /// <summary>A scratch span that is added to starts each vector at zero, as <c>stackalloc</c> leaves the scalar member's.</summary>
        private void LaneClearAccumulating(CodeWriter body)
        {
            for (int a = 0; a < _program.Arrays.Count; a++)
            {
                if (a != _outputArray && Accumulates(a))
                {
                    body.Line($"{Identifiers.Escape(_program.Arrays[a].Name)}.Clear();");
                }
            }
        }

        /// <summary>The broadcast constants, then the loop over the block's vectors around <paramref name="body"/>.</summary>
        private void LaneLoop(CodeWriter body)
        {
            foreach (string declaration in _laneConstants.Declarations)
            {
                _w.Line(declaration);
            }

            _w.Line();
            _w.Line($"for (int {_laneIndex} = 0; {_laneIndex} < {_laneCount}; {_laneIndex}++)");
            _w.Open();
            string text = body.ToString();
            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length - 1; i++)
            {
                _w.Line(lines[i]);
            }

            _w.Close();
        }

        /// <summary>
        /// The index of component <paramref name="offset"/> + <paramref name="index"/> of the current vector in a block:
        /// <c>((offset + index) * count) + k</c>, simplified.
        /// </summary>
        private string LaneSlot(int offset, string? index)
        {
            string component = index is null ? Invariant(offset) : offset == 0 ? index : $"{Invariant(offset)} + {Parenthesised(index)}";
            string scaled = component switch
            {
                "0" => "",
                "1" => _laneCount,
                _ => $"{Parenthesised(component)} * {_laneCount}",
            };
            return scaled.Length == 0 ? _laneIndex : $"{Parenthesised(scaled)} + {_laneIndex}";
        }

        private static string Parenthesised(string text) => text.IndexOf(' ') >= 0 ? "(" + text + ")" : text;

        /// <summary>The lane twin of the scalar forward walk, in <c>Evaluate</c> or <c>ForwardSweep</c> mode.</summary>
        private void LaneForward(CodeWriter body, Block block, bool sweep, List<Statement> open)
        {
            bool blankBeforeNext = false;
            foreach (Item item in block.Items)
            {
                Statement statement = _program.Statements[item.Statement];
                if (!Emits(item, sweep ? Mode.ForwardSweep : Mode.Evaluate) || (item.Body is null && statement.Kind == StatementKind.DeclareArray))
                {
                    // Scratch spans are taken once, before the loop over the vectors.
                    continue;
                }

                if (blankBeforeNext)
                {
                    body.Line();
                    blankBeforeNext = false;
                }

                if (item.Body is not null)
                {
                    string v = LoopVariable(statement.Target);
                    string step = statement.Step == 1 ? $"{v}++" : $"{v} += {Invariant(statement.Step)}";
                    body.Line($"for (int {v} = {Invariant(statement.From)}; {v} < {Invariant(statement.To)}; {step})");
                    body.Open();
                    open.Add(statement);
                    LaneForward(body, item.Body, sweep, open);
                    open.RemoveAt(open.Count - 1);
                    body.Close();
                    blankBeforeNext = true;
                    continue;
                }

                if (!sweep)
                {
                    body.Line(LaneAssignment(statement, LanePrimalTarget(statement), LaneValue(statement.Value, null)));
                    continue;
                }

                List<StatementPartial> partials = PartialsOf(item.Statement);
                bool primal = IsPrimalNeeded(statement);
                var roots = new List<int>();
                if (primal)
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

                Dictionary<int, string> temps = LaneHoist(body, roots);
                foreach (StatementPartial partial in partials)
                {
                    if (partial.Tape >= 0)
                    {
                        body.Line($"{_tapes[partial.Tape]}[{TapeIndex(open)}] = {LaneValue(partial.Derivative, temps)};");
                    }
                }

                if (primal)
                {
                    body.Line(LaneAssignment(statement, LanePrimalTarget(statement), LaneValue(statement.Value, temps)));
                }
            }
        }

        /// <summary>The lane twin of the scalar reverse walk: the same statements, loops and adjoint names, in vectors.</summary>
        private void LaneReverse(CodeWriter body, Block block, List<Statement> open) =>
            WalkReverse(body, block, open, LaneVector, $"{LaneVector}.Zero", (index, statement, loops) => LaneReverseStatement(body, index, statement, loops));

        /// <summary>The lane twin of <c>ReverseStatement</c>: r̄ += ā · ∂e/∂r per read, then ā reset or scaled.</summary>
        private void LaneReverseStatement(CodeWriter body, int index, Statement statement, List<Statement> open)
        {
            List<StatementPartial> partials = PartialsOf(index);
            string adjoint = LaneAdjointTarget(statement);
            var roots = new List<int>();
            foreach (StatementPartial partial in partials)
            {
                if (partial.Tape < 0)
                {
                    roots.Add(partial.Derivative);
                }
            }

            Dictionary<int, string> temps = LaneHoist(body, roots);
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

                body.Line(LaneContribution(LaneAdjointOf(partial.Read), adjoint, partial, temps, negative, open));
            }

            switch (statement.Kind)
            {
                case StatementKind.Assign when self is { } own:
                    body.Line($"{adjoint} = {adjoint} * {LaneFactor(own, temps, open)};");
                    break;
                case StatementKind.Assign:
                    body.Line($"{adjoint} = {LaneVector}.Zero;");
                    break;
                case StatementKind.AddAssign or StatementKind.SubtractAssign when self is { } own:
                    body.Line(LaneContribution(adjoint, adjoint, own, temps, negative, open));
                    break;
            }
        }

        private string LaneContribution(string target, string adjoint, StatementPartial partial, Dictionary<int, string> temps, bool negative, List<Statement> open)
        {
            if (partial.Tape < 0 && _graph.IsConstant(partial.Derivative, out double value) && Math.Abs(value) == 1.0)
            {
                return $"{target} {((value < 0) != negative ? "-=" : "+=")} {adjoint};";
            }

            return $"{target} {(negative ? "-=" : "+=")} {adjoint} * {LaneFactor(partial, temps, open)};";
        }

        /// <summary>
        /// A partial as the right operand of <c>ā * …</c>. The scalar member writes <c>ā * a * b</c> for a product (it
        /// multiplies ā by a first), so the nodes down the product's left operands are printed as vector operations even
        /// when they do not vary, keeping that order; a sum, difference or quotient is parenthesised, as there.
        /// </summary>
        private string LaneFactor(StatementPartial partial, Dictionary<int, string> temps, List<Statement> open)
        {
            if (partial.Tape >= 0)
            {
                return $"{_tapes[partial.Tape]}[{TapeIndex(open)}]";
            }

            int id = partial.Derivative;
            var spine = new HashSet<int>();
            for (int node = id; !temps.ContainsKey(node) && _graph[node].Kind is NodeKind.Multiply or NodeKind.Divide or NodeKind.Negate; node = _graph[node].A)
            {
                spine.Add(node);
            }

            string text = LaneValue(id, temps, spine);
            bool compound = !temps.ContainsKey(id) && _graph[id].Kind is NodeKind.Add or NodeKind.Subtract or NodeKind.Divide;
            return compound ? "(" + text + ")" : text;
        }

        /// <summary>
        /// Hoists exactly what the scalar member hoists (every non-atom node the roots use twice, in id order), so that the
        /// two print the same trees: a temporary that varies is a vector, one that does not a <c>double</c>.
        /// </summary>
        private Dictionary<int, string> LaneHoist(CodeWriter body, List<int> roots)
        {
            var temps = new Dictionary<int, string>();
            foreach (int id in HoistedIds(roots))
            {
                string name = _ids.Introduce("t" + Invariant(_temps++));
                body.Line(_laneVaries[id]
                    ? $"{LaneVector} {name} = {LaneValue(id, temps)};"
                    : $"double {name} = {ScalarText(id, temps)};");
                temps.Add(id, name);
            }

            return temps;
        }

        /// <summary>
        /// The vector expression of node <paramref name="id"/>. A subtree that does not vary is computed once as the scalar
        /// member writes it and broadcast, unless it is in <paramref name="structural"/> (printed node by node instead).
        /// </summary>
        private string LaneValue(int id, Dictionary<int, string>? temps, HashSet<int>? structural = null)
        {
            if (LaneAtom(id, temps, structural) is { } atom)
            {
                return atom;
            }

            var printer = new VectorPrinter(_graph, operand => LaneAtom(operand, temps, structural), _laneConstants.Name)
            {
                CustomFunctions = _model.CustomFunctions,
            };
            return printer.Print(id);
        }

        private string? LaneAtom(int id, Dictionary<int, string>? temps, HashSet<int>? structural)
        {
            Node node = _graph[id];
            if (temps is not null && temps.TryGetValue(id, out string? temporary))
            {
                return _laneVaries[id] ? temporary : Broadcast(temporary, isBoolean: node.IsBoolean, readsLoopVariable: false);
            }

            if (node.Kind is NodeKind.Constant or NodeKind.BoolConstant)
            {
                return null;
            }

            if (!_laneVaries[id])
            {
                return structural is not null && structural.Contains(id) ? null : Broadcast(ScalarText(id, temps), node.IsBoolean, ReadsLoopVariable(id));
            }

            return node.Kind switch
            {
                NodeKind.Local or NodeKind.State or NodeKind.StateElement or NodeKind.ArrayElement => AtomName(id),
                _ => null,
            };
        }

        /// <summary>A scalar value (or condition) in every lane.</summary>
        private static string Broadcast(string scalar, bool isBoolean, bool readsLoopVariable)
        {
            if (isBoolean)
            {
                return $"({scalar} ? {LaneVector}.AllBitsSet : {LaneVector}.Zero)";
            }

            // A loop counter is an int: converted as the scalar member's arithmetic converts it. (LoopAnalyzer does not accept
            // a counter as a value yet; this keeps the lane text compiling when it does.)
            return readsLoopVariable
                ? $"{VectorPrinter.Vector}.Create((double){(scalar.IndexOf(' ') >= 0 ? "(" + scalar + ")" : scalar)})"
                : $"{VectorPrinter.Vector}.Create({scalar})";
        }

        private string ScalarText(int id, Dictionary<int, string>? temps) =>
            new CSharpPrinter(_graph, operand => temps is not null && temps.TryGetValue(operand, out string? name) ? name : AtomName(operand))
            {
                CustomFunctions = _model.CustomFunctions,
            }.Print(id);

        /// <summary>Whether the value of <paramref name="id"/> reads a loop counter (span indices are not entered).</summary>
        private bool ReadsLoopVariable(int id)
        {
            var stack = new Stack<int>();
            var seen = new HashSet<int>();
            stack.Push(id);
            while (stack.Count > 0)
            {
                int current = stack.Pop();
                if (!seen.Add(current))
                {
                    continue;
                }

                Node node = _graph[current];
                if (node.Kind == NodeKind.LoopVariable)
                {
                    return true;
                }

                if (LoopAnalyzer.IsRead(node.Kind))
                {
                    continue;
                }

                for (int k = 0; k < node.Arity; k++)
                {
                    stack.Push(node.Operand(k));
                }
            }

            return false;
        }

        private static string LaneAssignment(Statement statement, string target, string value) => statement.Kind switch
        {
            StatementKind.Declare => $"{LaneVector} {target} = {value};",
            StatementKind.Assign => $"{target} = {value};",
            StatementKind.AddAssign => $"{target} += {value};",
            _ => $"{target} -= {value};",
        };

        private string LanePrimalTarget(Statement statement)
        {
            if (!statement.IsStore)
            {
                return Identifiers.Escape(_program.Variables[statement.Target]);
            }

            return statement.Target == _outputArray
                ? $"{_laneOutput}[{LaneSlot(0, Index(statement.Index))}]"
                : $"{Identifiers.Escape(_program.Arrays[statement.Target].Name)}[{Index(statement.Index)}]";
        }

        private string LaneAdjointTarget(Statement statement) => statement.IsStore
            ? $"{(statement.Target == _outputArray ? _outputAdjoint : Bar(_program.Arrays[statement.Target].Name))}[{Index(statement.Index)}]"
            : Bar(_program.Variables[statement.Target]);

        /// <summary>The adjoint of a read: a local's or scratch element's vector, or the current vector of a state or parameter adjoint.</summary>
        private string LaneAdjointOf(int read)
        {
            Node node = _graph[read];
            return node.Kind switch
            {
                NodeKind.Local => Bar(_program.Variables[node.A]),
                NodeKind.State => $"{_laneStateAdjoint}[{LaneSlot(_model.StateAt(node.A).Block.Offset, null)}]",
                NodeKind.Parameter => $"{_laneParameterAdjoint}[{LaneSlot(_model.ParameterAt(node.A).Block.Offset, null)}]",
                NodeKind.StateElement => $"{_laneStateAdjoint}[{LaneSlot(_model.StateBlocks[node.B].Offset, Index(node.A))}]",
                NodeKind.Element => $"{_laneParameterAdjoint}[{LaneSlot(_model.ParameterBlocks[node.B].Offset, Index(node.A))}]",
                NodeKind.ArrayElement => $"{Bar(_program.Arrays[node.B].Name)}[{Index(node.A)}]",
                _ => throw new InvalidOperationException($"A {node.Kind} node is not a read."),
            };
        }
    }
}
