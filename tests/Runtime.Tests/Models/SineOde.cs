using System;

namespace NeuralOdeGen.Runtime.Tests.Models;

/// <summary>
/// torchdiffeq's <c>SineODE</c> (<c>tests/problems.py</c>): <c>ẏ = 2y/t + t⁴ sin 2t − t² + 4t³</c>, no parameters, exact
/// solution <c>−½t⁴ cos 2t + ½t³ sin 2t + ¼t² cos 2t − t³ + 2t⁴ + (π − ¼)t²</c>. Linear in y with homogeneous solution
/// <c>C·t²</c>, so <c>∂y(t)/∂y(t0) = (t/t0)²</c> exactly.
/// </summary>
public struct SineOde : IOdeModel<SineOde>
{
    public static int StateCount => 1;

    public static int ParameterCount => 0;

    public static OdeModelInfo Info { get; } = new("SineOde", ["y"], [], "t", ["2*y/t + t**4*sin(2*t) - t**2 + 4*t**3"], ["2/t"], []);

    /// <summary>The exact solution.</summary>
    public static double Exact(double t)
    {
        double t2 = t * t;
        double t3 = t2 * t;
        double t4 = t3 * t;
        return (-0.5 * t4 * Math.Cos(2 * t)) + (0.5 * t3 * Math.Sin(2 * t)) + (0.25 * t2 * Math.Cos(2 * t)) - t3 + (2 * t4) + ((Math.PI - 0.25) * t2);
    }

    public static void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt) =>
        dxdt[0] = (2.0 * x[0] / t) + (t * t * t * t * Math.Sin(2.0 * t)) - (t * t) + (4.0 * t * t * t);

    public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx) => jx[0] = 2.0 / t;

    public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
    {
    }

    public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp) =>
        vjx[0] = v[0] * 2.0 / t;

    public static void JacobianVectorProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df) =>
        df[0] = 2.0 * dx[0] / t;

    public static void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt) =>
        dxdt[0] = (2.0 * x[0] / t) + ((t * t * t * t * Math.Sin(2.0 * t)) - (t * t) + (4.0 * t * t * t));
}
