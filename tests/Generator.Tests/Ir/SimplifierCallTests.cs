using System;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Tests.Ir;

/// <summary>
/// <see cref="Simplifier.Call"/> and the canonical operand order, on a graph whose node 0 is a state (not the constant 0
/// every other Ir test starts with), so that an unused operand slot, which holds 0, never looks like a constant: calls of
/// each arity fold only when every argument is a constant, Max and Min go through <see cref="Simplifier.MaxMin"/>,
/// constants stand first in a product and last in a sum, and compound operands are ordered by their own id.
/// </summary>
public sealed class SimplifierCallTests
{
    private readonly Simplifier _s;
    private readonly int _x;
    private readonly int _y;

    public SimplifierCallTests()
    {
        _s = new Simplifier(new ExprGraph());
        _x = _s.Leaf(NodeKind.State, 0);
        _y = _s.Leaf(NodeKind.State, 1);
        Assert.Equal(0, _x);
    }

    [Fact]
    public void Call_UnaryOfAConstant_Folds() =>
        Assert.True(_s.Graph.IsConstant(_s.Call(Functions.Sin, _s.Constant(0.0)), 0.0)); // sin 0 = 0 exactly

    [Fact]
    public void Call_BinaryOfConstants_Folds()
    {
        int folded = _s.Call(Functions.Named("Atan2"), _s.Constant(1.0), _s.Constant(1.0));

        // atan2(1, 1) = π/4; Math.Atan2 is within an ulp of it.
        Assert.True(_s.Graph.IsConstant(folded, out double value));
        Assert.Equal(Math.PI / 4.0, value, 1e-15);
    }

    [Fact]
    public void Call_TernaryOfConstants_Folds() =>
        Assert.True(_s.Graph.IsConstant(_s.Call(Functions.Named("FusedMultiplyAdd"), _s.Constant(2.0), _s.Constant(3.0), _s.Constant(1.0)), 7.0)); // 2·3 + 1, exact

    [Fact]
    public void Call_SecondArgumentNotConstant_IsNotFolded()
    {
        BuiltinFunction atan2 = Functions.Named("Atan2");
        int one = _s.Constant(1.0);

        Node node = _s.Graph[_s.Call(atan2, one, _y)];

        Assert.Equal(NodeKind.Call, node.Kind);
        Assert.Same(atan2, node.Function);
        Assert.Equal(one, node.A);
        Assert.Equal(_y, node.B);
    }

    [Fact]
    public void Call_ThirdArgumentNotConstant_IsNotFolded()
    {
        BuiltinFunction fma = Functions.Named("FusedMultiplyAdd");

        Node node = _s.Graph[_s.Call(fma, _s.Constant(2.0), _s.Constant(3.0), _y)];

        Assert.Equal(NodeKind.Call, node.Kind);
        Assert.Equal(_y, node.C);
    }

    [Theory]
    [InlineData("Max")]
    [InlineData("Min")]
    public void Call_MaxOrMinOfOneOperandTwice_IsThatOperand(string name) =>
        Assert.Equal(_y, _s.Call(Functions.Named(name), _y, _y)); // max(y, y) = min(y, y) = y, through MaxMin

    [Fact]
    public void Multiply_ConstantSecond_IsPutFirst()
    {
        int three = _s.Constant(3.0);

        Node node = _s.Graph[_s.Multiply(_y, three)];

        Assert.Equal(NodeKind.Multiply, node.Kind);
        Assert.Equal(three, node.A);
        Assert.Equal(_y, node.B);
    }

    [Fact]
    public void Add_CompoundOperands_AreOrderedByTheirOwnId()
    {
        // u = sin(y) is built before v = sin(x), so u has the smaller id, although its operand y has the larger one.
        int u = _s.Call(Functions.Sin, _y);
        int v = _s.Call(Functions.Sin, _x);
        Assert.True(u < v && _x < _y);

        int sum = _s.Add(v, u);

        Assert.Equal(u, _s.Graph[sum].A);
        Assert.Equal(v, _s.Graph[sum].B);
        Assert.Equal(sum, _s.Add(u, v));
    }
}
