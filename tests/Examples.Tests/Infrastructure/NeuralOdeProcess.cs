using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace NeuralOdeGen.Examples.Tests.Infrastructure;

/// <summary>Starts the built <c>neuralode</c> executable as a separate process (for signals and environment variables).</summary>
internal static class NeuralOdeProcess
{
    public static Process Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "neuralode.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>Runs to the end and returns the exit code and both streams.</summary>
    public static (int ExitCode, string Output, string Error) Run(IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, params string[] args)
    {
        using Process process = Start(environment, args);
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"neuralode {string.Join(' ', args)} did not finish in {timeout}.");
        }

        return (process.ExitCode, output, error.Result);
    }

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does.</summary>
    public static void Interrupt(Process process)
    {
        using Process kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }
}
