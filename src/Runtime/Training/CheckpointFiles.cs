using System;
using System.Buffers;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace NeuralOdeGen;

/// <summary>
/// The file side of checkpoints: the checksummed JSON envelope, atomic writes through a temporary file named
/// <c>.NAME.GUID.tmp</c> beside the target, the clean-up of such files left by a killed run, and the test
/// whether an existing file is one of ours.
/// </summary>
internal static partial class CheckpointFiles
{
    public const string FormatName = "NeuralOdeGen.TrainingCheckpoint";

    public const string HistoryFormatName = "NeuralOdeGen.TrainingHistory";

    public const int OldestReadableSchemaVersion = 1;

    public static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    // Both kinds of file start with their "format" property, exactly as the writers below put it.
    private static readonly byte[] CheckpointPrefix = Encoding.UTF8.GetBytes($"{{\"format\":\"{FormatName}\"");
    private static readonly byte[] HistoryPrefix = Encoding.UTF8.GetBytes($"{{\"format\":\"{HistoryFormatName}\"");

    /// <summary>Wraps a payload as <c>{"format", "schemaVersion", "sha256", "payload"}</c>.</summary>
    public static byte[] Envelope(CheckpointPayload payload)
    {
        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(payload, SerializerOptions);
        var buffer = new ArrayBufferWriter<byte>(bytes.Length + 200);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("format", FormatName);
            writer.WriteNumber("schemaVersion", TrainingCheckpoint.CurrentSchemaVersion);
            writer.WriteString("sha256", Convert.ToHexStringLower(SHA256.HashData(bytes)));
            writer.WritePropertyName("payload");
            writer.WriteRawValue(bytes, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Checks the envelope (format, version, checksum) and returns the payload.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid checkpoint of this schema version.</exception>
    public static CheckpointPayload ParseEnvelope(byte[] bytes, string source)
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

            // Version 1 is version 2 with the history always inline and no settings: its payload reads as it is.
            if (schemaVersion is < OldestReadableSchemaVersion or > TrainingCheckpoint.CurrentSchemaVersion)
            {
                throw new InvalidDataException(
                    $"The {source} has schema version {schemaVersion}; this build reads versions {OldestReadableSchemaVersion} to {TrainingCheckpoint.CurrentSchemaVersion}.");
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

        try
        {
            return JsonSerializer.Deserialize<CheckpointPayload>(payloadText, SerializerOptions)
                ?? throw new InvalidDataException($"The {source} has a null payload.");
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"The {source} has a malformed payload: {exception.Message}", exception);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to a temporary file beside <paramref name="fullPath"/>, flushes it to disk, then moves it over the target.</summary>
    public static void WriteAtomically(string fullPath, ReadOnlySpan<byte> bytes)
    {
        string temporary = TemporaryPathFor(fullPath);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
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

    /// <summary>The temporary file an atomic write of <paramref name="fullPath"/> goes through: <c>.NAME.GUID.tmp</c> in the same directory.</summary>
    public static string TemporaryPathFor(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");

    /// <summary>
    /// Deletes the temporary files of atomic writes of <paramref name="fullPath"/> that a killed process left behind
    /// (exactly <c>.NAME.</c>, 32 lower-case hex digits, <c>.tmp</c>; nothing else) and returns how many.
    /// </summary>
    public static int DeleteStaleTemporaries(string fullPath)
    {
        string directory = Path.GetDirectoryName(fullPath)!;
        string name = Path.GetFileName(fullPath);
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        int deleted = 0;
        foreach (string file in Directory.EnumerateFiles(directory, $".{name}.*.tmp"))
        {
            string candidate = Path.GetFileName(file);
            if (candidate.Length == name.Length + 38
                && candidate.StartsWith('.' + name + '.', StringComparison.Ordinal)
                && TemporarySuffix().IsMatch(candidate.AsSpan(name.Length + 2)))
            {
                File.Delete(file);
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>Whether the existing file <paramref name="path"/> starts as a checkpoint written by this library (any schema version) does.</summary>
    public static bool StartsLikeCheckpoint(string path) => StartsWith(path, CheckpointPrefix);

    /// <summary>Whether the existing file <paramref name="path"/> starts as a history file written by this library does.</summary>
    public static bool StartsLikeHistory(string path) => StartsWith(path, HistoryPrefix);

    private static bool StartsWith(string path, byte[] prefix)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        byte[] start = new byte[prefix.Length];
        return stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length && start.AsSpan().SequenceEqual(prefix);
    }

    [GeneratedRegex("^[0-9a-f]{32}\\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex TemporarySuffix();
}
