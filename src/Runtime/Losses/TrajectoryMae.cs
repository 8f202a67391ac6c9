using System;

namespace NeuralOdeGen;

/// <summary>
/// Mean absolute error over samples, observation times and states:
/// <c>Loss = (1/(N·K·n)) Σ_i Σ_k Σ_j |x⁽ⁱ⁾_j(τ_k) − y_ikj|</c>, i.e. PyTorch's <c>mean(abs(pred − true))</c> over
/// all entries (the loss of torchdiffeq's spiral demo).
/// </summary>
/// <remarks>
/// The gradient of an entry is <c>sign(x − y)/(N·K·n)</c>. Where an entry matches its target exactly the loss is not
/// differentiable; the gradient there is 0, the subgradient PyTorch's <c>abs</c> also returns, so that an observation
/// that is already fitted pushes no state. An observation at <c>τ = 0</c> is allowed: it contributes its term to the
/// loss but nothing to the gradient (the initial state does not depend on the parameters).
/// </remarks>
public sealed class TrajectoryMae : ILoss
{
    private readonly Dataset _data;
    private readonly double _weight;

    /// <summary>Creates the loss over all of a dataset's observation times.</summary>
    /// <param name="data">Initial states and targets at the observation times.</param>
    public TrajectoryMae(Dataset data)
    {
        LabelledData.Require(data, nameof(TrajectoryMae));
        _data = data;
        _weight = 1.0 / ((double)data.SampleCount * data.ObservationCount * data.StateCount);
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
    public double Evaluate(int sample, int observation, ReadOnlySpan<double> predicted, Span<double> gradient)
    {
        ReadOnlySpan<double> target = _data.Target(sample, observation);
        double sum = 0.0;
        for (int j = 0; j < predicted.Length; j++)
        {
            double residual = predicted[j] - target[j];
            sum += Math.Abs(residual);
            gradient[j] = residual > 0.0 ? _weight : residual < 0.0 ? -_weight : 0.0;
        }

        return _weight * sum;
    }
}
