using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.CustomDerivatives.Models;

/// <summary>
/// Functions with hand-written derivatives: a softplus with an overflow guard (a body the generator is not asked to
/// differentiate) and a Hill function of two arguments whose derivative returns both partials as a tuple.
/// </summary>
public static class Smooth
{
    public static double Softplus(double x) => x > 30.0 ? x : Math.Log(1.0 + Math.Exp(x));

    [DerivativeOf(nameof(Softplus))]
    public static double SoftplusDerivative(double x) => 1.0 / (1.0 + Math.Exp(-x));

    public static double Hill(double x, double k) => x * x / ((k * k) + (x * x));

    [DerivativeOf(nameof(Hill), Minimum = 0.5, Maximum = 3.0)]
    public static (double, double) HillDerivative(double x, double k)
    {
        double d = (k * k) + (x * x);
        return (2.0 * x * k * k / (d * d), -2.0 * k * x * x / (d * d));
    }
}
