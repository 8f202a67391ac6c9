using System;
using System.IO;
using NeuralOdeGen.Examples.Cli;

namespace NeuralOdeGen.Examples.Training;

/// <summary>
/// Checks where <c>neuralode train</c> will write before the first iteration, so that a bad <c>--out</c> or
/// <c>--checkpoint</c> costs nothing: the directories are created and written to (a probe file, deleted again), and
/// an existing checkpoint file must be one of ours unless <c>--overwrite</c> is given.
/// </summary>
internal static class TrainLocations
{
    /// <summary>Creates the output directory and checks that it is writable.</summary>
    /// <exception cref="UsageException">It cannot be created or written, naming <c>--out</c> and the directory.</exception>
    public static void PrepareOutputDirectory(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            Probe(Path.Combine(directory, $".neuralode-probe.{Guid.NewGuid():N}.tmp"));
        }
        catch (Exception exception) when (IsLocationFailure(exception))
        {
            throw new UsageException($"--out {directory}: the output directory cannot be created or written ({exception.Message}).");
        }
    }

    /// <summary>Creates the checkpoint's directory, checks that it is writable and that no foreign file would be replaced.</summary>
    /// <exception cref="UsageException">The location is unusable, or holds a file that is not a checkpoint and <paramref name="overwrite"/> is off.</exception>
    public static void PrepareCheckpoint(string path, bool overwrite)
    {
        string history = TrainingCheckpoint.HistoryPathFor(path);
        try
        {
            if (Directory.Exists(path))
            {
                throw new UsageException($"--checkpoint {path} is a directory; give a file name.");
            }

            string directory = Path.GetDirectoryName(path)!;
            Directory.CreateDirectory(directory);
            if (!overwrite && File.Exists(path) && !TrainingCheckpoint.IsCheckpointFile(path))
            {
                throw new UsageException($"--checkpoint {path} is an existing file that is not a NeuralOdeGen checkpoint; pass --overwrite to replace it.");
            }

            if (!overwrite && File.Exists(history) && !TrainingCheckpoint.IsHistoryFile(history))
            {
                throw new UsageException(
                    $"--checkpoint {path}: its history file {history} exists and is not a NeuralOdeGen training history; pass --overwrite to replace it.");
            }

            // Named like the checkpoint's own temporary files, so that even a probe left by a kill is cleaned up.
            Probe(Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp"));
        }
        catch (Exception exception) when (IsLocationFailure(exception))
        {
            throw new UsageException($"--checkpoint {path}: the checkpoint cannot be written there ({exception.Message}).");
        }
    }

    private static void Probe(string file)
    {
        using (new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
        {
        }
    }

    private static bool IsLocationFailure(Exception exception) =>
        exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException;
}
