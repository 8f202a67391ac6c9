using System;

namespace NeuralOdeGen;

/// <summary>
/// The mean squared norm of the terminal states, <c>σ_t² = (1/N) Σᵢ ‖x_t⁽ⁱ⁾‖²</c>, kept in the scaled form
/// <c>σ_t² = M² · s</c> with <c>M = maxᵢⱼ |x_t⁽ⁱ⁾_j|</c>, so that callers can divide by it without the
/// intermediate overflow of squaring large states.
/// </summary>
public readonly struct TerminalVariance
{
    private TerminalVariance(double scale, double scaledMean)
    {
        Scale = scale;
        ScaledMean = scaledMean;
    }

    /// <summary>Gets <c>M</c>, the largest absolute terminal-state entry (NaN if an entry is NaN).</summary>
    public double Scale { get; }

    /// <summary>Gets <c>s = (1/N) Σᵢ ‖x_t⁽ⁱ⁾/M‖²</c>, which lies in [1/N, n] when <c>M</c> is positive and finite.</summary>
    public double ScaledMean { get; }

    /// <summary>Gets whether <see cref="Scale"/> is positive and finite, so that the variance can be divided by.</summary>
    public bool IsUsable => double.IsFinite(Scale) && Scale > 0.0;

    /// <summary>Gets <c>σ_t² = M² s</c> (may overflow to +∞ even when <see cref="IsUsable"/> holds).</summary>
    public double Value => Scale == 0.0 ? 0.0 : Scale * Scale * ScaledMean;

    /// <summary>Computes the terminal variance of N samples stored row-major in <paramref name="terminalStates"/>.</summary>
    /// <param name="terminalStates">The N×n terminal states.</param>
    /// <param name="sampleCount">N (positive).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleCount"/> is not positive.</exception>
    public static TerminalVariance Compute(ReadOnlySpan<double> terminalStates, int sampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleCount);
        double scale = 0.0;
        foreach (double x in terminalStates)
        {
            double magnitude = Math.Abs(x);
            if (!(magnitude <= scale))
            {
                // Also takes NaN, which then poisons the scale and is reported as unusable.
                scale = magnitude;
                if (double.IsNaN(scale))
                {
                    break;
                }
            }
        }

        if (!double.IsFinite(scale) || scale == 0.0)
        {
            return new TerminalVariance(scale, scale == 0.0 ? 0.0 : double.NaN);
        }

        double sum = 0.0;
        foreach (double x in terminalStates)
        {
            double scaled = x / scale;
            sum += scaled * scaled;
        }

        return new TerminalVariance(scale, sum / sampleCount);
    }
}
