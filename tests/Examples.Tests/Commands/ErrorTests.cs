using System;
using System.Diagnostics;
using System.IO;
using NeuralOdeGen.Examples.Tests.Infrastructure;

namespace NeuralOdeGen.Examples.Tests.Commands;

public sealed class ErrorTests
{
    [Theory]
    [InlineData("frobnicate")]
    [InlineData("paper", "--no-such-option")]
    [InlineData("paper", "--samples", "0")]
    [InlineData("paper", "--samples", "many")]
    [InlineData("paper", "--initial=-1,x")]
    [InlineData("paper", "--solver", "leapfrog")]
    [InlineData("paper", "--learning-rate", "-0.5")]
    [InlineData("train", "lorenz")]
    [InlineData("train")]
    [InlineData("train", "decay", "--optimizer", "lbfgs")]
    [InlineData("train", "decay", "--optimizer", "gauss-newton", "--sensitivity", "adjoint")]
    [InlineData("train", "decay", "--noise", "-1")]
    [InlineData("verify", "lorenz")]
    public void Run_BadCommandLine_ExitsTwoWithOneReasonAndAUsageLine(params string[] args)
    {
        CliRun run = CliRun.Invoke(args);

        Assert.Equal(2, run.ExitCode);
        string[] lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("neuralode: ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("usage: neuralode", lines[1], StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void Paper_OutputDirectoryIsAFile_ExitsOneWithAMessageAndNoStackTrace()
    {
        using var directory = new TempDirectory();
        string file = directory.Combine("not-a-directory");
        File.WriteAllText(file, "occupied");

        CliRun run = CliRun.Invoke("paper", "--out", Path.Combine(file, "paper"), "--samples", "4", "--iterations", "1", "--initial=0");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("neuralode: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_ResumeFromMissingOrCorruptFile_ExitsOne()
    {
        using var directory = new TempDirectory();
        string corrupt = directory.Combine("corrupt.json");
        File.WriteAllText(corrupt, "{ \"format\": ");

        CliRun missing = CliRun.Invoke("train", "decay", "--out", directory.Path, "--resume", directory.Combine("missing.json"));
        CliRun broken = CliRun.Invoke("train", "decay", "--out", directory.Path, "--resume", corrupt);

        Assert.Equal((1, 1), (missing.ExitCode, broken.ExitCode));
        Assert.Contains("missing.json", missing.Error, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", broken.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", missing.Error + broken.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Executable_UnknownCommand_ExitsTwo()
    {
        // The real process: Program.Main, its console wiring and its exit code.
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "neuralode.dll"), "frobnicate"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using Process process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("usage: neuralode", error, StringComparison.Ordinal);
    }
}
