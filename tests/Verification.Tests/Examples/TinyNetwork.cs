using System;

namespace NeuralOdeGen.Verification.Tests.Examples;

/// <summary>
/// The torchdiffeq spiral network at width 3 (Linear(2,3) → tanh → Linear(3,2) on y³): span parameter blocks, a counted
/// loop and reassigned locals; its parameters reach SymPy as <c>w1_0</c>... for <c>w1[0]</c>...
/// </summary>
public partial struct TinyNetwork
{
    public const int Hidden = 3;

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
