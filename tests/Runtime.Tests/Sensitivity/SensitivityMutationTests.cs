using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>
/// The mutation run's survivors in the workspaces (docs/quality.md, issue #16): each sample's solver work counted once
/// (the steppers' statistics are reset per sample), the loss-only method's terminal state, name and flag, the second
/// sentence of the implicit-solver refusal, and the one-sample-at-a-time lane defaults.
/// </summary>
/// <remarks>
/// Sample 0 of the Shear closed form (<see cref="ShearClosedFormTests"/>): x(0) = (1, 2), θ = (a, b) = (0.5, 3),
/// horizon 2, so x(2) = (1 + 2a, 2 + b(2 + 2a)) = (2, 11); the target is (1, 10) with weight ½ (two samples), so the loss
/// is ½·½·(1² + 1²) = 0.5. RK4 (order 4) solves this quadratic solution exactly, so the explicit values are exact up to
/// rounding; 4 RK4 steps are 4 steps and 16 evaluations.
/// </remarks>
public sealed class SensitivityMutationTests
{
    private static readonly double[] InitialState = [1.0, 2.0];
    private static readonly double[] Theta = [0.5, 3.0];

    [Fact]
    public void ForwardOnly_NamesItselfAndProvidesNoSensitivities()
    {
        var method = new ForwardOnly();

        Assert.Equal("Loss only", method.Name);
        Assert.False(method.ProvidesSensitivities);
    }

    [Fact]
    public void ForwardOnly_ExplicitSolver_WritesTerminalStateAndCountsEachSampleOnce()
    {
        SensitivityWorkspace<Shear> workspace = new ForwardOnly().CreateWorkspace<Shear>(OdeSolver.Rk4(4), TerminalLoss());
        double[] gradient = new double[2];
        double[] terminal = new double[2];

        double loss = workspace.ComputeSample(0, InitialState, Theta, gradient, terminal, []);

        // Exact up to rounding (see the remarks): a few ulps of numbers near 10.
        Assert.Equal(0.5, loss, 1e-12);
        Assert.Equal(2.0, terminal[0], 1e-12);
        Assert.Equal(11.0, terminal[1], 1e-12);
        Assert.Equal(new SolverStatistics(4, 0, 16), workspace.Statistics);

        // A second sample adds one sample's work: with the stepper's own counter not reset per sample the workspace
        // would add 8 steps (the stepper's running total), 12 in all.
        Array.Clear(terminal);
        workspace.ComputeSample(0, InitialState, Theta, gradient, terminal, []);
        Assert.Equal(new SolverStatistics(8, 0, 32), workspace.Statistics);
        Assert.Equal(11.0, terminal[1], 1e-12);

        // The loss-only method leaves the gradient alone.
        Assert.Equal(new[] { 0.0, 0.0 }, gradient);
    }

    [Fact]
    public void ForwardOnly_ImplicitSolver_WritesTerminalStateAndCountsEachSampleOnce()
    {
        SensitivityWorkspace<Shear> workspace = new ForwardOnly().CreateWorkspace<Shear>(OdeSolver.Rodas4(1e-10, 1e-12), TerminalLoss());
        double[] terminal = new double[2];

        double loss = workspace.ComputeSample(0, InitialState, Theta, new double[2], terminal, []);
        SolverStatistics one = workspace.Statistics;
        Array.Clear(terminal);
        workspace.ComputeSample(0, InitialState, Theta, new double[2], terminal, []);

        // rtol 1e-10 on a solution of size 11: the local errors of an order-4 method on a quadratic are rounding, so 1e-8
        // leaves room for the tolerance's worth of error in any case; a missing copy would leave (0, 0).
        Assert.Equal(0.5, loss, 1e-8);
        Assert.Equal(2.0, terminal[0], 1e-8);
        Assert.Equal(11.0, terminal[1], 1e-8);
        Assert.True(one.Steps > 0, "the implicit solve takes steps");
        Assert.Equal(one + one, workspace.Statistics);
    }

    [Fact]
    public void CheckpointedAdjoint_TwoSamples_CountsEachSampleOnce()
    {
        SensitivityWorkspace<Shear> workspace = new CheckpointedAdjoint().CreateWorkspace<Shear>(OdeSolver.Rk4(4), TerminalLoss());
        double[] gradient = new double[2];

        workspace.ComputeSample(0, InitialState, Theta, gradient, new double[2], []);

        // 4 forward and 4 backward RK4 steps, 16 evaluations each, and one more forward evaluation: RK4 has no dense output
        // of its own, so the record keeps f at every point for cubic Hermite, f(t0, x0) included. The gradient is
        // ½·Sᵀr = ½·(8, 3) (ShearClosedFormTests), exact up to rounding.
        Assert.Equal(new SolverStatistics(8, 0, 33), workspace.Statistics);
        Assert.Equal(4.0, gradient[0], 1e-12);
        Assert.Equal(1.5, gradient[1], 1e-12);

        // Without the per-sample resets of either stepper the second sample would add 16 (or 12) steps, not 8.
        workspace.ComputeSample(0, InitialState, Theta, gradient, new double[2], []);
        Assert.Equal(new SolverStatistics(16, 0, 66), workspace.Statistics);
    }

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    public void CreateWorkspace_ImplicitSolver_NamesBothImplicitPathsAndAnExplicitSolver(string method)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(
            () => Solvers.AllocationTests.MethodByName(method).CreateWorkspace<Shear>(OdeSolver.Rodas4(), TerminalLoss()));

        Assert.Contains(
            "Gradients through implicit solvers are available with ForwardSensitivity (exact derivative of the solver's steps) " +
            "and CheckpointedAdjoint (the stiff adjoint solved implicitly); or use an explicit solver such as OdeSolver.Dopri5.",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Workspace_WithoutLanes_SolvesOneSampleAtATime()
    {
        SensitivityWorkspace<Shear> workspace = new ForwardOnly().CreateWorkspace<Shear>(OdeSolver.Rk4(4), TerminalLoss());

        Assert.Equal(1, workspace.LaneCount);
        Assert.False(workspace.FillsPartialGroups);
        double loss = 0.0;
        NotSupportedException error = Assert.Throws<NotSupportedException>(
            () => workspace.ComputeLanes(0, [1.0, 2.0, 1.0, 2.0], Theta, ref loss, new double[2], new double[4], [], [], []));
        Assert.Contains("solves one sample at a time", error.Message, StringComparison.Ordinal);
    }

    private static TerminalMse TerminalLoss() =>
        new(Dataset.Terminal(2, [1.0, 2.0, -1.0, 0.5], [1.0, 10.0, 0.5, -3.0], 2.0));
}
