using System;
using NeuralOdeGen.Benchmarks.Models;

namespace NeuralOdeGen.Benchmarks.HandDerived;

/// <summary><c>ẋ = a·x</c> differentiated by hand, written as a careful person would.</summary>
public struct HandDecay : IDerivatives<HandDecay>
{
    public static int StateCount => 1;

    public static int ParameterCount => 1;

    public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx) => jx[0] = p[0];

    public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp) => jp[0] = x[0];

    public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        double w = v[0];
        vjx[0] = w * p[0];
        vjp[0] = w * x[0];
    }
}
