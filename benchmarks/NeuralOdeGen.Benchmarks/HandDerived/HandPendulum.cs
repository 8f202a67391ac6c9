using System;
using NeuralOdeGen.Benchmarks.Models;

namespace NeuralOdeGen.Benchmarks.HandDerived;

/// <summary>The damped pendulum differentiated by hand, parameters (b, g/L).</summary>
public struct HandPendulum : IDerivatives<HandPendulum>
{
    public static int StateCount => 2;

    public static int ParameterCount => 2;

    public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
    {
        jx[0] = 0.0;
        jx[1] = 1.0;
        jx[2] = -p[1] * Math.Cos(x[0]);
        jx[3] = -p[0];
    }

    public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
    {
        jp[0] = 0.0;
        jp[1] = 0.0;
        jp[2] = -x[1];
        jp[3] = -Math.Sin(x[0]);
    }

    public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        double theta = x[0];
        double w = v[1];
        vjx[0] = -p[1] * Math.Cos(theta) * w;
        vjx[1] = v[0] - (p[0] * w);
        vjp[0] = -x[1] * w;
        vjp[1] = -Math.Sin(theta) * w;
    }
}
