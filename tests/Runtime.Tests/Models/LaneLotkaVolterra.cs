using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen.Runtime.Tests.Models;

/// <summary>
/// <see cref="LotkaVolterra"/> with hand-written SIMD lane members (what the generator emits): each lane repeats the
/// scalar members' operations in their order, so the runtime's vector path must reproduce the scalar bits.
/// </summary>
public struct LaneLotkaVolterra : IOdeModel<LaneLotkaVolterra>
{
    public static int StateCount => LotkaVolterra.StateCount;

    public static int ParameterCount => LotkaVolterra.ParameterCount;

    public static OdeModelInfo Info => LotkaVolterra.Info;

    public static bool HasVectorLanes => true;

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

    public static void EvaluateLanes(double t, ReadOnlySpan<Vector256<double>> x, ReadOnlySpan<double> p, Span<Vector256<double>> dxdt)
    {
        Vector256<double> prey = x[0];
        Vector256<double> predator = x[1];
        Vector256<double> alpha = Vector256.Create(p[0]);
        Vector256<double> beta = Vector256.Create(p[1]);
        Vector256<double> delta = Vector256.Create(p[2]);
        Vector256<double> gamma = Vector256.Create(p[3]);
        dxdt[0] = (alpha * prey) - (beta * prey * predator);
        dxdt[1] = (delta * prey * predator) - (gamma * predator);
    }

    public static void VectorJacobianProductLanes(
        double t, ReadOnlySpan<Vector256<double>> x, ReadOnlySpan<double> p, ReadOnlySpan<Vector256<double>> v, Span<Vector256<double>> vjx, Span<Vector256<double>> vjp)
    {
        Vector256<double> x0 = x[0];
        Vector256<double> x1 = x[1];
        Vector256<double> v0 = v[0];
        Vector256<double> v1 = v[1];
        Vector256<double> alpha = Vector256.Create(p[0]);
        Vector256<double> beta = Vector256.Create(p[1]);
        Vector256<double> delta = Vector256.Create(p[2]);
        Vector256<double> gamma = Vector256.Create(p[3]);
        Vector256<double> product = x0 * x1;
        vjx[0] = (v0 * (alpha - (beta * x1))) + (v1 * delta * x1);
        vjx[1] = (-v0 * beta * x0) + (v1 * ((delta * x0) - gamma));
        vjp[0] = v0 * x0;
        vjp[1] = -v0 * product;
        vjp[2] = v1 * product;
        vjp[3] = -v1 * x1;
    }
}
