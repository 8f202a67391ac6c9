using System;
using System.IO;
using System.Threading;
using NeuralOdeGen.Examples.Commands;
using NeuralOdeGen.Examples.Tests.Infrastructure;

namespace NeuralOdeGen.Examples.Tests.Commands;

public sealed class TrainCommandTests
{
    private static readonly string[] Small = ["--samples", "8", "--optimizer", "adam", "--lr", "0.05"];

    [Fact]
    public void Train_FiveIterations_WritesHistoryPlotsAndCheckpoint()
    {
        using var directory = new TempDirectory();
        CliRun run = CliRun.Invoke(["train", "decay", "--iterations", "5", "--out", directory.Path, .. Small]);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Csv history = Csv.Read(directory.Combine("history.csv"));
        Assert.Equal("a", history.Header[^1]);
        Assert.Equal(6, history.Rows.Count); // iterations 0…5
        Assert.Equal(0.5, Csv.Number(history.Rows[0][history.Column("a")])); // the decay model's starting guess
        Assert.True(File.Exists(directory.Combine("checkpoint.json")));
        Assert.Equal((800, 500), ImageFile.ReadPngSize(directory.Combine("loss.png")));
        Assert.Equal((900, 320), ImageFile.ReadPngSize(directory.Combine("trajectory.png")));
        ImageFile.ReadSvgRoot(directory.Combine("trajectory.svg"));
    }

    [Fact]
    public void Train_ResumedFromFiveIterations_EqualsTheUninterruptedRun()
    {
        using var directory = new TempDirectory();
        CliRun straight = CliRun.Invoke(["train", "lotka-volterra", "--iterations", "10", "--out", directory.Combine("straight"), .. Small]);
        CliRun first = CliRun.Invoke(["train", "lotka-volterra", "--iterations", "5", "--out", directory.Combine("split"), .. Small]);
        CliRun resumed = CliRun.Invoke(["train", "lotka-volterra", "--iterations", "10", "--out", directory.Combine("split"), "--resume", directory.Combine("split", "checkpoint.json"), .. Small]);

        Assert.Equal((0, 0, 0), (straight.ExitCode, first.ExitCode, resumed.ExitCode));

        // The trainer is deterministic and the data are re-sampled from the same seed: bit-identical histories.
        Assert.Equal(File.ReadAllText(directory.Combine("straight", "history.csv")), File.ReadAllText(directory.Combine("split", "history.csv")));
        Assert.Equal(11, Csv.Read(directory.Combine("split", "history.csv")).Rows.Count);
    }

    [Fact]
    public void Train_CancelledLikeCtrlC_WritesACheckpointThatResumes()
    {
        using var directory = new TempDirectory();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        CliRun cancelled = CliRun.Invoke(cancellation.Token, ["train", "pendulum", "--iterations", "3", "--out", directory.Combine("run"), .. Small]);

        Assert.Equal(TrainCommand.CancelledExitCode, cancelled.ExitCode);
        Assert.Contains("--resume", cancelled.Output, StringComparison.Ordinal);
        string checkpoint = directory.Combine("run", "checkpoint.json");
        Assert.Equal(0, TrainingCheckpoint.Load(checkpoint).Iteration);

        CliRun resumed = CliRun.Invoke(["train", "pendulum", "--iterations", "3", "--out", directory.Combine("run"), "--resume", checkpoint, .. Small]);
        CliRun straight = CliRun.Invoke(["train", "pendulum", "--iterations", "3", "--out", directory.Combine("straight"), .. Small]);
        Assert.Equal((0, 0), (resumed.ExitCode, straight.ExitCode));
        Assert.Equal(File.ReadAllText(directory.Combine("straight", "history.csv")), File.ReadAllText(directory.Combine("run", "history.csv")));
    }

    [Fact]
    public void Train_GaussNewtonDefaults_RecoverTheTrueParameter()
    {
        using var directory = new TempDirectory();
        CliRun run = CliRun.Invoke("train", "van-der-pol", "--iterations", "15", "--samples", "8", "--out", directory.Path);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Csv history = Csv.Read(directory.Combine("history.csv"));
        double mu = Csv.Number(history.Rows[^1][history.Column("mu")]);

        // Noise-free data from mu = 1 (accurate Dormand–Prince) fitted with RK4 over 100 steps: the misfit is RK4's error.
        Assert.Equal(1.0, mu, 1e-3);
    }
}
