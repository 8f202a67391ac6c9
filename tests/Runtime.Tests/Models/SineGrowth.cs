using System;

namespace NeuralOdeGen.Runtime.Tests.Models;

/// <summary>A nonlinear single-state model <c>ẋ = a·sin(x) + b·x</c>.</summary>
public struct SineGrowth : IOdeModel<SineGrowth>
{
    public static int StateCount => 1;

    public static int ParameterCount => 2;

    public static OdeModelInfo Info { get; } = new("SineGrowth", ["x"], ["a", "b"], null, ["a*sin(x) + b*x"], ["a*cos(x) + b"], ["sin(x)", "x"]);

    public static void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt) =>
        dxdt[0] = (p[0] * Math.Sin(x[0])) + (p[1] * x[0]);

    public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx) =>
        jx[0] = (p[0] * Math.Cos(x[0])) + p[1];

    public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
    {
        jp[0] = Math.Sin(x[0]);
        jp[1] = x[0];
    }

    public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        vjx[0] = v[0] * ((p[0] * Math.Cos(x[0])) + p[1]);
        vjp[0] = v[0] * Math.Sin(x[0]);
        vjp[1] = v[0] * x[0];
    }

    public static void JacobianVectorProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df) =>
        df[0] = (((p[0] * Math.Cos(x[0])) + p[1]) * dx[0]) + (Math.Sin(x[0]) * dp[0]) + (x[0] * dp[1]);

    public static void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt) =>
        dxdt[0] = (p[0] * Dual.Sin(x[0])) + (p[1] * x[0]);
}
