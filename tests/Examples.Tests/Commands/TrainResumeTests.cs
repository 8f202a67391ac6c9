using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using NeuralOdeGen.Examples.Commands;
using NeuralOdeGen.Examples.Tests.Infrastructure;

namespace NeuralOdeGen.Examples.Tests.Commands;

/// <summary><c>train --resume</c> uses the settings the checkpoint recorded; the printed resume hint works as printed.</summary>
public sealed class TrainResumeTests
{
    private static readonly string[] Settings = ["--optimizer", "adam", "--lr", "0.001", "--samples", "6", "--seed", "4", "--noise", "0.01"];

    [Theory]
    [InlineData("run")]
    [InlineData("my run")]
    public void Train_CancelledThenTheHintAsPrinted_ContinuesTheSameRunWithItsRecordedSettings(string folder)
    {
        using var directory = new TempDirectory();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        CliRun cancelled = CliRun.Invoke(cancellation.Token, ["train", "lotka-volterra", "--iterations", "4", "--out", directory.Combine(folder), .. Settings]);
        Assert.Equal(TrainCommand.CancelledExitCode, cancelled.ExitCode);

        // The hint is the whole command: run exactly what it says, nothing added.
        string hint = HintCommand(cancelled.Output);
        CliRun resumed = CliRun.Invoke(SplitShellWords(hint));
        CliRun straight = CliRun.Invoke(["train", "lotka-volterra", "--iterations", "4", "--out", directory.Combine("straight"), .. Settings]);

        Assert.True(resumed.ExitCode == 0, hint + "\n" + resumed.Error + resumed.Output);
        Assert.Equal(0, straight.ExitCode);
        Assert.Equal(File.ReadAllText(directory.Combine("straight", "history.csv")), File.ReadAllText(directory.Combine(folder, "history.csv")));
    }

    [Fact]
    public void Train_ResumeWithOnlyMoreIterations_UsesTheRecordedDataOptimizerAndFolder()
    {
        using var directory = new TempDirectory();
        CliRun first = CliRun.Invoke(["train", "decay", "--iterations", "3", "--out", directory.Combine("split"), .. Settings]);
        CliRun resumed = CliRun.Invoke("train", "decay", "--resume", directory.Combine("split", "checkpoint.json"), "--iterations", "7");
        CliRun straight = CliRun.Invoke(["train", "decay", "--iterations", "7", "--out", directory.Combine("straight"), .. Settings]);

        Assert.True((first.ExitCode, resumed.ExitCode, straight.ExitCode) == (0, 0, 0), resumed.Error + resumed.Output);
        Assert.Equal(File.ReadAllText(directory.Combine("straight", "history.csv")), File.ReadAllText(directory.Combine("split", "history.csv")));
        TrainingCheckpoint checkpoint = TrainingCheckpoint.Load(directory.Combine("split", "checkpoint.json"));
        Assert.Equal("6", checkpoint.Settings["samples"]);
        Assert.Equal("0.001", checkpoint.Settings["lr"]);
        Assert.Equal("7", checkpoint.Settings["iterations"]);
        Assert.Equal(directory.Combine("split"), checkpoint.Settings["out"]);
    }

    [Theory]
    [InlineData("--samples", "200", "6")]
    [InlineData("--seed", "5", "4")]
    [InlineData("--lr", "0.05", "0.001")]
    [InlineData("--optimizer", "sgd", "adam")]
    [InlineData("--noise", "0", "0.01")]
    [InlineData("--solver", "dopri5", "rk4")]
    [InlineData("--sensitivity", "forward", "discrete-adjoint")]
    public void Train_ResumeWithAConflictingOption_IsAUsageErrorNamingBothValues(string option, string given, string recorded)
    {
        using var directory = new TempDirectory();
        CliRun first = CliRun.Invoke(["train", "decay", "--iterations", "2", "--out", directory.Path, .. Settings]);
        string checkpoint = directory.Combine("checkpoint.json");
        byte[] before = File.ReadAllBytes(checkpoint);

        CliRun resumed = CliRun.Invoke("train", "decay", "--resume", checkpoint, option, given, "--iterations", "4");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(2, resumed.ExitCode);
        Assert.Contains($"{option} {given} conflicts", resumed.Error, StringComparison.Ordinal);
        Assert.Contains($"recorded with {option} {recorded}", resumed.Error, StringComparison.Ordinal);
        Assert.Contains("usage: neuralode train", resumed.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(checkpoint));
    }

    [Fact]
    public void Train_ResumeIntoAnotherOutputFolder_IsAUsageErrorNamingBoth()
    {
        using var directory = new TempDirectory();
        CliRun first = CliRun.Invoke(["train", "decay", "--iterations", "2", "--out", directory.Combine("a"), .. Settings]);

        CliRun resumed = CliRun.Invoke("train", "decay", "--resume", directory.Combine("a", "checkpoint.json"), "--out", directory.Combine("b"));

        Assert.Equal((0, 2), (first.ExitCode, resumed.ExitCode));
        Assert.Contains(directory.Combine("a"), resumed.Error, StringComparison.Ordinal);
        Assert.Contains(directory.Combine("b"), resumed.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory.Combine("b")));
    }

    [Fact]
    public void Train_ResumeWithAnotherModel_IsAUsageErrorNamingBoth()
    {
        using var directory = new TempDirectory();
        CliRun first = CliRun.Invoke(["train", "decay", "--iterations", "2", "--out", directory.Path, .. Settings]);

        CliRun resumed = CliRun.Invoke("train", "pendulum", "--resume", directory.Combine("checkpoint.json"));

        Assert.Equal((0, 2), (first.ExitCode, resumed.ExitCode));
        Assert.Contains("MODEL = pendulum conflicts", resumed.Error, StringComparison.Ordinal);
        Assert.Contains("MODEL = decay", resumed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_ResumeRepeatingTheRecordedOptions_IsAccepted()
    {
        using var directory = new TempDirectory();
        CliRun first = CliRun.Invoke(["train", "decay", "--iterations", "2", "--out", directory.Path, .. Settings]);

        // 1e-3 is the recorded 0.001 written differently: the values are compared, not the spelling.
        CliRun resumed = CliRun.Invoke("train", "decay", "--resume", directory.Combine("checkpoint.json"), "--iterations", "3",
            "--optimizer", "Adam", "--lr", "1e-3", "--samples", "6", "--seed", "4", "--out", directory.Path);

        Assert.Equal(0, first.ExitCode);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(4, Csv.Read(directory.Combine("history.csv")).Rows.Count);
    }

    private static string HintCommand(string output)
    {
        const string Marker = "continue with:";
        int at = output.IndexOf(Marker, StringComparison.Ordinal);
        Assert.True(at >= 0, output);
        string line = output[(at + Marker.Length)..].TrimStart().Split('\n')[0].Trim();
        Assert.StartsWith("neuralode train ", line, StringComparison.Ordinal);
        return line["neuralode ".Length..];
    }

    // POSIX shell words: blanks separate, single quotes keep everything literally.
    private static string[] SplitShellWords(string command)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        bool quoted = false;
        bool any = false;
        foreach (char c in command)
        {
            if (c == '\'')
            {
                quoted = !quoted;
                any = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (any)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    any = false;
                }
            }
            else
            {
                word.Append(c);
                any = true;
            }
        }

        if (any)
        {
            words.Add(word.ToString());
        }

        return [.. words];
    }
}
