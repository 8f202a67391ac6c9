using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using NeuralOdeGen.Benchmarks.Models;

namespace NeuralOdeGen.Benchmarks;

/// <summary>
/// <c>--cpu-time [NAME,NAME,…]</c> (default: all, e.g. <c>"rk4-3/8 Discrete N=1000"</c>): the paper-gradient workloads of <see cref="TorchdiffeqWorkloadBenchmarks"/> (one thread; <c>x2</c>: two) in
/// a plain loop, reporting per call the minimum and 10th-percentile wall time and the process CPU time. On a shared,
/// loaded machine BenchmarkDotNet's wall-clock medians mostly measure the other processes; the minimum over thousands
/// of calls (N = 1 000) and the CPU time per call (N = 100 000) do not, so before/after pairs still compare.
/// </summary>
public static class CpuTimeProbe
{
    public static int Run(string filter)
    {
        double[] theta = [PaperProblem.InitialA];
        var cases = new List<(string Name, Func<Func<double>> Create, int Calls)>();
        foreach (int n in new[] { 1_000, 100_000 })
        {
            foreach (string method in new[] { "Continuous", "Discrete", "Forward" })
            {
                OdeSolver solver = OdeSolver.Fixed(Tableaus.Rk4ThreeEighths, PaperProblem.Rk4Steps);
                cases.Add(($"rk4-3/8 {method} N={n}", () => Paper(n, solver, method, theta), n == 1_000 ? 3_000 : 60));
                cases.Add(($"rk4-3/8 {method} N={n} x2", () => Paper(n, solver, method, theta, threads: 2), n == 1_000 ? 3_000 : 60));
            }
        }

        foreach (string method in new[] { "Continuous", "Discrete", "ContinuousShared", "DiscreteShared" })
        {
            cases.Add(($"dopri5 {method} N=1000", () => Paper(1_000, OdeSolver.Dopri5(1e-8, 1e-8), method, theta), 300));
        }

        // The fixed-step Lotka–Volterra trajectory of FixedStepTrajectoryBenchmarks with forward sensitivities (what
        // Gauss–Newton needs): in lanes (the generated model) and one sample at a time (its scalar twin).
        OdeSolver rk4 = OdeSolver.Rk4(FixedStepTrajectoryBenchmarks.Steps);
        cases.Add(("lv-rk4 Forward Lanes", () => LotkaVolterraGradient<LotkaVolterra>(rk4, new ForwardSensitivity()), 40));
        cases.Add(("lv-rk4 Forward PerSample", () => LotkaVolterraGradient<ScalarLotkaVolterra>(rk4, new ForwardSensitivity()), 20));

        // The same with dopri5 (rtol = atol = 1e-8, LotkaVolterraTrajectoryBenchmarks' solver): shared steps against each
        // sample's own, for forward sensitivities and the checkpointed adjoint.
        OdeSolver dopri5 = OdeSolver.Dopri5(1e-8, 1e-8);
        cases.Add(("lv-dopri5 Forward PerGroup", () => LotkaVolterraGradient<LotkaVolterra>(dopri5, new ForwardSensitivity(StepSharing.PerGroup)), 20));
        cases.Add(("lv-dopri5 Forward PerSample", () => LotkaVolterraGradient<LotkaVolterra>(dopri5, new ForwardSensitivity(StepSharing.PerSample)), 10));
        cases.Add(("lv-dopri5 Checkpointed PerGroup", () => LotkaVolterraGradient<LotkaVolterra>(dopri5, new CheckpointedAdjoint(StepSharing.PerGroup)), 20));
        cases.Add(("lv-dopri5 Checkpointed PerSample", () => LotkaVolterraGradient<LotkaVolterra>(dopri5, new CheckpointedAdjoint(StepSharing.PerSample)), 10));

        // The spiral demo's batch and generated 2-50-2 net (252 parameters) with forward sensitivities and shared dopri5
        // steps: 252 columns per sample, where computing the Jacobian's entries once for all columns matters.
        cases.Add(("spiral Forward PerGroup", SpiralForward, 10));

        var chosen = filter.Length == 0 ? cases : new List<(string Name, Func<Func<double>> Create, int Calls)>();
        foreach (string wanted in filter.Length == 0 ? [] : filter.Split(','))
        {
            chosen.Add(cases.Find(c => c.Name == wanted));
        }

        foreach ((string name, Func<Func<double>> create, int calls) in chosen)
        {
            Func<double> gradient = create();
            double check = 0.0;
            // Warm up for at least two seconds: the JIT installs a method's optimised code only about 100 ms after its
            // last new method compiled at tier 0, and a shorter warm-up measured the shared-step gradients at 2× their speed.
            long warmStart = Stopwatch.GetTimestamp();
            for (int i = 0; i < Math.Max(20, calls / 5) || Stopwatch.GetElapsedTime(warmStart).TotalSeconds < 2.0; i++)
            {
                check += gradient();
            }

            double[] times = new double[calls];
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            TimeSpan cpuBefore = process.TotalProcessorTime;
            for (int i = 0; i < calls; i++)
            {
                long start = Stopwatch.GetTimestamp();
                check += gradient();
                times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / calls;
            Array.Sort(times);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{name,-28} min {times[0],9:F4} ms  p10 {times[calls / 10],9:F4}  median {times[calls / 2],9:F4}  cpu/call {cpu,9:F4}  load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}  ({check:G6})"));
        }

        return 0;
    }

    private static Func<double> Paper(int n, OdeSolver solver, string method, double[] theta, int threads = 1)
    {
        var problem = new TerminalProblem<Decay>(PaperProblem.CreateData(n), solver, PaperProblem.Method(method), maxDegreeOfParallelism: threads);
        GradientResult result = problem.CreateResult();
        return () =>
        {
            problem.Gradient(theta, result);
            return result.Gradient[0];
        };
    }

    private static Func<double> SpiralForward()
    {
        double[] theta = SpiralDemo.InitialWeights(SpiralDemo.WeightSeed);
        Dataset batch = SpiralDemo.Batch(SpiralDemo.TrueTrajectory(), SpiralDemo.BatchStarts(new MathNet.Numerics.Random.MersenneTwister(SpiralDemo.BatchSeed)));
        var problem = new TrajectoryMaeProblem<SpiralNet>(batch, SpiralDemo.Solver, new ForwardSensitivity(StepSharing.PerGroup), 1);
        GradientResult result = problem.CreateResult();
        return () =>
        {
            problem.Gradient(theta, result);
            return result.Gradient[0];
        };
    }

    private static Func<double> LotkaVolterraGradient<TModel>(OdeSolver solver, ISensitivityMethod method)
        where TModel : struct, IOdeModel<TModel>
    {
        double[] theta = [1.4, 1.1, 0.9, 3.1];
        var problem = new TrajectoryProblem<TModel>(LotkaVolterraTrajectoryBenchmarks.CreateData(), solver, method, maxDegreeOfParallelism: 1);
        GradientResult result = problem.CreateResult();
        return () =>
        {
            problem.Gradient(theta, result);
            return result.Gradient[0];
        };
    }
}
