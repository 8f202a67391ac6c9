using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>
/// The implicit paths of the two methods that have one (forward sensitivities through the implicit steps, the
/// checkpointed adjoint solved implicitly) on the Shear closed form of <see cref="ShearClosedFormTests"/>: the same hand
/// loss, gradient, terminal states and sensitivities, terminal and with two observation times (the adjoint's jumps),
/// fixed and adaptive, and each sample's solver work counted once.
/// </summary>
/// <remarks>
/// Shear is linear with a nilpotent Jacobian and a polynomial solution of degree 2 (its sensitivities and adjoint of
/// degree ≤ 3). A Rosenbrock or ESDIRK step of order ≥ 3 with the exact Jacobian reproduces such a solution up to
/// rounding and, for ESDIRK, the Newton tolerance; 1e-9 leaves room for both on values of size ≤ 11 and is far below any
/// wrong term (the smallest hand value that a wrong index or a missed jump changes is 0.125).
/// </remarks>
public sealed class ShearImplicitClosedFormTests
{
    private const double Tolerance = 1e-9;
    private static readonly double[] InitialStates = [1.0, 2.0, -1.0, 0.5];
    private static readonly double[] Theta = [0.5, 3.0];

    public static TheoryData<string, string> Combinations
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string method in new[] { "Checkpointed", "Forward" })
            {
                foreach (string solver in new[] { "Rodas4Fixed", "Kvaerno5Fixed", "Rodas4Adaptive", "Kvaerno5Adaptive" })
                {
                    data.Add(method, solver);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void TerminalLoss_ImplicitSolver_MatchesTheHandGradient(string method, string solver)
    {
        // As ShearClosedFormTests: loss 0.625, ∇ = (5, 1.25), x_t = (2, 11) and (0, −2.5).
        Dataset data = Dataset.Terminal(2, InitialStates, [1.0, 10.0, 0.5, -3.0], 2.0);
        var problem = new TerminalProblem<Shear>(data, Solver(solver), Solvers.AllocationTests.MethodByName(method), maxDegreeOfParallelism: 1);

        GradientResult result = problem.Gradient(Theta);

        Assert.Equal(0.625, result.Loss, Tolerance);
        Assert.Equal(5.0, result.Gradient[0], Tolerance);
        Assert.Equal(1.25, result.Gradient[1], Tolerance);
        AssertState([2.0, 11.0], result.TerminalState(0));
        AssertState([0.0, -2.5], result.TerminalState(1));
        if (method == "Forward")
        {
            AssertState([2.0, 0.0, 6.0, 3.0], result.Sensitivity(0));
            AssertState([2.0, 0.0, 6.0, -1.0], result.Sensitivity(1));
        }
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void TwoObservationTimes_ImplicitSolver_MatchesTheHandGradient(string method, string solver)
    {
        // As ShearClosedFormTests: loss 0.453125, ∇ = (2.875, 0.8125).
        Dataset data = Dataset.Create(2, InitialStates, [1.0, 2.0], [1.0, 5.0, 1.0, 10.0, 0.0, -2.0, 0.5, -3.0]);
        var problem = new TrajectoryProblem<Shear>(data, Solver(solver), Solvers.AllocationTests.MethodByName(method), maxDegreeOfParallelism: 1);

        GradientResult result = problem.Gradient(Theta);

        Assert.Equal(0.453125, result.Loss, Tolerance);
        Assert.Equal(2.875, result.Gradient[0], Tolerance);
        Assert.Equal(0.8125, result.Gradient[1], Tolerance);
        AssertState([2.0, 11.0], result.TerminalState(0));
        AssertState([0.0, -2.5], result.TerminalState(1));
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void TerminalLoss_InitialStateAndTimeGradients_MatchTheHandValues(string method, string solver)
    {
        // ∂x(2)/∂x0 = [[1, 0], [2b, 1]] = [[1, 0], [6, 1]]; residuals (1, 1) and (−0.5, 0.5), weight ½ each:
        // ∂L/∂x0 = ½·(7, 1) and ½·(2.5, 0.5). ∂L/∂τ = Σ ½·r·f(x(2)) with f(2, 11) = (0.5, 6) and f(0, −2.5) = (0.5, 0):
        // ½·6.5 + ½·(−0.25) = 3.125, and ∂L/∂t0 = −3.125 (the model is autonomous: moving both times together changes nothing).
        Dataset data = Dataset.Terminal(2, InitialStates, [1.0, 10.0, 0.5, -3.0], 2.0);
        var options = new GradientOptions { InitialStateGradients = true, TimeGradients = true };
        var problem = new TerminalProblem<Shear>(data, Solver(solver), Solvers.AllocationTests.MethodByName(method), maxDegreeOfParallelism: 1, options: options);

        GradientResult result = problem.Gradient(Theta);

        AssertState([3.5, 0.5], result.InitialStateGradient(0));
        AssertState([1.25, 0.25], result.InitialStateGradient(1));
        AssertState([3.125], result.ObservationTimeGradients);
        Assert.Equal(-3.125, result.StartTimeGradient, Tolerance);
    }

    [Theory]
    [InlineData("Forward", "Rodas4Fixed", true)]
    [InlineData("Forward", "Rodas4Fixed", false)]
    [InlineData("Forward", "Kvaerno5Adaptive", false)]
    [InlineData("Checkpointed", "Rodas4Fixed", false)]
    public void TerminalLoss_OneExtraOutputOnly_IsThatOutputsHandValue(string method, string solver, bool initialState)
    {
        // As above, with only one of the two extra outputs asked for (the forward method then has only its columns).
        Dataset data = Dataset.Terminal(2, InitialStates, [1.0, 10.0, 0.5, -3.0], 2.0);
        var options = new GradientOptions { InitialStateGradients = initialState, TimeGradients = !initialState };
        var problem = new TerminalProblem<Shear>(data, Solver(solver), Solvers.AllocationTests.MethodByName(method), maxDegreeOfParallelism: 1, options: options);

        GradientResult result = problem.Gradient(Theta);

        Assert.Equal(5.0, result.Gradient[0], Tolerance);
        if (initialState)
        {
            AssertState([1.25, 0.25], result.InitialStateGradient(1));
            Assert.False(result.HasTimeGradients);
        }
        else
        {
            AssertState([3.125], result.ObservationTimeGradients);
            Assert.Equal(-3.125, result.StartTimeGradient, Tolerance);
            Assert.False(result.HasInitialStateGradients);
        }
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void BackwardsInTime_ImplicitSolver_MatchesTheHandGradient(string method, string solver)
    {
        // From t0 = 2 back to τ = 0 with x(2) = (1, 2): x₀ = 1 + a(t − 2), x₁ = 2 + b((t − 2) + a(t − 2)²/2), so
        // x(0) = (0, −1) and S = ∂x(0)/∂(a, b) = [[−2, 0], [b·2, −2 + 2a]] = [[−2, 0], [6, −1]]. Target (1, 0), one sample:
        // r = (−1, −1), loss ½·2 = 1, ∇ = Sᵀr = (2 − 6, 1) = (−4, 1).
        Dataset data = Dataset.Create(2, [1.0, 2.0], [0.0], [1.0, 0.0], startTime: 2.0);
        var problem = new TrajectoryProblem<Shear>(data, Solver(solver), Solvers.AllocationTests.MethodByName(method), maxDegreeOfParallelism: 1);

        GradientResult result = problem.Gradient(Theta);

        Assert.Equal(1.0, result.Loss, Tolerance);
        Assert.Equal(-4.0, result.Gradient[0], Tolerance);
        Assert.Equal(1.0, result.Gradient[1], Tolerance);
        AssertState([0.0, -1.0], result.TerminalState(0));
    }

    [Theory]
    [InlineData("Checkpointed", "Rodas4Fixed")]
    [InlineData("Checkpointed", "Kvaerno5Fixed")]
    [InlineData("Forward", "Rodas4Fixed")]
    [InlineData("Forward", "Kvaerno5Fixed")]
    public void ComputeSample_TwoSamples_CountsEachSampleOnce(string method, string solver)
    {
        SensitivityWorkspace<Shear> workspace = Solvers.AllocationTests.MethodByName(method)
            .CreateWorkspace<Shear>(Solver(solver), new TerminalMse(Dataset.Terminal(2, InitialStates, [1.0, 10.0, 0.5, -3.0], 2.0)));
        double[] gradient = new double[2];

        workspace.ComputeSample(0, [1.0, 2.0], Theta, gradient, new double[2], []);
        SolverStatistics one = workspace.Statistics;
        workspace.ComputeSample(0, [1.0, 2.0], Theta, gradient, new double[2], []);

        // A fixed grid takes 4 steps per solve (the checkpointed adjoint two solves), and the second sample adds as much.
        Assert.Equal(method == "Forward" ? 4 : 8, one.Steps);
        Assert.Equal(one + one, workspace.Statistics);

        // Sample 0 twice: ½·(8, 3) twice.
        Assert.Equal(8.0, gradient[0], Tolerance);
        Assert.Equal(3.0, gradient[1], Tolerance);
    }

    private static OdeSolver Solver(string name) => name switch
    {
        "Rodas4Fixed" => OdeSolver.Fixed(ImplicitTableaus.Rodas4, 4),
        "Kvaerno5Fixed" => OdeSolver.Fixed(ImplicitTableaus.Kvaerno5, 4),
        "Rodas4Adaptive" => OdeSolver.Rodas4(1e-10, 1e-12),
        "Kvaerno5Adaptive" => OdeSolver.Kvaerno5(1e-10, 1e-12),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown solver."),
    };

    private static void AssertState(double[] expected, ReadOnlySpan<double> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], Tolerance);
        }
    }
}
