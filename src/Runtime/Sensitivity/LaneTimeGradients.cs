using System;

namespace NeuralOdeGen;

/// <summary>
/// The time gradients of a group of samples solved in lanes, per sample as the one-by-one path forms them
/// (<see cref="SensitivityWorkspace{TModel}"/>): a decorator of the loss that, after each observation's loss, keeps
/// <c>∂L/∂τ_k = (∂ℓ/∂x(τ_k))·f(τ_k, x(τ_k))</c> for that sample, then <c>∂L/∂t0</c> per sample, and finally adds
/// each sample's <c>K + 1</c> values to the running sums one sample after the other. The lane classes see an ordinary
/// loss, so they need no time-gradient code of their own.
/// </summary>
internal sealed class LaneTimeGradients<TModel> : ILoss
    where TModel : struct, IOdeModel<TModel>
{
    private readonly ILoss _loss;
    private readonly double[] _rate;
    private readonly int _stride;

    // Per sample of the group: its K observation-time gradients, then its start-time gradient.
    private readonly double[] _sampleGradients;
    private double[] _parameters = [];
    private int _firstSample;

    /// <param name="loss">The loss the lanes evaluate.</param>
    /// <param name="maxSamples">The most samples a group holds.</param>
    public LaneTimeGradients(ILoss loss, int maxSamples)
    {
        _loss = loss;
        _stride = loss.ObservationTimes.Length + 1;
        _rate = new double[TModel.StateCount];
        _sampleGradients = new double[maxSamples * _stride];
    }

    /// <inheritdoc/>
    public int SampleCount => _loss.SampleCount;

    /// <inheritdoc/>
    public int StateCount => _loss.StateCount;

    /// <inheritdoc/>
    public ReadOnlySpan<double> ObservationTimes => _loss.ObservationTimes;

    /// <inheritdoc/>
    public double StartTime => _loss.StartTime;

    /// <summary>Starts a group whose first sample is <paramref name="firstSample"/>, solved with <paramref name="parameters"/>.</summary>
    public void Begin(int firstSample, double[] parameters)
    {
        _firstSample = firstSample;
        _parameters = parameters;
    }

    /// <inheritdoc/>
    public double Evaluate(int sample, int observation, ReadOnlySpan<double> predicted, Span<double> gradient)
    {
        double value = _loss.Evaluate(sample, observation, predicted, gradient);
        TModel.Evaluate(_loss.ObservationTimes[observation], predicted, _parameters, _rate);
        _sampleGradients[((sample - _firstSample) * _stride) + observation] = SensitivityWorkspace<TModel>.Dot(gradient, _rate);
        return value;
    }

    /// <summary>Keeps sample <paramref name="sample"/>'s (index in the group) <c>∂L/∂t0</c>.</summary>
    public void SetStartTimeGradient(int sample, double value) => _sampleGradients[(sample * _stride) + _stride - 1] = value;

    /// <summary>
    /// Keeps each sample's <c>∂L/∂t0 = −λ(t0)·f(t0, x0)</c> from its adjoint at the start (sample-major, as the initial
    /// states).
    /// </summary>
    public void SetStartTimeGradientsFromAdjoints(ReadOnlySpan<double> initialStates, ReadOnlySpan<double> initialAdjoints)
    {
        int n = TModel.StateCount;
        for (int s = 0; s < initialStates.Length / n; s++)
        {
            TModel.Evaluate(_loss.StartTime, initialStates.Slice(s * n, n), _parameters, _rate);
            SetStartTimeGradient(s, -SensitivityWorkspace<TModel>.Dot(initialAdjoints.Slice(s * n, n), _rate));
        }
    }

    /// <summary>Adds the group's <paramref name="samples"/> samples' time gradients to <paramref name="sums"/>, one sample after the other.</summary>
    public void AddInSampleOrder(int samples, Span<double> sums)
    {
        for (int s = 0; s < samples; s++)
        {
            ReadOnlySpan<double> sample = _sampleGradients.AsSpan(s * _stride, _stride);
            for (int k = 0; k < _stride; k++)
            {
                sums[k] += sample[k];
            }
        }
    }
}
