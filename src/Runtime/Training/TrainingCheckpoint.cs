using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace NeuralOdeGen;

/// <summary>
/// Everything needed to continue a training run exactly where it stopped: the parameters θ_k about to be
/// evaluated, the optimizer's state after k steps, the history of iterations 0…k−1, the previous loss (for the
/// relative-change rule) and the run's recorded <see cref="Settings"/>. The trainer is full-batch and draws no
/// random numbers, so there is no RNG state: the run is deterministic and a resume reproduces it bit for bit.
/// </summary>
/// <remarks>
/// <para>
/// A checkpoint file is versioned JSON, <c>{"format":…, "schemaVersion":2, "sha256":…, "payload":{…}}</c>, where the
/// SHA-256 covers the payload's bytes so that a corrupt file (even one that is still valid JSON) is rejected.
/// </para>
/// <para>
/// The history lives beside it in <see cref="HistoryPathFor"/> (<c>FILE.history</c>, one JSON record per line),
/// which a running trainer only appends to; the checkpoint records how many of its bytes are valid and their
/// SHA-256, so a checkpoint costs O(parameters + new records) and bytes appended by a run killed before its next
/// checkpoint are ignored. Both files are written atomically or append-only; copy both to move a checkpoint.
/// <see cref="ToJson"/> gives a self-contained form with the history inline.
/// </para>
/// </remarks>
public sealed class TrainingCheckpoint
{
    /// <summary>The schema version this build writes; it also reads version 1 (history always inline, no settings).</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>Creates a checkpoint (used by the trainer and by deserialisation).</summary>
    /// <param name="optimizerName">The optimizer's <see cref="IOptimizer.Name"/>.</param>
    /// <param name="parameterCount">The number of parameters m.</param>
    /// <param name="iteration">The iteration k to evaluate next.</param>
    /// <param name="parameters">θ_k.</param>
    /// <param name="previousLoss">Loss(θ_{k−1}), or NaN at k = 0.</param>
    /// <param name="optimizerState">The optimizer's state after k steps.</param>
    /// <param name="history">The records of iterations 0…k−1.</param>
    /// <param name="modelName">The model's name, or <see langword="null"/>.</param>
    /// <param name="settings">The run's settings (see <see cref="TrainerOptions.Settings"/>), or <see langword="null"/> for none.</param>
    public TrainingCheckpoint(
        string optimizerName,
        int parameterCount,
        int iteration,
        double[] parameters,
        double previousLoss,
        OptimizerState optimizerState,
        IReadOnlyList<TrainingRecord> history,
        string? modelName = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        OptimizerName = optimizerName;
        ParameterCount = parameterCount;
        Iteration = iteration;
        Parameters = parameters;
        PreviousLoss = previousLoss;
        OptimizerState = optimizerState;
        History = history;
        ModelName = modelName;
        Settings = settings is null ? new SortedDictionary<string, string>(StringComparer.Ordinal) : new SortedDictionary<string, string>(CopySettings(settings), StringComparer.Ordinal);
    }

    /// <summary>Gets the <see cref="IOptimizer.Name"/> of the optimizer that produced the run.</summary>
    public string OptimizerName { get; }

    /// <summary>Gets the number of parameters m.</summary>
    public int ParameterCount { get; }

    /// <summary>Gets the iteration k to evaluate next (= the number of steps taken).</summary>
    public int Iteration { get; }

    /// <summary>Gets θ_k.</summary>
    public double[] Parameters { get; }

    /// <summary>Gets Loss(θ_{k−1}), or NaN at k = 0.</summary>
    public double PreviousLoss { get; }

    /// <summary>Gets the optimizer's state after k steps.</summary>
    public OptimizerState OptimizerState { get; }

    /// <summary>Gets the records of iterations 0…k−1.</summary>
    public IReadOnlyList<TrainingRecord> History { get; }

    /// <summary>
    /// Gets the name of the model the run was fitting (<see cref="ITrainingObjective.ModelName"/>), or
    /// <see langword="null"/> when the objective had none (resume then checks only the parameter count).
    /// </summary>
    public string? ModelName { get; }

    /// <summary>
    /// Gets the settings the run recorded (<see cref="TrainerOptions.Settings"/>: e.g. the data seed, the sample count,
    /// the learning rate), ordinal-sorted by name; empty when none were given.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>The history file that belongs to the checkpoint file <paramref name="path"/>: <c>path + ".history"</c>.</summary>
    /// <param name="path">The checkpoint file.</param>
    public static string HistoryPathFor(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return path + ".history";
    }

    /// <summary>Whether the existing file <paramref name="path"/> is a NeuralOdeGen training checkpoint (judged by its first bytes; it may still be corrupt).</summary>
    /// <param name="path">An existing file.</param>
    public static bool IsCheckpointFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return CheckpointFiles.StartsLikeCheckpoint(path);
    }

    /// <summary>Whether the existing file <paramref name="path"/> is the history file of a NeuralOdeGen checkpoint (judged by its first bytes).</summary>
    /// <param name="path">An existing file.</param>
    public static bool IsHistoryFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return CheckpointFiles.StartsLikeHistory(path);
    }

    /// <summary>Serialises the checkpoint, history inline, to its versioned, checksummed JSON form.</summary>
    public string ToJson() => Encoding.UTF8.GetString(CheckpointFiles.Envelope(ToPayload(inlineHistory: true)));

    /// <summary>
    /// Writes the checkpoint to <paramref name="path"/> and its history to <see cref="HistoryPathFor"/>, each
    /// atomically (temporary file in the same directory, then move), the history first.
    /// </summary>
    /// <param name="path">The destination file; its directory must exist.</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        if (Path.GetFileName(fullPath).Length == 0)
        {
            throw new ArgumentException($"The checkpoint path '{path}' names a directory, not a file.", nameof(path));
        }

        using CheckpointWriter writer = CheckpointWriter.Open(fullPath, overwrite: true, nameof(path));
        writer.Start(History);
        writer.Write(ToPayload(inlineHistory: false), History, History.Count);
    }

    /// <summary>Reads and validates a checkpoint file and its history file.</summary>
    /// <exception cref="InvalidDataException">The files are not a valid checkpoint (corrupt, truncated, wrong format or version, inconsistent).</exception>
    public static TrainingCheckpoint Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        string source = $"checkpoint file '{path}'";
        CheckpointPayload payload = CheckpointFiles.ParseEnvelope(File.ReadAllBytes(fullPath), source);
        List<TrainingRecord>? history = payload.History;
        if (history is null && payload.HistoryFile is not null)
        {
            history = HistoryFile.Read(fullPath, payload.HistoryFile, source);
        }

        return FromPayload(payload, history, source);
    }

    /// <summary>Parses and validates the JSON written by <see cref="ToJson"/>.</summary>
    /// <exception cref="InvalidDataException">The text is not a valid checkpoint, or keeps its history in a file (use <see cref="Load"/>).</exception>
    public static TrainingCheckpoint FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        const string Source = "checkpoint text";
        CheckpointPayload payload = CheckpointFiles.ParseEnvelope(Encoding.UTF8.GetBytes(json), Source);
        if (payload.History is null && payload.HistoryFile is not null)
        {
            throw new InvalidDataException(
                $"The {Source} keeps its history in the file '{payload.HistoryFile.Name}'; read it with TrainingCheckpoint.Load(path).");
        }

        return FromPayload(payload, payload.History, Source);
    }

    internal CheckpointPayload ToPayload(bool inlineHistory) => new()
    {
        OptimizerName = OptimizerName,
        ParameterCount = ParameterCount,
        Iteration = Iteration,
        Parameters = Parameters,
        PreviousLoss = PreviousLoss,
        OptimizerState = OptimizerState,
        ModelName = ModelName,
        Settings = Settings.Count == 0 ? null : new SortedDictionary<string, string>(CopySettings(Settings), StringComparer.Ordinal),
        History = inlineHistory ? [.. History] : null,
    };

    internal void Validate(string source)
    {
        if (string.IsNullOrEmpty(OptimizerName) || Parameters is null || OptimizerState is null || History is null)
        {
            throw new InvalidDataException($"The {source} lacks the optimizer name, parameters, optimizer state or history.");
        }

        if (ParameterCount <= 0 || Parameters.Length != ParameterCount)
        {
            throw new InvalidDataException(
                $"The {source} declares {ParameterCount} parameters but stores {Parameters.Length}.");
        }

        foreach (double p in Parameters)
        {
            if (!double.IsFinite(p))
            {
                throw new InvalidDataException($"The {source} stores a non-finite parameter ({p}).");
            }
        }

        if (!string.Equals(OptimizerState.Name, OptimizerName, StringComparison.Ordinal))
        {
            throw new InvalidDataException(
                $"The {source} is for optimizer '{OptimizerName}' but its optimizer state belongs to '{OptimizerState.Name}'.");
        }

        if (Iteration < 0 || History.Count != Iteration)
        {
            throw new InvalidDataException($"The {source} is at iteration {Iteration} but stores {History.Count} history records.");
        }

        for (int k = 0; k < History.Count; k++)
        {
            TrainingRecord record = History[k];
            if (record is null || record.Iteration != k || record.Parameters is null || record.Parameters.Length != ParameterCount)
            {
                throw new InvalidDataException($"The {source} has an inconsistent history record at position {k}.");
            }
        }
    }

    private static TrainingCheckpoint FromPayload(CheckpointPayload payload, List<TrainingRecord>? history, string source)
    {
        if (payload.OptimizerName is null || payload.Parameters is null || payload.OptimizerState is null || history is null)
        {
            throw new InvalidDataException($"The {source} lacks the optimizer name, parameters, optimizer state or history.");
        }

        if (payload.Settings is not null)
        {
            foreach (KeyValuePair<string, string> setting in payload.Settings)
            {
                if (setting.Value is null)
                {
                    throw new InvalidDataException($"The {source} records no value for the setting '{setting.Key}'.");
                }
            }
        }

        var checkpoint = new TrainingCheckpoint(
            payload.OptimizerName,
            payload.ParameterCount,
            payload.Iteration,
            payload.Parameters,
            payload.PreviousLoss,
            payload.OptimizerState,
            history,
            payload.ModelName,
            payload.Settings);
        checkpoint.Validate(source);
        return checkpoint;
    }

    private static Dictionary<string, string> CopySettings(IReadOnlyDictionary<string, string> settings)
    {
        var copy = new Dictionary<string, string>(settings.Count, StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> setting in settings)
        {
            ArgumentNullException.ThrowIfNull(setting.Value, nameof(settings));
            copy.Add(setting.Key, setting.Value);
        }

        return copy;
    }
}
