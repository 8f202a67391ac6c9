using System.Collections.Generic;

namespace NeuralOdeGen;

/// <summary>
/// The JSON payload of a checkpoint file (schema version 2): everything but the history, which is either inline
/// (<see cref="History"/>, the self-contained <see cref="TrainingCheckpoint.ToJson"/> form) or in the history file
/// beside the checkpoint (<see cref="HistoryFile"/>, the form the trainer writes).
/// </summary>
internal sealed class CheckpointPayload
{
    public string? OptimizerName { get; init; }

    public int ParameterCount { get; init; }

    public int Iteration { get; init; }

    public double[]? Parameters { get; init; }

    public double PreviousLoss { get; init; }

    public OptimizerState? OptimizerState { get; init; }

    public string? ModelName { get; init; }

    public SortedDictionary<string, string>? Settings { get; init; }

    public List<TrainingRecord>? History { get; init; }

    public HistoryFileReference? HistoryFile { get; init; }
}
