using System;
using System.Collections.Generic;

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

    /// <summary>
    /// Gets the checkpoint file, or <see langword="null"/> for none. Written atomically when the run starts (so it
    /// belongs to this run from then on), every <see cref="CheckpointInterval"/> steps and when the run stops (after
    /// divergence it keeps the last periodic state). The history goes to a file beside it,
    /// <see cref="TrainingCheckpoint.HistoryPathFor"/>, which only grows: a checkpoint costs O(parameters + new
    /// records). Its directory must exist; it is checked before the first iteration.
    /// </summary>
    public string? CheckpointPath { get; init; }

    /// <summary>
    /// Gets whether <see cref="CheckpointPath"/> (and its history file) may replace an existing file that is not a
    /// NeuralOdeGen training checkpoint. Default <see langword="false"/>: such a file is refused before the run starts.
    /// </summary>
    public bool OverwriteCheckpoint { get; init; }

    /// <summary>
    /// Gets the run's settings (names and values, e.g. the data seed or the learning rate) to record in every
    /// checkpoint, or <see langword="null"/> to record none on a fresh run and to keep the resumed checkpoint's on a
    /// resume. The trainer does not interpret them: compare them with <see cref="TrainingCheckpoint.Settings"/>
    /// before resuming, as <c>neuralode train --resume</c> does.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }

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
        if (CheckpointPath is not null && string.IsNullOrWhiteSpace(CheckpointPath))
        {
            throw new ArgumentException($"CheckpointPath is '{CheckpointPath}'; give a file name or null for no checkpoint.", nameof(CheckpointPath));
        }

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
