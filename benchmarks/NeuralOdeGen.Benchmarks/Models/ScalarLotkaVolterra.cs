using System;

namespace NeuralOdeGen.Benchmarks.Models;

/// <summary>
/// <see cref="LotkaVolterra"/>'s generated scalar members without its lane members (<c>HasVectorLanes</c> is false), so a
/// gradient runs one sample at a time with the same arithmetic: the per-sample baseline of the lane benchmarks.
/// </summary>
public struct ScalarLotkaVolterra : IOdeModel<ScalarLotkaVolterra>
{
    public static int StateCount => LotkaVolterra.StateCount;

    public static int ParameterCount => LotkaVolterra.ParameterCount;

    public static OdeModelInfo Info => LotkaVolterra.Info;

    public static void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt) =>
        LotkaVolterra.Evaluate(t, x, p, dxdt);

    public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx) =>
        LotkaVolterra.StateJacobian(t, x, p, jx);

    public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp) =>
        LotkaVolterra.ParameterJacobian(t, x, p, jp);

    public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp) =>
        LotkaVolterra.VectorJacobianProduct(t, x, p, v, vjx, vjp);

    public static void JacobianVectorProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df) =>
        LotkaVolterra.JacobianVectorProduct(t, x, p, dx, dp, df);

    public static void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt) =>
        LotkaVolterra.EvaluateDual(t, x, p, dxdt);
}
