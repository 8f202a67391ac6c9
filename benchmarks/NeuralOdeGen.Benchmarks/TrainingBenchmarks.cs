using System;
using BenchmarkDotNet.Attributes;
using NeuralOdeGen.Benchmarks.Models;

namespace NeuralOdeGen.Benchmarks;

/// <summary>
/// 200 iterations of the paper problem (N = 1 000, torchdiffeq's rk4 = the 3/8 rule, 100 steps, continuous
/// adjoint; the torchdiffeq anchor's training workload) with the paper's
/// variance-corrected rule (Algorithm 2), <c>a ← a − η ∇Loss / (t² σ_t²)</c> with <c>η = 0.5</c> and
/// <c>σ_t²</c> from the model's own terminal states, end to end from <c>a0 = 0.5</c> through the public
/// <see cref="Trainer"/> and <see cref="VarianceCorrected"/> (history, guards and all), as a user runs it.
/// </summary>
[MemoryDiagnoser]
public class TrainingBenchmarks
{
    public const int Iterations = 200;
    public const double LearningRate = 0.5;

    // No stop rule but the iteration count: every run does exactly 200 gradient evaluations and updates.
    private static readonly TrainerOptions Options = new() { MaxIterations = Iterations };

    private TerminalProblem<Decay> _singleThreaded = null!;
    private TerminalProblem<Decay> _allCores = null!;

    [GlobalSetup]
    public void Setup()
    {
        Dataset data = PaperProblem.CreateData(1_000);
        OdeSolver solver = OdeSolver.Fixed(Tableaus.Rk4ThreeEighths, PaperProblem.Rk4Steps);
        _singleThreaded = new TerminalProblem<Decay>(data, solver, new ContinuousAdjoint(), maxDegreeOfParallelism: 1);
        _allCores = new TerminalProblem<Decay>(data, solver, new ContinuousAdjoint(), maxDegreeOfParallelism: null);

        // The rule must actually train: a* = −1 to the accuracy RK4 with 100 steps allows.
        double a = Train(_singleThreaded);
        if (Math.Abs(a - PaperProblem.TrueA) > 1e-6)
        {
            throw new InvalidOperationException($"Variance-corrected training ended at a = {a:R}, not near {PaperProblem.TrueA}.");
        }
    }

    [Benchmark(Baseline = true)]
    public double VarianceCorrectedOneThread() => Train(_singleThreaded);

    [Benchmark]
    public double VarianceCorrectedAllCores() => Train(_allCores);

    private static double Train(TerminalProblem<Decay> problem)
    {
        TrainingResult result = problem.Train(new VarianceCorrected(LearningRate), [PaperProblem.InitialA], Options);
        if (result.Iteration != Iterations)
        {
            throw new InvalidOperationException($"Training stopped after {result.Iteration} iterations ({result.Status}: {result.Reason}).");
        }

        return result.Parameters[0];
    }
}
