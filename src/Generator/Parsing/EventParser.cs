using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NeuralOdeGen.Generator.Ir;
using NeuralOdeGen.Generator.Model;

namespace NeuralOdeGen.Generator.Parsing;

/// <summary>
/// Reads the <c>[Event]</c> methods of a model's type (and the jump methods they name) into <see cref="EventSpec"/>s:
/// checks each signature against the [Dynamics] method's, then hands the bodies to <see cref="BodyParser"/> with the
/// dynamics method's roles, so an event body means exactly what the same expression means in the dynamics body.
/// Called by <see cref="DynamicsParser"/> once the model itself is valid (so events are part of the model's equatable
/// spec); <see cref="Check"/> reports the <c>[Event]</c> methods no model will ever read (NODE040, NODE043).
/// </summary>
internal static class EventParser
{
    internal const string EventAttributeName = "NeuralOdeGen.EventAttribute";
    private const string ParamAttributeName = "NeuralOdeGen.ParamAttribute";
    private const string TimeAttributeName = "NeuralOdeGen.TimeAttribute";
    private const string StateAttributeName = "NeuralOdeGen.StateAttribute";

    /// <summary>Deepest expression nesting accepted in an event or jump body (the [Dynamics] body's limit).</summary>
    private const int MaxNestingDepth = 256;

    /// <summary>The members the event emitter writes into the user's type (<c>IOdeEvents&lt;TSelf&gt;</c>).</summary>
    private static readonly string[] EmittedMembers =
    [
        "EventCount", "Events", "EvaluateEvents", "EventGradient", "ApplyJump", "JumpJacobianVectorProduct",
        "JumpVectorJacobianProduct", "EvaluateEventsDual", "ApplyJumpDual",
    ];

    /// <summary>
    /// The diagnostics of an <c>[Event]</c> method that no model reads: one on a local function (NODE043), or in a type
    /// without a [Dynamics] method (NODE040). Every other check runs with the model (<see cref="Parse"/>).
    /// </summary>
    public static EquatableArray<DiagnosticInfo> Check(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            return CheckCore(context, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            return One(DiagnosticInfo.Create(
                Diagnostics.InternalError,
                LocationInfo.From(context.TargetNode.GetLocation()),
                context.TargetSymbol.Name,
                exception.GetType().FullName ?? exception.GetType().Name,
                exception.Message));
        }
    }

    private static EquatableArray<DiagnosticInfo> CheckCore(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetNode is LocalFunctionStatementSyntax localFunction)
        {
            return One(DiagnosticInfo.Create(
                Diagnostics.EventMethodShape, LocationInfo.From(localFunction.Identifier), localFunction.Identifier.ValueText, "is a local function"));
        }

        if (context.TargetNode is not MethodDeclarationSyntax method || context.TargetSymbol is not IMethodSymbol { ContainingType: { } type })
        {
            return EquatableArray<DiagnosticInfo>.Empty;
        }

        cancellationToken.ThrowIfCancellationRequested();
        foreach (ISymbol member in type.GetMembers())
        {
            if (member is IMethodSymbol candidate && HasAttribute(candidate, DynamicsParser.DynamicsAttributeName))
            {
                return EquatableArray<DiagnosticInfo>.Empty;
            }
        }

        return One(DiagnosticInfo.Create(Diagnostics.EventWithoutDynamics, LocationInfo.From(method.Identifier), method.Identifier.ValueText, type.Name));
    }

    /// <summary>
    /// The events of <paramref name="model"/>'s type, in declaration order (file path, then position), or
    /// <see cref="EquatableArray{T}.Empty"/> with the problems added to <paramref name="diagnostics"/>.
    /// </summary>
    /// <param name="dynamics">The model's [Dynamics] method.</param>
    /// <param name="roles">What each of its parameters is in the IR.</param>
    /// <param name="output">The ordinal of its <c>Span&lt;double&gt;</c> output, or -1.</param>
    /// <param name="model">The model as parsed (blocks and names).</param>
    /// <param name="compilation">The compilation, for the semantic model of each event's file.</param>
    /// <param name="diagnostics">Where the problems go.</param>
    /// <param name="cancellationToken">Cancels the parse.</param>
    public static EquatableArray<EventSpec> Parse(
        IMethodSymbol dynamics,
        VariableRole[] roles,
        int output,
        ModelSpec model,
        Compilation compilation,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        INamedTypeSymbol type = dynamics.ContainingType;
        List<(IMethodSymbol Method, MethodDeclarationSyntax Syntax)> methods = EventMethods(type, cancellationToken);
        if (methods.Count == 0)
        {
            return EquatableArray<EventSpec>.Empty;
        }

        int before = diagnostics.Count;
        CheckMemberConflicts(type, diagnostics);
        var context = new Context(dynamics, roles, output, model, compilation, diagnostics, cancellationToken);
        var events = new List<EventSpec>(methods.Count);
        foreach ((IMethodSymbol method, MethodDeclarationSyntax syntax) in methods)
        {
            if (context.Event(method, syntax) is { } spec)
            {
                events.Add(spec);
            }
        }

        return diagnostics.Count > before ? EquatableArray<EventSpec>.Empty : new EquatableArray<EventSpec>(events.ToArray());
    }

    private static List<(IMethodSymbol, MethodDeclarationSyntax)> EventMethods(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var found = new List<(IMethodSymbol Method, MethodDeclarationSyntax Syntax, Location Location)>();
        foreach (ISymbol member in type.GetMembers())
        {
            if (member is IMethodSymbol method && HasAttribute(method, EventAttributeName)
                && method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is MethodDeclarationSyntax syntax)
            {
                found.Add((method, syntax, syntax.Identifier.GetLocation()));
            }
        }

        found.Sort(static (x, y) =>
        {
            int byFile = string.CompareOrdinal(x.Location.SourceTree?.FilePath, y.Location.SourceTree?.FilePath);
            return byFile != 0 ? byFile : x.Location.SourceSpan.Start.CompareTo(y.Location.SourceSpan.Start);
        });
        return found.Select(static f => (f.Method, f.Syntax)).ToList();
    }

    /// <summary>NODE016 for a user member named like one of the <c>IOdeEvents</c> members the emitter writes.</summary>
    private static void CheckMemberConflicts(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics)
    {
        foreach (ISymbol member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared || Array.IndexOf(EmittedMembers, member.Name) < 0)
            {
                continue;
            }

            Location? location = member.Locations.FirstOrDefault(static l => l.IsInSource);
            if (location is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.MemberConflict, LocationInfo.From(location), type.Name, member.Name));
            }
        }
    }

    /// <summary>The deepest expression nesting, not counting binary operators (as <c>DynamicsParser</c> measures it).</summary>
    private static int NestingDepth(MethodDeclarationSyntax method)
    {
        int deepest = 0;
        var stack = new Stack<(SyntaxNode Node, int Depth)>();
        stack.Push((method, 0));
        while (stack.Count > 0)
        {
            (SyntaxNode node, int depth) = stack.Pop();
            int nested = node is ExpressionSyntax and not BinaryExpressionSyntax ? depth + 1 : depth;
            deepest = Math.Max(deepest, nested);
            foreach (SyntaxNode child in node.ChildNodes())
            {
                stack.Push((child, nested));
            }
        }

        return deepest;
    }

    private static bool HasAttribute(ISymbol symbol, string fullName) => FindAttribute(symbol, fullName) is not null;

    private static AttributeData? FindAttribute(ISymbol symbol, string fullName)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == fullName)
            {
                return attribute;
            }
        }

        return null;
    }

    private static bool IsSpanOfDouble(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Span", TypeArguments: [{ SpecialType: SpecialType.System_Double }] } span
        && span.ContainingNamespace?.ToDisplayString() == "System";

    private static int? ReturnArity(ITypeSymbol returnType)
    {
        if (returnType.SpecialType == SpecialType.System_Double)
        {
            return 1;
        }

        if (returnType is INamedTypeSymbol { IsTupleType: true } tuple)
        {
            foreach (IFieldSymbol element in tuple.TupleElements)
            {
                if (element.Type.SpecialType != SpecialType.System_Double)
                {
                    return null;
                }
            }

            return tuple.TupleElements.Length;
        }

        return null;
    }

    /// <summary>A parameter as the signature check compares it: its attributes, passing, type, name and default.</summary>
    private static string Describe(IParameterSymbol parameter)
    {
        var builder = new System.Text.StringBuilder();
        foreach (string name in new[] { ParamAttributeName, StateAttributeName, TimeAttributeName })
        {
            if (FindAttribute(parameter, name) is { } attribute)
            {
                builder.Append('[').Append(attribute.AttributeClass!.Name.Replace("Attribute", ""));
                if (attribute.ConstructorArguments is [{ Value: int length }])
                {
                    builder.Append('(').Append(length.ToString(CultureInfo.InvariantCulture)).Append(')');
                }

                builder.Append("] ");
            }
        }

        if (parameter.RefKind != RefKind.None)
        {
            builder.Append(parameter.RefKind.ToString().ToLowerInvariant()).Append(' ');
        }

        if (parameter.IsParams)
        {
            builder.Append("params ");
        }

        builder.Append(parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)).Append(' ').Append(parameter.Name);
        if (parameter.HasExplicitDefaultValue)
        {
            builder.Append(" = ").Append(Convert.ToString(parameter.ExplicitDefaultValue, CultureInfo.InvariantCulture) ?? "null");
        }

        return builder.ToString();
    }

    private static EquatableArray<DiagnosticInfo> One(DiagnosticInfo diagnostic) => new(new[] { diagnostic });

    /// <summary>The model an event is read against, and where its problems go.</summary>
    private sealed class Context
    {
        private readonly IMethodSymbol _dynamics;
        private readonly VariableRole[] _roles;
        private readonly ModelSpec _model;
        private readonly Compilation _compilation;
        private readonly List<DiagnosticInfo> _diagnostics;
        private readonly CancellationToken _cancellationToken;

        // The [Dynamics] method's parameters an event and a jump repeat (not its [Time] or output), by ordinal.
        private readonly List<int> _shared = new();

        public Context(
            IMethodSymbol dynamics, VariableRole[] roles, int output, ModelSpec model, Compilation compilation, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            _dynamics = dynamics;
            _roles = roles;
            _model = model;
            _compilation = compilation;
            _diagnostics = diagnostics;
            _cancellationToken = cancellationToken;
            for (int i = 0; i < dynamics.Parameters.Length; i++)
            {
                if (i != output && !HasAttribute(dynamics.Parameters[i], TimeAttributeName))
                {
                    _shared.Add(i);
                }
            }
        }

        public EventSpec? Event(IMethodSymbol method, MethodDeclarationSyntax syntax)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            int before = _diagnostics.Count;
            LocationInfo? identifier = LocationInfo.From(syntax.Identifier);
            if (SymbolEqualityComparer.Default.Equals(method, _dynamics))
            {
                _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.EventMethodShape, identifier, method.Name, "is also the [Dynamics] method"));
                return null;
            }

            if (!method.IsStatic || method.IsGenericMethod)
            {
                _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.EventMethodShape, identifier, method.Name, method.IsStatic ? "is generic" : "is not static"));
            }

            if (method.ReturnType.SpecialType != SpecialType.System_Double)
            {
                _diagnostics.Add(DiagnosticInfo.Create(
                    Diagnostics.EventReturnType,
                    LocationInfo.From(syntax.ReturnType),
                    method.Name,
                    method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
            }

            AttributeData attribute = FindAttribute(method, EventAttributeName)!;
            int direction = 0;
            bool terminal = false;
            string? jumpName = null;
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                switch (argument.Key)
                {
                    case "Direction" when argument.Value.Value is int value:
                        direction = value;
                        break;
                    case "Terminal" when argument.Value.Value is bool value:
                        terminal = value;
                        break;
                    case "Jump":
                        jumpName = argument.Value.Value as string;
                        break;
                }
            }

            VariableRole[]? roles = Signature(method, syntax, "[Event]", allowsOutput: false, out string? timeName, out _);
            (IMethodSymbol Method, MethodDeclarationSyntax Syntax)? jump = jumpName is null ? null : FindJump(method, attribute, jumpName);
            VariableRole[]? jumpRoles = null;
            string? jumpTimeName = null;
            int jumpOutput = -1;
            if (jump is { } found)
            {
                jumpRoles = Signature(found.Method, found.Syntax, "Jump", allowsOutput: true, out jumpTimeName, out jumpOutput);
                CheckJumpReturn(found.Method, found.Syntax, jumpOutput);
            }

            if (_diagnostics.Count > before || roles is null)
            {
                return null;
            }

            BodyIr? function = Body(method, syntax, roles, -1, 1, "[Event]");
            BodyIr? jumpBody = jump is { } j && jumpRoles is not null ? Body(j.Method, j.Syntax, jumpRoles, jumpOutput, _model.States.Count, "Jump") : null;
            if (function is null || (jump is not null && jumpBody is null) || _diagnostics.Count > before)
            {
                return null;
            }

            return new EventSpec(method.Name, direction, terminal, function, timeName, jump?.Method.Name, jumpBody, jump is null ? null : jumpTimeName);
        }

        /// <summary>
        /// Checks that <paramref name="method"/> takes the [Dynamics] method's shared parameters (and at most one [Time]
        /// and, for a jump, one <c>Span&lt;double&gt;</c> output), and returns the role of each of its parameters; null
        /// after reporting the first difference (NODE041).
        /// </summary>
        private VariableRole[]? Signature(
            IMethodSymbol method, MethodDeclarationSyntax syntax, string kind, bool allowsOutput, out string? timeName, out int output)
        {
            timeName = null;
            output = -1;
            var roles = new VariableRole[method.Parameters.Length];
            int next = 0;
            string? dynamicsTime = _model.TimeName;
            for (int i = 0; i < method.Parameters.Length; i++)
            {
                IParameterSymbol parameter = method.Parameters[i];
                LocationInfo? location = i < syntax.ParameterList.Parameters.Count ? LocationInfo.From(syntax.ParameterList.Parameters[i]) : LocationInfo.From(syntax.ParameterList);
                if (HasAttribute(parameter, TimeAttributeName))
                {
                    string? problem = timeName is not null ? $"has a second [Time] parameter '{parameter.Name}'"
                        : Describe(parameter) != "[Time] double " + parameter.Name ? $"declares its [Time] parameter as '{Describe(parameter)}' (a plain double)"
                        : dynamicsTime is not null && dynamicsTime != parameter.Name ? $"names its [Time] parameter '{parameter.Name}', the [Dynamics] method names it '{dynamicsTime}'"
                        : null;
                    if (problem is not null)
                    {
                        return Mismatch(kind, method, location, problem);
                    }

                    timeName = parameter.Name;
                    roles[i] = new VariableRole(NodeKind.Time, 0);
                    continue;
                }

                if (allowsOutput && IsSpanOfDouble(parameter.Type) && Describe(parameter) == "Span<double> " + parameter.Name)
                {
                    if (output >= 0)
                    {
                        return Mismatch(kind, method, location, $"has a second Span<double> output '{parameter.Name}'");
                    }

                    output = i;
                    roles[i] = new VariableRole(NodeKind.Constant, 0);
                    continue;
                }

                if (next >= _shared.Count)
                {
                    return Mismatch(kind, method, location, $"has the extra parameter '{parameter.Name}'");
                }

                IParameterSymbol expected = _dynamics.Parameters[_shared[next]];
                if (parameter.Name != expected.Name)
                {
                    return Mismatch(kind, method, location, $"has the parameter '{parameter.Name}' where the [Dynamics] method has '{expected.Name}'");
                }

                if (Describe(parameter) != Describe(expected))
                {
                    return Mismatch(kind, method, location, $"declares '{Describe(parameter)}', the [Dynamics] method '{Describe(expected)}'");
                }

                roles[i] = _roles[_shared[next]];
                next++;
            }

            if (next < _shared.Count)
            {
                return Mismatch(kind, method, LocationInfo.From(syntax.ParameterList), $"lacks the parameter '{_dynamics.Parameters[_shared[next]].Name}'");
            }

            return roles;
        }

        private VariableRole[]? Mismatch(string kind, IMethodSymbol method, LocationInfo? location, string problem)
        {
            _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.EventParameterMismatch, location, kind, method.Name, problem));
            return null;
        }

        /// <summary>The one static method the event's <c>Jump</c> names, or null after NODE044 at the <c>Jump = …</c> argument.</summary>
        private (IMethodSymbol, MethodDeclarationSyntax)? FindJump(IMethodSymbol eventMethod, AttributeData attribute, string name)
        {
            LocationInfo? location = JumpArgument(attribute) ?? LocationInfo.From(eventMethod.Locations[0]);
            IMethodSymbol[] candidates = eventMethod.ContainingType.GetMembers(name).OfType<IMethodSymbol>().Where(static m => m.MethodKind == MethodKind.Ordinary).ToArray();
            string? problem = candidates.Length == 0 ? $"type '{eventMethod.ContainingType.Name}' has no method of this name"
                : candidates.Length > 1 ? "the method is overloaded"
                : !candidates[0].IsStatic ? "the method is not static"
                : candidates[0].IsGenericMethod ? "the method is generic"
                : HasAttribute(candidates[0], DynamicsParser.DynamicsAttributeName) ? "the method is the [Dynamics] method"
                : candidates[0].DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) is not MethodDeclarationSyntax { } ? "the method has no source in this compilation"
                : null;
            if (problem is not null)
            {
                _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.BadJumpMethod, location, name, eventMethod.Name, problem));
                return null;
            }

            return (candidates[0], (MethodDeclarationSyntax)candidates[0].DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken));
        }

        private LocationInfo? JumpArgument(AttributeData attribute)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) is AttributeSyntax { ArgumentList: { } arguments })
            {
                foreach (AttributeArgumentSyntax argument in arguments.Arguments)
                {
                    if (argument.NameEquals?.Name.Identifier.ValueText == "Jump")
                    {
                        return LocationInfo.From(argument.Expression);
                    }
                }
            }

            return null;
        }

        /// <summary>NODE045 unless the jump returns the new state in a dynamics form.</summary>
        private void CheckJumpReturn(IMethodSymbol jump, MethodDeclarationSyntax syntax, int output)
        {
            int n = _model.States.Count;
            string count = n.ToString(CultureInfo.InvariantCulture);
            string returned = jump.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            string? problem;
            if (output >= 0)
            {
                problem = jump.ReturnsVoid ? null : $"returns '{returned}' and also has the Span<double> output '{jump.Parameters[output].Name}'";
            }
            else
            {
                int? arity = ReturnArity(jump.ReturnType);
                problem = arity is null ? $"returns '{returned}'"
                    : arity.Value != n ? $"returns {arity.Value.ToString(CultureInfo.InvariantCulture)} value{(arity.Value == 1 ? "" : "s")} for {count} state{(n == 1 ? "" : "s")}"
                    : null;
            }

            if (problem is not null)
            {
                _diagnostics.Add(DiagnosticInfo.Create(Diagnostics.JumpReturnShape, LocationInfo.From(syntax.ReturnType), jump.Name, problem, count));
            }
        }

        /// <summary>The body of an event (one output) or a jump (one per state), unrolled, or null after its diagnostics.</summary>
        private BodyIr? Body(IMethodSymbol method, MethodDeclarationSyntax syntax, VariableRole[] roles, int output, int outputs, string kind)
        {
            if (NestingDepth(syntax) > MaxNestingDepth)
            {
                // As for a [Dynamics] body, checked on the syntax alone: binding such an expression recurses deeply in the compiler.
                _diagnostics.Add(DiagnosticInfo.Create(
                    Diagnostics.UnsupportedConstruct,
                    LocationInfo.From(syntax.Identifier),
                    $"An expression nested more than {MaxNestingDepth.ToString(CultureInfo.InvariantCulture)} levels deep (parentheses, calls, conditionals)"));
                return null;
            }

            SemanticModel semanticModel = _compilation.GetSemanticModel(syntax.SyntaxTree);
            var parser = new BodyParser(semanticModel, method, roles, _model.ParameterBlocks, outputs, _cancellationToken)
            {
                StateBlocks = _model.StateBlocks,
                OutputParameter = output,
                AllowsArrays = true,
            };
            BodyProgram? program = parser.Parse(syntax);
            if (program is null || parser.Diagnostics.Count > 0)
            {
                _diagnostics.AddRange(parser.Diagnostics);
                return null;
            }

            LocationInfo? identifier = LocationInfo.From(syntax.Identifier);
            if (parser.CustomFunctions.Count > 0)
            {
                _diagnostics.Add(DiagnosticInfo.Create(
                    Diagnostics.UnsupportedEventBody, identifier, kind, method.Name, "calls a function with a hand-written derivative ([DerivativeOf]), which event and jump bodies do not support"));
                return null;
            }

            BodyIr? body = Unrolling.Unroll(program, _model.ParameterBlocks, ExpansionSize.Limit, out Unrolling unrolling, _model.StateBlocks);
            if (unrolling.IndexError is { } indexError)
            {
                _diagnostics.Add(parser.IndexOutOfRange(indexError, _model.ParameterBlocks));
                return null;
            }

            if (unrolling.ElementError is { } elementError)
            {
                SyntaxNode outputSyntax = output >= 0 && output < syntax.ParameterList.Parameters.Count ? syntax.ParameterList.Parameters[output] : syntax.ParameterList;
                _diagnostics.Add(parser.ElementMisuse(elementError, LocationInfo.From(outputSyntax)));
                return null;
            }

            if (body is null)
            {
                _diagnostics.Add(DiagnosticInfo.Create(
                    Diagnostics.UnsupportedEventBody,
                    identifier,
                    kind,
                    method.Name,
                    $"has loops that unroll to more than {ExpansionSize.Limit.ToString(CultureInfo.InvariantCulture)} statements (event and jump bodies are always unrolled; their loops are never kept)"));
                return null;
            }

            return body;
        }
    }
}
