using System.Collections.Generic;

namespace NeuralOdeGen.Generator.Tests.Numerics;

/// <summary>The test-side SymPy evaluator against values Python gives for the same strings (exact in binary64).</summary>
public sealed class SymPyExpressionTests
{
    private static readonly Dictionary<string, double> Variables = new() { ["x"] = 3, ["y"] = 0.5, ["double"] = -2 };

    [Theory]
    [InlineData("-x**2", -9.0)]
    [InlineData("2**-1", 0.5)]
    [InlineData("2**3**2", 512.0)]
    [InlineData("(-4)*x", -12.0)]
    [InlineData("x - y - 1", 1.5)]
    [InlineData("x/2/y", 3.0)]
    [InlineData("1E-3*x + 2.5e+1", 25.003)]
    [InlineData("Piecewise((1, x > 4), (2, True))", 2.0)]
    [InlineData("Piecewise((1, (x >= -1) & (y < 1) | ~(y <= 2)), (0, True))", 1.0)]
    [InlineData("Piecewise((1, ~(x > 0) | (y > 1)), (0, True))", 0.0)]
    [InlineData("Eq(x, 3) + Ne(y, 0.5)", 1.0)]
    [InlineData("Max(x, y) - Min(x, double) + Abs(double) + sign(double)", 6.0)]
    [InlineData("exp(0) + log(1) + sqrt(x*x) + sin(0) + cos(0) + tan(0) + tanh(0) + sinh(0) + cosh(0) + atan(0)", 6.0)]
    public void Evaluate_PythonPrecedenceAndFunctions_GivesPythonsValue(string expression, double expected) =>
        Assert.Equal(expected, SymPyExpression.Evaluate(expression, Variables), 15);
}
