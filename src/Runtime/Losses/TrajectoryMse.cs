using System;

namespace NeuralOdeGen;

/// <summary>
/// Mean squared error over samples and observation times:
/// <c>Loss = (1/(N·K)) Σ_i Σ_k ½‖x⁽ⁱ⁾(τ_k) − y_ik‖²</c>.
/// </summary>
public sealed class TrajectoryMse : ILoss
{
    private readonly Dataset _data;
    private readonly double _weight;

    /// <summary>Creates the loss over all of a dataset's observation times.</summary>
    /// <param name="data">Initial states and targets at the observation times.</param>
    public TrajectoryMse(Dataset data)
    {
        LabelledData.Require(data, nameof(TrajectoryMse));
        _data = data;
        _weight = 1.0 / ((double)data.SampleCount * data.ObservationCount);
    }

    /// <inheritdoc/>
    public int SampleCount => _data.SampleCount;

    /// <inheritdoc/>
    public int StateCount => _data.StateCount;

    /// <inheritdoc/>
    public ReadOnlySpan<double> ObservationTimes => _data.ObservationTimes;

    /// <inheritdoc/>
    public double StartTime => _data.StartTime;

    /// <inheritdoc/>
    public double Evaluate(int sample, int observation, ReadOnlySpan<double> predicted, Span<double> gradient) =>
        HalfSquaredError.Evaluate(predicted, _data.Target(sample, observation), _weight, gradient);
}
