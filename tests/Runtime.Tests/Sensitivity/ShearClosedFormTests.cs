using System;
using NeuralOdeGen.Runtime.Tests.Models;
using NeuralOdeGen.Runtime.Tests.Solvers;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>
/// Every sensitivity method on <see cref="Shear"/>, a two-state, two-parameter model whose solution, sensitivities and
/// adjoint are polynomials that the solvers reproduce exactly: loss, gradient, terminal states and (forward method) the
/// per-sample sensitivity matrix against values worked by hand, with a terminal loss and with a loss at two observation
/// times (so the adjoints' jumps at an earlier observation count). The scalar models of the other sensitivity tests have
/// one state or one parameter, where a transposed or mis-indexed layout still gives the right number.
/// </summary>
/// <remarks>
/// Samples x(0) = (1, 2) and (−1, 0.5), θ = (a, b) = (0.5, 3). By hand, at t = 2: x = (2, 11) and (0, −2.5), ∂x/∂θ =
/// [[2, 0], [6, 3]] and [[2, 0], [6, −1]]; at t = 1: x = (1.5, 5.75) and (−0.5, −1.75), ∂x/∂θ = [[1, 0], [1.5, 1.25]] and
/// [[1, 0], [1.5, −0.75]]. Every number is a dyadic fraction, so only the solvers' roundings separate the results from
/// the hand values: a few dozen operations per step on numbers below 12, hence the 1e-12 tolerance.
/// </remarks>
public sealed class ShearClosedFormTests
{
    private const double Tolerance = 1e-12;
    private static readonly double[] InitialStates = [1.0, 2.0, -1.0, 0.5];
    private static readonly double[] Theta = [0.5, 3.0];

    public static TheoryData<string, bool> Methods
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (string method in new[] { "Discrete", "Continuous", "Checkpointed", "Forward" })
            {
                data.Add(method, false);
                data.Add(method, true);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void TerminalLoss_AnyMethod_MatchesTheHandGradient(string method, bool adaptive)
    {
        // Targets (1, 10) and (0.5, −3): residuals (1, 1) and (−0.5, 0.5). Loss = ½·(½·2 + ½·0.5) = 0.625;
        // ∇ = ½·(Sᵀr) summed = ½·((8, 3) + (2, −0.5)) = (5, 1.25).
        Dataset data = Dataset.Terminal(2, InitialStates, [1.0, 10.0, 0.5, -3.0], 2.0);
        var problem = new TerminalProblem<Shear>(data, Solver(adaptive), AllocationTests.MethodByName(method), maxDegreeOfParallelism: 1);

        GradientResult result = problem.Gradient(Theta);

        Assert.Equal(0.625, result.Loss, Tolerance);
        Assert.Equal(5.0, result.Gradient[0], Tolerance);
        Assert.Equal(1.25, result.Gradient[1], Tolerance);
        AssertState([2.0, 11.0], result.TerminalState(0));
        AssertState([0.0, -2.5], result.TerminalState(1));
        Assert.Equal(method == "Forward", result.HasSensitivities);
        if (result.HasSensitivities)
        {
            // Row-major n×m: ∂x₀/∂a, ∂x₀/∂b, ∂x₁/∂a, ∂x₁/∂b.
            AssertState([2.0, 0.0, 6.0, 3.0], result.Sensitivity(0));
            AssertState([2.0, 0.0, 6.0, -1.0], result.Sensitivity(1));
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void TwoObservationTimes_AnyMethod_MatchesTheHandGradient(string method, bool adaptive)
    {
        // Targets at t = 1: (1, 5) and (0, −2), residuals (0.5, 0.75) and (−0.5, 0.25); at t = 2 as in the terminal case.
        // Loss = ¼·(0.40625 + 0.15625 + 1 + 0.25) = 0.453125;
        // ∇ = ¼·((1.625, 0.9375) + (−0.125, −0.1875) + (8, 3) + (2, −0.5)) = ¼·(11.5, 3.25) = (2.875, 0.8125).
        Dataset data = Dataset.Create(2, InitialStates, [1.0, 2.0], [1.0, 5.0, 1.0, 10.0, 0.0, -2.0, 0.5, -3.0]);
        var problem = new TrajectoryProblem<Shear>(data, Solver(adaptive), AllocationTests.MethodByName(method), maxDegreeOfParallelism: 1);

        GradientResult result = problem.Gradient(Theta);

        Assert.Equal(0.453125, result.Loss, Tolerance);
        Assert.Equal(2.875, result.Gradient[0], Tolerance);
        Assert.Equal(0.8125, result.Gradient[1], Tolerance);
        AssertState([2.0, 11.0], result.TerminalState(0));
        AssertState([0.0, -2.5], result.TerminalState(1));
    }

    [Fact]
    public void Forward_FixedSteps_CountsTheForwardStepsOfEverySample()
    {
        // RK4 with 4 steps over [0, 2] for each of the 2 samples: 8 steps, 4 evaluations each.
        Dataset data = Dataset.Terminal(2, InitialStates, [1.0, 10.0, 0.5, -3.0], 2.0);
        var problem = new TerminalProblem<Shear>(data, OdeSolver.Rk4(4), new ForwardSensitivity(), maxDegreeOfParallelism: 1);

        GradientResult result = problem.Gradient(Theta);

        Assert.Equal(8, result.Statistics.Steps);
        Assert.Equal(32, result.Statistics.FunctionEvaluations);
        Assert.Equal(0, result.Statistics.RejectedSteps);
    }

    [Fact]
    public void EvaluateLoss_MatchesTheGradientsLoss()
    {
        // The loss-only path (no sensitivities) solves the same trajectories: 0.625 as above.
        Dataset data = Dataset.Terminal(2, InitialStates, [1.0, 10.0, 0.5, -3.0], 2.0);
        var problem = new TerminalProblem<Shear>(data, OdeSolver.Rk4(4), new ForwardSensitivity(), maxDegreeOfParallelism: 1);

        Assert.Equal(0.625, problem.EvaluateLoss(Theta), Tolerance);
    }

    private static OdeSolver Solver(bool adaptive) => adaptive ? OdeSolver.Dopri5(1e-10, 1e-10) : OdeSolver.Rk4(4);

    private static void AssertState(double[] expected, ReadOnlySpan<double> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], Tolerance);
        }
    }
}
