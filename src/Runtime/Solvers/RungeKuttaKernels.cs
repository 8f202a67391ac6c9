using System;

namespace NeuralOdeGen;

/// <summary>The Runge–Kutta inner loop, written once so that every stage and the propagated solution use the same summation.</summary>
internal static class RungeKuttaKernels
{
    /// <summary>
    /// <c>destination = start + Σ_j (h·weights_j)·stages_j</c> with <c>stages</c> row-major (stage × n), summed in
    /// <c>j</c> order per component.
    /// </summary>
    public static void Combine(ReadOnlySpan<double> start, ReadOnlySpan<double> stages, ReadOnlySpan<double> weights, double h, Span<double> destination)
    {
        int n = start.Length;
        if (n == 1)
        {
            double sum = start[0];
            for (int j = 0; j < weights.Length; j++)
            {
                sum += h * weights[j] * stages[j];
            }

            destination[0] = sum;
            return;
        }

        // Stage by stage over contiguous rows (not component by component over strided ones): per component the
        // same additions in the same order, but sequential memory access.
        start.CopyTo(destination);
        for (int j = 0; j < weights.Length; j++)
        {
            double scale = h * weights[j];
            ReadOnlySpan<double> stage = stages.Slice(j * n, n);
            for (int component = 0; component < n; component++)
            {
                destination[component] += scale * stage[component];
            }
        }
    }
}
