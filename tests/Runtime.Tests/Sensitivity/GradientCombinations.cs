using System;
using NeuralOdeGen.Runtime.Tests.Models;
using NeuralOdeGen.Runtime.Tests.Solvers;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>
/// The method × solver × loss grid of the initial-state and time gradient tests (issue #13), on Lotka–Volterra: every
/// sensitivity method with fixed-step RK4 and adaptive Dormand–Prince, and the implicit Rodas5P (Rosenbrock) and Kvaerno5
/// (ESDIRK) for the methods that have an implicit path (forward sensitivities, checkpointed adjoint); a terminal loss and a trajectory loss whose first
/// observation is the start time itself (the adjoint's jump at t0 counts into ∂L/∂x0).
/// </summary>
internal static class GradientCombinations
{
    public static readonly double[] TrueTheta = [1.5, 1.0, 1.0, 3.0];

    public static readonly double[] Theta = [1.4, 1.1, 0.9, 3.1];

    // Three samples, populations away from zero so the dynamics stay tame.
    public static readonly double[] InitialStates = [1.0, 0.8, 0.7, 1.2, 1.3, 0.9];

    public static TheoryData<string, string, string> All
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (string method in new[] { "Discrete", "Continuous", "Checkpointed", "Forward" })
            {
                foreach (string solver in new[] { "Rk4", "Dopri5", "Rodas5P", "Kvaerno5" })
                {
                    if (solver is "Rodas5P" or "Kvaerno5" && method is "Discrete" or "Continuous")
                    {
                        continue;
                    }

                    data.Add(method, solver, "Terminal");
                    data.Add(method, solver, "Trajectory");
                }
            }

            return data;
        }
    }

    public static OdeSolver Solver(string name) => name switch
    {
        "Rk4" => OdeSolver.Rk4(200),
        "Dopri5" => OdeSolver.Dopri5(1e-11, 1e-12),
        "Rodas5P" => OdeSolver.Rodas5P(1e-10, 1e-12),
        "Kvaerno5" => OdeSolver.Kvaerno5(1e-10, 1e-12),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown solver."),
    };

    /// <summary>The observation times of the loss, starting at <paramref name="startTime"/> and running <paramref name="direction"/>.</summary>
    public static double[] Times(string loss, double startTime = 0.0, double direction = 1.0) => loss switch
    {
        "Terminal" => [startTime + (direction * 2.0)],
        "Trajectory" => [startTime, startTime + (direction * 0.7), startTime + (direction * 1.4), startTime + (direction * 2.0)],
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss."),
    };

    /// <summary>A problem on data generated with <see cref="TrueTheta"/> at the given times (targets from a tight Dopri5).</summary>
    public static OdeProblem<LotkaVolterra> Problem(
        string method, string solver, ReadOnlySpan<double> times, double startTime, GradientOptions options, ReadOnlySpan<double> targets = default)
    {
        Dataset data = targets.IsEmpty
            ? Dataset.Generate<LotkaVolterra>(InitialStates, TrueTheta, times, startTime: startTime)
            : Dataset.Create(2, InitialStates, times, targets, startTime);
        return new TrajectoryProblem<LotkaVolterra>(data, Solver(solver), AllocationTests.MethodByName(method), maxDegreeOfParallelism: 1, options: options);
    }

    /// <summary>Central differences of the loss in every initial-state entry, <c>(L(x0 + δe) − L(x0 − δe)) / 2δ</c>.</summary>
    public static double[] InitialStateDifferences<TModel>(OdeProblem<TModel> problem, double[] theta, double step)
        where TModel : struct, IOdeModel<TModel>
    {
        double[] states = problem.Data.InitialStates.ToArray();
        double[] gradient = new double[states.Length];
        for (int j = 0; j < states.Length; j++)
        {
            double original = states[j];
            states[j] = original + step;
            double plus = problem.EvaluateLoss(theta, states);
            states[j] = original - step;
            double minus = problem.EvaluateLoss(theta, states);
            states[j] = original;
            gradient[j] = (plus - minus) / (2.0 * step);
        }

        return gradient;
    }
}
