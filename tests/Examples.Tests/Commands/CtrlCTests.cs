using System;
using System.Diagnostics;
using System.IO;
using NeuralOdeGen.Examples.Commands;
using NeuralOdeGen.Examples.Tests.Infrastructure;

namespace NeuralOdeGen.Examples.Tests.Commands;

public sealed class CtrlCTests
{
    [Fact]
    public void Executable_SigintDuringTraining_WritesACheckpointAndExits130()
    {
        using var directory = new TempDirectory();
        var start = new ProcessStartInfo("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "neuralode.dll"), "train", "lotka-volterra", "--iterations", "100000", "--optimizer", "adam", "--samples", "4", "--out", directory.Path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;

        // Redirected output prints plain progress lines; the second one means training is under way.
        string? line = process.StandardOutput.ReadLine();
        while (line is not null && !line.StartsWith("iter", StringComparison.Ordinal))
        {
            line = process.StandardOutput.ReadLine();
        }

        Assert.NotNull(line);
        using (Process kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            kill.WaitForExit();
        }

        string rest = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the process did not stop after SIGINT");
        Assert.Equal(TrainCommand.CancelledExitCode, process.ExitCode);
        Assert.Contains("Cancelled", rest, StringComparison.Ordinal);
        TrainingCheckpoint checkpoint = TrainingCheckpoint.Load(directory.Combine("checkpoint.json"));
        Assert.InRange(checkpoint.Iteration, 1, 99_999);
        Assert.True(File.Exists(directory.Combine("history.csv")));
    }
}
