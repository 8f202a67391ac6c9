using System;

namespace NeuralOdeGen;

/// <summary>Stop rules, checkpointing and progress reporting for a <see cref="Trainer"/>. Tolerances of 0 disable their rule.</summary>
public sealed class TrainerOptions
{
    /// <summary>Gets the maximum number of optimizer steps (the run evaluates iterations 0…MaxIterations). Default 1000.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Gets the loss below which the run has <see cref="TrainingStatus.Converged"/>. Default 0 (off).</summary>
    public double LossTolerance { get; init; }

    /// <summary>Gets the gradient norm below which the run has <see cref="TrainingStatus.Converged"/>. Default 0 (off).</summary>
    public double GradientTolerance { get; init; }

    /// <summary>
    /// Gets the relative loss change <c>|L_k − L_{k−1}| / |L_{k−1}|</c> below which the run has
    /// <see cref="TrainingStatus.Stalled"/>. Default 0 (off).
    /// </summary>
    public double RelativeLossChangeTolerance { get; init; }

    /// <summary>Gets the checkpoint file, or <see langword="null"/> for none. Written atomically when the run stops (unless it diverged) and every <see cref="CheckpointInterval"/> steps.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Gets the number of steps between checkpoints (0: only when the run stops).</summary>
    public int CheckpointInterval { get; init; }

    /// <summary>Gets a callback invoked synchronously after every recorded iteration (e.g. to draw a progress bar).</summary>
    public Action<TrainingRecord>? Progress { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxIterations, nameof(MaxIterations));
        ThrowIfNotNonNegative(LossTolerance, nameof(LossTolerance));
        ThrowIfNotNonNegative(GradientTolerance, nameof(GradientTolerance));
        ThrowIfNotNonNegative(RelativeLossChangeTolerance, nameof(RelativeLossChangeTolerance));
        ArgumentOutOfRangeException.ThrowIfNegative(CheckpointInterval, nameof(CheckpointInterval));
        if (CheckpointInterval > 0 && CheckpointPath is null)
        {
            throw new ArgumentException($"CheckpointInterval is {CheckpointInterval} but CheckpointPath is not set.", nameof(CheckpointInterval));
        }
    }

    private static void ThrowIfNotNonNegative(double value, string name)
    {
        if (!(value >= 0.0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be non-negative and finite.");
        }
    }
}
