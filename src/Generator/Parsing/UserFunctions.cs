using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NeuralOdeGen.Generator.Parsing;

/// <summary>
/// <c>[Differentiable]</c> user functions: which methods are ones, where their body is, and the check of each one on its
/// own (signature NODE022, body in the [Dynamics] grammar, calls NODE023/NODE024), reported once at the function.
/// A model that calls a function inlines its body (<see cref="BodyParser"/>'s user-call frame) and reports only what
/// lies in its own body, so an error inside a function is reported once, however many models call it.
/// </summary>
internal static class UserFunctions
{
    internal const string DifferentiableAttributeName = "NeuralOdeGen.DifferentiableAttribute";

    /// <summary>Whether <paramref name="method"/> carries <c>[Differentiable]</c> (on any part of a partial method).</summary>
    public static bool IsDifferentiable(IMethodSymbol method)
    {
        method = method.OriginalDefinition;
        return HasAttribute(method) || (method.PartialDefinitionPart is { } definition && HasAttribute(definition))
            || (method.PartialImplementationPart is { } implementation && HasAttribute(implementation));
    }

    /// <summary>The symbol whose parameters the body binds to: the implementation part of a partial method, unconstructed.</summary>
    public static IMethodSymbol BodySymbol(IMethodSymbol method)
    {
        method = method.OriginalDefinition;
        return method.PartialImplementationPart ?? method;
    }

    /// <summary>The declaration that has the body, or <see langword="null"/> (no source, extern, abstract, partial without implementation).</summary>
    public static MethodDeclarationSyntax? Declaration(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in BodySymbol(method).DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration
                && (declaration.Body is not null || declaration.ExpressionBody is not null))
            {
                return declaration;
            }
        }

        return null;
    }

    /// <summary>
    /// Why a call cannot read the function's source (NODE023's second argument), or <see langword="null"/> when its
    /// source is in <paramref name="compilation"/>.
    /// </summary>
    public static string? MissingSource(IMethodSymbol method, Compilation compilation)
    {
        System.Collections.Immutable.ImmutableArray<SyntaxReference> references = BodySymbol(method).DeclaringSyntaxReferences;
        if (references.IsDefaultOrEmpty)
        {
            return $"from the assembly '{method.ContainingAssembly?.Name}', which has no source here";
        }

        foreach (SyntaxReference reference in references)
        {
            if (!compilation.ContainsSyntaxTree(reference.SyntaxTree))
            {
                return $"declared in another project ('{method.ContainingAssembly?.Name}')";
            }
        }

        return null;
    }

    /// <summary>Every signature problem of the function, each at its node (NODE022); empty when the signature is supported.</summary>
    public static List<DiagnosticInfo> SignatureProblems(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var problems = new List<DiagnosticInfo>();
        method = BodySymbol(method);
        MethodDeclarationSyntax? syntax = null;
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            syntax ??= reference.GetSyntax(cancellationToken) as MethodDeclarationSyntax;
        }

        LocationInfo? at = syntax is not null ? LocationInfo.From(syntax.Identifier) : null;
        void Add(LocationInfo? location, string problem) =>
            problems.Add(DiagnosticInfo.Create(Diagnostics.BadFunctionSignature, location ?? at, method.Name, problem));

        if (!method.IsStatic)
        {
            Add(at, "is not static");
        }

        if (method.IsGenericMethod)
        {
            Add(at, "is generic");
        }

        if (method.IsExtensionMethod)
        {
            Add(at, "is an extension method (declare it without 'this' and call it as a static method)");
        }

        if (method.ReturnType.SpecialType != SpecialType.System_Double || method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            Add(
                syntax is not null ? LocationInfo.From(syntax.ReturnType) : null,
                $"returns '{method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}'{(method.ReturnsByRef || method.ReturnsByRefReadonly ? " by reference" : "")}");
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            string? problem = parameter.IsParams
                ? $"has the params parameter '{parameter.Name}'"
                : parameter.Type.SpecialType != SpecialType.System_Double
                    ? $"has the parameter '{parameter.Name}' of type '{parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}'"
                    : parameter.RefKind != RefKind.None
                        ? $"takes the parameter '{parameter.Name}' by '{parameter.RefKind.ToString().ToLowerInvariant()}'"
                        : parameter.HasExplicitDefaultValue
                            ? $"gives the parameter '{parameter.Name}' a default value"
                            : null;
            if (problem is not null)
            {
                LocationInfo? location = syntax is not null && parameter.Ordinal < syntax.ParameterList.Parameters.Count
                    ? LocationInfo.From(syntax.ParameterList.Parameters[parameter.Ordinal])
                    : null;
                Add(location, problem);
            }
        }

        if (problems.Count == 0 && syntax is not null && Declaration(method, cancellationToken) is null)
        {
            Add(at, method.IsExtern
                ? "is extern and has no body to differentiate"
                : method.IsAbstract ? "is abstract and has no body to differentiate" : "has no body to differentiate (a partial method without an implementation)");
        }

        return problems;
    }

    /// <summary>
    /// Checks one <c>[Differentiable]</c> method on its own: its signature, then its body parsed like a [Dynamics] body
    /// (the parameters standing for free variables), including the functions it calls. Never throws (NODE999).
    /// </summary>
    public static EquatableArray<DiagnosticInfo> Check(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetNode is LocalFunctionStatementSyntax localFunction)
        {
            return new EquatableArray<DiagnosticInfo>([DiagnosticInfo.Create(
                Diagnostics.BadFunctionSignature,
                LocationInfo.From(localFunction.Identifier),
                localFunction.Identifier.ValueText,
                "is a local function")]);
        }

        var target = (MethodDeclarationSyntax)context.TargetNode;
        try
        {
            var method = (IMethodSymbol)context.TargetSymbol;
            List<DiagnosticInfo> problems = SignatureProblems(method, cancellationToken);
            if (problems.Count > 0)
            {
                return new EquatableArray<DiagnosticInfo>(problems.ToArray());
            }

            // A partial method marked on both parts is checked once, through its definition part.
            MethodDeclarationSyntax? declaration = Declaration(method, cancellationToken);
            if (declaration is null || (method.PartialDefinitionPart is { } definition && HasAttribute(definition)))
            {
                return EquatableArray<DiagnosticInfo>.Empty;
            }

            IMethodSymbol bodySymbol = BodySymbol(method);
            SemanticModel model = declaration.SyntaxTree == context.SemanticModel.SyntaxTree
                ? context.SemanticModel
                : context.SemanticModel.Compilation.GetSemanticModel(declaration.SyntaxTree);
            var roles = new VariableRole[bodySymbol.Parameters.Length];
            for (int i = 0; i < roles.Length; i++)
            {
                roles[i] = new VariableRole(Ir.NodeKind.State, i);
            }

            var parser = new BodyParser(model, bodySymbol, roles, EquatableArray<Ir.ParameterBlock>.Empty, roles.Length, cancellationToken);
            parser.Parse(declaration);
            return new EquatableArray<DiagnosticInfo>(parser.Diagnostics.ToArray());
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (InsufficientExecutionStackException)
        {
            return new EquatableArray<DiagnosticInfo>([DiagnosticInfo.Create(
                Diagnostics.UnsupportedConstruct, LocationInfo.From(target.Identifier), "An expression nested this deeply (thousands of levels)")]);
        }
        catch (Exception exception)
        {
            return new EquatableArray<DiagnosticInfo>([DiagnosticInfo.Create(
                Diagnostics.InternalError,
                LocationInfo.From(target.Identifier),
                target.Identifier.ValueText,
                exception.GetType().FullName ?? exception.GetType().Name,
                exception.Message)]);
        }
    }

    private static bool HasAttribute(IMethodSymbol method)
    {
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == DifferentiableAttributeName)
            {
                return true;
            }
        }

        return false;
    }
}
