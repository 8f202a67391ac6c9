using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuralOdeGen;

/// <summary>
/// Everything needed to continue a training run exactly where it stopped: the parameters θ_k about to be
/// evaluated, the optimizer's state after k steps, the history of iterations 0…k−1, and the previous loss
/// (for the relative-change rule). The trainer is full-batch and draws no random numbers, so there is no RNG
/// state: the run is deterministic and a resume reproduces it bit for bit.
/// </summary>
/// <remarks>
/// Stored as versioned JSON, <c>{"format":…, "schemaVersion":1, "sha256":…, "payload":{…}}</c>, where the
/// SHA-256 covers the payload's bytes so that a corrupt file (even one that is still valid JSON) is rejected.
/// Files are written atomically: a temporary file in the same directory, flushed, then moved over the target.
/// </remarks>
public sealed class TrainingCheckpoint
{
    /// <summary>The schema version this build writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    private const string FormatName = "NeuralOdeGen.TrainingCheckpoint";

    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    /// <summary>Creates a checkpoint (used by the trainer and by deserialisation).</summary>
    [JsonConstructor]
    public TrainingCheckpoint(
        string optimizerName,
        int parameterCount,
        int iteration,
        double[] parameters,
        double previousLoss,
        OptimizerState optimizerState,
        IReadOnlyList<TrainingRecord> history,
        string? modelName = null)
    {
        OptimizerName = optimizerName;
        ParameterCount = parameterCount;
        Iteration = iteration;
        Parameters = parameters;
        PreviousLoss = previousLoss;
        OptimizerState = optimizerState;
        History = history;
        ModelName = modelName;
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

    /// <summary>Serialises the checkpoint to its versioned, checksummed JSON form.</summary>
    public string ToJson() => Encoding.UTF8.GetString(ToUtf8());

    /// <summary>Writes the checkpoint to <paramref name="path"/> atomically (temporary file in the same directory, then move).</summary>
    /// <param name="path">The destination file; its directory must exist.</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"The checkpoint path '{path}' has no directory.", nameof(path));
        string temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(ToUtf8());
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Reads and validates a checkpoint file.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid checkpoint (corrupt, truncated, wrong format or version, inconsistent).</exception>
    public static TrainingCheckpoint Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = File.ReadAllBytes(path);
        return Parse(bytes, $"checkpoint file '{path}'");
    }

    /// <summary>Parses and validates the JSON written by <see cref="ToJson"/>.</summary>
    /// <exception cref="InvalidDataException">The text is not a valid checkpoint.</exception>
    public static TrainingCheckpoint FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json), "checkpoint text");
    }

    private byte[] ToUtf8()
    {
        byte[] payload = JsonSerializer.SerializeToUtf8Bytes(this, SerializerOptions);
        var buffer = new ArrayBufferWriter<byte>(payload.Length + 200);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("format", FormatName);
            writer.WriteNumber("schemaVersion", CurrentSchemaVersion);
            writer.WriteString("sha256", Convert.ToHexStringLower(SHA256.HashData(payload)));
            writer.WritePropertyName("payload");
            writer.WriteRawValue(payload, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static TrainingCheckpoint Parse(byte[] bytes, string source)
    {
        string payloadText;
        try
        {
            using JsonDocument document = JsonDocument.Parse(bytes);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out JsonElement format)
                || format.ValueKind != JsonValueKind.String
                || format.GetString() != FormatName)
            {
                throw new InvalidDataException($"The {source} is not a NeuralOdeGen training checkpoint (no \"format\": \"{FormatName}\").");
            }

            if (!root.TryGetProperty("schemaVersion", out JsonElement version)
                || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out int schemaVersion))
            {
                throw new InvalidDataException($"The {source} has no integer \"schemaVersion\".");
            }

            if (schemaVersion != CurrentSchemaVersion)
            {
                throw new InvalidDataException(
                    $"The {source} has schema version {schemaVersion}; this build reads version {CurrentSchemaVersion} only.");
            }

            if (!root.TryGetProperty("sha256", out JsonElement hash) || hash.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("payload", out JsonElement payload) || payload.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"The {source} lacks its \"sha256\" or \"payload\".");
            }

            payloadText = payload.GetRawText();
            string actual = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payloadText)));
            if (!string.Equals(actual, hash.GetString(), StringComparison.Ordinal))
            {
                throw new InvalidDataException(
                    $"The {source} is corrupt: its payload's SHA-256 is {actual}, the file records {hash.GetString()}.");
            }
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"The {source} is not valid JSON (corrupt or truncated): {exception.Message}", exception);
        }

        TrainingCheckpoint? checkpoint;
        try
        {
            checkpoint = JsonSerializer.Deserialize<TrainingCheckpoint>(payloadText, SerializerOptions);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"The {source} has a malformed payload: {exception.Message}", exception);
        }

        if (checkpoint is null)
        {
            throw new InvalidDataException($"The {source} has a null payload.");
        }

        checkpoint.Validate(source);
        return checkpoint;
    }

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
}
