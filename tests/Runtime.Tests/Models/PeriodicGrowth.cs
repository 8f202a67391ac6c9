using System;

namespace NeuralOdeGen.Runtime.Tests.Models;

/// <summary>
/// A time-dependent exponential <c>ẋ = a·cos(t)·x</c> with solution <c>x0·exp(a·sin t)</c>: the order tests use it
/// so that a wrong node <c>c_i</c> shows up (autonomous problems cannot see the nodes).
/// </summary>
public struct PeriodicGrowth : IOdeModel<PeriodicGrowth>
{
    public static int StateCount => 1;

    public static int ParameterCount => 1;

    public static OdeModelInfo Info { get; } = new("PeriodicGrowth", ["x"], ["a"], "t", ["a*cos(t)*x"], ["a*cos(t)"], ["x*cos(t)"]);

    public static void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt) => dxdt[0] = p[0] * Math.Cos(t) * x[0];

    public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx) => jx[0] = p[0] * Math.Cos(t);

    public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp) => jp[0] = Math.Cos(t) * x[0];

    public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        double cos = Math.Cos(t);
        vjx[0] = v[0] * p[0] * cos;
        vjp[0] = v[0] * cos * x[0];
    }

    public static void JacobianVectorProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df)
    {
        double cos = Math.Cos(t);
        df[0] = (p[0] * cos * dx[0]) + (cos * x[0] * dp[0]);
    }

    public static void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt) => dxdt[0] = p[0] * Math.Cos(t) * x[0];
}
