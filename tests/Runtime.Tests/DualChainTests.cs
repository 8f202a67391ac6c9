using System;

namespace NeuralOdeGen.Runtime.Tests;

/// <summary>
/// <see cref="Dual.Chain(double, double, Dual)"/> and its two- and three-argument forms, which <c>EvaluateDual</c> uses
/// for functions with hand-written derivatives: the value passes through, the tangent is Σ ∂F/∂a_k · a_k′, checked
/// against central differences of a function along the arguments' tangents.
/// </summary>
public sealed class DualChainTests
{
    private static double F(double a, double b, double c) => Math.Sin(a) * Math.Exp(b) + (c * c * a);

    private static (double, double, double) Partials(double a, double b, double c) =>
        ((Math.Cos(a) * Math.Exp(b)) + (c * c), Math.Sin(a) * Math.Exp(b), 2.0 * c * a);

    [Fact]
    public void Chain_OneArgument_IsValueAndDerivativeTimesTangent()
    {
        Dual result = Dual.Chain(Math.Sin(0.7), Math.Cos(0.7), new Dual(0.7, -3.0));

        Assert.Equal(Math.Sin(0.7), result.Value);
        Assert.Equal(Math.Cos(0.7) * -3.0, result.Derivative);
    }

    [Fact]
    public void Chain_TwoAndThreeArguments_TangentMatchesCentralDifferencesAlongTheTangents()
    {
        (double a, double b, double c) = (0.4, -0.3, 1.2);
        (double da, double db, double dc) = (0.5, -1.5, 2.0);
        (double pa, double pb, double pc) = Partials(a, b, c);
        double h = 1e-6;
        double along = (F(a + (h * da), b + (h * db), c + (h * dc)) - F(a - (h * da), b - (h * db), c - (h * dc))) / (2.0 * h);
        double alongTwo = (F(a + (h * da), b + (h * db), c) - F(a - (h * da), b - (h * db), c)) / (2.0 * h);

        Dual three = Dual.Chain(F(a, b, c), (pa, pb, pc), new Dual(a, da), new Dual(b, db), new Dual(c, dc));
        Dual two = Dual.Chain(F(a, b, c), (pa, pb), new Dual(a, da), new Dual(b, db));

        // Central differences with h = 1e-6 on a function of size ~1: truncation ~1e-12, rounding ~1e-10.
        Assert.Equal(along, three.Derivative, 1e-8);
        Assert.Equal(alongTwo, two.Derivative, 1e-8);
        Assert.Equal(F(a, b, c), three.Value);

        // A wrong partial moves the tangent by (wrong − right) · tangent, far outside the tolerance above.
        Dual wrong = Dual.Chain(F(a, b, c), (pa + 0.01, pb, pc), new Dual(a, da), new Dual(b, db), new Dual(c, dc));
        Assert.NotEqual(along, wrong.Derivative, 1e-4);
    }
}
