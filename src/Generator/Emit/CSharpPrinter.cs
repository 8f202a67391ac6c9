using System;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Emit;

/// <summary>
/// Prints graph nodes as C# expressions with the fewest parentheses that keep the tree's exact evaluation order.
/// Atoms (leaves and hoisted subexpressions) print as their names. In dual mode, nodes that depend on the state or
/// parameters are <c>Dual</c>-valued and call <c>global::NeuralOdeGen.Dual</c>; the rest stay <c>double</c>.
/// </summary>
internal sealed class CSharpPrinter
{
    private const int ConditionalPrecedence = 1;
    private const int OrPrecedence = 2;
    private const int AndPrecedence = 3;
    private const int EqualityPrecedence = 4;
    private const int RelationalPrecedence = 5;
    private const int AdditivePrecedence = 6;
    private const int MultiplicativePrecedence = 7;
    private const int UnaryPrecedence = 8;
    private const int PrimaryPrecedence = 9;

    private readonly ExprGraph _graph;
    private readonly Func<int, string?> _atomName;
    private readonly bool[]? _isDual;

    /// <param name="graph">The graph the ids refer to.</param>
    /// <param name="atomName">The name of a leaf or hoisted node, or <see langword="null"/> to print it in full.</param>
    /// <param name="isDual">Per node, whether it is Dual-valued; <see langword="null"/> for plain double code.</param>
    public CSharpPrinter(ExprGraph graph, Func<int, string?> atomName, bool[]? isDual = null)
    {
        _graph = graph;
        _atomName = atomName;
        _isDual = isDual;
    }

    private bool DualMode => _isDual is not null;

    /// <summary>The model's functions with hand-written derivatives, which <see cref="NodeKind.CustomCall"/> nodes index.</summary>
    public EquatableArray<CustomFunction> CustomFunctions { get; init; } = EquatableArray<CustomFunction>.Empty;

    public string Print(int id) => Print(id, 0);

    /// <summary>
    /// How many times printing <paramref name="node"/> writes each operand: integer powers expand to products and
    /// <c>Sign</c> compares its operand twice, so those operands are worth hoisting. Plain double mode only.
    /// </summary>
    public static int OperandMultiplicity(ExprGraph graph, Node node, int operand)
    {
        if (node.Calls(Functions.Sign))
        {
            return 2;
        }

        // A custom call's lane form reads each operand once per lane.
        if (node.Kind == NodeKind.CustomCall)
        {
            return 2;
        }

        if (node.Calls(Functions.Pow) && operand == 0 && graph.IsConstant(node.B, out double exponent))
        {
            return exponent switch
            {
                2.0 or -2.0 => 2,
                3.0 => 3,
                _ => 1,
            };
        }

        return 1;
    }

    private string Print(int id, int minPrecedence)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        (string text, int precedence) = PrintNode(id);
        return precedence < minPrecedence ? "(" + text + ")" : text;
    }

    private (string Text, int Precedence) PrintNode(int id)
    {
        Node node = _graph[id];
        if (node.Kind == NodeKind.Constant)
        {
            string literal = NumberFormat.CSharp(node.Value);
            return (literal, literal[0] == '-' ? UnaryPrecedence : PrimaryPrecedence);
        }

        if (node.Kind == NodeKind.BoolConstant)
        {
            return (node.A != 0 ? "true" : "false", PrimaryPrecedence);
        }

        if (_atomName(id) is { } name)
        {
            return (name, PrimaryPrecedence);
        }

        switch (node.Kind)
        {
            case NodeKind.Negate:
            {
                // -(a * b) is written -a * b: IEEE negation is exact, so (-a) * b is the same number.
                bool product = _graph[node.A].Kind is NodeKind.Multiply or NodeKind.Divide && _atomName(node.A) is null;
                string operand = Print(node.A, product ? MultiplicativePrecedence : UnaryPrecedence);
                return operand[0] == '-'
                    ? ("-(" + operand + ")", UnaryPrecedence)
                    : ("-" + operand, product ? MultiplicativePrecedence : UnaryPrecedence);
            }

            case NodeKind.Not:
                return ("!" + Print(node.A, UnaryPrecedence), UnaryPrecedence);
            case NodeKind.Add:
                return Infix(node, " + ", AdditivePrecedence);
            case NodeKind.Subtract:
                return Infix(node, " - ", AdditivePrecedence);
            case NodeKind.Multiply:
                return Infix(node, " * ", MultiplicativePrecedence);
            case NodeKind.Divide:
                return Infix(node, " / ", MultiplicativePrecedence);
            case NodeKind.Less:
                return Comparison(node, " < ", RelationalPrecedence);
            case NodeKind.LessOrEqual:
                return Comparison(node, " <= ", RelationalPrecedence);
            case NodeKind.Greater:
                return Comparison(node, " > ", RelationalPrecedence);
            case NodeKind.GreaterOrEqual:
                return Comparison(node, " >= ", RelationalPrecedence);
            case NodeKind.Equal:
                return Comparison(node, " == ", EqualityPrecedence);
            case NodeKind.NotEqual:
                return Comparison(node, " != ", EqualityPrecedence);
            case NodeKind.And:
                return Infix(node, " && ", AndPrecedence);
            case NodeKind.Or:
                return Infix(node, " || ", OrPrecedence);
            case NodeKind.Conditional:
                return (
                    Print(node.A, OrPrecedence) + " ? " + Print(node.B, OrPrecedence) + " : " + Print(node.C, OrPrecedence),
                    ConditionalPrecedence);
            // Sign compares (Math.Sign returns an int and throws for NaN, where this is 0); over duals it is Dual.Sign.
            case NodeKind.Call when node.Calls(Functions.Sign) && !IsDual(id):
            {
                string x = Print(node.A, PrimaryPrecedence);
                return ($"{x} > 0.0 ? 1.0 : ({x} < 0.0 ? -1.0 : 0.0)", ConditionalPrecedence);
            }

            case NodeKind.Call when node.Calls(Functions.Pow) && !DualMode && ExpandedPower(node) is { } expanded:
                return expanded;
            case NodeKind.CustomCall:
                return (CustomCallText(id, node), PrimaryPrecedence);
            default:
                return (Call(id, node), PrimaryPrecedence);
        }
    }

    private (string, int) Infix(Node node, string op, int precedence) =>
        (Print(node.A, precedence) + op + Print(node.B, precedence + 1), precedence);

    private (string, int) Comparison(Node node, string op, int precedence) =>
        (Scalar(node.A, precedence) + op + Scalar(node.B, precedence + 1), precedence);

    /// <summary>A comparison operand: Dual values compare by their real part (Dual's == also compares tangents).</summary>
    private string Scalar(int id, int minPrecedence) =>
        IsDual(id) ? Print(id, PrimaryPrecedence) + ".Value" : Print(id, minPrecedence);

    private (string, int)? ExpandedPower(Node node)
    {
        if (!_graph.IsConstant(node.B, out double exponent))
        {
            return null;
        }

        string x = Print(node.A, PrimaryPrecedence);
        return exponent switch
        {
            2.0 => ($"{x} * {x}", MultiplicativePrecedence),
            3.0 => ($"{x} * {x} * {x}", MultiplicativePrecedence),
            -1.0 => ($"1.0 / {x}", MultiplicativePrecedence),
            -2.0 => ($"1.0 / ({x} * {x})", MultiplicativePrecedence),
            0.5 => ($"global::System.Math.Sqrt({Print(node.A, 0)})", PrimaryPrecedence),
            -0.5 => ($"1.0 / global::System.Math.Sqrt({Print(node.A, 0)})", MultiplicativePrecedence),
            _ => null,
        };
    }

    private string Call(int id, Node node)
    {
        if (node.Kind != NodeKind.Call)
        {
            throw new InvalidOperationException($"No C# form for a {node.Kind} node.");
        }

        BuiltinFunction function = node.Function;
        string owner = IsDual(id) ? "global::NeuralOdeGen.Dual." : "global::System.Math.";
        var text = new System.Text.StringBuilder(owner).Append(function.Name).Append('(');
        for (int k = 0; k < function.Arity; k++)
        {
            text.Append(k == 0 ? "" : ", ").Append(Print(node.Operand(k), 0));
        }

        return text.Append(')').ToString();
    }

    /// <summary>
    /// A call of the user's function or of its derivative method; over duals, <c>Dual.Chain(F(a.Value…), F′(a.Value…), a…)</c>,
    /// the value and Σ ∂F/∂a_k · a_k′ from the user's two methods.
    /// </summary>
    private string CustomCallText(int id, Node node)
    {
        CustomFunction function = CustomFunctions[CustomCall.FunctionOf(node.Bits)];
        int partial = CustomCall.PartialOf(node.Bits);
        var values = new string[function.Arity];
        for (int k = 0; k < values.Length; k++)
        {
            int operand = node.Operand(k);
            values[k] = IsDual(operand) ? Print(operand, PrimaryPrecedence) + ".Value" : Print(operand, 0);
        }

        string arguments = string.Join(", ", values);
        if (partial > 0)
        {
            if (IsDual(id))
            {
                throw new InvalidOperationException($"The derivative of '{function.Name}' has no dual-number form.");
            }

            return function.PartialCall(arguments, partial - 1);
        }

        string value = $"{function.Call}({arguments})";
        if (!IsDual(id))
        {
            return value;
        }

        var text = new System.Text.StringBuilder("global::NeuralOdeGen.Dual.Chain(").Append(value)
            .Append(", ").Append(function.Derivative).Append('(').Append(arguments).Append(')');
        for (int k = 0; k < function.Arity; k++)
        {
            text.Append(", ").Append(Print(node.Operand(k), 0));
        }

        return text.Append(')').ToString();
    }

    private bool IsDual(int id) => _isDual is not null && _isDual[id];
}
