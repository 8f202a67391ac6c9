using System;

namespace NeuralOdeGen;

/// <summary>
/// What a solve into a <see cref="Solution"/> keeps: the states at given times (<see cref="Times"/>), at the start and
/// every accepted step (<see cref="Steps"/>), or every step and what <see cref="Solution.Evaluate"/> needs to
/// interpolate anywhere in the span (<see cref="Dense"/>; also <c>Times(…, dense: true)</c>). Immutable; create once and
/// reuse.
/// </summary>
public sealed class SaveAt
{
    private readonly double[] _times;

    private SaveAt(double[] times, bool steps, bool dense)
    {
        _times = times;
        SavesSteps = steps;
        IsDense = dense;
    }

    /// <summary>Gets the option that saves the initial state and the state after every accepted step.</summary>
    public static SaveAt Steps { get; } = new([], steps: true, dense: false);

    /// <summary>
    /// Gets the option that saves the initial state and the state after every accepted step, and keeps each step's
    /// interpolation data (the method's own interpolant, or the derivatives at both ends for cubic Hermite) so that
    /// <see cref="Solution.Evaluate"/> works anywhere in the span.
    /// </summary>
    public static SaveAt Dense { get; } = new([], steps: true, dense: true);

    /// <summary>Gets the times to save at (empty when saving steps).</summary>
    public ReadOnlySpan<double> OutputTimes => _times;

    /// <summary>Gets a value indicating whether the initial state and every accepted step are saved.</summary>
    public bool SavesSteps { get; }

    /// <summary>Gets a value indicating whether the solution keeps what <see cref="Solution.Evaluate"/> needs.</summary>
    public bool IsDense { get; }

    /// <summary>
    /// Saves the states at the given times, interpolated with the method's dense output (the solver does not step onto
    /// them), as <see cref="OdeIntegrator{TModel}"/>'s output-time solve does.
    /// </summary>
    /// <param name="times">Finite, strictly increasing or strictly decreasing times (the solve's direction), inside the span; at least one.</param>
    /// <param name="dense">Whether to also keep what <see cref="Solution.Evaluate"/> needs.</param>
    /// <returns>The option (the times are copied).</returns>
    /// <exception cref="ArgumentException"><paramref name="times"/> is empty, not finite, or not strictly monotonic.</exception>
    public static SaveAt Times(ReadOnlySpan<double> times, bool dense = false)
    {
        if (times.IsEmpty)
        {
            throw new ArgumentException("At least one time to save at is needed; times is empty.", nameof(times));
        }

        double direction = times.Length > 1 && times[1] < times[0] ? -1.0 : 1.0;
        for (int k = 0; k < times.Length; k++)
        {
            if (!double.IsFinite(times[k]) || (k > 0 && !(direction * (times[k] - times[k - 1]) > 0.0)))
            {
                throw new ArgumentException(
                    $"times[{k}] = {times[k]}: the times to save at must be finite and strictly {(direction > 0 ? "increasing" : "decreasing")} (the first two set the direction).",
                    nameof(times));
            }
        }

        return new SaveAt(times.ToArray(), steps: false, dense);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        SavesSteps ? (IsDense ? "dense" : "every step") : $"{_times.Length} times{(IsDense ? ", dense" : string.Empty)}";
}
