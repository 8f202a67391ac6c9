using System;

namespace NeuralOdeGen.Runtime.Tests.Models;

/// <summary>
/// torchdiffeq's <c>ConstantODE</c> (<c>tests/problems.py</c>): <c>ẏ = a + (y − (a·t + b))⁵</c>, exact solution
/// <c>y = a·t + b</c> from a consistent initial value; a = 0.2, b = 3 there. Derivatives by hand, with
/// <c>r = y − a·t − b</c>: <c>∂f/∂y = 5r⁴</c>, <c>∂f/∂a = 1 − 5t·r⁴</c>, <c>∂f/∂b = −5r⁴</c>.
/// </summary>
public struct ConstantOde : IOdeModel<ConstantOde>
{
    public static int StateCount => 1;

    public static int ParameterCount => 2;

    public static OdeModelInfo Info { get; } = new(
        "ConstantOde", ["y"], ["a", "b"], "t", ["a + (y - (a*t + b))**5"], ["5*(y - a*t - b)**4"], ["1 - 5*t*(y - a*t - b)**4", "-5*(y - a*t - b)**4"]);

    /// <summary>The exact solution <c>a·t + b</c>.</summary>
    public static double Exact(double t, ReadOnlySpan<double> p) => (p[0] * t) + p[1];

    public static void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt)
    {
        double r = x[0] - ((p[0] * t) + p[1]);
        dxdt[0] = p[0] + (r * r * r * r * r);
    }

    public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx) => jx[0] = 5.0 * FourthPower(t, x, p);

    public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
    {
        double r4 = FourthPower(t, x, p);
        jp[0] = 1.0 - (5.0 * t * r4);
        jp[1] = -5.0 * r4;
    }

    public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        double r4 = FourthPower(t, x, p);
        vjx[0] = v[0] * 5.0 * r4;
        vjp[0] = v[0] * (1.0 - (5.0 * t * r4));
        vjp[1] = v[0] * -5.0 * r4;
    }

    public static void JacobianVectorProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df)
    {
        double r4 = FourthPower(t, x, p);
        df[0] = (5.0 * r4 * dx[0]) + ((1.0 - (5.0 * t * r4)) * dp[0]) - (5.0 * r4 * dp[1]);
    }

    public static void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt)
    {
        Dual r = x[0] - ((p[0] * t) + p[1]);
        dxdt[0] = p[0] + (r * r * r * r * r);
    }

    private static double FourthPower(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p)
    {
        double r = x[0] - ((p[0] * t) + p[1]);
        double r2 = r * r;
        return r2 * r2;
    }
}
