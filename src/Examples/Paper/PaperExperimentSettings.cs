using System;
using System.Collections.Generic;

namespace NeuralOdeGen.Examples.Paper;

/// <summary>The parameters of <see cref="PaperExperiment"/>; defaults reproduce the paper's §6 setting.</summary>
internal sealed class PaperExperimentSettings
{
    /// <summary>Gets a*. Default −1.</summary>
    public double TargetRate { get; init; } = -1.0;

    /// <summary>Gets the horizon t. Default 1.</summary>
    public double Horizon { get; init; } = 1.0;

    /// <summary>Gets the learning rate η shared by every method. Default 0.5.</summary>
    public double LearningRate { get; init; } = 0.5;

    /// <summary>Gets the initial values of a. Default −3, −2, −1.5, −0.5, 0, 0.5, 1.</summary>
    public IReadOnlyList<double> InitialValues { get; init; } = [-3.0, -2.0, -1.5, -0.5, 0.0, 0.5, 1.0];

    /// <summary>Gets the number of samples N of x0 ~ N(0, σ²). Default 1000.</summary>
    public int SampleCount { get; init; } = 1000;

    /// <summary>Gets the random seed of the sample. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Gets the number of optimizer steps per run. Default 50.</summary>
    public int Iterations { get; init; } = 50;

    /// <summary>Gets whether to add <see cref="GaussNewton"/> (with Levenberg–Marquardt damping) as a fourth method.</summary>
    public bool IncludeGaussNewton { get; init; }

    internal void Validate()
    {
        if (!double.IsFinite(TargetRate))
        {
            throw new ArgumentOutOfRangeException(nameof(TargetRate), TargetRate, "Must be finite.");
        }

        if (!double.IsFinite(Horizon) || Horizon <= 0.0)
        {
            throw new ArgumentOutOfRangeException(nameof(Horizon), Horizon, "Must be positive and finite.");
        }

        if (!double.IsFinite(LearningRate) || LearningRate <= 0.0)
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "Must be positive and finite.");
        }

        if (InitialValues is null || InitialValues.Count == 0)
        {
            throw new ArgumentException("At least one initial value is needed.", nameof(InitialValues));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(SampleCount, nameof(SampleCount));
        ArgumentOutOfRangeException.ThrowIfNegative(Iterations, nameof(Iterations));
    }
}
