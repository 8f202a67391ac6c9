using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using NeuralOdeGen.Examples.Tests.Infrastructure;
using NeuralOdeGen.Verification;

namespace NeuralOdeGen.Examples.Tests.Cli;

/// <summary>The one-line reasons the command line gives: specific, once, and without .NET's internals.</summary>
public sealed class CliMessageTests
{
    [Fact]
    public void UnknownCommand_NamesItAndListsTheCommands()
    {
        CliRun run = CliRun.Invoke("bogus");

        Assert.Equal(2, run.ExitCode);
        string[] lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("neuralode: unknown command 'bogus'; choose one of: paper, train, verify, models.", lines[0]);
        Assert.StartsWith("usage: neuralode <paper|train|verify|models>", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Paper_EmptyOutputPath_IsAUsageErrorBeforeAnyComputation()
    {
        var clock = Stopwatch.StartNew();

        CliRun run = CliRun.Invoke("paper", "--out", "");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("neuralode: --out needs a path; got an empty one.", run.Error, StringComparison.Ordinal);
        Assert.Contains("usage: neuralode paper", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
        // The default paper run trains for seconds; a check up front answers at once (generous bound for a loaded machine).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Paper_OutputOptionWithoutValue_IsAUsageErrorNamingIt()
    {
        CliRun run = CliRun.Invoke("paper", "--out=");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--out", run.Error.Split('\n')[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--initial=1,,2", "item 2 of '1,,2' is empty")]
    [InlineData("--initial=1,2,", "item 3 of '1,2,' is empty")]
    [InlineData("--initial=,", "item 1 of ',' is empty")]
    public void Paper_EmptyItemInInitialValues_IsAUsageError(string option, string reason)
    {
        CliRun run = CliRun.Invoke("paper", option);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("neuralode: --initial: " + reason, run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lotka-volterra", "2000000000")]
    [InlineData("decay", "2147483647")]
    [InlineData("decay", "300000000")]
    public void Train_TooManySamples_IsAUsageErrorSayingWhatFits(string model, string samples)
    {
        var clock = Stopwatch.StartNew();
        using var directory = new TempDirectory();

        CliRun run = CliRun.Invoke("train", model, "--samples", samples, "--out", directory.Path);

        Assert.Equal(2, run.ExitCode);
        string[] lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(samples, lines[0], StringComparison.Ordinal);
        Assert.Contains("samples fit", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter '", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Actual value was", run.Error, StringComparison.Ordinal);
        Assert.StartsWith("usage: neuralode train <MODEL>", lines[1], StringComparison.Ordinal);
        // Refused before sampling hundreds of millions of states (seconds and gigabytes); generous bound for a loaded machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Paper_MoreSamplesThanFit_IsAUsageErrorBeforeAnyAllocation()
    {
        CliRun run = CliRun.Invoke("paper", "--samples", "2147483647");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"neuralode: --samples 2147483647 is too many", run.Error, StringComparison.Ordinal);
        Assert.Contains($"at most {Dataset.MaxSampleCount(1, 1)} samples fit", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_ResumeAnotherModelsCheckpoint_MessageHasNoParameterSuffix()
    {
        using var directory = new TempDirectory();
        CliRun first = CliRun.Invoke("train", "decay", "--iterations", "2", "--out", directory.Combine("decay"));
        Assert.True(first.ExitCode == 0, first.Error);

        CliRun resumed = CliRun.Invoke("train", "lotka-volterra", "--iterations", "2", "--out", directory.Combine("lv"), "--resume", directory.Combine("decay", "checkpoint.json"));

        Assert.NotEqual(0, resumed.ExitCode);
        Assert.StartsWith("neuralode: ", resumed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter '", resumed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_WithoutPython_PrintsTheInstallHintOnce()
    {
        var environment = new Dictionary<string, string> { [SymPyOracleOptions.PythonPathVariable] = "/nonexistent/python3" };

        (int exitCode, string output, string error) = NeuralOdeProcess.Run(environment, TimeSpan.FromSeconds(120), "verify", "decay");

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Equal(1, error.Split(SymPyOracle.InstallHint).Length - 1);
        Assert.Contains("/nonexistent/python3", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_FitStopsAtTheNoiseFloor_IsReportedAsConvergedToIt()
    {
        using var directory = new TempDirectory();

        // Gauss–Newton fits decay's one rate in a few steps; with noise σ = 0.05 the loss then rests at ≈ ½σ² per observation.
        CliRun run = CliRun.Invoke("train", "decay", "--noise", "0.05", "--iterations", "100", "--out", directory.Path);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("converged to the noise floor", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Stalled:", run.Output, StringComparison.Ordinal);
    }
}
