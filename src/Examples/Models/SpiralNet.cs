using System;

namespace NeuralOdeGen.Examples.Models;

/// <summary>
/// The network of torchdiffeq's spiral demo (<c>examples/ode_demo.py</c>) written the way a user writes it:
/// Linear(2, 50) → tanh → Linear(50, 2) applied to <c>y³</c>, 252 parameters (w1 row-major 50×2, b1, w2 row-major
/// 2×50, b2). Every derivative member is generated.
/// </summary>
public partial struct SpiralNet
{
    /// <summary>The width of the hidden layer.</summary>
    public const int Hidden = 50;

    [Dynamics]
    public static (double, double) Rhs(
        double y0,
        double y1,
        [Param(2 * Hidden)] ReadOnlySpan<double> w1,
        [Param(Hidden)] ReadOnlySpan<double> b1,
        [Param(2 * Hidden)] ReadOnlySpan<double> w2,
        [Param(2)] ReadOnlySpan<double> b2)
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
