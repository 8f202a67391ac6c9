using BenchmarkDotNet.Attributes;
using NeuralOdeGen.Benchmarks.Models;

namespace NeuralOdeGen.Benchmarks;

/// <summary>
/// Adaptive Dormand–Prince 5(4) (rtol = atol = 1e-8) on Lotka–Volterra (α, β, δ, γ) = (1.5, 1, 1, 3) from
/// (1, 1) over <c>t ∈ [0, 10]</c> (about three periods): one forward solve, and one gradient of a terminal
/// loss for one sample by the discrete and the continuous adjoint.
/// </summary>
[MemoryDiagnoser]
public class AdaptiveBenchmarks
{
    private const double Horizon = 10.0;
    private static readonly double[] TrueParameters = [1.5, 1.0, 1.0, 3.0];
    private static readonly double[] Theta = [1.4, 1.1, 0.9, 3.1];
    private static readonly double[] InitialState = [1.0, 1.0];

    private readonly double[] _final = new double[2];
    private OdeIntegrator<LotkaVolterra> _integrator = null!;
    private TerminalProblem<LotkaVolterra> _discrete = null!;
    private TerminalProblem<LotkaVolterra> _continuous = null!;

    [GlobalSetup]
    public void Setup()
    {
        OdeSolver solver = OdeSolver.Dopri5(1e-8, 1e-8);
        _integrator = new OdeIntegrator<LotkaVolterra>(solver);
        double[] target = new double[2];
        _integrator.Solve(0.0, Horizon, InitialState, TrueParameters, target);
        Dataset data = Dataset.Terminal(2, InitialState, target, Horizon);
        _discrete = new TerminalProblem<LotkaVolterra>(data, solver, new DiscreteAdjoint(), maxDegreeOfParallelism: 1);
        _continuous = new TerminalProblem<LotkaVolterra>(data, solver, new ContinuousAdjoint(), maxDegreeOfParallelism: 1);
    }

    [Benchmark(Baseline = true)]
    public double ForwardSolve()
    {
        _integrator.Solve(0.0, Horizon, InitialState, TrueParameters, _final);
        return _final[0];
    }

    [Benchmark]
    public double GradientDiscreteAdjoint() => _discrete.Gradient(Theta).Gradient[0];

    [Benchmark]
    public double GradientContinuousAdjoint() => _continuous.Gradient(Theta).Gradient[0];
}
