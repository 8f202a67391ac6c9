using System;
using BenchmarkDotNet.Attributes;
using NeuralOdeGen.Benchmarks.Models;

namespace NeuralOdeGen.Benchmarks;

/// <summary>
/// A fixed-step trajectory gradient in vector lanes against one sample at a time: the Lotka–Volterra trajectory workload
/// of <see cref="LotkaVolterraTrajectoryBenchmarks"/> (1 000 samples, 20 observation times up to t = 10) with RK4 and
/// 200 steps, one thread, for the discrete, continuous (backsolve) and checkpointed adjoints and forward sensitivities. <c>Lanes</c> is the generated model (128 samples per group, the default path);
/// <c>PerSample</c> is <see cref="ScalarLotkaVolterra"/>, the same scalar members without lane members. Both give the same
/// bits (the setup prints the first gradient component of each).
/// </summary>
[MemoryDiagnoser]
public class FixedStepTrajectoryBenchmarks
{
    /// <summary>RK4 steps over the horizon t = 10: h = 0.05, ten per observation interval.</summary>
    public const int Steps = 200;

    private static readonly double[] Theta = [1.4, 1.1, 0.9, 3.1];
    private Func<double> _gradient = null!;

    [Params("Discrete", "Continuous", "Checkpointed", "Forward")]
    public string Method { get; set; } = "Discrete";

    [Params("Lanes", "PerSample")]
    public string Path { get; set; } = "Lanes";

    [GlobalSetup]
    public void Setup()
    {
        Dataset data = LotkaVolterraTrajectoryBenchmarks.CreateData();
        _gradient = Path == "Lanes" ? Create<LotkaVolterra>(data) : Create<ScalarLotkaVolterra>(data);
        Console.WriteLine($"// Fixed-step Lotka–Volterra trajectory, {Method}, {Path}: dL/dα {_gradient():R}");
    }

    [Benchmark]
    public double GradientOneThread() => _gradient();

    private Func<double> Create<TModel>(Dataset data)
        where TModel : struct, IOdeModel<TModel>
    {
        ISensitivityMethod method = Method == "Checkpointed" ? new CheckpointedAdjoint() : PaperProblem.Method(Method);
        var problem = new TrajectoryProblem<TModel>(data, OdeSolver.Rk4(Steps), method, maxDegreeOfParallelism: 1);
        // With forward sensitivities the result holds the per-sample ∂x_t/∂θ too, as Gauss–Newton uses it.
        GradientResult result = problem.CreateResult();
        return () =>
        {
            problem.Gradient(Theta, result);
            return result.Gradient[0];
        };
    }
}
