using System;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Tests.Ir;

/// <summary>
/// Each rewrite of <see cref="Simplifier"/> by the exact form it must produce. The random-expression property only
/// checks values, so a rule switched off (or a wrong operand order) keeps every value and passes it; here the expected
/// form is interned raw (<see cref="ExprGraph.Intern"/>, no simplification), and one id equals another only when the
/// two trees are identical.
/// </summary>
public sealed class SimplifierNormalFormTests
{
    private readonly Simplifier _s = new(new ExprGraph());

    private int X => _s.Leaf(NodeKind.State, 0);

    private int Y => _s.Leaf(NodeKind.State, 1);

    private int A => _s.Leaf(NodeKind.Parameter, 0);

    private int T => _s.Leaf(NodeKind.Time, 0);

    private int C(double value) => _s.Graph.Constant(value);

    private int Raw(NodeKind kind, int a) => _s.Graph.Intern(Node.Unary(kind, a));

    private int Raw(NodeKind kind, int a, int b) => _s.Graph.Intern(Node.Binary(kind, a, b));

    private int RawCall(BuiltinFunction function, int a, int b = 0) => _s.Graph.Intern(Node.Call(function, a, b));

    private int True => _s.Bool(true);

    private int False => _s.Bool(false);

    private int Condition => Raw(NodeKind.Less, X, Y);

    [Fact]
    public void Add_SameOperandTwice_IsTwoTimesIt() =>
        Assert.Equal(Raw(NodeKind.Multiply, C(2.0), X), _s.Add(X, X));

    [Fact]
    public void Add_NegatedOperand_IsASubtraction()
    {
        Assert.Equal(Raw(NodeKind.Subtract, X, Y), _s.Add(X, Raw(NodeKind.Negate, Y)));
        Assert.Equal(Raw(NodeKind.Subtract, Y, X), _s.Add(Raw(NodeKind.Negate, X), Y));
    }

    [Fact]
    public void Add_NegativeConstant_IsASubtractionOfItsMagnitude()
    {
        Assert.Equal(Raw(NodeKind.Subtract, X, C(3.0)), _s.Add(X, C(-3.0)));
        Assert.Equal(Raw(NodeKind.Subtract, X, C(3.0)), _s.Add(C(-3.0), X));
    }

    [Fact]
    public void Add_ConstantOperands_Fold()
    {
        Assert.Equal(C(5.0), _s.Add(C(2.0), C(3.0)));
        Assert.Equal(C(-1.0), _s.Subtract(C(2.0), C(3.0)));
        Assert.Equal(C(6.0), _s.Multiply(C(2.0), C(3.0)));
        Assert.Equal(C(8.0), _s.Pow(C(2.0), C(3.0)));
    }

    [Fact]
    public void Add_Operands_ConstantLastParametersBeforeStatesBeforeTime()
    {
        Assert.Equal(Raw(NodeKind.Add, X, C(2.0)), _s.Add(C(2.0), X));
        Assert.Equal(Raw(NodeKind.Add, A, X), _s.Add(X, A));
        Assert.Equal(Raw(NodeKind.Add, X, Y), _s.Add(Y, X));
        Assert.Equal(Raw(NodeKind.Add, X, T), _s.Add(T, X));
        int local = _s.Leaf(NodeKind.Local, 0);
        Assert.Equal(Raw(NodeKind.Add, T, local), _s.Add(local, T));
    }

    [Fact]
    public void Add_CompoundOperand_ComesBeforeLeaves()
    {
        int sine = RawCall(Functions.Sin, Y);

        Assert.Equal(Raw(NodeKind.Add, sine, A), _s.Add(A, sine));
    }

    [Fact]
    public void Add_Seeds_OrderedByVectorThenElement()
    {
        int first = _s.Graph.Intern(new Node(NodeKind.Seed, (int)SeedVector.Cotangent, 0, 0, 0));
        int second = _s.Graph.Intern(new Node(NodeKind.Seed, (int)SeedVector.Cotangent, 1, 0, 0));
        int other = _s.Graph.Intern(new Node(NodeKind.Seed, (int)SeedVector.StateTangent, 0, 0, 0));

        Assert.Equal(Raw(NodeKind.Add, first, second), _s.Add(second, first));
        Assert.Equal(Raw(NodeKind.Add, second, other), _s.Add(other, second));
        Assert.Equal(Raw(NodeKind.Add, T, first), _s.Add(first, T));
    }

    [Fact]
    public void Multiply_Operands_ConstantFirstParametersBeforeStates()
    {
        Assert.Equal(Raw(NodeKind.Multiply, C(3.0), X), _s.Multiply(X, C(3.0)));
        Assert.Equal(Raw(NodeKind.Multiply, A, X), _s.Multiply(X, A));
    }

    [Fact]
    public void Subtract_FromZero_IsANegation() =>
        Assert.Equal(Raw(NodeKind.Negate, X), _s.Subtract(C(0.0), X));

    [Fact]
    public void Subtract_NegatedOrNegativeSubtrahend_IsAnAddition()
    {
        Assert.Equal(Raw(NodeKind.Add, X, Y), _s.Subtract(X, Raw(NodeKind.Negate, Y)));
        Assert.Equal(Raw(NodeKind.Add, X, C(2.0)), _s.Subtract(X, C(-2.0)));
    }

    [Fact]
    public void Subtract_NegatedMinuend_IsTheNegatedSum() =>
        Assert.Equal(Raw(NodeKind.Negate, Raw(NodeKind.Add, X, Y)), _s.Subtract(Raw(NodeKind.Negate, X), Y));

    [Fact]
    public void Subtract_KeepsOperandOrder() =>
        Assert.Equal(Raw(NodeKind.Subtract, Y, X), _s.Subtract(Y, X));

    [Fact]
    public void Negate_Rewrites()
    {
        Assert.Equal(C(-2.5), _s.Negate(C(2.5)));
        Assert.Equal(Raw(NodeKind.Subtract, Y, X), _s.Negate(Raw(NodeKind.Subtract, X, Y)));
        Assert.Equal(Raw(NodeKind.Multiply, C(-3.0), X), _s.Negate(Raw(NodeKind.Multiply, C(3.0), X)));
        Assert.Equal(Raw(NodeKind.Negate, Raw(NodeKind.Multiply, A, X)), _s.Negate(Raw(NodeKind.Multiply, A, X)));
    }

    [Fact]
    public void Multiply_ByMinusOne_IsANegation() =>
        Assert.Equal(Raw(NodeKind.Negate, X), _s.Multiply(C(-1.0), X));

    [Fact]
    public void Multiply_ConstantTimesScaledOrNegated_FoldsTheConstants()
    {
        Assert.Equal(Raw(NodeKind.Multiply, C(6.0), X), _s.Multiply(C(2.0), Raw(NodeKind.Multiply, C(3.0), X)));
        Assert.Equal(Raw(NodeKind.Multiply, C(-2.0), X), _s.Multiply(C(2.0), Raw(NodeKind.Negate, X)));
    }

    [Fact]
    public void Multiply_ConstantTimesReciprocalPower_IsAQuotient()
    {
        Assert.Equal(Raw(NodeKind.Divide, C(2.0), X), _s.Multiply(C(2.0), RawCall(Functions.Pow, X, C(-1.0))));
        Assert.Equal(Raw(NodeKind.Divide, C(0.5), RawCall(Functions.Pow, X, C(0.5))), _s.Multiply(C(0.5), RawCall(Functions.Pow, X, C(-0.5))));
    }

    [Fact]
    public void Multiply_NegatedFactor_PullsTheSignOut()
    {
        Assert.Equal(Raw(NodeKind.Negate, Raw(NodeKind.Multiply, X, Y)), _s.Multiply(Raw(NodeKind.Negate, X), Y));
        Assert.Equal(Raw(NodeKind.Negate, Raw(NodeKind.Multiply, X, Y)), _s.Multiply(X, Raw(NodeKind.Negate, Y)));
    }

    [Fact]
    public void Multiply_ScaledFactor_PullsTheConstantToTheFront()
    {
        Assert.Equal(Raw(NodeKind.Multiply, C(3.0), Raw(NodeKind.Multiply, X, Y)), _s.Multiply(Raw(NodeKind.Multiply, C(3.0), X), Y));
        Assert.Equal(Raw(NodeKind.Multiply, C(3.0), Raw(NodeKind.Multiply, X, Y)), _s.Multiply(Y, Raw(NodeKind.Multiply, C(3.0), X)));
    }

    [Fact]
    public void Multiply_SameOperandTwice_IsASquare() =>
        Assert.Equal(RawCall(Functions.Pow, X, C(2.0)), _s.Multiply(X, X));

    [Fact]
    public void Multiply_ByReciprocalPower_IsAQuotient()
    {
        int root = RawCall(Functions.Pow, X, C(0.5));

        Assert.Equal(Raw(NodeKind.Divide, Y, root), _s.Multiply(Y, RawCall(Functions.Pow, X, C(-0.5))));
        Assert.Equal(Raw(NodeKind.Divide, Y, root), _s.Multiply(RawCall(Functions.Pow, X, C(-0.5)), Y));
        // A positive power stays a product, compound operand first.
        Assert.Equal(Raw(NodeKind.Multiply, root, Y), _s.Multiply(Y, root));
    }

    [Fact]
    public void Divide_Rewrites()
    {
        Assert.Equal(C(0.25), _s.Divide(C(1.0), C(4.0)));
        Assert.Equal(Raw(NodeKind.Negate, X), _s.Divide(X, C(-1.0)));
        Assert.Equal(C(1.0), _s.Divide(X, X));
        Assert.Equal(Raw(NodeKind.Negate, Raw(NodeKind.Divide, X, Y)), _s.Divide(Raw(NodeKind.Negate, X), Y));
        Assert.Equal(Raw(NodeKind.Negate, Raw(NodeKind.Divide, X, Y)), _s.Divide(X, Raw(NodeKind.Negate, Y)));
        Assert.Equal(Raw(NodeKind.Divide, Y, X), _s.Divide(Y, X));
    }

    [Fact]
    public void Divide_ScaledOperands_CancelOrFoldTheConstants()
    {
        Assert.Equal(Raw(NodeKind.Divide, X, Y), _s.Divide(Raw(NodeKind.Multiply, C(2.0), X), Raw(NodeKind.Multiply, C(2.0), Y)));
        Assert.Equal(Raw(NodeKind.Multiply, C(3.0), X), _s.Divide(Raw(NodeKind.Multiply, C(6.0), X), C(2.0)));
        // Different factors do not cancel.
        Assert.Equal(
            Raw(NodeKind.Divide, Raw(NodeKind.Multiply, C(2.0), X), Raw(NodeKind.Multiply, C(3.0), Y)),
            _s.Divide(Raw(NodeKind.Multiply, C(2.0), X), Raw(NodeKind.Multiply, C(3.0), Y)));
    }

    [Fact]
    public void Pow_Rewrites()
    {
        Assert.Equal(C(1.0), _s.Pow(C(1.0), X));
        Assert.Equal(RawCall(Functions.Pow, X, Y), _s.Pow(X, Y));
        Assert.Equal(RawCall(Functions.Pow, X, C(3.0)), _s.Pow(X, C(3.0)));
    }

    [Fact]
    public void Abs_OfAbsOrNegation_DropsTheInnerOperation()
    {
        Assert.Equal(RawCall(Functions.Abs, X), _s.Call(Functions.Abs, Raw(NodeKind.Negate, X)));
        Assert.Equal(RawCall(Functions.Abs, X), _s.Call(Functions.Abs, RawCall(Functions.Abs, X)));
        Assert.Equal(RawCall(Functions.Sin, Raw(NodeKind.Negate, X)), _s.Call(Functions.Sin, Raw(NodeKind.Negate, X)));
    }

    [Theory]
    [InlineData(2.0, 1.0)]
    [InlineData(-0.5, -1.0)]
    [InlineData(0.0, 0.0)]
    public void Sign_OfConstant_FoldsToItsSign(double x, double sign) =>
        Assert.Equal(C(sign), _s.Call(Functions.Sign, C(x)));

    [Fact]
    public void MaxMin_Constants_FoldAndSymbolsKeepTheirOrder()
    {
        Assert.Equal(C(3.0), _s.MaxMin(Functions.Max, C(2.0), C(3.0)));
        Assert.Equal(C(3.0), _s.MaxMin(Functions.Max, C(3.0), C(2.0)));
        Assert.Equal(C(2.0), _s.MaxMin(Functions.Min, C(2.0), C(3.0)));
        Assert.Equal(C(2.0), _s.MaxMin(Functions.Min, C(3.0), C(2.0)));
        Assert.Equal(X, _s.MaxMin(Functions.Max, X, X));
        Assert.Equal(RawCall(Functions.Max, Y, X), _s.MaxMin(Functions.Max, Y, X));
        Assert.Equal(RawCall(Functions.Min, Y, X), _s.Make(Node.Call(Functions.Min, Y, X), Y, X));
    }

    [Fact]
    public void MaxMin_SignedZeroTie_FirstArgumentWins()
    {
        // 0.0 and −0.0 compare equal but are different constants: the first argument wins the tie, as documented.
        Assert.Equal(C(0.0), _s.MaxMin(Functions.Max, C(0.0), C(-0.0)));
        Assert.Equal(C(-0.0), _s.MaxMin(Functions.Max, C(-0.0), C(0.0)));
        Assert.Equal(C(-0.0), _s.MaxMin(Functions.Min, C(-0.0), C(0.0)));
        Assert.Equal(C(0.0), _s.MaxMin(Functions.Min, C(0.0), C(-0.0)));
    }

    [Fact]
    public void Negate_Constant_FlipsTheSign() =>
        Assert.Equal(C(-2.5), _s.Negate(C(2.5)));

    [Theory]
    [InlineData("Less", 1.0, 2.0, true)]
    [InlineData("Less", 2.0, 2.0, false)]
    [InlineData("LessOrEqual", 2.0, 2.0, true)]
    [InlineData("LessOrEqual", 3.0, 2.0, false)]
    [InlineData("Greater", 3.0, 2.0, true)]
    [InlineData("Greater", 2.0, 2.0, false)]
    [InlineData("GreaterOrEqual", 2.0, 2.0, true)]
    [InlineData("GreaterOrEqual", 1.0, 2.0, false)]
    [InlineData("Equal", 2.0, 2.0, true)]
    [InlineData("Equal", 1.0, 2.0, false)]
    [InlineData("NotEqual", 1.0, 2.0, true)]
    [InlineData("NotEqual", 2.0, 2.0, false)]
    public void Compare_Constants_FoldToTheComparison(string kind, double a, double b, bool expected) =>
        Assert.Equal(_s.Bool(expected), _s.Make(Enum.Parse<NodeKind>(kind), C(a), C(b)));

    [Fact]
    public void Compare_Symbols_StaysAComparison() =>
        Assert.Equal(Raw(NodeKind.GreaterOrEqual, Y, X), _s.Compare(NodeKind.GreaterOrEqual, Y, X));

    [Fact]
    public void Not_Rewrites()
    {
        Assert.Equal(False, _s.Not(True));
        Assert.Equal(True, _s.Not(False));
        Assert.Equal(Condition, _s.Not(Raw(NodeKind.Not, Condition)));
        Assert.Equal(Raw(NodeKind.Not, Condition), _s.Not(Condition));
    }

    [Fact]
    public void Logic_ConstantOperandEitherSide_DecidesOrVanishes()
    {
        int c = Condition;
        Assert.Equal(c, _s.Logic(NodeKind.And, True, c));
        Assert.Equal(c, _s.Logic(NodeKind.And, c, True));
        Assert.Equal(False, _s.Logic(NodeKind.And, False, c));
        Assert.Equal(False, _s.Logic(NodeKind.And, c, False));
        Assert.Equal(c, _s.Logic(NodeKind.Or, False, c));
        Assert.Equal(c, _s.Logic(NodeKind.Or, c, False));
        Assert.Equal(True, _s.Logic(NodeKind.Or, True, c));
        Assert.Equal(True, _s.Logic(NodeKind.Or, c, True));
    }

    [Fact]
    public void Logic_SameOrDifferentConditions()
    {
        int c = Condition;
        int d = Raw(NodeKind.Greater, X, A);

        Assert.Equal(c, _s.Logic(NodeKind.Or, c, c));
        Assert.Equal(Raw(NodeKind.And, c, d), _s.Make(NodeKind.And, c, d));
        Assert.Equal(Raw(NodeKind.Or, d, c), _s.Make(NodeKind.Or, d, c));
    }

    [Fact]
    public void Conditional_Rewrites()
    {
        Assert.Equal(X, _s.Conditional(True, X, Y));
        Assert.Equal(Y, _s.Conditional(False, X, Y));
        Assert.Equal(X, _s.Conditional(Condition, X, X));
        Assert.Equal(_s.Graph.Intern(Node.Conditional(Condition, X, Y)), _s.Make(NodeKind.Conditional, Condition, X, Y));
    }

    [Fact]
    public void Make_DispatchesEveryArithmeticKind()
    {
        Assert.Equal(_s.Negate(X), _s.Make(NodeKind.Negate, X));
        Assert.Equal(Raw(NodeKind.Add, X, Y), _s.Make(NodeKind.Add, Y, X));
        Assert.Equal(Raw(NodeKind.Subtract, Y, X), _s.Make(NodeKind.Subtract, Y, X));
        Assert.Equal(Raw(NodeKind.Multiply, X, Y), _s.Make(NodeKind.Multiply, Y, X));
        Assert.Equal(Raw(NodeKind.Divide, Y, X), _s.Make(NodeKind.Divide, Y, X));
        Assert.Equal(RawCall(Functions.Pow, Y, X), _s.Make(Node.Call(Functions.Pow, Y, X), Y, X));
        Assert.Equal(RawCall(Functions.Exp, X), _s.Make(Node.Call(Functions.Exp, X), X));
        Assert.Equal(RawCall(Functions.Sign, X), _s.Make(Node.Call(Functions.Sign, X), X));
        Assert.Throws<ArgumentOutOfRangeException>(() => _s.Make(NodeKind.State, X));
    }
}
