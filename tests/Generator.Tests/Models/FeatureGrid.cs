using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.Models;

/// <summary>
/// A 2×3 grid of tanh features mixed by a weight block: nested counted loops (<c>&lt;</c> and <c>&lt;=</c>, <c>j++</c> and
/// <c>++k</c>), the loop variables as values and in a reversed index, and every compound assignment.
/// </summary>
public partial struct FeatureGrid
{
    private const int Rows = 2;
    private const int Columns = 3;

    [Dynamics]
    public static (double U, double V) Rhs(
        double u, double v, [Param] double gain, [Param(Rows * Columns)] ReadOnlySpan<double> a, [Param(2)] ReadOnlySpan<double> decay)
    {
        double du = -decay[0] * u;
        double dv = -decay[1] * v;
        for (int i = 0; i < Rows; i++)
        {
            double row = Math.Tanh((i + 1.0) * u);
            for (int k = 0; k <= Columns - 1; ++k)
            {
                double feature = row * Math.Tanh(v / (k + 1.0));
                du += a[(Columns * i) + k] * feature;
                dv -= a[(Rows * Columns) - 1 - ((Columns * i) + k)] * feature;
            }
        }

        du *= gain;
        dv /= 2.0;
        return (du, dv);
    }
}
