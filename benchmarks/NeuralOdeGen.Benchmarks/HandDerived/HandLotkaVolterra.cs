using System;
using NeuralOdeGen.Benchmarks.Models;

namespace NeuralOdeGen.Benchmarks.HandDerived;

/// <summary>Lotka–Volterra differentiated by hand, parameters (α, β, δ, γ).</summary>
public struct HandLotkaVolterra : IDerivatives<HandLotkaVolterra>
{
    public static int StateCount => 2;

    public static int ParameterCount => 4;

    public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
    {
        double prey = x[0];
        double predator = x[1];
        jx[0] = p[0] - (p[1] * predator);
        jx[1] = -p[1] * prey;
        jx[2] = p[2] * predator;
        jx[3] = (p[2] * prey) - p[3];
    }

    public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
    {
        double prey = x[0];
        double predator = x[1];
        double product = prey * predator;
        jp[0] = prey;
        jp[1] = -product;
        jp[2] = 0.0;
        jp[3] = 0.0;
        jp[4] = 0.0;
        jp[5] = 0.0;
        jp[6] = product;
        jp[7] = -predator;
    }

    public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        double prey = x[0];
        double predator = x[1];
        double v0 = v[0];
        double v1 = v[1];
        double product = prey * predator;
        vjx[0] = (v0 * (p[0] - (p[1] * predator))) + (v1 * p[2] * predator);
        vjx[1] = (v1 * ((p[2] * prey) - p[3])) - (v0 * p[1] * prey);
        vjp[0] = v0 * prey;
        vjp[1] = -v0 * product;
        vjp[2] = v1 * product;
        vjp[3] = -v1 * predator;
    }
}
