using System;

namespace NeuralOdeGen;

/// <summary>
/// Wraps a problem's loss so that every predicted state the sensitivity methods hand to it is also copied into the
/// result (<see cref="GradientResult.ObservedStates"/>). Every method, scalar or lane, evaluates the loss at each
/// observation of each sample, so this one place sees them all without a change to any method. Samples are written
/// to disjoint rows, so worker threads never share a slot.
/// </summary>
internal sealed class ObservedStateRecorder : ILoss
{
    private readonly ILoss _loss;
    private readonly int _observationCount;
    private readonly int _stateCount;

    public ObservedStateRecorder(ILoss loss)
    {
        _loss = loss;
        _observationCount = loss.ObservationTimes.Length;
        _stateCount = loss.StateCount;
    }

    /// <summary>Gets or sets the row-major <c>N×K×n</c> buffer the next evaluations write into (null: record nothing).</summary>
    public double[]? Target { get; set; }

    /// <inheritdoc/>
    public int SampleCount => _loss.SampleCount;

    /// <inheritdoc/>
    public int StateCount => _stateCount;

    /// <inheritdoc/>
    public ReadOnlySpan<double> ObservationTimes => _loss.ObservationTimes;

    /// <inheritdoc/>
    public double StartTime => _loss.StartTime;

    /// <inheritdoc/>
    public double Evaluate(int sample, int observation, ReadOnlySpan<double> predicted, Span<double> gradient)
    {
        if (Target is { } target)
        {
            predicted.CopyTo(target.AsSpan(((sample * _observationCount) + observation) * _stateCount, _stateCount));
        }

        return _loss.Evaluate(sample, observation, predicted, gradient);
    }
}
