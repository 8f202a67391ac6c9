using System;

namespace NeuralOdeGen.Runtime.Tests.Models;

/// <summary>
/// Dissipative relaxation <c>ẋ = a·x + b</c> (with <c>a ≪ 0</c>): <c>x(t) = (x0 + b/a) e^{at} − b/a</c>. The state
/// forgets <c>x0</c> at rate <c>|a|</c>, so integrating it backwards amplifies any error by <c>e^{|a|t}</c>.
/// </summary>
public struct Relaxation : IOdeModel<Relaxation>
{
    public static int StateCount => 1;

    public static int ParameterCount => 2;

    public static OdeModelInfo Info { get; } = new("Relaxation", ["x"], ["a", "b"], null, ["a*x + b"], ["a"], ["x", "1"]);

    public static void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt) => dxdt[0] = (p[0] * x[0]) + p[1];

    public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx) => jx[0] = p[0];

    public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
    {
        jp[0] = x[0];
        jp[1] = 1.0;
    }

    public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        vjx[0] = v[0] * p[0];
        vjp[0] = v[0] * x[0];
        vjp[1] = v[0];
    }

    public static void JacobianVectorProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df) =>
        df[0] = (p[0] * dx[0]) + (x[0] * dp[0]) + dp[1];

    public static void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt) => dxdt[0] = (p[0] * x[0]) + p[1];
}
