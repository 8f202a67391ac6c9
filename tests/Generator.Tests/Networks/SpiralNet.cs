using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.Networks;

/// <summary>
/// The torchdiffeq spiral demo's network, exactly as in the brief of issue #7: Linear(2,50) → tanh → Linear(50,2) applied
/// to y³ (252 parameters). Kept out of Models/ so the snapshot and token-deletion suites stay small.
/// </summary>
public partial struct SpiralNet
{
    public const int Hidden = 50;

    [Dynamics]
    public static (double, double) Rhs(
        double y0, double y1,
        [Param(2 * Hidden)] ReadOnlySpan<double> w1, [Param(Hidden)] ReadOnlySpan<double> b1,
        [Param(2 * Hidden)] ReadOnlySpan<double> w2, [Param(2)] ReadOnlySpan<double> b2)
    {
        double c0 = y0 * y0 * y0;
        double c1 = y1 * y1 * y1;
        double out0 = b2[0];
        double out1 = b2[1];
        for (int j = 0; j < Hidden; j++)
        {
            double h = Math.Tanh((w1[2 * j] * c0) + (w1[(2 * j) + 1] * c1) + b1[j]);
            out0 += w2[j] * h;
            out1 += w2[Hidden + j] * h;
        }

        return (out0, out1);
    }
}
