using BenchmarkDotNet.Attributes;
using NeuralOdeGen.Benchmarks.Models;

namespace NeuralOdeGen.Benchmarks;

/// <summary>
/// The paper-problem workloads of the torchdiffeq anchor, exactly: one gradient, one thread, with torchdiffeq's
/// <c>rk4</c> (Kutta's 3/8 rule, 100 steps) or <c>dopri5</c> (rtol = atol = 1e-8), one thread and all cores. The discrete adjoint is the
/// counterpart of torchdiffeq's backpropagation through the solver (both differentiate the discretisation).
/// </summary>
[MemoryDiagnoser]
public class TorchdiffeqWorkloadBenchmarks
{
    private static readonly double[] Theta = [PaperProblem.InitialA];
    private TerminalProblem<Decay> _problem = null!;
    private TerminalProblem<Decay> _allCores = null!;

    [Params(1_000, 100_000)]
    public int N { get; set; }

    [Params("rk4-3/8", "dopri5")]
    public string Solver { get; set; } = "rk4-3/8";

    [Params("Discrete", "Continuous", "DiscreteShared", "ContinuousShared")]
    public string Method { get; set; } = "Discrete";

    [GlobalSetup]
    public void Setup()
    {
        OdeSolver solver = Solver == "dopri5"
            ? OdeSolver.Dopri5(1e-8, 1e-8)
            : OdeSolver.Fixed(Tableaus.Rk4ThreeEighths, PaperProblem.Rk4Steps);
        Dataset data = PaperProblem.CreateData(N);
        _problem = new TerminalProblem<Decay>(data, solver, PaperProblem.Method(Method), maxDegreeOfParallelism: 1);
        _allCores = new TerminalProblem<Decay>(data, solver, PaperProblem.Method(Method), maxDegreeOfParallelism: null);
    }

    [Benchmark]
    public double GradientOneThread() => _problem.Gradient(Theta).Gradient[0];

    [Benchmark]
    public double GradientAllCores() => _allCores.Gradient(Theta).Gradient[0];
}
