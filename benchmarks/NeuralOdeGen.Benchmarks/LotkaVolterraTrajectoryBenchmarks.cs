using System;
using BenchmarkDotNet.Attributes;
using NeuralOdeGen.Benchmarks.Models;

namespace NeuralOdeGen.Benchmarks;

/// <summary>
/// The Lotka–Volterra trajectory workload of <c>benchmarks/peers/torchdiffeq_workloads.py</c>, exactly: 1 000 samples
/// <c>x0_i = (1 + ½ sin(i+1), 1 + ½ cos(i+1))</c>, targets from the true (α, β, δ, γ) = (1.5, 1, 1, 3) at the 20 times
/// <c>0.5, 1, …, 10</c>, loss <c>mean_{i,k} ½‖x_i(t_k) − y_ik‖²</c> at θ = (1.4, 1.1, 0.9, 3.1), dopri5 with
/// rtol = atol = 1e-8; one gradient, one thread. The discrete adjoint is the counterpart of torchdiffeq's
/// backpropagation through the solver, the continuous adjoint of <c>odeint_adjoint</c>.
/// </summary>
[MemoryDiagnoser]
public class LotkaVolterraTrajectoryBenchmarks
{
    /// <summary>The number of samples.</summary>
    public const int SampleCount = 1_000;

    /// <summary>The number of observation times.</summary>
    public const int ObservationCount = 20;

    private static readonly double[] TrueParameters = [1.5, 1.0, 1.0, 3.0];
    private static readonly double[] Theta = [1.4, 1.1, 0.9, 3.1];
    private TrajectoryProblem<LotkaVolterra> _problem = null!;

    [Params("Discrete", "Continuous", "DiscreteShared", "ContinuousShared")]
    public string Method { get; set; } = "Discrete";

    [GlobalSetup]
    public void Setup()
    {
        Dataset data = CreateData();
        _problem = new TrajectoryProblem<LotkaVolterra>(data, OdeSolver.Dopri5(1e-8, 1e-8), PaperProblem.Method(Method), maxDegreeOfParallelism: 1);
        GradientResult first = _problem.Gradient(Theta);

        // Printed so that a reader can check that both sides computed the same loss (the peer script prints its own).
        Console.WriteLine($"// Lotka–Volterra trajectory, {Method}: loss {first.Loss:R}, dL/dα {first.Gradient[0]:R}");
    }

    [Benchmark]
    public double GradientOneThread() => _problem.Gradient(Theta).Gradient[0];

    /// <summary>The workload's dataset; targets from a tight (1e-12) solve with the true parameters.</summary>
    /// <returns>1 000 samples observed at 20 times.</returns>
    public static Dataset CreateData()
    {
        double[] initialStates = new double[SampleCount * 2];
        double[] times = new double[ObservationCount];
        for (int k = 0; k < ObservationCount; k++)
        {
            times[k] = 0.5 * (k + 1);
        }

        for (int i = 0; i < SampleCount; i++)
        {
            initialStates[2 * i] = 1.0 + (0.5 * Math.Sin(i + 1));
            initialStates[(2 * i) + 1] = 1.0 + (0.5 * Math.Cos(i + 1));
        }

        var integrator = new OdeIntegrator<LotkaVolterra>(OdeSolver.Dopri5(1e-12, 1e-12));
        double[] targets = new double[SampleCount * ObservationCount * 2];
        for (int i = 0; i < SampleCount; i++)
        {
            double start = 0.0;
            double[] state = [initialStates[2 * i], initialStates[(2 * i) + 1]];
            double[] next = new double[2];
            for (int k = 0; k < ObservationCount; k++)
            {
                integrator.Solve(start, times[k], state, TrueParameters, next);
                next.CopyTo(targets, ((i * ObservationCount) + k) * 2);
                (state, next) = (next, state);
                start = times[k];
            }
        }

        return Dataset.Create(2, initialStates, times, targets);
    }
}
