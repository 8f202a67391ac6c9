using System;

namespace NeuralOdeGen;

/// <summary>
/// Hairer's error norm (Hairer, Nørsett &amp; Wanner, Solving ODEs I, §II.4, eq. 4.11), the default of every adaptive
/// solver: <c>sqrt(mean_i((err_i / (atol + rtol·max(|y_i|, |ŷ_i|)))²))</c> over all components.
/// </summary>
public sealed class RmsErrorNorm : IErrorNorm
{
    private RmsErrorNorm()
    {
    }

    /// <summary>Gets the norm (it has no settings).</summary>
    public static RmsErrorNorm Instance { get; } = new();

    /// <inheritdoc/>
    public double Measure(ReadOnlySpan<double> error, ReadOnlySpan<double> start, ReadOnlySpan<double> candidate, double relativeTolerance, double absoluteTolerance) =>
        Rms(error.Length, error, start, candidate, relativeTolerance, absoluteTolerance);

    /// <inheritdoc/>
    public override string ToString() => "RMS";

    /// <summary>The RMS over the first <paramref name="count"/> components (the sum in component order).</summary>
    internal static double Rms(int count, ReadOnlySpan<double> error, ReadOnlySpan<double> start, ReadOnlySpan<double> candidate, double relativeTolerance, double absoluteTolerance)
    {
        double sum = 0.0;
        for (int i = 0; i < count; i++)
        {
            double scale = absoluteTolerance + (relativeTolerance * Math.Max(Math.Abs(start[i]), Math.Abs(candidate[i])));
            double ratio = error[i] / scale;
            sum += ratio * ratio;
        }

        return Math.Sqrt(sum / count);
    }
}
