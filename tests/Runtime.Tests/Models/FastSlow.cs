using System;

namespace NeuralOdeGen.Runtime.Tests.Models;

/// <summary>
/// A stiff fast–slow system: <c>u̇ = −k·(u − cos v)</c> (fast, relaxes onto the slow manifold <c>u = cos v</c> at rate
/// <c>k</c>), <c>v̇ = w·u</c> (slow). Backwards in time any deviation from the manifold grows like <c>e^{k(t−s)}</c>,
/// and it reaches the slow variable, whose adjoint does not decay: the case where backsolve adjoints fail.
/// </summary>
public struct FastSlow : IOdeModel<FastSlow>
{
    public static int StateCount => 2;

    public static int ParameterCount => 2;

    public static OdeModelInfo Info { get; } = new(
        "FastSlow",
        ["u", "v"],
        ["k", "w"],
        null,
        ["-k*(u - cos(v))", "w*u"],
        ["-k", "-k*sin(v)", "w", "0"],
        ["cos(v) - u", "0", "0", "u"]);

    public static void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt)
    {
        dxdt[0] = -p[0] * (x[0] - Math.Cos(x[1]));
        dxdt[1] = p[1] * x[0];
    }

    public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
    {
        jx[0] = -p[0];
        jx[1] = -p[0] * Math.Sin(x[1]);
        jx[2] = p[1];
        jx[3] = 0.0;
    }

    public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
    {
        jp[0] = Math.Cos(x[1]) - x[0];
        jp[1] = 0.0;
        jp[2] = 0.0;
        jp[3] = x[0];
    }

    public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        vjx[0] = (-v[0] * p[0]) + (v[1] * p[1]);
        vjx[1] = -v[0] * p[0] * Math.Sin(x[1]);
        vjp[0] = v[0] * (Math.Cos(x[1]) - x[0]);
        vjp[1] = v[1] * x[0];
    }

    public static void JacobianVectorProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df)
    {
        df[0] = (-p[0] * dx[0]) - (p[0] * Math.Sin(x[1]) * dx[1]) + ((Math.Cos(x[1]) - x[0]) * dp[0]);
        df[1] = (p[1] * dx[0]) + (x[0] * dp[1]);
    }

    public static void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt)
    {
        dxdt[0] = -p[0] * (x[0] - Dual.Cos(x[1]));
        dxdt[1] = p[1] * x[0];
    }
}
