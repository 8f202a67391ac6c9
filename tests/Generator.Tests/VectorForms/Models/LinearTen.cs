using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.VectorForms.Models;

/// <summary>dx/dt = A x with ten states in one <c>[State(N)]</c> block and A a 10×10 parameter block, in two loops.</summary>
public partial struct LinearTen
{
    public const int N = 10;

    [Dynamics]
    public static void Rhs([State(N)] ReadOnlySpan<double> x, [Param(N * N)] ReadOnlySpan<double> a, Span<double> dxdt)
    {
        for (int i = 0; i < N; i++)
        {
            double s = 0.0;
            for (int j = 0; j < N; j++)
            {
                s += a[(i * N) + j] * x[j];
            }

            dxdt[i] = s;
        }
    }
}
