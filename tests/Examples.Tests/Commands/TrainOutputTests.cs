using System;
using System.IO;
using NeuralOdeGen.Examples.Tests.Infrastructure;

namespace NeuralOdeGen.Examples.Tests.Commands;

/// <summary>Where <c>train</c> writes: paths checked before the first iteration, foreign files kept, one run's files together.</summary>
public sealed class TrainOutputTests
{
    [Theory]
    [InlineData("--out")]
    [InlineData("--checkpoint")]
    [InlineData("--resume")]
    public void Train_EmptyPath_IsAUsageErrorNamingTheOption(string option)
    {
        using var directory = new TempDirectory();
        string[] outArgs = option == "--out" ? [] : ["--out", directory.Path];

        CliRun run = CliRun.Invoke(["train", "decay", "--iterations", "2", option, "", .. outArgs]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{option} needs a path", run.Error, StringComparison.Ordinal);
        Assert.Contains("usage: neuralode train", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--checkpoint")]
    [InlineData("--out")]
    public void Train_LocationUnderAFile_IsRefusedBeforeTheFirstIteration(string option)
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.Combine("afile"), "hello\n");
        string location = option == "--checkpoint" ? directory.Combine("afile", "ck.json") : directory.Combine("afile", "out");
        string[] outArgs = option == "--out" ? [] : ["--out", directory.Combine("o")];

        CliRun run = CliRun.Invoke(["train", "decay", "--iterations", "50", option, location, .. outArgs]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{option} {location}", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("iter", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(directory.Combine("o", "history.csv")));
    }

    [Fact]
    public void Train_CheckpointOverAForeignFile_IsRefusedUnlessOverwrite()
    {
        using var directory = new TempDirectory();
        string file = directory.Combine("afile");
        File.WriteAllText(file, "hello\n");

        CliRun refused = CliRun.Invoke("train", "decay", "--iterations", "3", "--out", directory.Combine("o"), "--checkpoint", file);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("not a NeuralOdeGen checkpoint", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--overwrite", refused.Error, StringComparison.Ordinal);
        Assert.Equal("hello\n", File.ReadAllText(file));

        CliRun forced = CliRun.Invoke("train", "decay", "--iterations", "3", "--out", directory.Combine("o"), "--checkpoint", file, "--overwrite");
        Assert.True(forced.ExitCode == 0, forced.Error);
        Assert.Equal(3, TrainingCheckpoint.Load(file).Iteration);
    }

    [Fact]
    public void Train_CheckpointOverAnOlderCheckpoint_ReplacesItWithoutOverwrite()
    {
        using var directory = new TempDirectory();
        CliRun first = CliRun.Invoke("train", "decay", "--iterations", "2", "--out", directory.Path);
        CliRun second = CliRun.Invoke("train", "decay", "--iterations", "4", "--out", directory.Path);

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Equal(4, TrainingCheckpoint.Load(directory.Combine("checkpoint.json")).Iteration);
    }

    [Fact]
    public void Train_DivergedRunIntoAnOlderRunsFolder_LeavesItsOwnCheckpointAndSaysSo()
    {
        using var directory = new TempDirectory();
        CliRun older = CliRun.Invoke("train", "decay", "--out", directory.Path, "--iterations", "5");
        CliRun diverged = CliRun.Invoke("train", "decay", "--out", directory.Path, "--optimizer", "sgd", "--lr", "1e308");

        Assert.Equal((0, 1), (older.ExitCode, diverged.ExitCode));
        TrainingCheckpoint checkpoint = TrainingCheckpoint.Load(directory.Combine("checkpoint.json"));
        Assert.Equal("Sgd", checkpoint.OptimizerName);
        Assert.Equal("1E+308", checkpoint.Settings["lr"]);
        Assert.Contains("Checkpoint of this run before it diverged (iteration 0", diverged.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_GaussNewtonRejectingEveryStep_ReportsNoProgressAndExits1()
    {
        using var directory = new TempDirectory();

        CliRun run = CliRun.Invoke("train", "decay", "--out", directory.Path, "--optimizer", "gauss-newton", "--lr", "1e308", "--iterations", "5");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("NoProgress", run.Output, StringComparison.Ordinal);
        Assert.Contains("every one of the 5 GaussNewton steps left the parameters unchanged", run.Output, StringComparison.Ordinal);
    }
}
