using System;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Emit;

/// <summary>
/// Prints graph nodes as <c>Vector256&lt;double&gt;</c> expressions (one sample per lane) that compute, lane by lane,
/// the same bits as <see cref="CSharpPrinter"/>'s scalar text: the same tree, the same operand order, the same
/// rewrites (<c>-a * b</c>, integer powers as products). Booleans are lane masks. Constants print as the names of
/// broadcast locals the caller declares.
/// </summary>
internal sealed class VectorPrinter
{
    public const string VectorType = "global::System.Runtime.Intrinsics.Vector256<double>";
    public const string Vector = "global::System.Runtime.Intrinsics.Vector256";
    public const string WideVectorType = "global::System.Runtime.Intrinsics.Vector512<double>";
    public const string WideVector = "global::System.Runtime.Intrinsics.Vector512";
    private const string LaneMath = "global::NeuralOdeGen.LaneMath";

    // C# precedences of the operators the vector text uses; comparisons and selects are calls.
    private const int OrPrecedence = 2;
    private const int AndPrecedence = 3;
    private const int AdditivePrecedence = 6;
    private const int MultiplicativePrecedence = 7;
    private const int UnaryPrecedence = 8;
    private const int PrimaryPrecedence = 9;

    private readonly ExprGraph _graph;
    private readonly Func<int, string?> _atomName;
    private readonly Func<double, string> _constantName;
    private readonly string _vectorType;
    private readonly string _vector;

    /// <param name="graph">The graph the ids refer to.</param>
    /// <param name="atomName">The name of a leaf or hoisted node, or <see langword="null"/> to print it in full.</param>
    /// <param name="constantName">The name of the broadcast local holding a constant (declared by the caller).</param>
    /// <param name="wide">Whether to print <c>Vector512&lt;double&gt;</c> (eight lanes) instead of <c>Vector256&lt;double&gt;</c>.</param>
    public VectorPrinter(ExprGraph graph, Func<int, string?> atomName, Func<double, string> constantName, bool wide = false)
    {
        _graph = graph;
        _atomName = atomName;
        _constantName = constantName;
        _vectorType = wide ? WideVectorType : VectorType;
        _vector = wide ? WideVector : Vector;
        Width = wide ? 8 : 4;
    }

    /// <summary>Gets the number of lanes of the printed vectors.</summary>
    public int Width { get; }

    /// <summary>Whether every node kind has a lane form (a graph with any other kind gets no lane members).</summary>
    public static bool Supports(NodeKind kind) => kind switch
    {
        NodeKind.Constant or NodeKind.BoolConstant or NodeKind.State or NodeKind.Parameter or NodeKind.Time or NodeKind.Seed => true,
        NodeKind.Negate or NodeKind.Not or NodeKind.Add or NodeKind.Subtract or NodeKind.Multiply or NodeKind.Divide => true,
        NodeKind.Less or NodeKind.LessOrEqual or NodeKind.Greater or NodeKind.GreaterOrEqual or NodeKind.Equal or NodeKind.NotEqual => true,
        NodeKind.And or NodeKind.Or or NodeKind.Conditional => true,

        // Every built-in function has a lane form (its row's: exact vector instructions or LaneMath per lane).
        NodeKind.Call => true,

        // User code is called per lane, like LaneMath's functions.
        NodeKind.CustomCall => true,
        _ => false,
    };

    /// <summary>The model's functions with hand-written derivatives, which <see cref="NodeKind.CustomCall"/> nodes index.</summary>
    public EquatableArray<CustomFunction> CustomFunctions { get; init; } = EquatableArray<CustomFunction>.Empty;

    public string Print(int id) => Print(id, 0);

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
            return (_constantName(node.Value), PrimaryPrecedence);
        }

        if (node.Kind == NodeKind.BoolConstant)
        {
            return ($"{_vectorType}.{(node.A != 0 ? "AllBitsSet" : "Zero")}", PrimaryPrecedence);
        }

        if (_atomName(id) is { } name)
        {
            return (name, PrimaryPrecedence);
        }

        switch (node.Kind)
        {
            case NodeKind.Negate:
            {
                // As CSharpPrinter: -(a * b) is written -a * b unless the scalar operand text starts with '-' (a negative
                // literal there is a named constant here), so the scalar and the lane code negate the same operand.
                bool product = _graph[node.A].Kind is NodeKind.Multiply or NodeKind.Divide && _atomName(node.A) is null;
                int operandPrecedence = product ? MultiplicativePrecedence : UnaryPrecedence;
                string operand = Print(node.A, operandPrecedence);
                return ScalarTextStartsWithMinus(node.A, operandPrecedence)
                    ? ("-(" + operand + ")", UnaryPrecedence)
                    : ("-" + operand, operandPrecedence);
            }

            // Masks: IEEE comparisons are false for NaN exactly like the scalar operators; != is the complement of ==.
            case NodeKind.Not:
                return ("~" + Print(node.A, UnaryPrecedence), UnaryPrecedence);
            case NodeKind.Add:
                return Infix(node, " + ", AdditivePrecedence);
            case NodeKind.Subtract:
                return Infix(node, " - ", AdditivePrecedence);
            case NodeKind.Multiply:
                return Infix(node, " * ", MultiplicativePrecedence);
            case NodeKind.Divide:
                return Infix(node, " / ", MultiplicativePrecedence);
            case NodeKind.Less:
                return (Call(_vector, "LessThan", node.A, node.B), PrimaryPrecedence);
            case NodeKind.LessOrEqual:
                return (Call(_vector, "LessThanOrEqual", node.A, node.B), PrimaryPrecedence);
            case NodeKind.Greater:
                return (Call(_vector, "GreaterThan", node.A, node.B), PrimaryPrecedence);
            case NodeKind.GreaterOrEqual:
                return (Call(_vector, "GreaterThanOrEqual", node.A, node.B), PrimaryPrecedence);
            case NodeKind.Equal:
                return (Call(_vector, "Equals", node.A, node.B), PrimaryPrecedence);
            case NodeKind.NotEqual:
                return ("~" + Call(_vector, "Equals", node.A, node.B), UnaryPrecedence);
            case NodeKind.And:
                return Infix(node, " & ", AndPrecedence);
            case NodeKind.Or:
                return Infix(node, " | ", OrPrecedence);
            case NodeKind.Conditional:
                // Both branches are computed in every lane; each lane keeps the one its condition picks.
                return ($"{_vector}.ConditionalSelect({Print(node.A, 0)}, {Print(node.B, 0)}, {Print(node.C, 0)})", PrimaryPrecedence);
            case NodeKind.Call when node.Calls(Functions.Sign):
            {
                string x = Print(node.A, 0);
                string zero = _constantName(0.0);
                string select =
                    $"{_vector}.ConditionalSelect({_vector}.GreaterThan({x}, {zero}), {_constantName(1.0)}, " +
                    $"{_vector}.ConditionalSelect({_vector}.LessThan({x}, {zero}), {_constantName(-1.0)}, {zero}))";
                return (select, PrimaryPrecedence);
            }

            case NodeKind.Call when node.Calls(Functions.Pow) && ExpandedPower(node) is { } expanded:
                return expanded;

            // Exactly rounded (Sqrt) or sign-bit (Abs) operations, the same on both paths (NaN payloads included).
            case NodeKind.Call when node.Function is { Lane: LaneForm.ExactVector, VectorMember: { } member }:
                return (Call(_vector, member, node), PrimaryPrecedence);
            case NodeKind.Call when node.Function.Lane == LaneForm.PerLane:
                return (Call(LaneMath, node.Function.Name, node), PrimaryPrecedence);
            case NodeKind.CustomCall:
                return (CustomCallText(node), PrimaryPrecedence);
            default:
                throw new InvalidOperationException($"No lane form for a {node.Kind} node.");
        }
    }

    /// <summary>
    /// Whether <see cref="CSharpPrinter"/>'s text for <paramref name="id"/>, printed where <paramref name="minPrecedence"/>
    /// is needed, begins with '-': it follows the leftmost operand down to a negative literal or a negation, and stops
    /// at anything the scalar printer writes as a call, a '!', a condition or in parentheses.
    /// </summary>
    private bool ScalarTextStartsWithMinus(int id, int minPrecedence)
    {
        while (true)
        {
            Node node = _graph[id];
            if (node.Kind == NodeKind.Constant)
            {
                return NumberFormat.CSharp(node.Value)[0] == '-' && UnaryPrecedence >= minPrecedence;
            }

            if (node.Kind == NodeKind.BoolConstant || _atomName(id) is not null)
            {
                return false;
            }

            int precedence;
            switch (node.Kind)
            {
                case NodeKind.Negate:
                {
                    bool product = _graph[node.A].Kind is NodeKind.Multiply or NodeKind.Divide && _atomName(node.A) is null;
                    int operandPrecedence = product ? MultiplicativePrecedence : UnaryPrecedence;
                    precedence = ScalarTextStartsWithMinus(node.A, operandPrecedence) ? UnaryPrecedence : operandPrecedence;
                    return precedence >= minPrecedence;
                }

                case NodeKind.Add or NodeKind.Subtract:
                    precedence = AdditivePrecedence;
                    break;
                case NodeKind.Multiply or NodeKind.Divide:
                    precedence = MultiplicativePrecedence;
                    break;

                // CSharpPrinter's relational (5), equality (4), && (3) and || (2) operators print the left operand first.
                case NodeKind.Less or NodeKind.LessOrEqual or NodeKind.Greater or NodeKind.GreaterOrEqual:
                    precedence = 5;
                    break;
                case NodeKind.Equal or NodeKind.NotEqual:
                    precedence = 4;
                    break;
                case NodeKind.And:
                    precedence = AndPrecedence;
                    break;
                case NodeKind.Or:
                    precedence = OrPrecedence;
                    break;
                case NodeKind.Conditional:
                    // "c ? a : b" (precedence 1) starts with the condition, printed at || precedence.
                    if (1 < minPrecedence)
                    {
                        return false;
                    }

                    id = node.A;
                    minPrecedence = OrPrecedence;
                    continue;
                default:
                    // Calls, '!', Sign ("x > 0.0 ? …" with x printed as a primary) and expanded powers ("x * x" with x
                    // primary, "1.0 / …") never start with '-'.
                    return false;
            }

            if (precedence < minPrecedence)
            {
                return false;
            }

            id = node.A;
            minPrecedence = precedence;
        }
    }

    private (string, int) Infix(Node node, string op, int precedence) =>
        (Print(node.A, precedence) + op + Print(node.B, precedence + 1), precedence);

    /// <summary>
    /// Whether <paramref name="node"/> prints as a call of <c>LaneMath</c> (a function evaluated lane by lane), which
    /// exists for <c>Vector256&lt;double&gt;</c> only: a per-lane function other than a power written out as products.
    /// </summary>
    public static bool CallsLaneMath(ExprGraph graph, Node node) =>
        node.Kind == NodeKind.Call && node.Function.Lane == LaneForm.PerLane && !(node.Calls(Functions.Pow) && IsExpandedPower(graph, node));

    /// <summary>
    /// Whether a power prints without a call: a constant exponent <see cref="ExpandedPower"/> writes out (keep the two
    /// lists the same).
    /// </summary>
    private static bool IsExpandedPower(ExprGraph graph, Node node) =>
        graph.IsConstant(node.B, out double exponent) && exponent is 2.0 or 3.0 or -1.0 or -2.0 or 0.5 or -0.5;

    /// <summary>The products and square roots CSharpPrinter writes for constant exponents, with vector operands.</summary>
    private (string, int)? ExpandedPower(Node node)
    {
        if (!_graph.IsConstant(node.B, out double exponent))
        {
            return null;
        }

        switch (exponent)
        {
            case 2.0:
            {
                string x = Print(node.A, PrimaryPrecedence);
                return ($"{x} * {x}", MultiplicativePrecedence);
            }

            case 3.0:
            {
                string x = Print(node.A, PrimaryPrecedence);
                return ($"{x} * {x} * {x}", MultiplicativePrecedence);
            }

            case -1.0:
                return ($"{_constantName(1.0)} / {Print(node.A, PrimaryPrecedence)}", MultiplicativePrecedence);
            case -2.0:
            {
                string x = Print(node.A, PrimaryPrecedence);
                return ($"{_constantName(1.0)} / ({x} * {x})", MultiplicativePrecedence);
            }

            case 0.5:
                return (Call(_vector, "Sqrt", node.A), PrimaryPrecedence);
            case -0.5:
                return ($"{_constantName(1.0)} / {Call(_vector, "Sqrt", node.A)}", MultiplicativePrecedence);
            default:
                return null;
        }
    }

    /// <summary>The user's function (or its derivative method) called on each lane, as the scalar member calls it.</summary>
    private string CustomCallText(Node node)
    {
        CustomFunction function = CustomFunctions[CustomCall.FunctionOf(node.Bits)];
        int partial = CustomCall.PartialOf(node.Bits);
        var operands = new string[function.Arity];
        for (int k = 0; k < operands.Length; k++)
        {
            operands[k] = Print(node.Operand(k), 0);
        }

        var text = new System.Text.StringBuilder(_vector).Append(".Create(");
        for (int lane = 0; lane < Width; lane++)
        {
            var arguments = new string[operands.Length];
            for (int k = 0; k < operands.Length; k++)
            {
                arguments[k] = $"{_vector}.GetElement({operands[k]}, {lane})";
            }

            string joined = string.Join(", ", arguments);
            text.Append(lane == 0 ? "" : ", ").Append(partial == 0 ? $"{function.Call}({joined})" : function.PartialCall(joined, partial - 1));
        }

        return text.Append(')').ToString();
    }

    private string Call(string owner, string function, int operand, int second = -1) =>
        second < 0
            ? $"{owner}.{function}({Print(operand, 0)})"
            : $"{owner}.{function}({Print(operand, 0)}, {Print(second, 0)})";

    private string Call(string owner, string function, Node node)
    {
        var text = new System.Text.StringBuilder(owner).Append('.').Append(function).Append('(');
        for (int k = 0; k < node.Arity; k++)
        {
            text.Append(k == 0 ? "" : ", ").Append(Print(node.Operand(k), 0));
        }

        return text.Append(')').ToString();
    }
}
