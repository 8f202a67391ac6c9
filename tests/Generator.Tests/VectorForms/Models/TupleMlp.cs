using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.VectorForms.Models;

/// <summary><see cref="BlockMlp"/>'s network in the scalar/tuple form: two double states and a tuple return.</summary>
public partial struct TupleMlp
{
    public const int N = 2, H = 8;

    [Dynamics]
    public static (double, double) Rhs(
        double x0, double x1,
        [Param(H * N)] ReadOnlySpan<double> w1, [Param(H)] ReadOnlySpan<double> b1,
        [Param(N * H)] ReadOnlySpan<double> w2, [Param(N)] ReadOnlySpan<double> b2)
    {
        double out0 = b2[0];
        double out1 = b2[1];
        for (int j = 0; j < H; j++)
        {
            double h = Math.Tanh(b1[j] + (w1[j * N] * x0) + (w1[(j * N) + 1] * x1));
            out0 += w2[j] * h;
            out1 += w2[H + j] * h;
        }

        return (out0, out1);
    }
}
