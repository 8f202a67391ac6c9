using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NeuralOdeGen.Generator.Model;

namespace NeuralOdeGen.Generator.Parsing;

/// <summary>
/// <c>[Dynamics(SymbolicCheckSizes = "H=3")]</c>: the same method parsed again with those <c>const int</c> fields replaced
/// (<see cref="ConstantOverrides"/>), unrolled, emitted as the public nested type <c>SymbolicCheck</c> with full symbolic
/// forms in its Info. The verifier checks the model itself at full size numerically and this type with SymPy. Problems
/// are NODE039 at the argument; the model itself is generated either way.
/// </summary>
internal static class SymbolicCheck
{
    public const string TypeName = "SymbolicCheck";

    private const string PropertyName = "SymbolicCheckSizes";

    public static ParseResult Add(
        ParseResult result, MethodDeclarationSyntax methodSyntax, IMethodSymbol method, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (result.Model is not { } model || result.Site is not { } site || Sizes(method, cancellationToken) is not { } found)
        {
            return result;
        }

        (string text, SyntaxNode? where) = found;
        LocationInfo? location = LocationInfo.From(where ?? methodSyntax.Identifier.Parent!);
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }

        ParseResult Refuse(string problem) =>
            result with { Diagnostics = new EquatableArray<DiagnosticInfo>([DiagnosticInfo.Create(Diagnostics.BadSymbolicCheckSizes, location, text, problem)]) };

        if (method.ContainingType.GetMembers(TypeName).Length > 0)
        {
            return Refuse($"the type already declares a member named '{TypeName}', the nested type this would generate");
        }

        if (ConstantOverrides.Parse(text, method.ContainingType, out string? problem) is not { } overrides)
        {
            return Refuse(problem ?? "it cannot be read");
        }

        ParseResult small = DynamicsParser.ParseWith(methodSyntax, method, semanticModel, overrides, cancellationToken);
        if (small.Model is not { } smallModel)
        {
            string first = small.Diagnostics.Count > 0 ? small.Diagnostics[0].ToDiagnostic().GetMessage(System.Globalization.CultureInfo.InvariantCulture) : "it has an error";
            return Refuse($"at these sizes the method does not parse ({(small.Diagnostics.Count > 0 ? small.Diagnostics[0].Descriptor.Id + ": " : "")}{first})");
        }

        if (smallModel.KeepsLoops)
        {
            return Refuse("at these sizes the method still unrolls past the cap; choose smaller values");
        }

        var types = new List<TypeDeclarationInfo>(model.Types) { new("struct", TypeName, "public ") };
        ModelSpec check = smallModel with { Types = new EquatableArray<TypeDeclarationInfo>(types.ToArray()) };
        check = check with { IsSymbolicCheck = true };
        return result with
        {
            SymbolicCheck = check,
            SymbolicCheckSite = site with { HintName = check.HintName },
        };
    }

    /// <summary>The SymbolicCheckSizes text of the method's [Dynamics] attribute and the argument's syntax, or null.</summary>
    private static (string Text, SyntaxNode? Where)? Sizes(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() != DynamicsParser.DynamicsAttributeName)
            {
                continue;
            }

            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == PropertyName && argument.Value.Value is string text)
                {
                    SyntaxNode? where = null;
                    if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList: { } list })
                    {
                        foreach (AttributeArgumentSyntax syntax in list.Arguments)
                        {
                            if (syntax.NameEquals?.Name.Identifier.ValueText == PropertyName)
                            {
                                where = syntax;
                            }
                        }
                    }

                    return (text, where);
                }
            }
        }

        return null;
    }
}
