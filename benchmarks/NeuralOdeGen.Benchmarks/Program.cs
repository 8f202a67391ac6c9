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
/// <c>--peers</c>: the shorter job <c>benchmarks/peers/run.sh</c> runs in each of several process starts.
/// <c>--profile NAME COUNT</c>: runs one workload in a plain loop, for <c>valgrind --tool=callgrind</c> or <c>perf record</c>
/// (NAME: Forward, Discrete, Continuous, PaperDopri5Discrete/Continuous, LotkaVolterraDiscrete/Continuous, Spiral…,
/// LoopLanes.{a <see cref="LoopLaneBenchmarks"/> method}).
/// <c>--cpu-time [FILTER]</c>: the paper-gradient workloads in a plain loop with minimum wall time and CPU time per call (see <see cref="CpuTimeProbe"/>).
/// <c>--stiff-counts FILE</c>: solves every <see cref="StiffBenchmarks"/> cell (and Dormand–Prince) once and writes the work counts and errors as JSON.
/// <c>--spiral [ITERATIONS] [Discrete|Continuous] [PerSample|OneSystem]</c>: trains torchdiffeq's spiral demo (default 2 000 iterations) and prints the loss curve.
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

        if (rest.Count >= 1 && rest[0] == "--spiral")
        {
            return SpiralDemo.Train(
                rest.Count > 1 ? int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture) : 2_000, rest.Count > 2 ? rest[2] : "Discrete", rest.Count > 3 ? rest[3] : "PerSample");
        }

        if (rest.Count >= 1 && rest[0] == "--cpu-time")
        {
            return CpuTimeProbe.Run(rest.Count > 1 ? rest[1] : string.Empty);
        }

        if (rest.Count >= 2 && rest[0] == "--stiff-counts")
        {
            return StiffBenchmarks.WriteCounts(rest[1]);
        }

        bool smoke = rest.Remove("--smoke");
        bool peers = rest.Remove("--peers");

        // In-process: no per-benchmark project build (which would inherit this repository's warnings-as-errors).
        Job job = smoke
            ? Job.ShortRun.WithWarmupCount(1).WithIterationCount(3).WithIterationTime(TimeInterval.FromMilliseconds(40)).WithId("Smoke")
            : peers
            ? Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(9).WithIterationTime(TimeInterval.FromMilliseconds(200)).WithId("Peers")
            : Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15).WithIterationTime(TimeInterval.FromMilliseconds(250)).WithId("Bench");
        IConfig config = DefaultConfig.Instance.AddJob(job.WithToolchain(InProcessEmitToolchain.Instance));
        if (smoke && !rest.Contains("--filter"))
        {
            rest.AddRange(["--filter", "*DerivativeBenchmarks*"]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. rest], config);
        return 0;
    }

    private static Func<double> HandModelGradient(Dataset data, ISensitivityMethod method)
    {
        var problem = new TerminalProblem<HandDerived.HandDecayModel>(data, OdeSolver.Rk4(PaperProblem.Rk4Steps), method, maxDegreeOfParallelism: 1);
        double[] theta = [PaperProblem.InitialA];
        return () => problem.Gradient(theta).Gradient[0];
    }

    private static int Profile(string name, int count)
    {
        // The adaptive workloads of the peer table, one gradient per iteration, for perf/callgrind.
        if (name.StartsWith("PaperDopri5", StringComparison.Ordinal))
        {
            var dopri5 = new TorchdiffeqWorkloadBenchmarks { N = 1_000, Solver = "dopri5", Method = name["PaperDopri5".Length..] };
            dopri5.Setup();
            return Measure(name, count, dopri5.GradientOneThread);
        }

        if (name.StartsWith("LotkaVolterra", StringComparison.Ordinal))
        {
            var trajectory = new LotkaVolterraTrajectoryBenchmarks { Method = name["LotkaVolterra".Length..] };
            trajectory.Setup();
            return Measure(name, count, trajectory.GradientOneThread);
        }

        // LoopLanes.<benchmark method>: one LoopLaneBenchmarks workload (e.g. LoopLanes.SpiralVjpLoopLanes); the fastest
        // call of many is the least disturbed on a shared machine.
        if (name.StartsWith("LoopLanes.", StringComparison.Ordinal))
        {
            var lanes = new LoopLaneBenchmarks();
            lanes.Setup();
            Func<double> workload = typeof(LoopLaneBenchmarks).GetMethod(name["LoopLanes.".Length..])!.CreateDelegate<Func<double>>(lanes);
            return Measure(name, count, workload);
        }

        if (name.StartsWith("Spiral", StringComparison.Ordinal))
        {
            var spiral = new SpiralDemoBenchmarks();
            spiral.Setup();
            Func<double> iteration = name switch
            {
                "SpiralContinuous" => spiral.ContinuousOneThread,
                "SpiralDiscreteOneSystem" => spiral.DiscreteOneSystem,
                "SpiralContinuousOneSystem" => spiral.ContinuousOneSystem,
                "SpiralGeneratedDiscreteShared" => spiral.GeneratedDiscreteSharedOneThread,
                "SpiralGeneratedContinuousShared" => spiral.GeneratedContinuousSharedOneThread,
                "SpiralEvaluate" => spiral.NetEvaluate,
                "SpiralVectorJacobianProduct" => spiral.NetVectorJacobianProduct,
                _ => spiral.DiscreteOneThread,
            };
            return Measure(name, count, iteration);
        }

        var paper = new PaperGradientBenchmarks { N = 1_000, Method = name.EndsWith("Continuous", StringComparison.Ordinal) ? "Continuous" : "Discrete" };
        paper.Setup();
        var integrator = new OdeIntegrator<Models.Decay>(OdeSolver.Rk4(PaperProblem.Rk4Steps));
        double[] a = [PaperProblem.InitialA];
        double[] final = new double[1];
        ReadOnlySpan<double> x0 = paper.Data.InitialStates;
        double[] x0Copy = x0.ToArray();
        Func<double> work = name switch
        {
            "Forward" => () =>
            {
                double sum = 0.0;
                for (int i = 0; i < x0Copy.Length; i++)
                {
                    integrator.Solve(0.0, 1.0, x0Copy.AsSpan(i, 1), a, final);
                    sum += final[0];
                }

                return sum;
            },
            "HandForward" => () =>
            {
                double sum = 0.0;
                double h = 0.01;
                for (int i = 0; i < x0Copy.Length; i++)
                {
                    double x = x0Copy[i];
                    for (int k = 0; k < 100; k++)
                    {
                        double k1 = a[0] * x;
                        double k2 = a[0] * (x + (0.5 * h * k1));
                        double k3 = a[0] * (x + (0.5 * h * k2));
                        double k4 = a[0] * (x + (h * k3));
                        x += h * ((k1 + (2.0 * k2) + (2.0 * k3) + k4) / 6.0);
                    }

                    sum += x;
                }

                return sum;
            },
            "HandModelDiscrete" or "HandModelContinuous" => HandModelGradient(paper.Data, PaperProblem.Method(paper.Method)),
            _ when name.StartsWith("Hand", StringComparison.Ordinal) => paper.HandLoop,
            _ when name.StartsWith("AllCores", StringComparison.Ordinal) => paper.RuntimeAllCores,
            "Spin" => () =>
            {
                double total = 0.0;
                System.Threading.Tasks.Parallel.For(0, 2, _ =>
                {
                    double x = 1.0;
                    for (int i = 0; i < 20_000_000; i++)
                    {
                        x = (x * 1.0000001) + 1e-9;
                    }

                    total += x;
                });
                return total;
            },
            _ => paper.RuntimeOneThread,
        };
        return Measure(name, count, work);
    }

    private static int Measure(string name, int count, Func<double> work)
    {
        double checksum = 0.0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long wallBefore = Stopwatch.GetTimestamp();
        double fastest = double.PositiveInfinity;
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            checksum += work();
            fastest = Math.Min(fastest, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        // The minimum is the least disturbed call on a shared machine; CPU ÷ wall shows how many cores were busy.
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        double wall = Stopwatch.GetElapsedTime(wallBefore).TotalMilliseconds;
        Console.WriteLine(
            $"{name}: fastest {fastest:F3} ms per call, CPU/wall {cpu / wall:F2}, {GC.GetAllocatedBytesForCurrentThread() - before} B on this thread, checksum {checksum:R}");
        return 0;
    }
}
