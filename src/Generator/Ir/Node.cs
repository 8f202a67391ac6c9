using System;

namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// One node of an expression DAG. Operands are ids of earlier nodes of the same <see cref="ExprGraph"/>, so ids
/// are a topological order. A plain value type: graphs compare and hash structurally.
/// </summary>
internal readonly record struct Node(NodeKind Kind, int A, int B, int C, long Bits)
{
    public double Value => BitConverter.Int64BitsToDouble(Bits);

    public bool IsLeaf => Kind <= NodeKind.Seed;

    public int Arity => Kind switch
    {
        <= NodeKind.Seed => 0,
        <= NodeKind.Not => 1,
        <= NodeKind.Or => 2,
        NodeKind.Conditional => 3,
        NodeKind.Call => Function.Arity,
        NodeKind.StateElement or NodeKind.ArrayElement => 1,
        _ => Ir.CustomCall.ArityOf(Bits),
    };

    /// <summary>The function a <see cref="NodeKind.Call"/> node calls.</summary>
    public BuiltinFunction Function => Functions.All[(int)Bits];

    /// <summary>Whether this node calls <paramref name="function"/>.</summary>
    public bool Calls(BuiltinFunction function) => Kind == NodeKind.Call && Bits == function.Id;

    public bool IsBoolean => Kind is NodeKind.BoolConstant or NodeKind.Not or (>= NodeKind.Less and <= NodeKind.Or);

    public static Node Constant(double value) => new(NodeKind.Constant, 0, 0, 0, BitConverter.DoubleToInt64Bits(value));

    public static Node Leaf(NodeKind kind, int index) => new(kind, index, 0, 0, 0);

    public static Node Unary(NodeKind kind, int operand) => new(kind, operand, 0, 0, 0);

    public static Node Binary(NodeKind kind, int left, int right) => new(kind, left, right, 0, 0);

    public static Node Call(BuiltinFunction function, int a, int b = 0, int c = 0) => new(NodeKind.Call, a, b, c, function.Id);

    /// <summary>A call of custom function <paramref name="function"/>'s value (<paramref name="partial"/> 0) or its partial derivative in argument <paramref name="partial"/> − 1.</summary>
    public static Node Custom(int function, int partial, int arity, int a, int b = 0, int c = 0) =>
        new(NodeKind.CustomCall, a, arity > 1 ? b : 0, arity > 2 ? c : 0, Ir.CustomCall.Encode(function, partial, arity));

    public static Node Conditional(int condition, int whenTrue, int whenFalse) =>
        new(NodeKind.Conditional, condition, whenTrue, whenFalse, 0);

    public int Operand(int index) => index switch
    {
        0 => A,
        1 => B,
        _ => C,
    };
}
