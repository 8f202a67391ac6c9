using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.VectorForms.Models;

/// <summary>The vector form of DESIGN §3a at N = 2, H = 8: a state block, a stackalloc hidden layer, a Span output.</summary>
public partial struct BlockMlp
{
    public const int N = 2, H = 8;

    [Dynamics]
    public static void Rhs(
        [State(N)] ReadOnlySpan<double> x,
        [Param(H * N)] ReadOnlySpan<double> w1, [Param(H)] ReadOnlySpan<double> b1,
        [Param(N * H)] ReadOnlySpan<double> w2, [Param(N)] ReadOnlySpan<double> b2,
        Span<double> dxdt)
    {
        Span<double> h = stackalloc double[H];
        for (int j = 0; j < H; j++)
        {
            double s = b1[j];
            for (int i = 0; i < N; i++)
            {
                s += w1[(j * N) + i] * x[i];
            }

            h[j] = Math.Tanh(s);
        }

        for (int i = 0; i < N; i++)
        {
            double s = b2[i];
            for (int j = 0; j < H; j++)
            {
                s += w2[(i * H) + j] * h[j];
            }

            dxdt[i] = s;
        }
    }
}
