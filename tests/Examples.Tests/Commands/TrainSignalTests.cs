using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using NeuralOdeGen.Examples.Commands;
using NeuralOdeGen.Examples.Tests.Infrastructure;

namespace NeuralOdeGen.Examples.Tests.Commands;

public sealed class TrainSignalTests
{
    [Fact]
    public void Executable_SigtermDuringTraining_WritesCheckpointHistoryAndPlotsAndExits143()
    {
        using var directory = new TempDirectory();
        var start = new ProcessStartInfo("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "neuralode.dll"), "train", "lotka-volterra", "--iterations", "100000", "--optimizer", "adam", "--samples", "4", "--out", directory.Path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;

        // Redirected output prints plain progress lines; the first one means training is under way.
        string? line = process.StandardOutput.ReadLine();
        while (line is not null && !line.StartsWith("iter", StringComparison.Ordinal))
        {
            line = process.StandardOutput.ReadLine();
        }

        Assert.NotNull(line);
        using (Process kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])!)
        {
            kill.WaitForExit();
        }

        string rest = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the process did not stop after SIGTERM");
        Assert.Equal(TrainCommand.TerminatedExitCode, process.ExitCode);
        Assert.Equal(143, process.ExitCode);
        Assert.Contains("Stopped by SIGTERM", rest, StringComparison.Ordinal);
        TrainingCheckpoint checkpoint = TrainingCheckpoint.Load(directory.Combine("checkpoint.json"));
        Assert.InRange(checkpoint.Iteration, 1, 99_999);
        Assert.Equal(checkpoint.Iteration, Csv.Read(directory.Combine("history.csv")).Rows.Count); // iterations 0…k−1; k is evaluated on resume
        Assert.True(File.Exists(directory.Combine("loss.png")));
        Assert.True(File.Exists(directory.Combine("trajectory.svg")));
    }
}
