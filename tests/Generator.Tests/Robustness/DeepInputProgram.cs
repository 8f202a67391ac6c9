using System;
using System.Linq;
using System.Threading;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.Robustness;

/// <summary>
/// The test assembly's entry point (replacing the test SDK's empty one). With <c>--deep SHAPE N</c> it runs the
/// generator once over a very deep expression in this separate process, so that a stack overflow, which no
/// <c>catch</c> can stop, fails one test instead of killing the test host.
/// </summary>
public static class DeepInputProgram
{
    public static string Source(string shape, int size) => shape switch
    {
        // a + ... + a: a left-nested tree as deep as it is long.
        "sum" => Model(string.Join(" + ", Enumerable.Range(1, size).Select(i => $"{i}.0 * x"))),
        "calls" => Model(string.Concat(Enumerable.Repeat("Math.Sin(", size)) + "x" + new string(')', size)),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "Expected sum or calls."),
    };

    public static int Main(string[] args)
    {
        if (args.Length != 3 || args[0] != "--deep")
        {
            return 0;
        }

        // 1 MiB, the default stack of a Windows thread (the compiler runs generators on pool threads); a Linux main
        // thread has 8 MiB and would hide an overflow that users on Windows hit.
        string source = Source(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
        GeneratorRun? run = null;
        var worker = new Thread(() => run = GeneratorHarness.Run(source), maxStackSize: 1024 * 1024);
        worker.Start();
        worker.Join();
        Console.WriteLine($"exception: {run!.Exception?.GetType().Name ?? "none"}");
        Console.WriteLine($"diagnostics: {string.Join(",", run.Diagnostics.Select(d => d.Id))}");
        Console.WriteLine($"sources: {run.Sources.Length}");
        return run.Exception is null ? 0 : 1;
    }

    private static string Model(string expression) =>
        "using System;\nusing NeuralOdeGen;\n\nnamespace Demo;\n\npublic partial struct Deep\n{\n    [Dynamics]\n    public static double Rhs(double x, [Param] double a) => a * ("
        + expression + ");\n}\n";
}
