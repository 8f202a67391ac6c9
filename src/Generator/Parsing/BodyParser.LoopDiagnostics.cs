using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using NeuralOdeGen.Generator.Analysis;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Parsing;

/// <summary>
/// The located diagnostics of loops and scratch spans: loops that are not counted (NODE035), scratch spans that escape or
/// are aliased (NODE037), and the construct the kept loops refuse in a body too large to unroll (NODE038, placed by
/// <see cref="LoopProblemLocation"/> from the statement the loop analysis names).
/// </summary>
internal sealed partial class BodyParser
{
    // The statement (of the [Dynamics] body) each program statement came from.
    private readonly Dictionary<int, StatementSyntax> _statementSyntax = new();

    private void MapStatements(int before, StatementSyntax statement)
    {
        for (int k = before; k < _statements.Count; k++)
        {
            if (!_statementSyntax.ContainsKey(k))
            {
                _statementSyntax[k] = statement;
            }
        }
    }

    /// <summary>NODE035 at the header of a while, do or foreach loop; whether it reported.</summary>
    private bool ReportUncountedLoop(StatementSyntax statement)
    {
        (SyntaxToken first, SyntaxToken last, string what)? header = statement switch
        {
            WhileStatementSyntax loop => (loop.WhileKeyword, loop.CloseParenToken, "A while loop"),
            DoStatementSyntax loop => (loop.WhileKeyword, loop.SemicolonToken, "A do loop"),
            ForEachStatementSyntax loop => (loop.ForEachKeyword, loop.CloseParenToken, "A foreach loop"),
            ForEachVariableStatementSyntax loop => (loop.ForEachKeyword, loop.CloseParenToken, "A foreach loop"),
            _ => null,
        };
        if (header is not { } found)
        {
            return false;
        }

        var span = TextSpan.FromBounds(found.first.SpanStart, found.last.Span.End);
        Report(Generator.Diagnostics.UncountedLoop, Location.Create(statement.SyntaxTree, span), $"{found.what} '{statement.SyntaxTree.GetText(_cancellationToken).ToString(span)}'");
        return true;
    }

    /// <summary>
    /// NODE037 at the first use of a scratch span in <paramref name="statement"/> that is not an element read or write:
    /// the span copied to another variable, sliced, passed, returned, used through a member, or an element taken by
    /// reference. Whether it reported (the statement is then skipped).
    /// </summary>
    private bool ReportScratchEscape(StatementSyntax statement)
    {
        if (_arrayIndex.Count == 0)
        {
            return false;
        }

        foreach (SyntaxNode node in statement.DescendantNodesAndSelf())
        {
            if (node is not IdentifierNameSyntax identifier
                || _model.GetSymbolInfo(identifier, _cancellationToken).Symbol is not ILocalSymbol local
                || !_arrayIndex.ContainsKey(local) || _refusedArrays.Contains(local))
            {
                continue;
            }

            (SyntaxNode? where, string? problem) = ScratchUse(identifier);
            if (problem is not null)
            {
                Report(Generator.Diagnostics.ScratchSpanEscapes, where!.GetLocation(), where.ToString(), problem, local.Name);
                return true;
            }
        }

        return false;
    }

    private static (SyntaxNode? Where, string? Problem) ScratchUse(IdentifierNameSyntax identifier)
    {
        SyntaxNode? parent = identifier.Parent;
        switch (parent)
        {
            case ElementAccessExpressionSyntax element when element.Expression == identifier:
                if (element.ArgumentList.Arguments.Count == 1 && element.ArgumentList.Arguments[0].Expression is RangeExpressionSyntax)
                {
                    return (element, "slices the scratch span (a range gives a second name for part of it)");
                }

                if (element.Parent is RefExpressionSyntax reference)
                {
                    return (reference, "takes an element of the scratch span by reference (a second name for it)");
                }

                if (element.Parent is ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None } argument)
                {
                    return (argument, "passes an element of the scratch span by reference");
                }

                return (null, null);
            case AssignmentExpressionSyntax assignment when assignment.Left == identifier:
                // h = ...: NODE034 (assigning the span itself).
                return (null, null);
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" or "IsEmpty" } length when length.Expression == identifier:
                // Reading a property aliases nothing: NODE013 where the expression is parsed.
                return (null, null);
            case MemberAccessExpressionSyntax member when member.Expression == identifier:
                return member.Name.Identifier.ValueText == "Slice"
                    ? (member, "slices the scratch span (a second name for part of it)")
                    : (member, $"uses the scratch span as a whole through '{member.Name}' (copied, changed or stored outside its elements)");
            case EqualsValueClauseSyntax or AssignmentExpressionSyntax:
                return (identifier, "copies the scratch span to another variable (two names for one array)");
            case ArgumentSyntax:
                return (identifier, "passes the scratch span to a method (it escapes the body)");
            case ReturnStatementSyntax or ArrowExpressionClauseSyntax:
                return (identifier, "returns the scratch span (it escapes the body)");
            default:
                return (identifier, "uses the scratch span other than by element access");
        }
    }

    /// <summary>
    /// Where the construct of <paramref name="problem"/> is written: the call, conditional or span index it names inside
    /// its statement, else the statement (a loop's header for a loop). Null when the statement is not known.
    /// </summary>
    public Location? LoopProblemLocation(LoopProblem problem, out string construct)
    {
        construct = "";
        if (!_statementSyntax.TryGetValue(problem.Statement, out StatementSyntax? statement))
        {
            return null;
        }

        SyntaxNode? found = null;
        switch (problem.Kind)
        {
            case LoopProblemKind.Call:
                foreach (InvocationExpressionSyntax invocation in Descendants<InvocationExpressionSyntax>(statement))
                {
                    string name = invocation.Expression switch
                    {
                        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                        IdentifierNameSyntax simple => simple.Identifier.ValueText,
                        _ => "",
                    };
                    if (name == problem.Name)
                    {
                        found = invocation;
                        break;
                    }
                }

                break;
            case LoopProblemKind.Conditional:
                foreach (SyntaxNode node in statement.DescendantNodes())
                {
                    if (node is ConditionalExpressionSyntax || (node is BinaryExpressionSyntax binary && IsComparisonOrLogic(binary)) || node is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression })
                    {
                        found = node;
                        break;
                    }
                }

                break;
            case LoopProblemKind.Index:
            case LoopProblemKind.Read:
                foreach (ElementAccessExpressionSyntax element in Descendants<ElementAccessExpressionSyntax>(statement))
                {
                    if (element.Expression is not IdentifierNameSyntax { Identifier.ValueText: var name } || name != problem.Name)
                    {
                        continue;
                    }

                    if (problem.Kind == LoopProblemKind.Index)
                    {
                        found = element.ArgumentList.Arguments.Count == 1 ? element.ArgumentList.Arguments[0].Expression : element;
                        break;
                    }

                    // A read: not the target of a plain '=' (a compound assignment reads its target).
                    if (element.Parent is not AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment || assignment.Left != element)
                    {
                        found = element;
                        break;
                    }
                }

                break;
        }

        if (found is null && statement is ForStatementSyntax loop)
        {
            var header = TextSpan.FromBounds(loop.ForKeyword.SpanStart, loop.CloseParenToken.Span.End);
            construct = $"'{loop.SyntaxTree.GetText(_cancellationToken).ToString(header)}'";
            return Location.Create(loop.SyntaxTree, header);
        }

        found ??= statement is ExpressionStatementSyntax expression ? expression.Expression : statement;
        construct = $"'{found}'";
        return found.GetLocation();
    }

    private static IEnumerable<T> Descendants<T>(SyntaxNode node)
        where T : SyntaxNode
    {
        foreach (SyntaxNode descendant in node.DescendantNodes())
        {
            if (descendant is T typed)
            {
                yield return typed;
            }
        }
    }

    private static bool IsComparisonOrLogic(BinaryExpressionSyntax binary) =>
        binary.Kind() is SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanExpression
            or SyntaxKind.GreaterThanOrEqualExpression or SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression
            or SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression;
}
