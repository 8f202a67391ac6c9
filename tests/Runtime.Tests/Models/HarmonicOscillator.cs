using System;

namespace NeuralOdeGen.Runtime.Tests.Models;

/// <summary><c>ẋ = v</c>, <c>v̇ = −ω²x</c>: solution <c>x = x0 cos ωt + (v0/ω) sin ωt</c>.</summary>
public struct HarmonicOscillator : IOdeModel<HarmonicOscillator>
{
    public static int StateCount => 2;

    public static int ParameterCount => 1;

    public static OdeModelInfo Info { get; } = new(
        "HarmonicOscillator", ["x", "v"], ["omega"], null, ["v", "-omega**2*x"], ["0", "1", "-omega**2", "0"], ["0", "-2*omega*x"]);

    public static void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt)
    {
        dxdt[0] = x[1];
        dxdt[1] = -p[0] * p[0] * x[0];
    }

    public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
    {
        jx[0] = 0.0;
        jx[1] = 1.0;
        jx[2] = -p[0] * p[0];
        jx[3] = 0.0;
    }

    public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
    {
        jp[0] = 0.0;
        jp[1] = -2.0 * p[0] * x[0];
    }

    public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        vjx[0] = -v[1] * p[0] * p[0];
        vjx[1] = v[0];
        vjp[0] = -2.0 * v[1] * p[0] * x[0];
    }

    public static void JacobianVectorProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df)
    {
        df[0] = dx[1];
        df[1] = (-p[0] * p[0] * dx[0]) - (2.0 * p[0] * x[0] * dp[0]);
    }

    public static void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt)
    {
        dxdt[0] = x[1];
        dxdt[1] = -p[0] * p[0] * x[0];
    }
}
