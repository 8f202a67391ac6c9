using System;
using NeuralOdeGen.Benchmarks.Models;

namespace NeuralOdeGen.Benchmarks;

/// <summary>
/// One call per stored state point, specialised per model struct; each returns a checksum of the outputs so the
/// JIT cannot drop the calls. Generated and hand-derived code pay exactly the same loop overhead.
/// </summary>
public static class DerivativeLoops
{
    public static double StateJacobian<T>(double[] states, double[] parameters, double[] output)
        where T : struct, IDerivatives<T>
    {
        int n = T.StateCount;
        int count = states.Length / n;
        ReadOnlySpan<double> p = parameters;
        Span<double> jx = output.AsSpan(0, n * n);
        double checksum = 0.0;
        for (int i = 0; i < count; i++)
        {
            T.StateJacobian(0.0, states.AsSpan(i * n, n), p, jx);
            checksum += jx[0] + jx[^1];
        }

        return checksum;
    }

    public static double ParameterJacobian<T>(double[] states, double[] parameters, double[] output)
        where T : struct, IDerivatives<T>
    {
        int n = T.StateCount;
        int count = states.Length / n;
        ReadOnlySpan<double> p = parameters;
        Span<double> jp = output.AsSpan(0, n * T.ParameterCount);
        double checksum = 0.0;
        for (int i = 0; i < count; i++)
        {
            T.ParameterJacobian(0.0, states.AsSpan(i * n, n), p, jp);
            checksum += jp[0] + jp[^1];
        }

        return checksum;
    }

    public static double VectorJacobianProduct<T>(double[] states, double[] cotangents, double[] parameters, double[] output)
        where T : struct, IDerivatives<T>
    {
        int n = T.StateCount;
        int count = states.Length / n;
        ReadOnlySpan<double> p = parameters;
        Span<double> vjx = output.AsSpan(0, n);
        Span<double> vjp = output.AsSpan(n, T.ParameterCount);
        double checksum = 0.0;
        for (int i = 0; i < count; i++)
        {
            T.VectorJacobianProduct(0.0, states.AsSpan(i * n, n), p, cotangents.AsSpan(i * n, n), vjx, vjp);
            checksum += vjx[^1] + vjp[^1];
        }

        return checksum;
    }
}
