using System;
using NeuralOdeGen.Generator.Emit;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Tests.Ir;

public sealed class DifferentiatorTests
{
    private readonly Simplifier _s = new(new ExprGraph());

    private int X => _s.Leaf(NodeKind.State, 0);

    private int Y => _s.Leaf(NodeKind.State, 1);

    private int Derive(int expression, int variable) => new Differentiator(_s, variable).Derive(expression);

    private int F(BuiltinFunction function, int a) => _s.Call(function, a);

    [Fact]
    public void LotkaVolterraPrey_DerivativeByPrey_ReadsLikeHandWrittenCode()
    {
        int prey = _s.Leaf(NodeKind.State, 0);
        int predator = _s.Leaf(NodeKind.State, 1);
        int alpha = _s.Leaf(NodeKind.Parameter, 0);
        int beta = _s.Leaf(NodeKind.Parameter, 1);
        int f0 = _s.Subtract(_s.Multiply(alpha, prey), _s.Multiply(_s.Multiply(beta, prey), predator));
        string[] names = { "prey", "predator" };
        string[] parameters = { "alpha", "beta" };
        var printer = new CSharpPrinter(_s.Graph, id => _s.Graph[id].Kind switch
        {
            NodeKind.State => names[_s.Graph[id].A],
            NodeKind.Parameter => parameters[_s.Graph[id].A],
            _ => null,
        });

        Assert.Equal("alpha - beta * predator", printer.Print(Derive(f0, prey)));
        Assert.Equal("-beta * prey", printer.Print(Derive(f0, predator)));
        Assert.Equal("prey", printer.Print(Derive(f0, alpha)));
    }

    [Fact]
    public void Product_DerivativeByOneFactor_IsTheOtherFactor()
    {
        Assert.Equal(Y, Derive(_s.Multiply(X, Y), X));
    }

    [Fact]
    public void Exp_Derivative_ReusesTheExpNode()
    {
        int e = F(Functions.Named("Exp"), X);

        Assert.Equal(e, Derive(e, X));
    }

    [Fact]
    public void Abs_Derivative_IsSign()
    {
        Assert.Equal(F(Functions.Named("Sign"), X), Derive(F(Functions.Named("Abs"), X), X));
    }

    [Fact]
    public void Max_Derivative_IsThePiecewiseOfTheTakenBranch()
    {
        int d = Derive(_s.MaxMin(Functions.Named("Max"), X, Y), X);

        Assert.Equal(_s.Conditional(_s.Compare(NodeKind.GreaterOrEqual, X, Y), _s.One, _s.Zero), d);
    }

    [Fact]
    public void Independent_Expression_HasZeroDerivative()
    {
        Assert.Equal(_s.Zero, Derive(_s.Multiply(F(Functions.Named("Sin"), Y), _s.Leaf(NodeKind.Time, 0)), X));
    }

    [Fact]
    public void Pow_ConstantExponent_UsesThePowerRule()
    {
        // d(x^3)/dx = 3·x^2
        Assert.Equal(_s.Multiply(_s.Constant(3.0), _s.Pow(X, _s.Constant(2.0))), Derive(_s.Pow(X, _s.Constant(3.0)), X));
    }

    public static TheoryData<string> Expressions => new()
    {
        "exp", "log", "sqrt", "sin", "cos", "tan", "tanh", "sinh", "cosh", "atan", "abs", "pow-const", "pow-var",
        "pow-base", "quotient", "max", "min", "conditional", "nested",
    };

    [Theory]
    [MemberData(nameof(Expressions))]
    public void Derivative_AtSamplePoints_MatchesCentralFiniteDifferences(string name)
    {
        int expression = Build(name);
        int dx = Derive(expression, X);
        int dy = Derive(expression, Y);
        foreach ((double x, double y) in new[] { (0.7, 1.3), (1.9, 0.4), (0.35, 2.2), (1.2, 1.05) })
        {
            const double h = 1e-6;
            double fdx = (Eval(expression, x + h, y) - Eval(expression, x - h, y)) / (2 * h);
            double fdy = (Eval(expression, x, y + h) - Eval(expression, x, y - h)) / (2 * h);

            // Central differences with h = 1e-6 have truncation O(h²·f''') ≈ 1e-12 and rounding ≈ 1e-16/h ≈ 1e-10.
            Assert.Equal(fdx, Eval(dx, x, y), 1e-7 * (1 + Math.Abs(fdx)));
            Assert.Equal(fdy, Eval(dy, x, y), 1e-7 * (1 + Math.Abs(fdy)));
        }
    }

    private double Eval(int id, double x, double y) => IrEvaluator.Evaluate(_s.Graph, id, new[] { x, y });

    private int Build(string name)
    {
        int xy = _s.Multiply(X, Y);
        return name switch
        {
            "exp" => F(Functions.Named("Exp"), xy),
            "log" => F(Functions.Named("Log"), _s.Add(xy, _s.One)),
            "sqrt" => F(Functions.Named("Sqrt"), _s.Add(_s.Pow(X, _s.Constant(2.0)), Y)),
            "sin" => F(Functions.Named("Sin"), xy),
            "cos" => F(Functions.Named("Cos"), _s.Add(X, Y)),
            "tan" => F(Functions.Named("Tan"), _s.Multiply(_s.Constant(0.3), xy)),
            "tanh" => F(Functions.Named("Tanh"), _s.Subtract(X, Y)),
            "sinh" => F(Functions.Named("Sinh"), xy),
            "cosh" => F(Functions.Named("Cosh"), _s.Divide(X, Y)),
            "atan" => F(Functions.Named("Atan"), xy),
            "abs" => F(Functions.Named("Abs"), _s.Subtract(X, Y)),
            "pow-const" => _s.Pow(_s.Add(X, Y), _s.Constant(2.5)),
            "pow-var" => _s.Pow(X, Y),
            "pow-base" => _s.Pow(_s.Constant(2.0), xy),
            "quotient" => _s.Divide(F(Functions.Named("Sin"), X), _s.Add(_s.Pow(Y, _s.Constant(2.0)), _s.One)),
            "max" => _s.MaxMin(Functions.Named("Max"), _s.Multiply(X, X), Y),
            "min" => _s.MaxMin(Functions.Named("Min"), X, _s.Multiply(_s.Constant(0.5), Y)),
            "conditional" => _s.Conditional(
                _s.Logic(NodeKind.And, _s.Compare(NodeKind.Greater, X, _s.Constant(0.5)), _s.Not(_s.Compare(NodeKind.Greater, Y, _s.Constant(2.0)))),
                _s.Multiply(xy, X),
                F(Functions.Named("Exp"), Y)),
            "nested" => _s.Multiply(F(Functions.Named("Exp"), _s.Negate(F(Functions.Named("Sqrt"), xy))), F(Functions.Named("Tanh"), _s.Divide(Y, X))),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown expression."),
        };
    }
}
