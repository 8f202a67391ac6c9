using System;
using System.Collections.Generic;
using System.Globalization;
using NeuralOdeGen.Generator.Ir;
using NeuralOdeGen.Generator.Model;

namespace NeuralOdeGen.Generator.Emit;

/// <summary>
/// The <c>IOdeEvents&lt;TSelf&gt;</c> members of a model with <c>[Event]</c> methods: <c>EventCount</c>, <c>Events</c>
/// (names and SymPy forms), the symbolic members from <see cref="AnalyzedEvents"/>, and the dual-number members re-emitted
/// from the event and jump bodies as written. A model without events gets none of this, and its file is unchanged.
/// </summary>
internal static partial class ModelEmitter
{
    private const string EventInfoType = "global::NeuralOdeGen.EventInfo";

    /// <summary>The interfaces after the type's name: <c>IOdeModel&lt;T&gt;</c>, and <c>IOdeEvents&lt;T&gt;</c> with events.</summary>
    private static string Interfaces(AnalyzedModel analyzed, string name) =>
        analyzed.Events is null
            ? $"global::NeuralOdeGen.IOdeModel<{name}>"
            : $"global::NeuralOdeGen.IOdeModel<{name}>, global::NeuralOdeGen.IOdeEvents<{name}>";

    private static void WriteEvents(CodeWriter w, AnalyzedModel analyzed)
    {
        if (analyzed.Events is { } events)
        {
            new EventMemberWriter(w, analyzed.Spec, events).WriteAll();
        }
    }

    /// <summary>Writes the event members; each method gets its own identifier scope, each switch case a scope of its own.</summary>
    private sealed class EventMemberWriter
    {
        private readonly CodeWriter _w;
        private readonly ModelSpec _model;
        private readonly ExprGraph _graph;
        private readonly AnalyzedEvents _events;
        private readonly int _n;
        private readonly int _m;
        private readonly string _guard;
        private readonly List<string> _userNames = new();

        // The locals, loop variables and scratch spans of the event and jump bodies.
        private readonly HashSet<string> _bodyNames = new(StringComparer.Ordinal);

        public EventMemberWriter(CodeWriter writer, ModelSpec model, AnalyzedEvents events)
        {
            _w = writer;
            _model = model;
            _events = events;
            _graph = new ExprGraph(events.Nodes);
            _n = model.States.Count;
            _m = model.Parameters.Count;
            _guard = "global::" + (model.Namespace is null ? "" : EscapeQualified(model.Namespace) + ".") + Guard;

            // Every name a user body declares, so that no generated name (a span, a temporary) shadows one.
            foreach (ParameterBlock block in model.StateBlocks)
            {
                _userNames.Add(block.Name);
            }

            foreach (ParameterBlock block in model.ParameterBlocks)
            {
                _userNames.Add(block.Name);
            }

            if (model.TimeName is not null)
            {
                _userNames.Add(model.TimeName);
            }

            foreach (EventSpec spec in model.Events)
            {
                AddNames(spec.Function.Program);
                if (spec.Jump is not null)
                {
                    AddNames(spec.Jump.Program);
                }
            }
        }

        public void WriteAll()
        {
            WriteCountAndInfo();
            EvaluateEvents();
            EventGradient();
            ApplyJump();
            JumpJacobianVectorProduct();
            JumpVectorJacobianProduct();
            EvaluateEventsDual();
            ApplyJumpDual();
        }

        private void AddNames(BodyProgram program)
        {
            _bodyNames.UnionWith(program.Variables);
            _bodyNames.UnionWith(program.LoopVariables);
            foreach (ArrayDeclaration array in program.Arrays)
            {
                _bodyNames.Add(array.Name);
            }

            _userNames.AddRange(_bodyNames);
        }

        private void WriteCountAndInfo()
        {
            int count = _model.Events.Count;
            _w.Line();
            _w.Line("/// <inheritdoc/>");
            _w.Line(GeneratedCode);
            _w.Line($"public static int EventCount => {Index(count)};");
            _w.Line();
            _w.Line("/// <inheritdoc/>");
            _w.Line(GeneratedCode);
            _w.Line($"public static global::System.Collections.Generic.IReadOnlyList<{EventInfoType}> Events {{ get; }} = global::System.Array.AsReadOnly(new {EventInfoType}[]");
            _w.Line("{");
            for (int e = 0; e < count; e++)
            {
                EventSpec spec = _model.Events[e];
                AnalyzedEvent analyzed = _events.Events[e];
                var function = new SymPyPrinter(_graph, node => SymPyLeaf(node, spec.FunctionTimeName));
                var jump = new SymPyPrinter(_graph, node => SymPyLeaf(node, spec.JumpTimeName));
                var jumpForms = new List<string>();
                foreach (int id in analyzed.Jump)
                {
                    jumpForms.Add(jump.Print(id));
                }

                _w.Line($"    new {EventInfoType}(");
                _w.Line($"        {Literal(spec.Name)},");
                _w.Line($"        {Direction(spec.Direction)},");
                _w.Line($"        {(spec.Terminal ? "true" : "false")},");
                _w.Line($"        {(spec.JumpName is null ? "null" : Literal(spec.JumpName))},");
                _w.Line($"        {Literal(function.Print(analyzed.Function))},");
                _w.Line($"        {StringArray(jumpForms, out _)}),");
            }

            _w.Line("});");
        }

        /// <summary>The SymPy name of a leaf: the model's names, and the time as the model (or else the method) names it.</summary>
        private string SymPyLeaf(Node node, string? methodTimeName) =>
            node.Kind == NodeKind.Time ? _model.TimeName ?? methodTimeName ?? "t" : SymPyName(_model, node);

        private static string Direction(int direction) => direction switch
        {
            0 => "global::NeuralOdeGen.EventDirection.Either",
            1 => "global::NeuralOdeGen.EventDirection.Rising",
            -1 => "global::NeuralOdeGen.EventDirection.Falling",
            _ => $"(global::NeuralOdeGen.EventDirection)({direction.ToString(CultureInfo.InvariantCulture)})",
        };

        private void EvaluateEvents()
        {
            Identifiers identifiers = Scope();
            string time = TimeName(identifiers);
            string state = identifiers.Introduce("state");
            string parameters = identifiers.Introduce("parameters");
            string values = identifiers.Introduce("values");
            Header("void", "EvaluateEvents", $"double {time}, {ReadOnlySpan} {state}, {ReadOnlySpan} {parameters}, {Span} {values}");
            CheckLength(state, _n);
            CheckLength(parameters, _m);
            CheckLength(values, _model.Events.Count);
            _w.Line();
            var outputs = new List<(string, int)>();
            for (int e = 0; e < _events.Events.Count; e++)
            {
                outputs.Add(($"{values}[{Index(e)}]", _events.Events[e].Function));
            }

            Body(identifiers, outputs, time, state, parameters, _ => "");
            _w.Close();
        }

        private void EventGradient()
        {
            Identifiers identifiers = Scope();
            string index = identifiers.Introduce("index");
            string time = TimeName(identifiers);
            string state = identifiers.Introduce("state");
            string parameters = identifiers.Introduce("parameters");
            string gradientState = identifiers.Introduce("gradientState");
            string gradientParameters = identifiers.Introduce("gradientParameters");
            Header(
                "double",
                "EventGradient",
                $"int {index}, double {time}, {ReadOnlySpan} {state}, {ReadOnlySpan} {parameters}, {Span} {gradientState}, {Span} {gradientParameters}");
            CheckLength(state, _n);
            CheckLength(parameters, _m);
            CheckLength(gradientState, _n);
            CheckLength(gradientParameters, _m);
            _w.Line();
            Switch(index, identifiers, (e, scope) =>
            {
                EquatableArray<int> gradient = _events.Events[e].Gradient;
                var outputs = new List<(string, int)>();
                for (int j = 0; j < _n; j++)
                {
                    outputs.Add(($"{gradientState}[{Index(j)}]", gradient[j]));
                }

                for (int k = 0; k < _m; k++)
                {
                    outputs.Add(($"{gradientParameters}[{Index(k)}]", gradient[_n + k]));
                }

                Returning(scope, outputs, gradient[_n + _m], time, state, parameters, _ => "");
            });
            _w.Close();
        }

        private void ApplyJump()
        {
            Identifiers identifiers = Scope();
            string index = identifiers.Introduce("index");
            string time = TimeName(identifiers);
            string state = identifiers.Introduce("state");
            string parameters = identifiers.Introduce("parameters");
            string statePlus = identifiers.Introduce("statePlus");
            Header("void", "ApplyJump", $"int {index}, double {time}, {ReadOnlySpan} {state}, {ReadOnlySpan} {parameters}, {Span} {statePlus}");
            CheckLength(state, _n);
            CheckLength(parameters, _m);
            CheckLength(statePlus, _n);
            _w.Line();
            Switch(
                index,
                identifiers,
                (e, scope) =>
                {
                    var outputs = new List<(string, int)>();
                    EquatableArray<int> jump = _events.Events[e].Jump;
                    for (int i = 0; i < _n; i++)
                    {
                        outputs.Add(($"{statePlus}[{Index(i)}]", jump[i]));
                    }

                    Body(scope, outputs, time, state, parameters, _ => "");
                    _w.Line("return;");
                },
                () =>
                {
                    _w.Line($"{state}.CopyTo({statePlus});");
                    _w.Line("return;");
                });
            _w.Close();
        }

        private void JumpJacobianVectorProduct()
        {
            Identifiers identifiers = Scope();
            string index = identifiers.Introduce("index");
            string time = TimeName(identifiers);
            string state = identifiers.Introduce("state");
            string parameters = identifiers.Introduce("parameters");
            string dtime = identifiers.Introduce("dtime");
            string dstate = identifiers.Introduce("dstate");
            string dparameters = identifiers.Introduce("dparameters");
            string jvp = identifiers.Introduce("jvp");
            Header(
                "void",
                "JumpJacobianVectorProduct",
                $"int {index}, double {time}, {ReadOnlySpan} {state}, {ReadOnlySpan} {parameters}, double {dtime}, {ReadOnlySpan} {dstate}, {ReadOnlySpan} {dparameters}, {Span} {jvp}");
            CheckLength(state, _n);
            CheckLength(parameters, _m);
            CheckLength(dstate, _n);
            CheckLength(dparameters, _m);
            CheckLength(jvp, _n);
            _w.Line();
            Switch(
                index,
                identifiers,
                (e, scope) =>
                {
                    var outputs = new List<(string, int)>();
                    EquatableArray<int> products = _events.Events[e].JumpJacobianVectorProduct;
                    for (int i = 0; i < _n; i++)
                    {
                        outputs.Add(($"{jvp}[{Index(i)}]", products[i]));
                    }

                    Body(scope, outputs, time, state, parameters, node => (SeedVector)node.A switch
                    {
                        SeedVector.StateTangent => $"{dstate}[{Index(node.B)}]",
                        SeedVector.ParameterTangent => $"{dparameters}[{Index(node.B)}]",
                        _ => dtime,
                    });
                    _w.Line("return;");
                },
                () =>
                {
                    _w.Line($"{dstate}.CopyTo({jvp});");
                    _w.Line("return;");
                });
            _w.Close();
        }

        private void JumpVectorJacobianProduct()
        {
            Identifiers identifiers = Scope();
            string index = identifiers.Introduce("index");
            string time = TimeName(identifiers);
            string state = identifiers.Introduce("state");
            string parameters = identifiers.Introduce("parameters");
            string cotangent = identifiers.Introduce("cotangent");
            string vjpState = identifiers.Introduce("vjpState");
            string vjpParameters = identifiers.Introduce("vjpParameters");
            Header(
                "double",
                "JumpVectorJacobianProduct",
                $"int {index}, double {time}, {ReadOnlySpan} {state}, {ReadOnlySpan} {parameters}, {ReadOnlySpan} {cotangent}, {Span} {vjpState}, {Span} {vjpParameters}");
            CheckLength(state, _n);
            CheckLength(parameters, _m);
            CheckLength(cotangent, _n);
            CheckLength(vjpState, _n);
            CheckLength(vjpParameters, _m);
            _w.Line();
            Switch(
                index,
                identifiers,
                (e, scope) =>
                {
                    var outputs = new List<(string, int)>();
                    EquatableArray<int> products = _events.Events[e].JumpVectorJacobianProduct;
                    for (int j = 0; j < _n; j++)
                    {
                        outputs.Add(($"{vjpState}[{Index(j)}]", products[j]));
                    }

                    for (int k = 0; k < _m; k++)
                    {
                        outputs.Add(($"{vjpParameters}[{Index(k)}]", products[_n + k]));
                    }

                    Returning(scope, outputs, products[_n + _m], time, state, parameters, node => $"{cotangent}[{Index(node.B)}]");
                },
                () =>
                {
                    _w.Line($"{cotangent}.CopyTo({vjpState});");
                    _w.Line($"{vjpParameters}.Clear();");
                    _w.Line("return 0.0;");
                });
            _w.Close();
        }

        private void EvaluateEventsDual()
        {
            Identifiers identifiers = Scope();
            string time = TimeName(identifiers);
            string state = identifiers.Introduce("state");
            string parameters = identifiers.Introduce("parameters");
            string values = identifiers.Introduce("values");
            Header("void", "EvaluateEventsDual", $"global::NeuralOdeGen.Dual {time}, {ReadOnlyDualSpan} {state}, {ReadOnlyDualSpan} {parameters}, {DualSpan} {values}");
            CheckLength(state, _n);
            CheckLength(parameters, _m);
            CheckLength(values, _model.Events.Count);
            bool blocks = _model.Events.Count > 1;
            for (int e = 0; e < _model.Events.Count; e++)
            {
                EventSpec spec = _model.Events[e];
                _w.Line();
                if (blocks)
                {
                    // Each event's body in a block of its own: two events may declare the same local.
                    _w.Line($"// {spec.Name}");
                    _w.Open();
                }

                DualBodyWriter.Write(_w, BodyModel(spec.Function), state, parameters, time, values, dualTime: true, outputOffset: e);
                if (blocks)
                {
                    _w.Close();
                }
            }

            _w.Close();
        }

        private void ApplyJumpDual()
        {
            Identifiers identifiers = Scope();
            string index = identifiers.Introduce("index");
            string time = TimeName(identifiers);
            string state = identifiers.Introduce("state");
            string parameters = identifiers.Introduce("parameters");
            string statePlus = identifiers.Introduce("statePlus");
            Header(
                "void",
                "ApplyJumpDual",
                $"int {index}, global::NeuralOdeGen.Dual {time}, {ReadOnlyDualSpan} {state}, {ReadOnlyDualSpan} {parameters}, {DualSpan} {statePlus}");
            CheckLength(state, _n);
            CheckLength(parameters, _m);
            CheckLength(statePlus, _n);
            _w.Line();
            Switch(
                index,
                identifiers,
                (e, _) =>
                {
                    DualBodyWriter.Write(_w, BodyModel(_model.Events[e].Jump!), state, parameters, time, statePlus, dualTime: true);
                    _w.Line("return;");
                },
                () =>
                {
                    _w.Line($"{state}.CopyTo({statePlus});");
                    _w.Line("return;");
                });
            _w.Close();
        }

        /// <summary>The model with an event or jump body in place of the right-hand side, for <see cref="DualBodyWriter"/>.</summary>
        private ModelSpec BodyModel(BodyIr body) => _model with { Body = body, CustomFunctions = EquatableArray<CustomFunction>.Empty };

        /// <summary>
        /// <c>switch (index)</c> with a case per event: <paramref name="withJump"/> writes the case of an event with a jump
        /// (for the members of the event function, every case), <paramref name="withoutJump"/> the one shared case of the
        /// events without a jump (the identity map). Both end in a return; other indices throw.
        /// </summary>
        private void Switch(string index, Identifiers identifiers, Action<int, Identifiers> withJump, Action? withoutJump = null)
        {
            _w.Line($"switch ({index})");
            _w.Open();
            var identities = new List<int>();
            for (int e = 0; e < _model.Events.Count; e++)
            {
                if (withoutJump is not null && _model.Events[e].Jump is null)
                {
                    identities.Add(e);
                    continue;
                }

                EventSpec spec = _model.Events[e];
                _w.Line(withoutJump is null ? $"case {Index(e)}: // {spec.Name}" : $"case {Index(e)}: // {spec.Name}, jump {spec.JumpName}");
                _w.Open();
                withJump(e, identifiers.Copy());
                _w.Close();
            }

            if (identities.Count > 0)
            {
                foreach (int e in identities)
                {
                    _w.Line($"case {Index(e)}: // {_model.Events[e].Name} (no jump)");
                }

                _w.Open();
                withoutJump!();
                _w.Close();
            }

            _w.Line("default:");
            _w.Line($"    throw new global::System.ArgumentOutOfRangeException(nameof({index}), {index}, \"Expected an event index in [0, {Index(_model.Events.Count)}).\");");
            _w.Close();
        }

        /// <summary>A symbolic body that ends in <c>return</c> of <paramref name="returned"/> (a literal when it is constant).</summary>
        private void Returning(
            Identifiers identifiers, List<(string, int)> outputs, int returned, string time, string state, string parameters, Func<Node, string> seed)
        {
            if (_graph.IsConstant(returned, out double value))
            {
                Body(identifiers, outputs, time, state, parameters, seed);
                _w.Line($"return {NumberFormat.CSharp(value)};");
                return;
            }

            // The last output declares the local it returns.
            string result = identifiers.Introduce("timeDerivative");
            outputs.Add(($"double {result}", returned));
            Body(identifiers, outputs, time, state, parameters, seed);
            _w.Line($"return {result};");
        }

        private void Body(Identifiers identifiers, List<(string, int)> outputs, string time, string state, string parameters, Func<Node, string> seed)
        {
            string[] stateLocals = Locals(_model.StateBlocks, _n, identifiers);
            string[] parameterLocals = Locals(_model.ParameterBlocks, _m, identifiers);
            var body = new SymbolicBodyWriter(
                _graph,
                node => node.Kind switch
                {
                    NodeKind.State => stateLocals[node.A],
                    NodeKind.Parameter => parameterLocals[node.A],
                    NodeKind.Time => time,
                    NodeKind.Seed => seed(node),
                    _ => throw new InvalidOperationException($"A {node.Kind} node is not a leaf of the lowered graph."),
                },
                node => $"{(node.Kind == NodeKind.State ? state : parameters)}[{Index(node.A)}]");
            body.Write(_w, identifiers, outputs);
        }

        /// <summary>The local each flattened state or parameter is read into (a scalar keeps its name; element i of block w is w_i).</summary>
        private static string[] Locals(EquatableArray<ParameterBlock> blocks, int count, Identifiers identifiers)
        {
            string[] locals = new string[count];
            foreach (ParameterBlock block in blocks)
            {
                for (int i = 0; i < block.Length; i++)
                {
                    locals[block.Offset + i] = block.IsSpan ? identifiers.Introduce(block.SymbolName(i)) : Identifiers.Escape(block.Name);
                }
            }

            return locals;
        }

        private void Header(string returnType, string name, string parameters)
        {
            _w.Line();
            _w.Line("/// <inheritdoc/>");
            _w.Line(GeneratedCode);
            _w.Line($"public static {returnType} {name}({parameters})");
            _w.Open();
        }

        private void CheckLength(string span, int length)
        {
            string expected = Index(length);
            _w.Line($"if ({span}.Length != {expected})");
            _w.Open();
            _w.Line($"throw {_guard}.LengthMismatch(nameof({span}), {expected}, {span}.Length);");
            _w.Close();
        }

        private Identifiers Scope() => new(_userNames);

        /// <summary>
        /// The time argument's name: the model's, unless an event or jump without a [Time] parameter declares a local of that
        /// name (then a generated one, as for a model without time).
        /// </summary>
        private string TimeName(Identifiers identifiers) =>
            _model.TimeName is { } time && !_bodyNames.Contains(time) ? Identifiers.Escape(time) : identifiers.Introduce("time");

        private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);
    }
}
