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
        int count = x.Length / 2;
        ReadOnlySpan<Vector256<double>> preyBlock = x[..count];
        ReadOnlySpan<Vector256<double>> predatorBlock = x.Slice(count, count);
        Span<Vector256<double>> preyRate = dxdt[..count];
        Span<Vector256<double>> predatorRate = dxdt.Slice(count, count);
        Vector256<double> alpha = Vector256.Create(p[0]);
        Vector256<double> beta = Vector256.Create(p[1]);
        Vector256<double> delta = Vector256.Create(p[2]);
        Vector256<double> gamma = Vector256.Create(p[3]);
        for (int k = 0; k < count; k++)
        {
            Vector256<double> prey = preyBlock[k];
            Vector256<double> predator = predatorBlock[k];
            preyRate[k] = (alpha * prey) - (beta * prey * predator);
            predatorRate[k] = (delta * prey * predator) - (gamma * predator);
        }
    }

    public static void VectorJacobianProductLanes(
        double t, ReadOnlySpan<Vector256<double>> x, ReadOnlySpan<double> p, ReadOnlySpan<Vector256<double>> v, Span<Vector256<double>> vjx, Span<Vector256<double>> vjp)
    {
        int count = x.Length / 2;
        Vector256<double> alpha = Vector256.Create(p[0]);
        Vector256<double> beta = Vector256.Create(p[1]);
        Vector256<double> delta = Vector256.Create(p[2]);
        Vector256<double> gamma = Vector256.Create(p[3]);
        for (int k = 0; k < count; k++)
        {
            Vector256<double> x0 = x[k];
            Vector256<double> x1 = x[count + k];
            Vector256<double> v0 = v[k];
            Vector256<double> v1 = v[count + k];
            Vector256<double> product = x0 * x1;
            vjx[k] = (v0 * (alpha - (beta * x1))) + (v1 * delta * x1);
            vjx[count + k] = (-v0 * beta * x0) + (v1 * ((delta * x0) - gamma));
            vjp[k] = v0 * x0;
            vjp[count + k] = -v0 * product;
            vjp[(2 * count) + k] = v1 * product;
            vjp[(3 * count) + k] = -v1 * x1;
        }
    }
}
