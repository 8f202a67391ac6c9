using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NeuralOdeGen.Generator.Parsing;

/// <summary>
/// <c>[DerivativeOf(nameof(F))]</c> methods: which function each one differentiates, and the check of each one on its
/// own (the target NODE025, its own signature NODE026, a second derivative of one function NODE027), reported once at
/// the derivative method. A model that calls F makes an opaque call node (<see cref="Ir.NodeKind.CustomCall"/>) when
/// F has a valid derivative method; with an invalid one the model's parse only fails, without a diagnostic of its own.
/// </summary>
internal static class CustomDerivatives
{
    internal const string DerivativeOfAttributeName = "NeuralOdeGen.DerivativeOfAttribute";

    /// <summary>The derivative method of <paramref name="function"/>: the first method of its type marked <c>[DerivativeOf]</c> naming it, or null.</summary>
    public static IMethodSymbol? DerivativeOf(IMethodSymbol function)
    {
        if (function.ContainingType is not { } type || function.MethodKind != MethodKind.Ordinary)
        {
            return null;
        }

        foreach (ISymbol member in type.GetMembers())
        {
            if (member is IMethodSymbol candidate && TargetName(candidate) == function.Name)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Whether a model may call <paramref name="function"/> through <paramref name="derivative"/> (both checks clean).</summary>
    public static bool IsUsable(IMethodSymbol function, IMethodSymbol derivative) =>
        TargetProblem(function) is null && SignatureProblems(derivative, function, CancellationToken.None).Count == 0
        && SymbolEqualityComparer.Default.Equals(Target(derivative, out _), function.OriginalDefinition)
        && function.ContainingType.GetMembers().Count(m => m is IMethodSymbol candidate && TargetName(candidate) == function.Name) == 1;

    /// <summary>Checks one <c>[DerivativeOf]</c> method (NODE025–NODE027). Never throws (NODE999).</summary>
    public static EquatableArray<DiagnosticInfo> Check(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetNode is not MethodDeclarationSyntax declaration)
        {
            var local = (LocalFunctionStatementSyntax)context.TargetNode;
            return new EquatableArray<DiagnosticInfo>([DiagnosticInfo.Create(
                Diagnostics.BadDerivativeSignature, LocationInfo.From(local.Identifier), local.Identifier.ValueText, "is a local function")]);
        }

        try
        {
            var derivative = (IMethodSymbol)context.TargetSymbol;
            LocationInfo? at = AttributeLocation(context, declaration);
            IMethodSymbol? function = Target(derivative, out string? missing);
            string name = TargetName(derivative) ?? "";
            if (function is null)
            {
                return One(DiagnosticInfo.Create(Diagnostics.BadDerivativeTarget, at, name, missing!));
            }

            if (TargetProblem(function) is { } problem)
            {
                return One(DiagnosticInfo.Create(Diagnostics.BadDerivativeTarget, at, name, problem));
            }

            List<DiagnosticInfo> problems = SignatureProblems(derivative, function, cancellationToken);
            if (problems.Count > 0)
            {
                return new EquatableArray<DiagnosticInfo>(problems.ToArray());
            }

            if (DerivativeOf(function) is { } first && !SymbolEqualityComparer.Default.Equals(first, derivative))
            {
                return One(DiagnosticInfo.Create(Diagnostics.DuplicateDerivative, at, derivative.Name, name, first.Name));
            }

            return EquatableArray<DiagnosticInfo>.Empty;
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            return One(DiagnosticInfo.Create(
                Diagnostics.InternalError,
                LocationInfo.From(declaration.Identifier),
                declaration.Identifier.ValueText,
                exception.GetType().FullName ?? exception.GetType().Name,
                exception.Message));
        }
    }

    /// <summary>The name in <paramref name="method"/>'s <c>[DerivativeOf]</c>, or null when it has none.</summary>
    private static string? TargetName(IMethodSymbol method)
    {
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == DerivativeOfAttributeName
                && attribute.ConstructorArguments is [{ Value: string name }])
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>The one method of the derivative's type that its attribute names, or null with the reason.</summary>
    private static IMethodSymbol? Target(IMethodSymbol derivative, out string? missing)
    {
        missing = null;
        string? name = TargetName(derivative);
        INamedTypeSymbol type = derivative.ContainingType;
        IMethodSymbol[] candidates = name is null
            ? []
            : type.GetMembers(name).OfType<IMethodSymbol>().Where(static m => m.MethodKind == MethodKind.Ordinary).ToArray();
        if (candidates.Length == 1)
        {
            return candidates[0].OriginalDefinition;
        }

        string typeName = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        missing = candidates.Length == 0
            ? $"is not a method of '{typeName}' (the function and its derivative are declared in the same type)"
            : $"is overloaded in '{typeName}' ({candidates.Length} methods), so the name does not say which one";
        return null;
    }

    /// <summary>Why <paramref name="function"/> cannot have a hand-written derivative, or null.</summary>
    private static string? TargetProblem(IMethodSymbol function)
    {
        if (!function.IsStatic)
        {
            return "is not static";
        }

        if (function.IsGenericMethod)
        {
            return "is generic";
        }

        if (function.ReturnType.SpecialType != SpecialType.System_Double || function.ReturnsByRef || function.ReturnsByRefReadonly)
        {
            return $"returns '{Display(function.ReturnType)}', not 'double'";
        }

        if (function.Parameters.Length is 0 or > Ir.CustomCall.MaxArity)
        {
            return $"has {function.Parameters.Length} parameters; a function with a hand-written derivative has 1 to {Ir.CustomCall.MaxArity}";
        }

        return function.Parameters.FirstOrDefault(static p => !IsPlainDouble(p)) is { } parameter
            ? $"has the parameter '{parameter.Name}', which is not a plain 'double' (no ref/out/in/params, no default value)"
            : null;
    }

    /// <summary>The derivative method's own signature problems against its function (NODE026), each at its node.</summary>
    private static List<DiagnosticInfo> SignatureProblems(IMethodSymbol derivative, IMethodSymbol function, CancellationToken cancellationToken)
    {
        var problems = new List<DiagnosticInfo>();
        MethodDeclarationSyntax? syntax = derivative.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<MethodDeclarationSyntax>().FirstOrDefault();
        LocationInfo? at = syntax is not null ? LocationInfo.From(syntax.Identifier) : null;
        void Add(LocationInfo? location, string problem) =>
            problems.Add(DiagnosticInfo.Create(Diagnostics.BadDerivativeSignature, location ?? at, derivative.Name, problem));

        if (!derivative.IsStatic)
        {
            Add(at, "is not static");
        }

        if (derivative.IsGenericMethod)
        {
            Add(at, "is generic");
        }

        int arity = function.Parameters.Length;
        if (derivative.Parameters.Length != arity || derivative.Parameters.Any(static p => !IsPlainDouble(p)))
        {
            Add(
                syntax is not null ? LocationInfo.From(syntax.ParameterList) : null,
                $"takes ({string.Join(", ", derivative.Parameters.Select(static p => Display(p.Type)))}), but '{function.Name}' takes {arity} plain 'double' parameter(s)");
        }

        if (!ReturnsPartials(derivative, arity))
        {
            string expected = arity == 1 ? "'double'" : $"a tuple of {arity} 'double' values (the partial derivatives in parameter order)";
            Add(
                syntax is not null ? LocationInfo.From(syntax.ReturnType) : null,
                $"returns '{Display(derivative.ReturnType)}', but the derivative of '{function.Name}' returns {expected}");
        }

        return problems;
    }

    private static bool ReturnsPartials(IMethodSymbol derivative, int arity)
    {
        if (derivative.ReturnsByRef || derivative.ReturnsByRefReadonly)
        {
            return false;
        }

        ITypeSymbol type = derivative.ReturnType;
        if (arity == 1)
        {
            return type.SpecialType == SpecialType.System_Double;
        }

        return type is INamedTypeSymbol { IsTupleType: true } tuple
            && tuple.TupleElements.Length == arity
            && tuple.TupleElements.All(static e => e.Type.SpecialType == SpecialType.System_Double);
    }

    private static bool IsPlainDouble(IParameterSymbol parameter) =>
        parameter.Type.SpecialType == SpecialType.System_Double && parameter.RefKind == RefKind.None && !parameter.IsParams && !parameter.HasExplicitDefaultValue;

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    private static LocationInfo? AttributeLocation(GeneratorAttributeSyntaxContext context, MethodDeclarationSyntax declaration)
    {
        foreach (AttributeData attribute in context.Attributes)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax syntax)
            {
                return LocationInfo.From(syntax.ArgumentList?.Arguments.FirstOrDefault() ?? (SyntaxNode)syntax);
            }
        }

        return LocationInfo.From(declaration.Identifier);
    }

    private static EquatableArray<DiagnosticInfo> One(DiagnosticInfo diagnostic) => new([diagnostic]);
}
