using System;
using BenchmarkDotNet.Attributes;
using NeuralOdeGen.Benchmarks.Models;

namespace NeuralOdeGen.Benchmarks;

/// <summary>
/// One gradient of the paper problem (RK4, 100 steps, <c>t = 1</c>) through the runtime on one thread and on all
/// cores, against the hand-written specialised scalar loop (the baseline, one thread) and the same loop on sixteen
/// samples at a time in 512-bit registers (the SIMD limit, one thread). Setup checks that all four agree.
/// </summary>
[MemoryDiagnoser]
public class PaperGradientBenchmarks
{
    private static readonly double[] Theta = [PaperProblem.InitialA];
    private readonly double[] _trajectory = new double[PaperProblem.Rk4Steps + 1];
    private readonly HandDerived.LanePair[] _laneTrajectory = new HandDerived.LanePair[PaperProblem.Rk4Steps + 1];
    private TerminalProblem<Decay> _singleThreaded = null!;
    private TerminalProblem<Decay> _allCores = null!;

    [Params(1_000, 100_000)]
    public int N { get; set; }

    [Params("Discrete", "Continuous")]
    public string Method { get; set; } = "Discrete";

    /// <summary>Gets the dataset (after <see cref="Setup"/>).</summary>
    public Dataset Data => _singleThreaded.Data;

    [GlobalSetup]
    public void Setup()
    {
        Dataset data = PaperProblem.CreateData(N);
        OdeSolver solver = OdeSolver.Rk4(PaperProblem.Rk4Steps);
        _singleThreaded = new TerminalProblem<Decay>(data, solver, PaperProblem.Method(Method), maxDegreeOfParallelism: 1);
        _allCores = new TerminalProblem<Decay>(data, solver, PaperProblem.Method(Method), maxDegreeOfParallelism: null);
        PaperProblem.CheckAgreement(_singleThreaded, Method, _trajectory);
        PaperProblem.CheckAgreement(_allCores, Method, _trajectory);
        PaperProblem.CheckSimdAgreement(data, Method, _trajectory, _laneTrajectory);
    }

    [Benchmark(Baseline = true)]
    public double HandLoop() => PaperProblem.HandGradient(Method, _singleThreaded.Data, PaperProblem.InitialA, _trajectory).Gradient;

    [Benchmark]
    public double HandLoopSimd() => PaperProblem.HandSimdGradient(Method, _singleThreaded.Data, PaperProblem.InitialA, _laneTrajectory).Gradient;

    [Benchmark]
    public double RuntimeOneThread() => _singleThreaded.Gradient(Theta).Gradient[0];

    [Benchmark]
    public double RuntimeAllCores() => _allCores.Gradient(Theta).Gradient[0];
}
