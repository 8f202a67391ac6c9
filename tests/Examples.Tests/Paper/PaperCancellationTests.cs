using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using NeuralOdeGen.Examples.Cli;
using NeuralOdeGen.Examples.Tests.Infrastructure;

namespace NeuralOdeGen.Examples.Tests.Paper;

/// <summary>Ctrl-C stops <c>neuralode paper</c> promptly, writes what it has, and exits 130.</summary>
public sealed class PaperCancellationTests
{
    [Fact]
    public void Paper_CancelledBeforeItStarts_WritesTheFilesMarksRunsCancelledAndExits130()
    {
        using var directory = new TempDirectory();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        CliRun run = CliRun.Invoke(cancellation.Token, "paper", "--out", directory.Path, "--samples", "8", "--iterations", "5", "--initial=-2,1");

        Assert.Equal(130, run.ExitCode);
        Assert.Equal(ExitCodes.Cancelled, run.ExitCode);
        Assert.True(File.Exists(directory.Combine("figure2.csv")));
        string summary = File.ReadAllText(directory.Combine("summary.md"));
        Assert.Contains("cancelled", summary, StringComparison.Ordinal);
        Assert.Contains("Cancelled", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Executable_SigintDuringPaper_StopsPromptlyWritesTheFilesAndExits130()
    {
        using var directory = new TempDirectory();

        // A budget that would run for hours: only the interrupt can end it within the test's minute.
        using Process process = NeuralOdeProcess.Start(null, "paper", "--out", directory.Path, "--samples", "2000", "--iterations", "10000000");
        using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            string? first = await process.StandardOutput.ReadLineAsync(startup.Token);
            Assert.NotNull(first);
            await Task.Delay(500);
            NeuralOdeProcess.Interrupt(process);
            using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            string rest = await process.StandardOutput.ReadToEndAsync(shutdown.Token);
            await process.WaitForExitAsync(shutdown.Token);
            Assert.Equal(130, process.ExitCode);
            Assert.Contains("Cancelled", rest, StringComparison.Ordinal);
            Assert.True(File.Exists(directory.Combine("summary.md")), "summary.md was not written");
            Assert.True(File.Exists(directory.Combine("figure2.png")), "figure2.png was not written");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
