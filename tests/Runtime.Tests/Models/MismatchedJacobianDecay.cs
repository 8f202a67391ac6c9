using System;

namespace NeuralOdeGen.Runtime.Tests.Models;

/// <summary>
/// <c>ẋ = a·x</c> whose hand-written state Jacobian has the wrong sign (<c>−a</c>), as a buggy hand-written
/// <see cref="IOdeModel{TSelf}"/> might: an implicit method's Newton iteration diverges unless <c>h·γ·|a|</c> is small.
/// </summary>
public struct MismatchedJacobianDecay : IOdeModel<MismatchedJacobianDecay>
{
    public static int StateCount => 1;

    public static int ParameterCount => 1;

    public static OdeModelInfo Info { get; } = new("MismatchedJacobianDecay", ["x"], ["a"], null, ["a*x"], ["-a"], ["x"]);

    public static void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt) => dxdt[0] = p[0] * x[0];

    public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx) => jx[0] = -p[0];

    public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp) => jp[0] = x[0];

    public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        vjx[0] = -v[0] * p[0];
        vjp[0] = v[0] * x[0];
    }

    public static void JacobianVectorProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df) =>
        df[0] = (-p[0] * dx[0]) + (x[0] * dp[0]);

    public static void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt) => dxdt[0] = p[0] * x[0];
}
