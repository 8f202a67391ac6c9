using System;

namespace NeuralOdeGen.Examples.Models;

/// <summary>
/// The spiral demo at the size issue #11 asks for: a 2-160-160-2 tanh network on <c>y³</c>, 26 562 parameters (w1
/// row-major 160×2, b1, w2 row-major 160×160, b2, w3 row-major 2×160, b3), written as a plain method with a state block, a
/// span output, <c>stackalloc</c> hidden layers and counted loops. Far past the unrolled path's size cap, it keeps its
/// loops: the generated VJP is reverse-mode loops, and the generated file is about as long as for a 2-3-3-2 net.
/// </summary>
public partial struct SpiralWideNet
{
    /// <summary>The width of both hidden layers.</summary>
    public const int Hidden = 160;

    // SymPy proves the same method with Hidden = 3 (the nested SpiralWideNet.SymbolicCheck); the full size is checked by
    // dual numbers and central differences.
    [Dynamics(SymbolicCheckSizes = "Hidden=3")]
    public static void Rhs(
        [State(2)] ReadOnlySpan<double> y,
        Span<double> dydt,
        [Param(Hidden * 2)] ReadOnlySpan<double> w1,
        [Param(Hidden)] ReadOnlySpan<double> b1,
        [Param(Hidden * Hidden)] ReadOnlySpan<double> w2,
        [Param(Hidden)] ReadOnlySpan<double> b2,
        [Param(2 * Hidden)] ReadOnlySpan<double> w3,
        [Param(2)] ReadOnlySpan<double> b3)
    {
        Span<double> h1 = stackalloc double[Hidden];
        for (int j = 0; j < Hidden; j++)
        {
            double s = b1[j];
            for (int i = 0; i < 2; i++)
            {
                s += w1[(j * 2) + i] * (y[i] * y[i] * y[i]);
            }

            h1[j] = Math.Tanh(s);
        }

        Span<double> h2 = stackalloc double[Hidden];
        for (int j = 0; j < Hidden; j++)
        {
            double s = b2[j];
            for (int i = 0; i < Hidden; i++)
            {
                s += w2[(j * Hidden) + i] * h1[i];
            }

            h2[j] = Math.Tanh(s);
        }

        for (int k = 0; k < 2; k++)
        {
            double s = b3[k];
            for (int j = 0; j < Hidden; j++)
            {
                s += w3[(k * Hidden) + j] * h2[j];
            }

            dydt[k] = s;
        }
    }
}
