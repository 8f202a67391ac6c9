using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NeuralOdeGen.Generator.Model;

namespace NeuralOdeGen.Generator.Parsing;

/// <summary>
/// Checks a [Dynamics] method's containing types and signature, then hands its body to <see cref="BodyParser"/>.
/// Produces an equatable <see cref="ParseResult"/> (the body as IR; differentiating it is the analysis stage's job); never throws (an exception becomes NODE999).
/// </summary>
internal static class DynamicsParser
{
    internal const string DynamicsAttributeName = "NeuralOdeGen.DynamicsAttribute";
    private const string ParamAttributeName = "NeuralOdeGen.ParamAttribute";
    private const string TimeAttributeName = "NeuralOdeGen.TimeAttribute";
    private const string StateAttributeName = "NeuralOdeGen.StateAttribute";

    /// <summary>Deepest expression nesting accepted (hand-written models stay far below; see <see cref="NestingDepth"/>).</summary>
    private const int MaxNestingDepth = 256;

    /// <summary>The members the emitter writes into the user's type: properties first, then methods with their arity.</summary>
    private static readonly string[] EmittedProperties = ["StateCount", "ParameterCount", "Info"];

    private static readonly (string Name, int Arity)[] EmittedMethods =
    [
        ("Evaluate", 4), ("StateJacobian", 4), ("ParameterJacobian", 4),
        ("VectorJacobianProduct", 6), ("JacobianVectorProduct", 6), ("EvaluateDual", 4),
    ];

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetNode is LocalFunctionStatementSyntax localFunction)
        {
            // [Dynamics] is allowed on local functions by the language; without this it would be silently ignored.
            return Failed(DiagnosticInfo.Create(
                Diagnostics.MethodNotStaticOrGeneric,
                LocationInfo.From(localFunction.Identifier),
                localFunction.Identifier.ValueText,
                "a static method of a partial type, not a local function"));
        }

        var method = (MethodDeclarationSyntax)context.TargetNode;
        try
        {
            return ParseCore(method, (IMethodSymbol)context.TargetSymbol, context.SemanticModel, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (InsufficientExecutionStackException)
        {
            return Failed(DiagnosticInfo.Create(
                Diagnostics.UnsupportedConstruct,
                LocationInfo.From(method.Identifier),
                "An expression nested this deeply (thousands of levels)"));
        }
        catch (Exception exception)
        {
            return Failed(DiagnosticInfo.Create(
                Diagnostics.InternalError,
                LocationInfo.From(method.Identifier),
                method.Identifier.ValueText,
                exception.GetType().FullName ?? exception.GetType().Name,
                exception.Message));
        }
    }

    private static ParseResult ParseCore(
        MethodDeclarationSyntax methodSyntax,
        IMethodSymbol method,
        SemanticModel semanticModel,
        CancellationToken cancellationToken,
        ConstantOverrides? overrides = null)
    {
        var diagnostics = new List<DiagnosticInfo>();

        // Containing types, innermost first, paired with the declaration that encloses this method.
        TypeDeclarationSyntax[] declarations = methodSyntax.Ancestors().OfType<TypeDeclarationSyntax>().ToArray();
        if (declarations.Length == 0 || method.ContainingType is null)
        {
            return Failed(DiagnosticInfo.Create(
                Diagnostics.UnsupportedConstruct, LocationInfo.From(methodSyntax.Identifier), "A [Dynamics] method outside a type"));
        }

        CheckContainingTypes(declarations, method.ContainingType, diagnostics);
        if (diagnostics.Count > 0)
        {
            return Failed(diagnostics);
        }

        INamedTypeSymbol type = method.ContainingType;
        (IMethodSymbol? first, int dynamicsMethods) = FirstDynamicsMethod(type);
        if (first is not null && !SymbolEqualityComparer.Default.Equals(first, method))
        {
            return Failed(DiagnosticInfo.Create(
                Diagnostics.MultipleDynamicsMethods, LocationInfo.From(methodSyntax.Identifier), type.Name, first.Name));
        }

        if (dynamicsMethods > 1)
        {
            // The later methods carry the error; a type in error gets no code (never half of a model).
            return Failed();
        }

        CheckMemberConflicts(type, method, diagnostics);

        if (!method.IsStatic)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                Diagnostics.MethodNotStaticOrGeneric, LocationInfo.From(methodSyntax.Identifier), method.Name, "static"));
        }

        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                Diagnostics.MethodNotStaticOrGeneric, LocationInfo.From(methodSyntax.Identifier), method.Name, "non-generic"));
        }

        var roles = new VariableRole[method.Parameters.Length];
        var states = new List<string>();
        var parameters = new List<string>();
        var blocks = new List<Ir.ParameterBlock>();
        var stateBlocks = new List<Ir.ParameterBlock>();
        string? timeName = null;
        int output = -1;
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            IParameterSymbol parameter = method.Parameters[i];
            SyntaxNode parameterSyntax = i < methodSyntax.ParameterList.Parameters.Count
                ? methodSyntax.ParameterList.Parameters[i]
                : methodSyntax.ParameterList;
            LocationInfo? location = LocationInfo.From(parameterSyntax);
            AttributeData? paramAttribute = FindAttribute(parameter, ParamAttributeName);
            bool isParam = paramAttribute is not null;
            bool isTime = HasAttribute(parameter, TimeAttributeName);
            int? declaredLength = BlockLength(paramAttribute, overrides, semanticModel, cancellationToken);
            int length = declaredLength ?? 0;
            bool isSpan = IsReadOnlySpanOfDouble(parameter.Type);
            AttributeData? stateAttribute = FindAttribute(parameter, StateAttributeName);
            int? stateLength = BlockLength(stateAttribute, overrides, semanticModel, cancellationToken);
            bool isStateBlock = stateAttribute is not null;
            bool isOutput = !isParam && !isTime && !isStateBlock && IsSpanOfDouble(parameter.Type);
            string? problem = ParameterProblem(parameter, (isSpan && !isTime) || isOutput);
            if (isStateBlock && StateBlockProblem(parameter, isSpan, isParam, isTime, stateLength) is { } stateProblem)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.BadStateBlock, location, parameter.Name, stateProblem));
                continue;
            }

            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.BadParameter, location, parameter.Name, problem));
            }
            else if (isSpan && !isParam && !isTime && !isStateBlock)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.SpanNotParameter, location, parameter.Name));
            }
            else if (isSpan && isParam && length <= 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    Diagnostics.BadBlockLength,
                    location,
                    parameter.Name,
                    declaredLength is null ? "has no length ([Param] instead of [Param(N)])" : $"has length {length.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
            }
            else if (!isSpan && isParam && declaredLength is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    Diagnostics.BadBlockLength,
                    location,
                    parameter.Name,
                    $"is a double with a block length ([Param({length.ToString(System.Globalization.CultureInfo.InvariantCulture)})])"));
            }

            if (isParam && isTime)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.BadTimeParameter, location, parameter.Name, "is marked both [Time] and [Param]"));
            }
            else if (isTime && timeName is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    Diagnostics.BadTimeParameter, location, parameter.Name, $"is a second [Time] parameter ('{timeName}' is the first)"));
            }

            if (isOutput && problem is null)
            {
                if (output >= 0)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        Diagnostics.BadOutputSpan,
                        location,
                        $"Parameter '{parameter.Name}' is a second Span<double> output ('{method.Parameters[output].Name}' is the first)"));
                }

                // The body parser knows the output by its ordinal (OutputParameter); its role is never read as a leaf.
                output = output < 0 ? i : output;
                roles[i] = new VariableRole(Ir.NodeKind.Constant, 0);
            }
            else if (isStateBlock)
            {
                // A block of states, flattened after the states before it, as [Param(N)] blocks are into the parameters.
                int count = stateLength ?? 0;
                roles[i] = new VariableRole(Ir.NodeKind.State, states.Count, stateBlocks.Count);
                var block = new Ir.ParameterBlock(parameter.Name, states.Count, count, IsSpan: true);
                stateBlocks.Add(block);
                for (int k = 0; k < count; k++)
                {
                    states.Add(block.DisplayName(k));
                }
            }
            else if (isTime)
            {
                timeName ??= parameter.Name;
                roles[i] = new VariableRole(Ir.NodeKind.Time, 0);
            }
            else if (isParam && isSpan)
            {
                int count = Math.Max(length, 0);
                roles[i] = new VariableRole(Ir.NodeKind.Parameter, parameters.Count, blocks.Count);
                var block = new Ir.ParameterBlock(parameter.Name, parameters.Count, count, IsSpan: true);
                blocks.Add(block);
                for (int k = 0; k < count; k++)
                {
                    parameters.Add(block.DisplayName(k));
                }
            }
            else if (isParam)
            {
                roles[i] = new VariableRole(Ir.NodeKind.Parameter, parameters.Count);
                blocks.Add(new Ir.ParameterBlock(parameter.Name, parameters.Count, 1, IsSpan: false));
                parameters.Add(parameter.Name);
            }
            else
            {
                roles[i] = new VariableRole(Ir.NodeKind.State, states.Count);
                stateBlocks.Add(new Ir.ParameterBlock(parameter.Name, states.Count, 1, IsSpan: false));
                states.Add(parameter.Name);
            }
        }

        if (diagnostics.Count > 0)
        {
            // With a bad parameter the state count is not meaningful: do not pile NODE006/NODE008 on top.
            return Failed(diagnostics);
        }

        if (states.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NoState, LocationInfo.From(methodSyntax.Identifier), method.Name));
        }

        int? arity = output >= 0 ? null : ReturnArity(method.ReturnType);
        if (output >= 0)
        {
            if (!method.ReturnsVoid)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    Diagnostics.BadOutputSpan,
                    LocationInfo.From(methodSyntax.ReturnType),
                    $"[Dynamics] method '{method.Name}' returns '{method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}' and also has the Span<double> output '{method.Parameters[output].Name}'"));
            }
        }
        else if (arity is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                Diagnostics.BadReturnType,
                LocationInfo.From(methodSyntax.ReturnType),
                method.Name,
                method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        }
        else if (states.Count > 0 && arity.Value != states.Count)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                Diagnostics.ReturnArityMismatch,
                LocationInfo.From(methodSyntax.ReturnType),
                method.Name,
                arity.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                states.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (diagnostics.Count > 0)
        {
            return Failed(diagnostics);
        }

        if (NestingDepth(methodSyntax) > MaxNestingDepth)
        {
            // Checked on the syntax alone: binding such an expression recurses deeply inside the compiler itself.
            return Failed(DiagnosticInfo.Create(
                Diagnostics.UnsupportedConstruct,
                LocationInfo.From(methodSyntax.Identifier),
                $"An expression nested more than {MaxNestingDepth.ToString(System.Globalization.CultureInfo.InvariantCulture)} levels deep (parentheses, calls, conditionals)"));
        }

        var blockArray = new EquatableArray<Ir.ParameterBlock>(blocks.ToArray());
        var stateBlockArray = new EquatableArray<Ir.ParameterBlock>(stateBlocks.ToArray());
        var bodyParser = new BodyParser(semanticModel, method, roles, blockArray, states.Count, cancellationToken)
        {
            Overrides = overrides,
            StateBlocks = stateBlockArray,
            OutputParameter = output,
            AllowsArrays = true,
        };
        Ir.BodyProgram? parsed = bodyParser.Parse(methodSyntax);
        if (parsed is null || bodyParser.Diagnostics.Count > 0)
        {
            return Failed(bodyParser.Diagnostics);
        }

        Ir.BodyIr? body = Ir.Unrolling.Unroll(parsed, blockArray, Ir.ExpansionSize.Limit, out Ir.Unrolling unrolling, stateBlockArray);
        if (unrolling.IndexError is { } indexError)
        {
            return Failed(bodyParser.IndexOutOfRange(indexError, blockArray));
        }

        if (unrolling.ElementError is { } elementError)
        {
            SyntaxNode outputSyntax = output >= 0 && output < methodSyntax.ParameterList.Parameters.Count
                ? methodSyntax.ParameterList.Parameters[output]
                : methodSyntax.Identifier.Parent!;
            return Failed(bodyParser.ElementMisuse(elementError, LocationInfo.From(outputSyntax)));
        }

        bool keepsLoops = false;
        Analysis.LoopProblem? located = body is null && unrolling.TooLarge
            ? Analysis.LoopAnalyzer.Problem(parsed, blockArray, stateBlockArray, bodyParser.CustomFunctions.Count)
            : null;
        string? loopProblem = located?.Reason;
        if (located is { Kind: not Analysis.LoopProblemKind.Body } && bodyParser.LoopProblemLocation(located, out string construct) is { } where)
        {
            // The body must keep its loops and they refuse one construct: NODE038 there.
            return Failed(DiagnosticInfo.Create(
                Diagnostics.LoopPathUnsupported,
                LocationInfo.From(where),
                construct,
                $"more than {Ir.ExpansionSize.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)} statements and iterations",
                loopProblem!));
        }

        if (body is null && unrolling.TooLarge && loopProblem is null)
        {
            // Too large to unroll, but the loops can be kept: the analysis takes the loop path.
            keepsLoops = true;
            body = new Ir.BodyIr(EquatableArray<Ir.Node>.Empty, EquatableArray<Ir.LocalDeclaration>.Empty, EquatableArray<int>.Empty, parsed);
        }

        if (body is null)
        {
            // Unrolling stopped at the cap: every unrolled statement adds at least one operation to the symbolic forms.
            // (Loops whose counter would overflow are refused by the parser; see NODE017.) The symbolic forms of a body
            // that does unroll are built and measured by the analysis stage (Analysis/ModelAnalyzer).
            return Failed(DiagnosticInfo.Create(
                Diagnostics.UnsupportedConstruct,
                LocationInfo.From(bodyParser.FirstLoop ?? methodSyntax.Identifier.GetLocation()),
                $"A loop nest that unrolls to more than {Ir.ExpansionSize.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)} statements and iterations (the symbolic forms would exceed {Ir.ExpansionSize.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)} operations), whose loops cannot be kept: the loop path does not support {loopProblem ?? "this body"}"));
        }

        string? ns = NamespaceName(type.ContainingNamespace);
        var types = new List<TypeDeclarationInfo>();
        for (int i = declarations.Length - 1; i >= 0; i--)
        {
            types.Add(new TypeDeclarationInfo(Keyword(declarations[i]), declarations[i].Identifier.ValueText));
        }

        var model = new ModelSpec(
            ns,
            new EquatableArray<TypeDeclarationInfo>(types.ToArray()),
            new EquatableArray<string>(states.ToArray()),
            new EquatableArray<string>(parameters.ToArray()),
            blockArray,
            timeName,
            body)
        {
            CustomFunctions = bodyParser.CustomFunctions,
            StateBlocks = stateBlockArray,
            KeepsLoops = keepsLoops,
        };
        EquatableArray<EventSpec> events = EventParser.Parse(method, roles, output, model, semanticModel.Compilation, diagnostics, cancellationToken);
        if (diagnostics.Count > 0)
        {
            // An event in error leaves the whole type without code, as an error in the [Dynamics] method does.
            return Failed(diagnostics);
        }

        model = model with { Events = events };
        var site = new ModelSite(
            model.HintName,
            method.Name,
            LocationInfo.From(methodSyntax.Identifier),
            LocationInfo.From(bodyParser.ReturnValue ?? (SyntaxNode)methodSyntax))
        {
            LoopProblem = keepsLoops ? null : LocatedLoopProblem(parsed, blockArray, stateBlockArray, bodyParser),
        };
        var result = new ParseResult(model, EquatableArray<DiagnosticInfo>.Empty, site);
        return overrides is null ? SymbolicCheck.Add(result, methodSyntax, method, semanticModel, cancellationToken) : result;
    }

    /// <summary>
    /// For a body with loops and a Span output that unrolls: where the loop path would refuse it, in case the analysis
    /// finds its symbolic forms too large (then NODE038 there, not NODE010 at the method).
    /// </summary>
    private static LocatedLoopProblem? LocatedLoopProblem(Ir.BodyProgram program, EquatableArray<Ir.ParameterBlock> blocks, EquatableArray<Ir.ParameterBlock> stateBlocks, BodyParser bodyParser)
    {
        if (program.OutputArray < 0 || !HasLoop(program))
        {
            return null;
        }

        try
        {
            return Analysis.LoopAnalyzer.Problem(program, blocks, stateBlocks, bodyParser.CustomFunctions.Count) is { Kind: not Analysis.LoopProblemKind.Body } problem
                && bodyParser.LoopProblemLocation(problem, out string construct) is { } where
                ? new LocatedLoopProblem(LocationInfo.From(where), construct, problem.Reason)
                : null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Only a better place for a diagnostic that may never be reported: a valid model must not fail here.
            return null;
        }
    }

    private static bool HasLoop(Ir.BodyProgram program)
    {
        foreach (Ir.Statement statement in program.Statements)
        {
            if (statement.Kind == Ir.StatementKind.LoopStart)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses the method again with <paramref name="overrides"/> (the small program of a <c>SymbolicCheck</c> type).</summary>
    internal static ParseResult ParseWith(
        MethodDeclarationSyntax methodSyntax, IMethodSymbol method, SemanticModel semanticModel, ConstantOverrides overrides, CancellationToken cancellationToken) =>
        ParseCore(methodSyntax, method, semanticModel, cancellationToken, overrides);

    /// <summary>
    /// The deepest nesting of expressions in the method, not counting binary operators (long sums and products are
    /// chains the compiler binds iteratively). Computed without recursion.
    /// </summary>
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

    /// <summary>The dotted namespace with raw names (<c>@fixed.Models</c> is <c>fixed.Models</c>); the emitter escapes keywords.</summary>
    private static string? NamespaceName(INamespaceSymbol? ns)
    {
        var parts = new List<string>();
        for (; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            parts.Insert(0, ns.Name);
        }

        return parts.Count == 0 ? null : string.Join(".", parts);
    }

    private static void CheckContainingTypes(TypeDeclarationSyntax[] declarations, INamedTypeSymbol innermost, List<DiagnosticInfo> diagnostics)
    {
        INamedTypeSymbol? symbol = innermost;
        for (int i = 0; i < declarations.Length; i++, symbol = symbol?.ContainingType)
        {
            TypeDeclarationSyntax declaration = declarations[i];
            LocationInfo? location = LocationInfo.From(declaration.Identifier);
            string name = declaration.Identifier.ValueText;
            if (declaration.TypeParameterList is { Parameters.Count: > 0 } || symbol is { IsGenericType: true } && symbol.TypeParameters.Length > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.GenericType, location, name));
            }

            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.TypeNotPartial, location, name, innermost.Name));
            }

            if (i == 0 && declaration.Modifiers.Any(SyntaxKind.StaticKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.TypeIsStatic, location, name, "static"));
            }
            else if (i == 0 && declaration is InterfaceDeclarationSyntax)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.TypeIsStatic, location, name, "an interface"));
            }
            else if (i == 0 && declaration.Modifiers.Any(SyntaxKind.RefKeyword))
            {
                // A ref struct cannot be the TSelf of IOdeModel<TSelf> (no 'allows ref struct' there).
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.TypeIsStatic, location, name, "a ref struct"));
            }
        }
    }

    /// <summary>The type's first [Dynamics] method by file path, then position: it is the model; later ones get NODE003.</summary>
    private static (IMethodSymbol? First, int Count) FirstDynamicsMethod(INamedTypeSymbol type)
    {
        IMethodSymbol? first = null;
        Location? firstLocation = null;
        int count = 0;
        foreach (ISymbol member in type.GetMembers())
        {
            if (member is not IMethodSymbol candidate || !HasAttribute(candidate, DynamicsAttributeName) || candidate.Locations.IsEmpty)
            {
                continue;
            }

            count++;
            Location location = candidate.Locations[0];
            if (firstLocation is null || CompareLocations(location, firstLocation) < 0)
            {
                first = candidate;
                firstLocation = location;
            }
        }

        return (first, count);
    }

    private static int CompareLocations(Location x, Location y)
    {
        int byFile = string.CompareOrdinal(x.SourceTree?.FilePath, y.SourceTree?.FilePath);
        return byFile != 0 ? byFile : x.SourceSpan.Start.CompareTo(y.SourceSpan.Start);
    }

    private static bool HasAttribute(ISymbol symbol, string fullName)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == fullName)
            {
                return true;
            }
        }

        return false;
    }

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

    /// <summary>Why a <c>[State(N)]</c> parameter is not a valid state block, or null when it is one.</summary>
    private static string? StateBlockProblem(IParameterSymbol parameter, bool isReadOnlySpan, bool isParam, bool isTime, int? length)
    {
        if (isParam || isTime)
        {
            return $"is marked both [State(N)] and {(isParam ? "[Param]" : "[Time]")}";
        }

        if (!isReadOnlySpan)
        {
            return parameter.Type.SpecialType == SpecialType.System_Double
                ? "is a double with a block length (a single state is a plain double)"
                : $"has type '{parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}'";
        }

        if (parameter.RefKind != RefKind.None)
        {
            return $"is passed by '{parameter.RefKind.ToString().ToLowerInvariant()}'";
        }

        if (length > Ir.ExpansionSize.Limit)
        {
            // Every state adds at least one operation to the unrolled symbolic forms, so the cap bounds the block too.
            return $"has length {length.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}, more than the {Ir.ExpansionSize.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)} states the unrolled symbolic forms allow";
        }

        return length is > 0 ? null : $"has length {(length ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>N of <c>[Param(N)]</c> or <c>[State(N)]</c>; null for <c>[Param]</c> or no attribute.</summary>
    private static int? BlockLength(AttributeData? paramAttribute, ConstantOverrides? overrides, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (overrides is not null
            && paramAttribute?.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList.Arguments: [{ NameEquals: null, NameColon: null } argument] }
            && argument.SyntaxTree == semanticModel.SyntaxTree)
        {
            return overrides.Value(argument.Expression, semanticModel, cancellationToken) is { HasValue: true, Value: int replaced } ? replaced : null;
        }

        return paramAttribute is { ConstructorArguments: [{ Value: int length }] } ? length : null;
    }

    /// <summary>A <c>System.Span&lt;double&gt;</c>: the output of the vector form.</summary>
    private static bool IsSpanOfDouble(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Span", TypeArguments: [{ SpecialType: SpecialType.System_Double }] } span
        && span.ContainingNamespace?.ToDisplayString() == "System";

    private static bool IsReadOnlySpanOfDouble(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "ReadOnlySpan", TypeArguments: [{ SpecialType: SpecialType.System_Double }] } span
        && span.ContainingNamespace?.ToDisplayString() == "System";

    private static string? ParameterProblem(IParameterSymbol parameter, bool isSpan)
    {
        if (!isSpan && parameter.Type.SpecialType != SpecialType.System_Double)
        {
            return $"has type '{parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}'";
        }

        if (parameter.RefKind != RefKind.None)
        {
            return $"is passed by '{parameter.RefKind.ToString().ToLowerInvariant()}'";
        }

        if (parameter.IsParams)
        {
            return "is a params parameter";
        }

        if (parameter.HasExplicitDefaultValue)
        {
            return "has a default value";
        }

        return null;
    }

    private static int? ReturnArity(ITypeSymbol returnType)
    {
        if (returnType.SpecialType == SpecialType.System_Double)
        {
            return 1;
        }

        if (returnType is INamedTypeSymbol { IsTupleType: true } tuple)
        {
            ImmutableArray<IFieldSymbol> elements = tuple.TupleElements;
            foreach (IFieldSymbol element in elements)
            {
                if (element.Type.SpecialType != SpecialType.System_Double)
                {
                    return null;
                }
            }

            return elements.Length;
        }

        return null;
    }

    private static string Keyword(TypeDeclarationSyntax declaration) => declaration switch
    {
        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
        RecordDeclarationSyntax => "record",
        StructDeclarationSyntax => "struct",
        InterfaceDeclarationSyntax => "interface",
        _ => "class",
    };

    /// <summary>
    /// NODE016 for user members that would collide with generated ones: any member named like an emitted property, a
    /// non-method named like an emitted method, and a method with an emitted name whose shape the emitted overload would
    /// duplicate (same arity, <c>double</c> first, spans after it). Other overloads, such as a [Dynamics] method called
    /// <c>Evaluate(double x, double a)</c>, are legal C# and stay allowed.
    /// </summary>
    private static void CheckMemberConflicts(INamedTypeSymbol type, IMethodSymbol dynamicsMethod, List<DiagnosticInfo> diagnostics)
    {
        foreach (ISymbol member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared || SymbolEqualityComparer.Default.Equals(member, dynamicsMethod) || !ConflictsWithEmittedMember(member))
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

    private static bool ConflictsWithEmittedMember(ISymbol member)
    {
        if (Array.IndexOf(EmittedProperties, member.Name) >= 0)
        {
            return true;
        }

        foreach ((string name, int arity) in EmittedMethods)
        {
            if (member.Name != name)
            {
                continue;
            }

            if (member is not IMethodSymbol method)
            {
                return true;
            }

            return method.Parameters.Length == arity
                && method.Parameters[0].Type.SpecialType == SpecialType.System_Double
                && method.Parameters.Skip(1).All(static p => p.Type.Name is "Span" or "ReadOnlySpan");
        }

        return false;
    }

    private static ParseResult Failed(params DiagnosticInfo[] diagnostics) =>
        new(null, new EquatableArray<DiagnosticInfo>(diagnostics));

    private static ParseResult Failed(List<DiagnosticInfo> diagnostics) =>
        new(null, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
}
