using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace NeuralOdeGen;

/// <summary>
/// The history file beside a checkpoint: a header line, then one JSON <see cref="TrainingRecord"/> per line. It is
/// only ever appended to while a run goes on; the checkpoint says how many of its bytes are valid.
/// </summary>
internal static class HistoryFile
{
    /// <summary>The first line of every history file.</summary>
    public static readonly byte[] Header =
        Encoding.UTF8.GetBytes($"{{\"format\":\"{CheckpointFiles.HistoryFormatName}\",\"schemaVersion\":{TrainingCheckpoint.CurrentSchemaVersion}}}\n");

    /// <summary>One record as a line (deterministic: the same record always gives the same bytes).</summary>
    public static byte[] Line(TrainingRecord record)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(record, CheckpointFiles.SerializerOptions);
        byte[] line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>Reads the valid part of the history file that <paramref name="reference"/> describes and checks its checksum.</summary>
    /// <exception cref="InvalidDataException">The file is missing, shorter than recorded, corrupt or has another number of records.</exception>
    public static List<TrainingRecord> Read(string checkpointFullPath, HistoryFileReference reference, string source)
    {
        if (string.IsNullOrEmpty(reference.Name) || reference.Name != Path.GetFileName(reference.Name)
            || reference.Records < 0 || reference.Bytes < Header.Length || reference.Bytes > Array.MaxLength)
        {
            throw new InvalidDataException($"The {source} has an invalid history file reference ({reference}).");
        }

        string path = Path.Combine(Path.GetDirectoryName(checkpointFullPath)!, reference.Name);
        if (!File.Exists(path))
        {
            throw new InvalidDataException(
                $"The {source} keeps its history in '{path}', which does not exist (a checkpoint is two files: copy both).");
        }

        byte[] bytes = new byte[reference.Bytes];
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            int read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (read < bytes.Length)
            {
                throw new InvalidDataException(
                    $"The history file '{path}' of the {source} is truncated: it has {stream.Length} bytes, the checkpoint records {reference.Bytes}.");
            }
        }

        string actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, reference.Sha256, StringComparison.Ordinal))
        {
            throw new InvalidDataException(
                $"The history file '{path}' of the {source} is corrupt or belongs to another checkpoint: the SHA-256 of its first {reference.Bytes} bytes is {actual}, the checkpoint records {reference.Sha256}.");
        }

        if (!bytes.AsSpan().StartsWith(Header))
        {
            throw new InvalidDataException($"The history file '{path}' of the {source} does not start with the history header.");
        }

        var records = new List<TrainingRecord>(reference.Records);
        ReadOnlySpan<byte> rest = bytes.AsSpan(Header.Length);
        while (!rest.IsEmpty)
        {
            int end = rest.IndexOf((byte)'\n');
            if (end < 0)
            {
                throw new InvalidDataException($"The history file '{path}' of the {source} ends inside a record.");
            }

            try
            {
                records.Add(JsonSerializer.Deserialize<TrainingRecord>(rest[..end], CheckpointFiles.SerializerOptions)
                    ?? throw new InvalidDataException($"The history file '{path}' of the {source} has a null record at position {records.Count}."));
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException(
                    $"The history file '{path}' of the {source} has a malformed record at position {records.Count}: {exception.Message}", exception);
            }

            rest = rest[(end + 1)..];
        }

        if (records.Count != reference.Records)
        {
            throw new InvalidDataException(
                $"The history file '{path}' of the {source} holds {records.Count} records in its valid part; the checkpoint records {reference.Records}.");
        }

        return records;
    }
}
