using System;

namespace NeuralOdeGen.Benchmarks.HandDerived;

/// <summary>
/// <c>ẋ = a·x</c> as a complete hand-written <see cref="IOdeModel{TSelf}"/> (no generator): runs the runtime's
/// gradient with hand-derived model code, to separate the cost of the generated members from the runtime's own.
/// </summary>
public struct HandDecayModel : IOdeModel<HandDecayModel>
{
    public static int StateCount => 1;

    public static int ParameterCount => 1;

    public static OdeModelInfo Info { get; } = new("HandDecayModel", ["x"], ["a"], null, ["a*x"], ["a"], ["x"]);

    public static void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt) => dxdt[0] = p[0] * x[0];

    public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx) => jx[0] = p[0];

    public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp) => jp[0] = x[0];

    public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        double w = v[0];
        vjx[0] = w * p[0];
        vjp[0] = w * x[0];
    }

    public static void JacobianVectorProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df) =>
        df[0] = (p[0] * dx[0]) + (x[0] * dp[0]);

    public static void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt) => dxdt[0] = p[0] * x[0];
}
