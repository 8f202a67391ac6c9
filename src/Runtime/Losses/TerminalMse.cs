using System;

namespace NeuralOdeGen;

/// <summary>
/// The paper's terminal loss (eq. 2): <c>Loss = (1/N) Σ_i ½‖x_t⁽ⁱ⁾ − x_t*⁽ⁱ⁾‖²</c> at the dataset's horizon.
/// </summary>
public sealed class TerminalMse : ILoss
{
    private readonly Dataset _data;
    private readonly double _weight;

    /// <summary>Creates the loss for a dataset with exactly one observation time (the horizon).</summary>
    /// <param name="data">Initial states and terminal targets.</param>
    public TerminalMse(Dataset data)
    {
        LabelledData.Require(data, nameof(TerminalMse));
        if (data.ObservationCount != 1)
        {
            throw new ArgumentException($"A terminal loss needs one observation time per sample (the horizon); the dataset has {data.ObservationCount}. Use TrajectoryMse.", nameof(data));
        }

        _data = data;
        _weight = 1.0 / data.SampleCount;
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
