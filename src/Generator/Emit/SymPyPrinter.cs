using System;
using System.Collections.Generic;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Emit;

/// <summary>
/// Prints graph nodes as SymPy expressions (<c>exp</c>, <c>**</c>, <c>Abs</c>, <c>Piecewise</c>, <c>Eq</c>...) over the
/// user's own names; the CAS oracle parses these strings and checks the generator's derivatives against its own.
/// </summary>
internal sealed class SymPyPrinter
{
    // Python's order, loosest first: comparisons, |, &, + -, * /, unary - and ~, **.
    private const int RelationalPrecedence = 1;
    private const int OrPrecedence = 2;
    private const int AndPrecedence = 3;
    private const int AdditivePrecedence = 5;
    private const int MultiplicativePrecedence = 6;
    private const int UnaryPrecedence = 7;
    private const int PowerPrecedence = 8;
    private const int AtomPrecedence = 9;

    private readonly ExprGraph _graph;
    private readonly Func<Node, string> _leafName;
    private readonly Dictionary<int, (string, int)> _memo = new();

    public SymPyPrinter(ExprGraph graph, Func<Node, string> leafName)
    {
        _graph = graph;
        _leafName = leafName;
    }

    /// <summary>The model's functions with hand-written derivatives, which <see cref="NodeKind.CustomCall"/> nodes index.</summary>
    public EquatableArray<CustomFunction> CustomFunctions { get; init; } = EquatableArray<CustomFunction>.Empty;

    public string Print(int id) => Print(id, 0);

    private string Print(int id, int minPrecedence)
    {
        if (!_memo.TryGetValue(id, out (string Text, int Precedence) printed))
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            printed = PrintNode(_graph[id]);
            _memo.Add(id, printed);
        }

        return printed.Precedence < minPrecedence ? "(" + printed.Text + ")" : printed.Text;
    }

    private (string, int) PrintNode(Node node)
    {
        switch (node.Kind)
        {
            case NodeKind.Constant:
            {
                // Negative numbers are parenthesised wherever they appear as an operand.
                string number = NumberFormat.SymPy(node.Value);
                return (number, number[0] == '-' ? AdditivePrecedence : AtomPrecedence);
            }

            case NodeKind.BoolConstant:
                return (node.A != 0 ? "True" : "False", AtomPrecedence);
            case NodeKind.State or NodeKind.Parameter or NodeKind.Time or NodeKind.Local or NodeKind.Seed:
                return (_leafName(node), AtomPrecedence);
            case NodeKind.Negate:
            {
                // -(a*b) is written -a*b, which is the same expression.
                bool product = _graph[node.A].Kind is NodeKind.Multiply or NodeKind.Divide;
                string operand = Print(node.A, product ? MultiplicativePrecedence : UnaryPrecedence);
                return operand[0] == '-'
                    ? ("-(" + operand + ")", UnaryPrecedence)
                    : ("-" + operand, product ? MultiplicativePrecedence : UnaryPrecedence);
            }

            case NodeKind.Add:
                return Infix(node, " + ", AdditivePrecedence);
            case NodeKind.Subtract:
                return Infix(node, " - ", AdditivePrecedence);
            case NodeKind.Multiply:
                return Infix(node, "*", MultiplicativePrecedence);
            case NodeKind.Divide:
                return Infix(node, "/", MultiplicativePrecedence);
            case NodeKind.Call when node.Calls(Functions.Pow):
                // ** is right-associative and binds tighter than unary minus on its left.
                return (Print(node.A, AtomPrecedence) + "**" + Print(node.B, AtomPrecedence), PowerPrecedence);
            case NodeKind.Less:
                return Infix(node, " < ", RelationalPrecedence);
            case NodeKind.LessOrEqual:
                return Infix(node, " <= ", RelationalPrecedence);
            case NodeKind.Greater:
                return Infix(node, " > ", RelationalPrecedence);
            case NodeKind.GreaterOrEqual:
                return Infix(node, " >= ", RelationalPrecedence);
            case NodeKind.Equal:
                return ($"Eq({Print(node.A)}, {Print(node.B)})", AtomPrecedence);
            case NodeKind.NotEqual:
                return ($"Ne({Print(node.A)}, {Print(node.B)})", AtomPrecedence);
            case NodeKind.And:
                return Infix(node, " & ", AndPrecedence);
            case NodeKind.Or:
                return Infix(node, " | ", OrPrecedence);
            case NodeKind.Not:
                return ("~" + Print(node.A, AtomPrecedence), UnaryPrecedence);
            case NodeKind.Conditional:
                return ($"Piecewise(({Print(node.B)}, {Print(node.A)}), ({Print(node.C)}, True))", AtomPrecedence);
            default:
                return (Function(node), AtomPrecedence);
        }
    }

    private (string, int) Infix(Node node, string op, int precedence) =>
        (Print(node.A, precedence) + op + Print(node.B, precedence + 1), precedence);

    /// <summary>
    /// A call: the row's SymPy function applied to the arguments, or its template with each argument an atom
    /// (parenthesised unless it is one), which makes the template's own operators safe.
    /// </summary>
    private string Function(Node node)
    {
        if (node.Kind == NodeKind.CustomCall)
        {
            // An undefined SymPy function; the oracle knows that user_F's derivative in argument k is user_F__dk.
            CustomFunction custom = CustomFunctions[CustomCall.FunctionOf(node.Bits)];
            int partial = CustomCall.PartialOf(node.Bits);
            var operands = new string[custom.Arity];
            for (int k = 0; k < operands.Length; k++)
            {
                operands[k] = Print(node.Operand(k));
            }

            string name = partial == 0 ? custom.SymPyName : custom.SymPyName + "__d" + partial.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return $"{name}({string.Join(", ", operands)})";
        }

        if (node.Kind != NodeKind.Call)
        {
            throw new InvalidOperationException($"No SymPy form for a {node.Kind} node.");
        }

        BuiltinFunction function = node.Function;
        string[] arguments = new string[function.Arity];
        for (int k = 0; k < arguments.Length; k++)
        {
            arguments[k] = function.IsSymPyTemplate ? Print(node.Operand(k), AtomPrecedence) : Print(node.Operand(k));
        }

        return function.IsSymPyTemplate
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, function.SymPy, arguments)
            : $"{function.SymPy}({string.Join(", ", arguments)})";
    }
}
