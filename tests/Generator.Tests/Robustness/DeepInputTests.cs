using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace NeuralOdeGen.Generator.Tests.Robustness;

/// <summary>
/// Very deep expressions (machine-written models, e.g. expanded networks, reach these sizes). The generator runs inside
/// the compiler, where a stack overflow ends the whole build: it must return, with code or a diagnostic, in bounded time.
/// Each case runs in a child process (see <see cref="DeepInputProgram"/>).
/// </summary>
public sealed class DeepInputTests
{
    [Theory]
    [InlineData("sum", 5000)]
    [InlineData("calls", 2000)]
    public async Task Generator_VeryDeepExpression_ReturnsWithoutCrashingTheCompiler(string shape, int size)
    {
        string assembly = typeof(DeepInputProgram).Assembly.Location;
        string host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            ArgumentList = { "exec", assembly, "--deep", shape, size.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using Process child = Process.Start(start)!;
        Task<string> output = child.StandardOutput.ReadToEndAsync();
        Task<string> error = child.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        bool exited = true;
        try
        {
            await child.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            exited = false;
            child.Kill(entireProcessTree: true);
        }

        Assert.True(exited, $"The generator was still running after 60 s on a {shape} of depth {size}.");
        string log = await output + await error;
        Assert.True(child.ExitCode == 0, $"Exit code {child.ExitCode} on a {shape} of depth {size}:{Environment.NewLine}{log[..Math.Min(log.Length, 2000)]}");
        Assert.Contains("exception: none", log, StringComparison.Ordinal);
    }
}
