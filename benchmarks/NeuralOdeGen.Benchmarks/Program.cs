using System;
using System.Collections.Generic;
using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace NeuralOdeGen.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/NeuralOdeGen.Benchmarks -- [--smoke] [BenchmarkDotNet args]</c>.
/// <c>--smoke</c>: a short in-process job (defaults to the derivative benchmarks) that finishes in under a minute.
/// <c>--profile NAME COUNT</c>: runs one workload in a plain loop, for <c>valgrind --tool=callgrind</c>.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var rest = new List<string>(args);
        if (rest.Count >= 1 && rest[0] == "--profile")
        {
            return Profile(rest[1], rest.Count > 2 ? int.Parse(rest[2], System.Globalization.CultureInfo.InvariantCulture) : 10);
        }

        bool smoke = rest.Remove("--smoke");

        // In-process: no per-benchmark project build (which would inherit this repository's warnings-as-errors).
        Job job = smoke
            ? Job.ShortRun.WithWarmupCount(1).WithIterationCount(3).WithIterationTime(TimeInterval.FromMilliseconds(40)).WithId("Smoke")
            : Job.Default;
        IConfig config = DefaultConfig.Instance.AddJob(job.WithToolchain(InProcessEmitToolchain.Instance));
        if (smoke && !rest.Contains("--filter"))
        {
            rest.AddRange(["--filter", "*DerivativeBenchmarks*"]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. rest], config);
        return 0;
    }

    private static int Profile(string name, int count)
    {
        var paper = new PaperGradientBenchmarks { N = 1_000, Method = name.EndsWith("Continuous", StringComparison.Ordinal) ? "Continuous" : "Discrete" };
        paper.Setup();
        Func<double> work = name.StartsWith("Hand", StringComparison.Ordinal) ? paper.HandLoop : paper.RuntimeOneThread;
        double checksum = 0.0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            checksum += work();
        }

        Console.WriteLine($"{name}: {clock.Elapsed.TotalMilliseconds / count:F3} ms per call, {GC.GetAllocatedBytesForCurrentThread() - before} B, checksum {checksum:R}");
        return 0;
    }
}
