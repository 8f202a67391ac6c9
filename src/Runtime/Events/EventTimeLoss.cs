using System;
using System.Globalization;

namespace NeuralOdeGen;

/// <summary>
/// The squared error of the first <c>K</c> times of one event, <c>L = (1/N) Σ_i Σ_k ½ (t*_k⁽ⁱ⁾ − τ_k⁽ⁱ⁾)²</c> — e.g. a
/// bouncing ball's first bounce times. Later occurrences add nothing; a solve with fewer than <c>K</c> of them fails
/// with <see cref="OdeEventException"/>.
/// </summary>
public sealed class EventTimeLoss : IEventLoss
{
    private readonly double[] _targets;
    private readonly int _eventIndex;
    private readonly int _count;

    /// <summary>Creates the loss.</summary>
    /// <param name="stateCount">The model's number of states <c>n</c>.</param>
    /// <param name="eventIndex">The event whose times are fitted.</param>
    /// <param name="targetTimes">The observed times, row-major <c>N × K</c> (each row in the order the events happen).</param>
    /// <param name="sampleCount">The number of samples <c>N</c>.</param>
    /// <param name="finalTime">The end of every solve: after the <c>K</c>-th event.</param>
    /// <param name="startTime">The time of the initial states.</param>
    /// <exception cref="ArgumentException">A count, time or target is out of range; the message names it and its value.</exception>
    public EventTimeLoss(int stateCount, int eventIndex, double[] targetTimes, int sampleCount, double finalTime, double startTime = 0.0)
    {
        ArgumentNullException.ThrowIfNull(targetTimes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stateCount);
        ArgumentOutOfRangeException.ThrowIfNegative(eventIndex);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleCount);
        if (!double.IsFinite(finalTime) || !double.IsFinite(startTime) || finalTime == startTime)
        {
            throw new ArgumentOutOfRangeException(
                nameof(finalTime), finalTime, string.Create(CultureInfo.InvariantCulture, $"finalTime = {finalTime:R} and startTime = {startTime:R} must be finite and differ."));
        }

        if (targetTimes.Length == 0 || targetTimes.Length % sampleCount != 0)
        {
            throw new ArgumentException($"targetTimes has {targetTimes.Length} entries; expected sampleCount × K = {sampleCount} × K with K ≥ 1.", nameof(targetTimes));
        }

        for (int j = 0; j < targetTimes.Length; j++)
        {
            if (!double.IsFinite(targetTimes[j]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"targetTimes[{j}] = {targetTimes[j]:R} is not finite."), nameof(targetTimes));
            }
        }

        StateCount = stateCount;
        SampleCount = sampleCount;
        FinalTime = finalTime;
        StartTime = startTime;
        _eventIndex = eventIndex;
        _targets = (double[])targetTimes.Clone();
        _count = targetTimes.Length / sampleCount;
    }

    /// <inheritdoc/>
    public int SampleCount { get; }

    /// <inheritdoc/>
    public int StateCount { get; }

    /// <inheritdoc/>
    public double StartTime { get; }

    /// <inheritdoc/>
    public double FinalTime { get; }

    /// <summary>Gets the number of fitted occurrences <c>K</c> per sample.</summary>
    public int TimesPerSample => _count;

    /// <inheritdoc/>
    public int RequiredOccurrences(int eventIndex) => eventIndex == _eventIndex ? _count : 0;

    /// <inheritdoc/>
    public double EvaluateEvent(int sample, int eventIndex, int occurrence, double time, out double timeGradient)
    {
        if (eventIndex != _eventIndex || occurrence >= _count)
        {
            timeGradient = 0.0;
            return 0.0;
        }

        double residual = time - _targets[(sample * _count) + occurrence];
        timeGradient = residual / SampleCount;
        return 0.5 * residual * residual / SampleCount;
    }
}
