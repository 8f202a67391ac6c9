using System;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Tests.Ir;

/// <summary>
/// <see cref="Node.IsLeaf"/>, <see cref="Node.Arity"/> and <see cref="Node.IsBoolean"/> over every <see cref="NodeKind"/>,
/// against a table written from the kinds' documentation (leaves take no operand nodes; <c>Element</c>'s one operand
/// is its index expression, its block number is not a node). The generator's tests build only the common kinds, so a
/// boundary moved by one kind (<c>Seed</c>, <c>Not</c>, <c>Or</c>) would go unnoticed there.
/// </summary>
public sealed class NodeShapeTests
{
    // Kinds by name: NodeKind is internal, and a public theory cannot take it as a parameter.
    public static TheoryData<string, int, bool> KindTable => new()
    {
        { "Constant", 0, false },
        { "BoolConstant", 0, true },
        { "State", 0, false },
        { "Parameter", 0, false },
        { "Time", 0, false },
        { "Local", 0, false },
        { "LoopVariable", 0, false },
        { "Seed", 0, false },
        { "Negate", 1, false },
        { "Element", 1, false },
        { "StateElement", 1, false },
        { "ArrayElement", 1, false },
        { "Not", 1, true },
        { "Add", 2, false },
        { "Subtract", 2, false },
        { "Multiply", 2, false },
        { "Divide", 2, false },
        { "Less", 2, true },
        { "LessOrEqual", 2, true },
        { "Greater", 2, true },
        { "GreaterOrEqual", 2, true },
        { "Equal", 2, true },
        { "NotEqual", 2, true },
        { "And", 2, true },
        { "Or", 2, true },
        { "Conditional", 3, false },
    };

    [Theory]
    [MemberData(nameof(KindTable))]
    public void Kind_ArityLeafAndBoolean_MatchTheTable(string kind, int arity, bool isBoolean)
    {
        var node = new Node(Enum.Parse<NodeKind>(kind), 1, 2, 3, 0);

        Assert.Equal(arity, node.Arity);
        Assert.Equal(arity == 0, node.IsLeaf);
        Assert.Equal(isBoolean, node.IsBoolean);
    }

    [Fact]
    public void KindTable_CoversEveryKindButTheCalls()
    {
        // Call and CustomCall take their arity from the function; the table above holds every other kind once.
        Assert.Equal(Enum.GetValues<NodeKind>().Length - 2, KindTable.Count);
    }

    [Theory]
    [InlineData("Exp", 1)]
    [InlineData("Pow", 2)]
    [InlineData("Max", 2)]
    public void Call_Arity_IsTheFunctionsArity(string name, int arity)
    {
        Node node = Node.Call(Functions.Named(name), 1, 2);

        Assert.Equal(arity, node.Arity);
        Assert.False(node.IsLeaf);
        Assert.False(node.IsBoolean);
        Assert.True(node.Calls(Functions.Named(name)));
        Assert.False(node.Calls(Functions.Sin));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void CustomCall_Arity_IsDecodedFromTheBits(int arity)
    {
        // Function row 5, its partial in the last argument: the arity sits in the low two bits.
        Node node = Node.Custom(5, arity, arity, 10, 11, 12);

        Assert.Equal(arity, node.Arity);
        Assert.Equal(5, CustomCall.FunctionOf(node.Bits));
        Assert.Equal(arity, CustomCall.PartialOf(node.Bits));
        Assert.False(node.IsLeaf);
        Assert.False(node.Calls(Functions.Exp));
    }

    [Fact]
    public void CustomCall_UnusedOperands_AreZeroed()
    {
        // A unary custom call stores only A, so two calls with different junk in B and C intern as one node.
        Assert.Equal(Node.Custom(0, 0, 1, 4, 0, 0), Node.Custom(0, 0, 1, 4, 7, 9));
        Assert.Equal(new Node(NodeKind.CustomCall, 4, 7, 0, CustomCall.Encode(0, 0, 2)), Node.Custom(0, 0, 2, 4, 7, 9));
    }

    [Fact]
    public void Operand_Index_PicksAThenBThenC()
    {
        Node node = Node.Conditional(4, 5, 6);

        Assert.Equal(4, node.Operand(0));
        Assert.Equal(5, node.Operand(1));
        Assert.Equal(6, node.Operand(2));
    }

    [Fact]
    public void Constant_Value_RoundTripsTheBits()
    {
        // −0.0 and 0.0 differ only in the bits; the node must keep the sign.
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), Node.Constant(-0.0).Bits);
        Assert.True(double.IsNegative(Node.Constant(-0.0).Value));
        Assert.Equal(2.5, Node.Constant(2.5).Value);
    }
}
