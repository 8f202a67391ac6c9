using BenchmarkDotNet.Attributes;
using NeuralOdeGen.Benchmarks.Models;

namespace NeuralOdeGen.Benchmarks;

/// <summary>One gradient of the paper problem with adaptive Dormand–Prince (rtol = atol = 1e-8), one thread, as in the torchdiffeq anchor.</summary>
[MemoryDiagnoser]
public class PaperDopri5Benchmarks
{
    private static readonly double[] Theta = [PaperProblem.InitialA];
    private TerminalProblem<Decay> _problem = null!;

    [Params(1_000, 100_000)]
    public int N { get; set; }

    [Params("Discrete", "Continuous")]
    public string Method { get; set; } = "Discrete";

    [GlobalSetup]
    public void Setup() =>
        _problem = new TerminalProblem<Decay>(PaperProblem.CreateData(N), OdeSolver.Dopri5(1e-8, 1e-8), PaperProblem.Method(Method), maxDegreeOfParallelism: 1);

    [Benchmark]
    public double RuntimeOneThread() => _problem.Gradient(Theta).Gradient[0];
}
