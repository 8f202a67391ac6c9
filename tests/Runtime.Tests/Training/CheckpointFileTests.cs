using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using NeuralOdeGen;

namespace NeuralOdeGen.Runtime.Tests.Training;

/// <summary>The checkpoint's files: constant-size checkpoints with an append-only history, crash safety, and the checks before the first iteration.</summary>
public sealed class CheckpointFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nog-checkpoint-files-").FullName;

    private static TrainerTests.QuadraticObjective Quadratic => new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Run_PeriodicCheckpoints_KeepTheCheckpointSizeConstantAndOnlyAppendTheHistory()
    {
        string path = Path.Combine(_directory, "run.json");
        string historyPath = TrainingCheckpoint.HistoryPathFor(path);
        var checkpointSizes = new List<long>();
        byte[] previousHistory = [];
        bool appendOnly = true;
        var options = new TrainerOptions
        {
            MaxIterations = 300,
            CheckpointPath = path,
            CheckpointInterval = 10,
            Progress = record =>
            {
                if (record.Iteration % 10 == 0)
                {
                    checkpointSizes.Add(new FileInfo(path).Length);
                    byte[] history = File.ReadAllBytes(historyPath);
                    appendOnly &= history.AsSpan().StartsWith(previousHistory);
                    previousHistory = history;
                }
            },
        };

        new Trainer(Quadratic, new Sgd(0.001), options).Run([1.0, -1.0]);

        // The checkpoint holds θ, the optimizer state and the history's length and hash: its size may vary by the
        // digits of those numbers (tens of bytes), while 300 history records would add ~50 kB.
        Assert.Equal(31, checkpointSizes.Count);
        Assert.InRange(checkpointSizes.Max() - checkpointSizes.Min(), 0, 100);
        Assert.True(appendOnly, "the history file was rewritten, not appended to");
        Assert.Equal(300, TrainingCheckpoint.Load(path).History.Count);
    }

    [Fact]
    public void Load_HistoryWithBytesAppendedAfterTheCheckpoint_IgnoresThemAndResumeDropsThem()
    {
        string path = Path.Combine(_directory, "run.json");
        TrainingResult straight = new Trainer(Quadratic, new Sgd(0.1), new TrainerOptions { MaxIterations = 8 }).Run([1.0, -2.0]);
        new Trainer(Quadratic, new Sgd(0.1), new TrainerOptions { MaxIterations = 5, CheckpointPath = path }).Run([1.0, -2.0]);
        string historyPath = TrainingCheckpoint.HistoryPathFor(path);
        long valid = new FileInfo(historyPath).Length;

        // A run killed after appending records (and half of one) but before writing its next checkpoint.
        File.AppendAllText(historyPath, "{\"iteration\":5,\"loss\":1}\n{\"iteration\":6,\"lo");
        TrainingCheckpoint checkpoint = TrainingCheckpoint.Load(path);
        TrainingResult resumed = new Trainer(Quadratic, new Sgd(0.1), new TrainerOptions { MaxIterations = 8, CheckpointPath = path }).Resume(checkpoint);

        Assert.Equal(5, checkpoint.History.Count);
        Assert.Equal(straight.Parameters, resumed.Parameters);
        TrainingCheckpoint after = TrainingCheckpoint.Load(path);
        Assert.Equal(8, after.History.Count);
        Assert.DoesNotContain("\"lo\n", File.ReadAllText(historyPath), StringComparison.Ordinal);
        Assert.True(new FileInfo(historyPath).Length > valid);
    }

    [Fact]
    public void Load_HistoryChangedInsideItsValidPart_IsRejectedByChecksum()
    {
        string path = Path.Combine(_directory, "run.json");
        new Trainer(Quadratic, new Sgd(0.1), new TrainerOptions { MaxIterations = 5, CheckpointPath = path }).Run([1.0, -2.0]);
        string historyPath = TrainingCheckpoint.HistoryPathFor(path);
        string text = File.ReadAllText(historyPath);
        int at = text.IndexOf("\"iteration\":3", StringComparison.Ordinal);
        File.WriteAllText(historyPath, string.Concat(text.AsSpan(0, at), "\"iteration\":4", text.AsSpan(at + 13)));

        InvalidDataException exception = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(path));
        Assert.Contains("SHA-256", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_HistoryFileMissing_SaysBothFilesAreNeeded()
    {
        string path = Path.Combine(_directory, "run.json");
        new Trainer(Quadratic, new Sgd(0.1), new TrainerOptions { MaxIterations = 2, CheckpointPath = path }).Run([1.0, -2.0]);
        File.Delete(TrainingCheckpoint.HistoryPathFor(path));

        InvalidDataException exception = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(path));
        Assert.Contains("run.json.history", exception.Message, StringComparison.Ordinal);
        Assert.Contains("copy both", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_KeepsTheHistoryInlineAndRoundTripsWithSettings()
    {
        var settings = new Dictionary<string, string> { ["seed"] = "7", ["lr"] = "0.1" };
        TrainingCheckpoint checkpoint = new Trainer(Quadratic, new Sgd(0.1), new TrainerOptions { MaxIterations = 3, Settings = settings }).Run([1.0, -2.0]).Checkpoint!;

        TrainingCheckpoint copy = TrainingCheckpoint.FromJson(checkpoint.ToJson());

        Assert.Equal(3, copy.History.Count);
        Assert.Equal(checkpoint.History[2].Parameters, copy.History[2].Parameters);
        Assert.Equal(["lr", "seed"], copy.Settings.Keys);
        Assert.Equal("7", copy.Settings["seed"]);
    }

    [Fact]
    public void Load_SchemaVersion1FileWithInlineHistory_IsReadAndResumes()
    {
        // A version-1 file is the inline form without settings: the payload and its checksum are unchanged.
        TrainingCheckpoint checkpoint = new Trainer(Quadratic, new Sgd(0.1), new TrainerOptions { MaxIterations = 3 }).Run([1.0, -2.0]).Checkpoint!;
        string path = Path.Combine(_directory, "old.json");
        File.WriteAllText(path, checkpoint.ToJson().Replace("\"schemaVersion\":2", "\"schemaVersion\":1", StringComparison.Ordinal));

        TrainingCheckpoint loaded = TrainingCheckpoint.Load(path);
        TrainingResult resumed = new Trainer(Quadratic, new Sgd(0.1), new TrainerOptions { MaxIterations = 5, CheckpointPath = path }).Resume(loaded);

        Assert.Equal(3, loaded.History.Count);
        Assert.Equal(5, resumed.Iteration);
        Assert.Equal(5, TrainingCheckpoint.Load(path).History.Count);
    }

    [Fact]
    public void Resume_WithoutSettings_KeepsTheRecordedSettingsInItsCheckpoints()
    {
        string path = Path.Combine(_directory, "run.json");
        var settings = new Dictionary<string, string> { ["seed"] = "7" };
        new Trainer(Quadratic, new Sgd(0.1), new TrainerOptions { MaxIterations = 3, CheckpointPath = path, Settings = settings }).Run([1.0, -2.0]);
        Assert.Equal("7", TrainingCheckpoint.Load(path).Settings["seed"]);

        new Trainer(Quadratic, new Sgd(0.1), new TrainerOptions { MaxIterations = 6, CheckpointPath = path }).Resume(TrainingCheckpoint.Load(path));

        TrainingCheckpoint resumed = TrainingCheckpoint.Load(path);
        Assert.Equal(6, resumed.Iteration);
        Assert.Equal("7", resumed.Settings["seed"]);
    }

    [Fact]
    public void Run_CheckpointInMissingDirectory_ThrowsNamingItBeforeTheFirstIteration()
    {
        string path = Path.Combine(_directory, "missing", "run.json");
        int evaluations = 0;
        var options = new TrainerOptions { MaxIterations = 50, CheckpointPath = path, CheckpointInterval = 10, Progress = _ => evaluations++ };

        ArgumentException exception = Assert.Throws<ArgumentException>(() => new Trainer(Quadratic, new Sgd(0.1), options).Run([1.0, 1.0]));

        Assert.Equal("CheckpointPath", exception.ParamName);
        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, evaluations);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Constructor_BlankCheckpointPath_ThrowsNamingIt(string path)
    {
        ArgumentException exception = Assert.Throws<ArgumentException>(() => new Trainer(Quadratic, new Sgd(0.1), new TrainerOptions { CheckpointPath = path }));

        Assert.Equal("CheckpointPath", exception.ParamName);
    }

    [Fact]
    public void Run_CheckpointPathIsAForeignFile_RefusesItUnlessOverwriteIsSet()
    {
        string path = Path.Combine(_directory, "notes.txt");
        File.WriteAllText(path, "hello\n");

        ArgumentException exception = Assert.Throws<ArgumentException>(
            () => new Trainer(Quadratic, new Sgd(0.1), new TrainerOptions { MaxIterations = 3, CheckpointPath = path }).Run([1.0, 1.0]));
        Assert.Contains("not a NeuralOdeGen training checkpoint", exception.Message, StringComparison.Ordinal);
        Assert.Equal("hello\n", File.ReadAllText(path));

        new Trainer(Quadratic, new Sgd(0.1), new TrainerOptions { MaxIterations = 3, CheckpointPath = path, OverwriteCheckpoint = true }).Run([1.0, 1.0]);
        Assert.Equal(3, TrainingCheckpoint.Load(path).Iteration);
    }

    [Fact]
    public void Run_ForeignFileWhereTheHistoryGoes_IsRefused()
    {
        string path = Path.Combine(_directory, "run.json");
        File.WriteAllText(TrainingCheckpoint.HistoryPathFor(path), "precious\n");

        Assert.Throws<ArgumentException>(
            () => new Trainer(Quadratic, new Sgd(0.1), new TrainerOptions { MaxIterations = 3, CheckpointPath = path }).Run([1.0, 1.0]));
        Assert.Equal("precious\n", File.ReadAllText(TrainingCheckpoint.HistoryPathFor(path)));
    }

    [Fact]
    public void Run_StaleTemporaryFilesOfThisCheckpoint_AreDeletedOnStartAndOthersKept()
    {
        string path = Path.Combine(_directory, "run.json");
        string[] stale = [".run.json." + new string('a', 32) + ".tmp", ".run.json.history." + Guid.NewGuid().ToString("N") + ".tmp"];
        string[] kept = [".run.json.notaguid.tmp", ".other.json." + Guid.NewGuid().ToString("N") + ".tmp", ".run.json." + new string('A', 32) + ".tmp", "run.json.tmp"];
        foreach (string name in stale.Concat(kept))
        {
            File.WriteAllText(Path.Combine(_directory, name), "x");
        }

        new Trainer(Quadratic, new Sgd(0.1), new TrainerOptions { MaxIterations = 2, CheckpointPath = path }).Run([1.0, 1.0]);

        string[] left = Array.ConvertAll(Directory.GetFiles(_directory), Path.GetFileName)!;
        Assert.Equal(kept.Concat(["run.json", "run.json.history"]).Order(StringComparer.Ordinal), left.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Run_DivergingOverAnOlderRunsCheckpoint_LeavesThisRunsCheckpoint()
    {
        string path = Path.Combine(_directory, "run.json");
        new Trainer(Quadratic, new Adam(0.1), new TrainerOptions { MaxIterations = 5, CheckpointPath = path }).Run([1.0, 1.0]);

        TrainingResult diverged = new Trainer(Quadratic, new Sgd(1e308), new TrainerOptions { MaxIterations = 5, CheckpointPath = path, CheckpointInterval = 10 })
            .Run([1.0, 1.0]);

        Assert.Equal(TrainingStatus.Diverged, diverged.Status);
        TrainingCheckpoint checkpoint = TrainingCheckpoint.Load(path);
        Assert.Equal("Sgd", checkpoint.OptimizerName);
        Assert.Equal(0, checkpoint.Iteration);
    }

    [Fact]
    public void Save_ThenLoad_RoundTripsHistoryThroughTheHistoryFile()
    {
        TrainingCheckpoint checkpoint = new Trainer(Quadratic, new Sgd(0.1), new TrainerOptions { MaxIterations = 4 }).Run([1.0, -2.0]).Checkpoint!;
        string path = Path.Combine(_directory, "saved.json");

        checkpoint.Save(path);
        TrainingCheckpoint loaded = TrainingCheckpoint.Load(path);

        Assert.Equal(4, loaded.History.Count);
        Assert.Equal(checkpoint.Parameters, loaded.Parameters);
        Assert.True(TrainingCheckpoint.IsCheckpointFile(path));
        Assert.StartsWith("{\"format\":\"NeuralOdeGen.TrainingHistory\"", File.ReadAllText(TrainingCheckpoint.HistoryPathFor(path)), StringComparison.Ordinal);
        Assert.Equal(5, File.ReadAllLines(TrainingCheckpoint.HistoryPathFor(path), Encoding.UTF8).Length);
    }
}
