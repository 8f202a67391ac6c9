using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;

namespace NeuralOdeGen;

/// <summary>
/// Writes the checkpoints of one run in O(parameters + new records) each: new history records are appended to the
/// history file and flushed, then the small checkpoint file (which records how many history bytes are valid and
/// their SHA-256) is replaced atomically. A run killed at any point leaves a valid checkpoint: bytes appended after
/// it are ignored when loading and dropped when the run resumes (the history file is rewritten at the start).
/// </summary>
/// <remarks>One run per checkpoint file: a second process writing the same checkpoint is not supported.</remarks>
internal sealed class CheckpointWriter : IDisposable
{
    private readonly string _path;
    private readonly string _argumentName;
    private readonly string _historyPath;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private FileStream? _history;
    private int _records;
    private long _bytes;

    private CheckpointWriter(string path, string argumentName)
    {
        _path = path;
        _argumentName = argumentName;
        _historyPath = TrainingCheckpoint.HistoryPathFor(path);
    }

    /// <summary>
    /// Checks the location before the first iteration and deletes stale temporary files of earlier killed runs:
    /// the directory must exist, the path must not be a directory, and an existing file there (or where the history
    /// goes) must be one of ours unless <paramref name="overwrite"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The location cannot hold the checkpoint, naming <see cref="TrainerOptions.CheckpointPath"/> and its value.</exception>
    public static CheckpointWriter Open(string path, bool overwrite, string argumentName = nameof(TrainerOptions.CheckpointPath))
    {
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ArgumentException($"{argumentName} '{path}' is not a valid file path: {exception.Message}", argumentName, exception);
        }

        string? directory = Path.GetDirectoryName(fullPath);
        if (directory is null || Path.GetFileName(fullPath).Length == 0)
        {
            throw new ArgumentException($"{argumentName} '{path}' names a directory, not a file.", argumentName);
        }

        if (!Directory.Exists(directory))
        {
            throw new ArgumentException($"{argumentName} '{path}': the directory '{directory}' does not exist.", argumentName);
        }

        if (Directory.Exists(fullPath))
        {
            throw new ArgumentException($"{argumentName} '{path}' is a directory.", argumentName);
        }

        string historyPath = TrainingCheckpoint.HistoryPathFor(fullPath);
        if (!overwrite)
        {
            if (File.Exists(fullPath) && !CheckpointFiles.StartsLikeCheckpoint(fullPath))
            {
                throw new ArgumentException(
                    $"{argumentName} '{path}' is an existing file that is not a NeuralOdeGen training checkpoint; set OverwriteCheckpoint to replace it.",
                    argumentName);
            }

            if (File.Exists(historyPath) && !CheckpointFiles.StartsLikeHistory(historyPath))
            {
                throw new ArgumentException(
                    $"The history file '{historyPath}' of {argumentName} '{path}' exists and is not a NeuralOdeGen training history; set OverwriteCheckpoint to replace it.",
                    argumentName);
            }
        }

        CheckpointFiles.DeleteStaleTemporaries(fullPath);
        CheckpointFiles.DeleteStaleTemporaries(historyPath);
        return new CheckpointWriter(fullPath, argumentName);
    }

    /// <summary>Replaces the history file with a header and <paramref name="history"/> (atomically), then keeps it open for appending.</summary>
    /// <exception cref="IOException">The directory is not writable, naming the checkpoint path.</exception>
    public void Start(IReadOnlyList<TrainingRecord> history)
    {
        using var content = new MemoryStream();
        _hash.AppendData(HistoryFile.Header);
        content.Write(HistoryFile.Header);
        foreach (TrainingRecord record in history)
        {
            byte[] line = HistoryFile.Line(record);
            _hash.AppendData(line);
            content.Write(line);
        }

        try
        {
            CheckpointFiles.WriteAtomically(_historyPath, content.GetBuffer().AsSpan(0, (int)content.Length));
            _history = new FileStream(_historyPath, FileMode.Open, FileAccess.Write, FileShare.Read);
            _history.Seek(0, SeekOrigin.End);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot write the checkpoint {_argumentName} '{_path}': {exception.Message}", exception);
        }

        _records = history.Count;
        _bytes = content.Length;
    }

    /// <summary>Appends records <c>[written, count)</c> of <paramref name="history"/> and writes the checkpoint of <paramref name="state"/> atomically.</summary>
    public void Write(CheckpointPayload state, IReadOnlyList<TrainingRecord> history, int count)
    {
        if (_history is null)
        {
            throw new InvalidOperationException("Start must be called before Write.");
        }

        if (count < _records || count > history.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Must be between the {_records} records written and the {history.Count} recorded.");
        }

        if (count > _records)
        {
            for (int k = _records; k < count; k++)
            {
                byte[] line = HistoryFile.Line(history[k]);
                _history.Write(line);
                _hash.AppendData(line);
                _bytes += line.Length;
            }

            _history.Flush(flushToDisk: true);
            _records = count;
        }

        var payload = new CheckpointPayload
        {
            OptimizerName = state.OptimizerName,
            ParameterCount = state.ParameterCount,
            Iteration = state.Iteration,
            Parameters = state.Parameters,
            PreviousLoss = state.PreviousLoss,
            OptimizerState = state.OptimizerState,
            ModelName = state.ModelName,
            Settings = state.Settings,
            HistoryFile = new HistoryFileReference(Path.GetFileName(_historyPath), _records, _bytes, Convert.ToHexStringLower(_hash.GetCurrentHash())),
        };
        CheckpointFiles.WriteAtomically(_path, CheckpointFiles.Envelope(payload));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _history?.Dispose();
        _hash.Dispose();
    }
}
