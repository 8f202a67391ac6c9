using System;
using NeuralOdeGen.Runtime.Tests.Generated;
using NeuralOdeGen.Runtime.Tests.Solvers;
using Xunit.Abstractions;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>
/// Gradients through the implicit solvers (issue #12, item 2): every supported method × solver combination on a linear
/// stiff problem with an analytic gradient, on Robertson and on Van der Pol (μ = 1 000) against central differences of
/// the same solver, and the forward sensitivities against differences of the same fixed-step solver (the exact derivative
/// of its steps).
/// </summary>
public sealed class StiffGradientTests(ITestOutputHelper output)
{
    private const double Lambda = -1e3;
    private static readonly double[] ProtheroTimes = [1e-3, 3e-3, 0.5];
    private static readonly double[] ProtheroTargets = [0.3, 0.1, 0.4];

    public static TheoryData<string, string> Combinations
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string method in new[] { "Forward", "Checkpointed" })
            {
                foreach (string solver in StiffSolverTests.Methods)
                {
                    data.Add(method, solver);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void ProtheroRobinson_ImplicitSolver_GradientMatchesAnalytic(string method, string solver)
    {
        // y' = λ(y − sin t) + cos t from y(0) = 1: y = sin t + e^{λt}, ∂y/∂λ = t e^{λt}; λ = −1e3 over [0, 0.5] is stiff
        // (|λ|·T = 500) and time-dependent, so the Rosenbrock stages use ∂F/∂t of the augmented and adjoint systems too.
        Dataset data = Dataset.Create(1, [1.0], ProtheroTimes, ProtheroTargets);
        var problem = new TrajectoryProblem<GeneratedProtheroRobinson>(data, StiffSolverTests.Adaptive(solver, 1e-10, 1e-12), AllocationTests.MethodByName(method), 1);
        GradientResult result = problem.Gradient([Lambda]);
        double expected = 0.0;
        for (int k = 0; k < ProtheroTimes.Length; k++)
        {
            double t = ProtheroTimes[k];
            double y = Math.Sin(t) + Math.Exp(Lambda * t);
            expected += (y - ProtheroTargets[k]) * t * Math.Exp(Lambda * t) / ProtheroTimes.Length;
        }

        double error = Math.Abs(result.Gradient[0] - expected) / Math.Abs(expected);
        output.WriteLine($"{method} {solver}: gradient {result.Gradient[0]:R}, analytic {expected:R}, relative error {error:E2}; {result.Statistics}");

        // rtol 1e-10: the forward sensitivities are error-controlled with the state (measured ≤ 5e-10); the checkpointed
        // adjoint adds the cubic Hermite interpolation of the transient e^{λt} between forward steps (measured ≤ 1.2e-8).
        // 1e-6 is 10⁴ rtol: it still fails for a sensitivity that lags one Newton iteration (1e-3 measured) or a dropped ∂F/∂t.
        Assert.True(error < (method == "Forward" ? 1e-8 : 1e-6), $"relative error {error:E2}");
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Robertson_ImplicitSolver_GradientMatchesFiniteDifferences(string method, string solver)
    {
        // The three rate constants from noisy observations up to t = 100 (moderate: the slow phase has begun).
        double[] times = [1.0, 10.0, 100.0];
        Dataset data = Dataset.Generate<GeneratedRobertson>([1.0, 0.0, 0.0], [0.04, 3e7, 1e4], times, OdeSolver.Rodas5P(1e-10, 1e-14), 1e-3, 5);
        double[] theta = [0.05, 2.5e7, 1.2e4];
        OdeSolver tight = StiffSolverTests.Adaptive(solver, 1e-11, 1e-15);
        double[] differences = RelativeDifferences(new TrajectoryProblem<GeneratedRobertson>(data, tight, AllocationTests.MethodByName(method), 1), theta);
        var problem = new TrajectoryProblem<GeneratedRobertson>(data, StiffSolverTests.Adaptive(solver, 1e-10, 1e-14), AllocationTests.MethodByName(method), 1);
        double error = ComponentwiseError(problem.Gradient(theta).Gradient, differences);
        output.WriteLine($"{method} {solver}: gradient {GradientChecks.Format(problem.Gradient(theta).Gradient)}, differences {GradientChecks.Format(differences)}, largest relative error {error:E2}; {problem.Gradient(theta).Statistics}");

        // Per component (they span 1e-12 to 1e-3): solves at rtol 1e-10, differences of rtol-1e-11 losses with relative
        // steps 1e-3 and 5e-4 (Richardson: truncation ~1e-12, the loss's solver noise 1e-11/1e-3 ~1e-8). Measured ≤ 7e-9
        // (forward) and ≤ 3.3e-8 (checkpointed Kvaerno5).
        Assert.True(error < 1e-6, $"largest relative error {error:E2}");
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void VanDerPol_ImplicitSolver_GradientMatchesFiniteDifferences(string method, string solver)
    {
        // μ = 1 000 on the slow branch from x = 2 over a short span (J's eigenvalue ≈ −3 000): the gradient in μ.
        double[] times = [0.5, 1.0];
        Dataset data = Dataset.Generate<GeneratedVanDerPol>([2.0, 0.0], [1000.0], times, OdeSolver.Rodas5P(1e-10, 1e-14), 1e-3, 5);
        double[] theta = [900.0];
        OdeSolver tight = StiffSolverTests.Adaptive(solver, 1e-11, 1e-15);
        double[] differences = RelativeDifferences(new TrajectoryProblem<GeneratedVanDerPol>(data, tight, AllocationTests.MethodByName(method), 1), theta);
        var problem = new TrajectoryProblem<GeneratedVanDerPol>(data, StiffSolverTests.Adaptive(solver, 1e-10, 1e-14), AllocationTests.MethodByName(method), 1);
        GradientResult result = problem.Gradient(theta);
        double error = ComponentwiseError(result.Gradient, differences);
        output.WriteLine($"{method} {solver}: gradient {result.Gradient[0]:R}, differences {differences[0]:R}, relative error {error:E2}; {result.Statistics}");

        // As for Robertson: rtol 1e-10 against differences of rtol-1e-11 losses; measured ≤ 2.7e-9 (both methods).
        Assert.True(error < 1e-6, $"relative error {error:E2}");
    }

    [Theory]
    [InlineData("Rodas4")]
    [InlineData("Rodas5P")]
    [InlineData("Kvaerno5")]
    public void FixedStep_ForwardSensitivity_IsTheDerivativeOfTheSolversSteps(string solver)
    {
        // With the step sequence fixed, the forward sensitivities are the derivative of the discrete solution: the
        // Rosenbrock stages with the augmented Jacobian (lower-left block by differences of the generated JVP), the ESDIRK
        // stages solved to the Newton tolerance 1e-12. Few steps, so the discretisation error (1e-3 relative against the
        // analytic value at 500 steps for Kvaerno5) is far above the agreement checked here.
        Dataset prothero = Dataset.Create(1, [1.0], ProtheroTimes, ProtheroTargets);
        Dataset vanDerPol = Dataset.Generate<GeneratedVanDerPol>([2.0, 0.0], [1000.0], [0.5, 1.0], OdeSolver.Rodas5P(1e-10, 1e-14), 1e-3, 5);
        var linear = new TrajectoryProblem<GeneratedProtheroRobinson>(prothero, FixedSolver(solver, 500), new ForwardSensitivity(), 1);
        var nonlinear = new TrajectoryProblem<GeneratedVanDerPol>(vanDerPol, FixedSolver(solver, 100), new ForwardSensitivity(), 1);
        double linearError = ComponentwiseError(linear.Gradient([Lambda]).Gradient, RelativeDifferences(linear, [Lambda]));
        double nonlinearError = ComponentwiseError(nonlinear.Gradient([900.0]).Gradient, RelativeDifferences(nonlinear, [900.0]));
        output.WriteLine($"{solver}: Prothero–Robinson {linearError:E2}, Van der Pol {nonlinearError:E2}");

        // Richardson differences of the same fixed-step loss: truncation (1e-3)⁴ ≈ 1e-12, rounding ε/1e-3 ≈ 1e-13 relative
        // to the loss, amplified where the gradient is small relative to the loss; measured ≤ 1.4e-9. A solver-tolerance
        // level disagreement (what an approximate Jacobian or a lagging Newton iterate gives) is ≥ 1e-6.
        Assert.True(linearError < 1e-8, $"Prothero–Robinson: relative error {linearError:E2}");
        Assert.True(nonlinearError < 1e-8, $"Van der Pol: relative error {nonlinearError:E2}");
    }

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    public void ReverseThroughSteps_ImplicitSolver_ThrowsNamingMethodAndAlternatives(string method)
    {
        Dataset data = Dataset.Create(1, [1.0], ProtheroTimes, ProtheroTargets);
        var exception = Assert.Throws<ArgumentException>(
            () => new TrajectoryProblem<GeneratedProtheroRobinson>(data, OdeSolver.Rodas5P(), AllocationTests.MethodByName(method)));
        Assert.Equal("solver", exception.ParamName);
        Assert.Contains(method + "Adjoint", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Rodas5P", exception.Message, StringComparison.Ordinal);
        Assert.Contains("ForwardSensitivity", exception.Message, StringComparison.Ordinal);
        Assert.Contains("CheckpointedAdjoint", exception.Message, StringComparison.Ordinal);
    }

    internal static OdeSolver FixedSolver(string solver, int steps) => solver switch
    {
        "Rodas4" => OdeSolver.Fixed(ImplicitTableaus.Rodas4, steps),
        "Rodas5P" => OdeSolver.Fixed(ImplicitTableaus.Rodas5P, steps),
        "Kvaerno5" => OdeSolver.Fixed(ImplicitTableaus.Kvaerno5, steps, 1e-12, 1e-14),
        _ => throw new ArgumentOutOfRangeException(nameof(solver), solver, "Unknown solver."),
    };

    /// <summary>
    /// Richardson-extrapolated central differences with steps relative to each parameter (1e-3 and 5e-4 of |θ_k|): the
    /// rate constants span 0.04 to 3e7, so <see cref="GradientChecks.RichardsonDifferences"/>'s max(1, |θ|) scaling would
    /// step 2 % on the smallest.
    /// </summary>
    private static double[] RelativeDifferences<TModel>(OdeProblem<TModel> problem, double[] theta)
        where TModel : struct, IOdeModel<TModel>
    {
        double[] Central(double relativeStep)
        {
            double[] gradient = new double[theta.Length];
            for (int k = 0; k < theta.Length; k++)
            {
                double[] plus = (double[])theta.Clone();
                double[] minus = (double[])theta.Clone();
                plus[k] *= 1.0 + relativeStep;
                minus[k] *= 1.0 - relativeStep;
                gradient[k] = (problem.EvaluateLoss(plus) - problem.EvaluateLoss(minus)) / (plus[k] - minus[k]);
            }

            return gradient;
        }

        double[] coarse = Central(1e-3);
        double[] fine = Central(5e-4);
        for (int k = 0; k < theta.Length; k++)
        {
            fine[k] = ((4.0 * fine[k]) - coarse[k]) / 3.0;
        }

        return fine;
    }

    private static double ComponentwiseError(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected)
    {
        double largest = 0.0;
        for (int k = 0; k < expected.Length; k++)
        {
            largest = Math.Max(largest, Math.Abs(actual[k] - expected[k]) / Math.Abs(expected[k]));
        }

        return largest;
    }
}
