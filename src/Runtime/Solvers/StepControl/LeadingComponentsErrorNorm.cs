using System;
using System.Globalization;

namespace NeuralOdeGen;

/// <summary>
/// Hairer's RMS norm (<see cref="RmsErrorNorm"/>) over the first <see cref="Count"/> components only; the rest of the
/// state is integrated with the steps those components choose, without error control of its own. With
/// <see cref="Count"/> = twice the model's state count this is the adjoint seminorm (Kidger, Chen &amp; Lyons, "Hey,
/// that's not an ODE": faster ODE adjoints via seminorms, ICML 2021; torchdiffeq's <c>norm="seminorm"</c>): during a
/// backward solve of <c>[x, λ, ∂L/∂θ]</c> the state <c>x</c> and the adjoint <c>λ</c> control the step and the
/// parameter integral does not (<see cref="ContinuousAdjoint.Seminorm"/>), which takes fewer steps.
/// </summary>
public sealed class LeadingComponentsErrorNorm : IErrorNorm
{
    /// <summary>Creates the norm.</summary>
    /// <param name="count">The number of leading components measured (≥ 1).</param>
    public LeadingComponentsErrorNorm(int count)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, string.Create(CultureInfo.InvariantCulture, $"At least one component must be measured; got count = {count}."));
        }

        Count = count;
    }

    /// <summary>Gets the number of leading components measured.</summary>
    public int Count { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The state has fewer than <see cref="Count"/> components.</exception>
    public double Measure(ReadOnlySpan<double> error, ReadOnlySpan<double> start, ReadOnlySpan<double> candidate, double relativeTolerance, double absoluteTolerance)
    {
        if (error.Length < Count)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The error norm measures the first {Count} components but the integrated state has only {error.Length}."), nameof(error));
        }

        return RmsErrorNorm.Rms(Count, error, start, candidate, relativeTolerance, absoluteTolerance);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"RMS of the first {Count} components");
}
