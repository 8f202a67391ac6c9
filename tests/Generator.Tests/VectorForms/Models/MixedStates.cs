using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.VectorForms.Models;

/// <summary>
/// Scalar states around a <c>[State(3)]</c> block (flattened as u, x[0], x[1], x[2], v), time, the output span between
/// the inputs, and a scratch span written by assignment and compound assignment.
/// </summary>
public partial struct MixedStates
{
    private const int Width = 3;

    [Dynamics]
    public static void Rhs(
        double u, [State(Width)] ReadOnlySpan<double> x, [Time] double t, Span<double> dxdt, double v,
        [Param] double k, [Param(Width)] ReadOnlySpan<double> c)
    {
        Span<double> g = stackalloc double[Width];
        for (int i = 0; i < Width; i++)
        {
            g[i] = c[i] * x[i];
            g[i] += u;
        }

        dxdt[0] = (-k * u) + g[0];
        for (int i = 0; i < Width; i++)
        {
            dxdt[i + 1] = Math.Sin(g[i]) - (v * x[i]);
        }

        dxdt[Width + 1] = (u * v) - t;
    }
}
