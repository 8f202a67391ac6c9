using System;

namespace NeuralOdeGen.Verification.Tests.Examples;

/// <summary>
/// The vector form (DESIGN §3a) at N = 2, H = 3: a <c>[State(N)]</c> block, a stackalloc hidden layer and a
/// <c>Span&lt;double&gt;</c> output; its states reach SymPy as <c>x_0</c>, <c>x_1</c> for <c>x[0]</c>, <c>x[1]</c>.
/// </summary>
public partial struct BlockStateNetwork
{
    public const int N = 2, H = 3;

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
