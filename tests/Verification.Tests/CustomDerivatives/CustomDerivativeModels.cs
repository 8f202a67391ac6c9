using System;

namespace NeuralOdeGen.Verification.Tests.CustomDerivatives;

/// <summary>Functions with hand-written derivatives: right ones, and a deliberately wrong one (a sign and a factor off).</summary>
public static class HandDerived
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

    public static double Swish(double x) => x / (1.0 + Math.Exp(-x));

    // Wrong on purpose: the derivative of x·σ(x) is σ(x)·(1 + x·(1 − σ(x))), not σ(x)·(1 − x·σ(x)).
    [DerivativeOf(nameof(Swish))]
    public static double SwishDerivative(double x)
    {
        double s = 1.0 / (1.0 + Math.Exp(-x));
        return s * (1.0 - (x * s));
    }
}

/// <summary>A model calling the right hand-written derivatives (one and two arguments).</summary>
public partial struct CustomGate
{
    [Dynamics]
    public static (double X, double Y) Rhs(double x, double y, [Param] double a, [Param] double k) =>
        ((a * HandDerived.Hill(y, k)) - HandDerived.Softplus(x), (0.5 * HandDerived.Softplus(x - y)) - (y * HandDerived.Softplus(x)));
}

/// <summary>A model calling a function whose hand-written derivative is wrong.</summary>
public partial struct WrongSwish
{
    [Dynamics]
    public static double Rhs(double x, [Param] double a) => a * HandDerived.Swish(x);
}
