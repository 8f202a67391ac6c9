using System;

namespace NeuralOdeGen.Benchmarks.Models;

/// <summary>
/// DESIGN §3a's latent MLP, 32-256-256-32 with tanh (82 464 parameters), in the loop form: the generator keeps its loops
/// (this project sets <c>NeuralOdeGenKeepLoops</c>; at this width it would anyway).
/// </summary>
public partial struct LatentLoopMlp
{
    public const int N = 32, H = 256;

    [Dynamics]
    public static void Rhs(
        [State(N)] ReadOnlySpan<double> x,
        [Param(H * N)] ReadOnlySpan<double> w1, [Param(H)] ReadOnlySpan<double> b1,
        [Param(H * H)] ReadOnlySpan<double> w2, [Param(H)] ReadOnlySpan<double> b2,
        [Param(N * H)] ReadOnlySpan<double> w3, [Param(N)] ReadOnlySpan<double> b3,
        Span<double> dxdt)
    {
        Span<double> h1 = stackalloc double[H];
        for (int j = 0; j < H; j++)
        {
            double s = b1[j];
            for (int i = 0; i < N; i++)
            {
                s += w1[(j * N) + i] * x[i];
            }

            h1[j] = Math.Tanh(s);
        }

        Span<double> h2 = stackalloc double[H];
        for (int j = 0; j < H; j++)
        {
            double s = b2[j];
            for (int i = 0; i < H; i++)
            {
                s += w2[(j * H) + i] * h1[i];
            }

            h2[j] = Math.Tanh(s);
        }

        for (int j = 0; j < N; j++)
        {
            double s = b3[j];
            for (int i = 0; i < H; i++)
            {
                s += w3[(j * H) + i] * h2[i];
            }

            dxdt[j] = s;
        }
    }
}
