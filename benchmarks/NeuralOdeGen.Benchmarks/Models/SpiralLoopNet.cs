using System;

namespace NeuralOdeGen.Benchmarks.Models;

/// <summary>
/// The spiral demo's network (<c>SpiralNet</c>: Linear(2,50) → tanh → Linear(50,2) applied to <c>y³</c>, the 252
/// parameters in <see cref="HandDerived.HandSpiralNet"/>'s order) in the loop form of DESIGN §3a, a <c>[State(2)]</c> block
/// and a <c>Span&lt;double&gt;</c> output. This project sets <c>NeuralOdeGenKeepLoops</c>, so the generator keeps its loops:
/// the members are the loop path's, and the lane members run the loops over <c>Vector256&lt;double&gt;</c> (the weights
/// broadcast, four samples in the lanes).
/// </summary>
public partial struct SpiralLoopNet
{
    public const int Hidden = 50;

    [Dynamics]
    public static void Rhs(
        [State(2)] ReadOnlySpan<double> y,
        [Param(2 * Hidden)] ReadOnlySpan<double> w1,
        [Param(Hidden)] ReadOnlySpan<double> b1,
        [Param(2 * Hidden)] ReadOnlySpan<double> w2,
        [Param(2)] ReadOnlySpan<double> b2,
        Span<double> dydt)
    {
        Span<double> cube = stackalloc double[2];
        for (int i = 0; i < 2; i++)
        {
            cube[i] = y[i] * y[i] * y[i];
        }

        Span<double> h = stackalloc double[Hidden];
        for (int j = 0; j < Hidden; j++)
        {
            double s = b1[j];
            for (int i = 0; i < 2; i++)
            {
                s += w1[(2 * j) + i] * cube[i];
            }

            h[j] = Math.Tanh(s);
        }

        for (int i = 0; i < 2; i++)
        {
            double s = b2[i];
            for (int j = 0; j < Hidden; j++)
            {
                s += w2[(Hidden * i) + j] * h[j];
            }

            dydt[i] = s;
        }
    }
}
