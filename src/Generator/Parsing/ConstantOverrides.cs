using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NeuralOdeGen.Generator.Parsing;

/// <summary>
/// Compile-time constants with some <c>const int</c> fields replaced by other values: the parser's view of a method for
/// its <c>SymbolicCheck</c> type (<c>[Dynamics(SymbolicCheckSizes = "H=3")]</c>). An expression that mentions no replaced
/// field (directly or through a <c>const</c> local) keeps the compiler's value; one that does is re-evaluated from its
/// syntax: literals, constants, parentheses, casts, unary <c>+ -</c> and binary <c>+ - * / %</c>, with C#'s int or double
/// arithmetic.
/// </summary>
internal sealed class ConstantOverrides(IReadOnlyDictionary<IFieldSymbol, int> values)
{
    public IReadOnlyDictionary<IFieldSymbol, int> Values { get; } = values;

    /// <summary>The constant value of <paramref name="expression"/> under the replacements (no value when it has none).</summary>
    public Optional<object?> Value(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        Optional<object?> compiler = model.GetConstantValue(expression, cancellationToken);
        if (!compiler.HasValue || !MentionsReplaced(expression, model, cancellationToken, depth: 0))
        {
            return compiler;
        }

        return Evaluate(expression, model, cancellationToken, depth: 0) is { } value ? new Optional<object?>(value) : default;
    }

    private bool MentionsReplaced(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken, int depth)
    {
        if (depth > 16)
        {
            return false;
        }

        foreach (SyntaxNode descendant in node.DescendantNodesAndSelf())
        {
            if (descendant is not IdentifierNameSyntax identifier)
            {
                continue;
            }

            switch (SymbolOf(identifier, model, cancellationToken))
            {
                case IFieldSymbol field when Values.ContainsKey(field.OriginalDefinition):
                    return true;
                case IFieldSymbol { IsConst: true } field when Initializer(field, cancellationToken) is { } initializer && SameTree(initializer, model):
                    if (MentionsReplaced(initializer, model, cancellationToken, depth + 1))
                    {
                        return true;
                    }

                    break;
                case ILocalSymbol { IsConst: true } local when Initializer(local, cancellationToken) is { } initializer && SameTree(initializer, model):
                    if (MentionsReplaced(initializer, model, cancellationToken, depth + 1))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    private object? Evaluate(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken, int depth)
    {
        if (depth > 64)
        {
            return null;
        }

        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Evaluate(parenthesized.Expression, model, cancellationToken, depth + 1);
            case LiteralExpressionSyntax:
                return model.GetConstantValue(expression, cancellationToken).Value;
            case IdentifierNameSyntax or MemberAccessExpressionSyntax:
                ISymbol? symbol = SymbolOf(expression, model, cancellationToken);
                if (symbol is IFieldSymbol field && Values.TryGetValue(field.OriginalDefinition, out int replaced))
                {
                    return replaced;
                }

                ExpressionSyntax? initializer = symbol switch
                {
                    IFieldSymbol { IsConst: true } constant => Initializer(constant, cancellationToken),
                    ILocalSymbol { IsConst: true } local => Initializer(local, cancellationToken),
                    _ => null,
                };
                if (initializer is not null && SameTree(initializer, model) && MentionsReplaced(initializer, model, cancellationToken, 0))
                {
                    return Convert(Evaluate(initializer, model, cancellationToken, depth + 1), symbol is IFieldSymbol f ? f.Type : ((ILocalSymbol)symbol!).Type);
                }

                return model.GetConstantValue(expression, cancellationToken).Value;
            case CastExpressionSyntax cast:
                return Convert(Evaluate(cast.Expression, model, cancellationToken, depth + 1), model.GetTypeInfo(cast.Type, cancellationToken).Type);
            case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.UnaryMinusExpression) || unary.IsKind(SyntaxKind.UnaryPlusExpression):
                object? operand = Evaluate(unary.Operand, model, cancellationToken, depth + 1);
                bool minus = unary.IsKind(SyntaxKind.UnaryMinusExpression);
                return operand switch
                {
                    int i => minus ? unchecked(-i) : i,
                    double d => minus ? -d : d,
                    _ => null,
                };
            case BinaryExpressionSyntax binary:
                object? left = Evaluate(binary.Left, model, cancellationToken, depth + 1);
                object? right = Evaluate(binary.Right, model, cancellationToken, depth + 1);
                if (left is int a && right is int b)
                {
                    return binary.Kind() switch
                    {
                        SyntaxKind.AddExpression => unchecked(a + b),
                        SyntaxKind.SubtractExpression => unchecked(a - b),
                        SyntaxKind.MultiplyExpression => unchecked(a * b),
                        SyntaxKind.DivideExpression when b != 0 => a / b,
                        SyntaxKind.ModuloExpression when b != 0 => a % b,
                        _ => null,
                    };
                }

                if (ToDouble(left) is double x && ToDouble(right) is double y)
                {
                    return binary.Kind() switch
                    {
                        SyntaxKind.AddExpression => x + y,
                        SyntaxKind.SubtractExpression => x - y,
                        SyntaxKind.MultiplyExpression => x * y,
                        SyntaxKind.DivideExpression => x / y,
                        SyntaxKind.ModuloExpression => x % y,
                        _ => null,
                    };
                }

                return null;
            default:
                return null;
        }
    }

    private static object? Convert(object? value, ITypeSymbol? type) => type?.SpecialType switch
    {
        SpecialType.System_Int32 => value switch
        {
            int i => i,
            double d => (int)d,
            _ => null,
        },
        SpecialType.System_Double => ToDouble(value),
        _ => value,
    };

    private static double? ToDouble(object? value) => value switch
    {
        int i => i,
        double d => d,
        long l => l,
        float f => f,
        _ => null,
    };

    private static ISymbol? SymbolOf(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken) =>
        node.SyntaxTree == model.SyntaxTree ? model.GetSymbolInfo(node, cancellationToken).Symbol : null;

    private static bool SameTree(SyntaxNode node, SemanticModel model) => node.SyntaxTree == model.SyntaxTree;

    private static ExpressionSyntax? Initializer(ISymbol symbol, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } value })
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>
    /// Parses <c>"H=3, N=2"</c> against the <c>const int</c> fields of <paramref name="type"/> and its containing types;
    /// null with <paramref name="problem"/> set when a part is malformed, names no such field, or gives a value below 1.
    /// </summary>
    public static ConstantOverrides? Parse(string text, INamedTypeSymbol type, out string? problem)
    {
        var values = new Dictionary<IFieldSymbol, int>(SymbolEqualityComparer.Default);
        problem = null;
        foreach (string part in text.Split(',', ';'))
        {
            string trimmed = part.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            int equals = trimmed.IndexOf('=');
            if (equals <= 0
                || !int.TryParse(trimmed.Substring(equals + 1).Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int value))
            {
                problem = $"'{trimmed}' is not NAME=VALUE with an int VALUE";
                return null;
            }

            string name = trimmed.Substring(0, equals).Trim();
            IFieldSymbol? field = null;
            for (INamedTypeSymbol? candidate = type; candidate is not null && field is null; candidate = candidate.ContainingType)
            {
                foreach (ISymbol member in candidate.GetMembers(name))
                {
                    if (member is IFieldSymbol { IsConst: true, Type.SpecialType: SpecialType.System_Int32 } constant)
                    {
                        field = constant;
                        break;
                    }
                }
            }

            if (field is null)
            {
                problem = $"'{name}' is not a const int field of '{type.Name}' or a type that contains it";
                return null;
            }

            if (value < 1)
            {
                problem = $"the value {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} of '{name}' is below 1";
                return null;
            }

            values[field.OriginalDefinition] = value;
        }

        if (values.Count == 0)
        {
            problem = "it names no constant";
            return null;
        }

        return new ConstantOverrides(values);
    }
}
