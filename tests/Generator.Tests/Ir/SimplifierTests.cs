using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Tests.Ir;

public sealed class SimplifierTests
{
    private readonly Simplifier _s = new(new ExprGraph());

    private int X => _s.Leaf(NodeKind.State, 0);

    private int Y => _s.Leaf(NodeKind.State, 1);

    private int A => _s.Leaf(NodeKind.Parameter, 0);

    [Fact]
    public void Intern_StructurallyEqualNodes_ShareOneId()
    {
        int first = _s.Graph.Intern(Node.Binary(NodeKind.Add, X, _s.Graph.Intern(Node.Call(Functions.Named("Exp"), Y))));
        int count = _s.Graph.Count;
        int second = _s.Graph.Intern(Node.Binary(NodeKind.Add, X, _s.Graph.Intern(Node.Call(Functions.Named("Exp"), Y))));

        Assert.Equal(first, second);
        Assert.Equal(count, _s.Graph.Count);
    }

    [Fact]
    public void Arithmetic_ConstantOperands_FoldsToTheIeeeResult()
    {
        int folded = _s.Divide(_s.Add(_s.Constant(1.0), _s.Constant(2.0)), _s.Multiply(_s.Constant(4.0), _s.Constant(0.1)));

        Assert.True(_s.Graph.IsConstant(folded, out double value));
        Assert.Equal(3.0 / (4.0 * 0.1), value); // exact: folding performs the same IEEE operations
    }

    [Fact]
    public void Function_ConstantOperand_FoldsWithMath()
    {
        Assert.True(_s.Graph.IsConstant(_s.Call(Functions.Named("Exp"), _s.Constant(1.0)), out double value));
        Assert.Equal(System.Math.E, value); // Math.Exp(1) is Math.E to the last bit
    }

    [Fact]
    public void NeutralAndAbsorbingElements_AreRemoved()
    {
        Assert.Equal(X, _s.Add(X, _s.Zero));
        Assert.Equal(X, _s.Add(_s.Zero, X));
        Assert.Equal(X, _s.Subtract(X, _s.Zero));
        Assert.Equal(X, _s.Multiply(_s.One, X));
        Assert.Equal(X, _s.Multiply(X, _s.One));
        Assert.Equal(X, _s.Divide(X, _s.One));
        Assert.Equal(X, _s.Pow(X, _s.One));
        Assert.Equal(_s.Zero, _s.Multiply(X, _s.Zero));
        Assert.Equal(_s.Zero, _s.Divide(_s.Zero, X));
        Assert.Equal(_s.One, _s.Pow(X, _s.Zero));
    }

    [Fact]
    public void DoubleNegation_IsRemoved()
    {
        Assert.Equal(X, _s.Negate(_s.Negate(X)));
    }

    [Fact]
    public void SelfDifference_IsZero()
    {
        int e = _s.Call(Functions.Named("Exp"), _s.Multiply(A, X));

        Assert.Equal(_s.Zero, _s.Subtract(e, e));
    }

    [Fact]
    public void Commutative_OperandOrder_DoesNotMatter()
    {
        int e = _s.Call(Functions.Named("Sin"), Y);

        Assert.Equal(_s.Multiply(X, A), _s.Multiply(A, X));
        Assert.Equal(_s.Add(e, X), _s.Add(X, e));
        Assert.Equal(_s.Multiply(_s.Multiply(A, X), Y), _s.Multiply(Y, _s.Multiply(X, A)));
    }

    [Fact]
    public void Multiply_ParameterAndState_PutsParameterFirst()
    {
        Node product = _s.Graph[_s.Multiply(X, A)];

        Assert.Equal(A, product.A);
        Assert.Equal(X, product.B);
    }

    [Fact]
    public void AddNegated_BecomesSubtraction()
    {
        Node node = _s.Graph[_s.Add(X, _s.Negate(Y))];

        Assert.Equal(NodeKind.Subtract, node.Kind);
        Assert.Equal((X, Y), (node.A, node.B));
    }

    [Fact]
    public void Multiply_NegatedFactor_PullsTheSignOut()
    {
        Assert.Equal(_s.Negate(_s.Multiply(A, X)), _s.Multiply(_s.Negate(A), X));
    }

    [Fact]
    public void Divide_CommonConstantFactor_Cancels()
    {
        int two = _s.Constant(2.0);

        Assert.Equal(_s.Divide(X, Y), _s.Divide(_s.Multiply(two, X), _s.Multiply(two, Y)));
    }

    [Fact]
    public void Conditional_ConstantConditionOrEqualBranches_Collapses()
    {
        int condition = _s.Compare(NodeKind.Greater, X, _s.Zero);

        Assert.Equal(X, _s.Conditional(_s.Bool(true), X, Y));
        Assert.Equal(Y, _s.Conditional(_s.Compare(NodeKind.Less, _s.One, _s.Zero), X, Y));
        Assert.Equal(X, _s.Conditional(condition, X, X));
        Assert.Equal(NodeKind.Conditional, _s.Graph[_s.Conditional(condition, X, Y)].Kind);
    }

    [Fact]
    public void MaxMin_AreNotReordered_BecauseTheFirstArgumentWinsTies()
    {
        Node max = _s.Graph[_s.MaxMin(Functions.Named("Max"), X, A)];

        Assert.Equal((X, A), (max.A, max.B));
    }

    [Theory]
    [InlineData(0.3, 1.7, 0.9)]
    [InlineData(-2.0, 0.5, 3.0)]
    [InlineData(4.0, -1.25, -0.5)]
    public void SimplifiedExpression_HasTheSameValueAsTheUnsimplifiedOne(double x, double y, double a)
    {
        // (x*1 + 0) - (-(a*y)) + (2*x)/(2*y) - (y - y) built raw and simplified.
        var raw = new ExprGraph();
        int rx = raw.Intern(Node.Leaf(NodeKind.State, 0));
        int ry = raw.Intern(Node.Leaf(NodeKind.State, 1));
        int ra = raw.Intern(Node.Leaf(NodeKind.Parameter, 0));
        int two = raw.Constant(2.0);
        int left = raw.Intern(Node.Binary(NodeKind.Add, raw.Intern(Node.Binary(NodeKind.Multiply, rx, raw.Constant(1.0))), raw.Constant(0.0)));
        int neg = raw.Intern(Node.Unary(NodeKind.Negate, raw.Intern(Node.Binary(NodeKind.Multiply, ra, ry))));
        int ratio = raw.Intern(Node.Binary(NodeKind.Divide, raw.Intern(Node.Binary(NodeKind.Multiply, two, rx)), raw.Intern(Node.Binary(NodeKind.Multiply, two, ry))));
        int zero = raw.Intern(Node.Binary(NodeKind.Subtract, ry, ry));
        int rawRoot = raw.Intern(Node.Binary(
            NodeKind.Subtract,
            raw.Intern(Node.Binary(NodeKind.Add, raw.Intern(Node.Binary(NodeKind.Subtract, left, neg)), ratio)),
            zero));

        int[] simplified = Lowering.Lower(
            new BodyIr(raw.ToArray(), EquatableArray<LocalDeclaration>.Empty, new EquatableArray<int>(new[] { rawRoot })),
            _s);

        double expected = IrEvaluator.Evaluate(raw, rawRoot, new[] { x, y }, new[] { a });
        double actual = IrEvaluator.Evaluate(_s.Graph, simplified[0], new[] { x, y }, new[] { a });
        Assert.Equal(expected, actual, 1e-14); // reassociation changes rounding by a few ulps at most at these magnitudes
        Assert.True(_s.Graph.Count < raw.Count, "the simplified graph should be smaller than the raw one");
    }
}
