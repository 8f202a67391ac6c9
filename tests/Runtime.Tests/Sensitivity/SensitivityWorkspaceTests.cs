using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>
/// What every sensitivity method's workspace refuses before solving anything (an implicit solver, a loss over another
/// number of states, missing arguments), with the argument's name and the key words of the message, and the methods'
/// names and whether they provide ∂x_t/∂θ.
/// </summary>
public sealed class SensitivityWorkspaceTests
{
    public static TheoryData<string> Methods => ["Discrete", "Continuous", "Checkpointed", "Forward"];

    [Theory]
    [InlineData("Discrete", "DiscreteAdjoint")]
    [InlineData("Continuous", "ContinuousAdjoint")]
    public void CreateWorkspace_ImplicitSolverWithoutAnImplicitPath_ThrowsNamingSolverAndMethod(string method, string methodName)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(
            () => Solvers.AllocationTests.MethodByName(method).CreateWorkspace<Shear>(OdeSolver.Rodas4(), TerminalLoss(2)));

        Assert.Equal("solver", error.ParamName);
        Assert.Contains($"{methodName} has no gradients through the implicit solver", error.Message, StringComparison.Ordinal);
        Assert.Contains("(Rosenbrock)", error.Message, StringComparison.Ordinal);
        Assert.Contains("ForwardSensitivity", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Checkpointed")]
    [InlineData("Forward")]
    public void CreateWorkspace_ImplicitSolverWithAnImplicitPath_IsAccepted(string method) =>
        Assert.NotNull(Solvers.AllocationTests.MethodByName(method).CreateWorkspace<Shear>(OdeSolver.Rodas4(), TerminalLoss(2)));

    [Theory]
    [MemberData(nameof(Methods))]
    public void CreateWorkspace_LossOverOtherStateCount_ThrowsNamingLossAndModel(string method)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(
            () => Solvers.AllocationTests.MethodByName(method).CreateWorkspace<Shear>(OdeSolver.Rk4(4), TerminalLoss(1)));

        Assert.Equal("loss", error.ParamName);
        Assert.Contains("compares 1 states but Shear has 2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void CreateWorkspace_NullArguments_Throw(string method)
    {
        ISensitivityMethod sensitivity = Solvers.AllocationTests.MethodByName(method);

        Assert.Equal("solver", Assert.Throws<ArgumentNullException>(() => sensitivity.CreateWorkspace<Shear>(null!, TerminalLoss(2))).ParamName);
        Assert.Equal("loss", Assert.Throws<ArgumentNullException>(() => sensitivity.CreateWorkspace<Shear>(OdeSolver.Rk4(4), null!)).ParamName);
    }

    [Fact]
    public void Methods_NameThemselvesAndSayWhetherTheyProvideSensitivities()
    {
        Assert.Equal("Forward sensitivity", new ForwardSensitivity().Name);
        Assert.True(new ForwardSensitivity().ProvidesSensitivities);
        Assert.Equal("Checkpointed continuous adjoint", new CheckpointedAdjoint().Name);
        Assert.False(new CheckpointedAdjoint().ProvidesSensitivities);
        Assert.Equal("Continuous adjoint (backsolve)", new ContinuousAdjoint().Name);
        Assert.False(new ContinuousAdjoint().ProvidesSensitivities);
        Assert.False(new DiscreteAdjoint().ProvidesSensitivities);
    }

    [Fact]
    public void Workspace_KeepsSolverAndLossAndStartsWithNoWork()
    {
        OdeSolver solver = OdeSolver.Rk4(4);
        ILoss loss = TerminalLoss(2);

        SensitivityWorkspace<Shear> workspace = new ForwardSensitivity().CreateWorkspace<Shear>(solver, loss);

        Assert.Same(solver, workspace.Solver);
        Assert.Same(loss, workspace.Loss);
        Assert.Equal(default, workspace.Statistics);
    }

    [Fact]
    public void ComputeSample_ThenResetStatistics_CountsOneSampleThenNothing()
    {
        // Forward sensitivities with RK4, 4 steps over [0, 2]: 4 steps and 16 evaluations for one sample.
        SensitivityWorkspace<Shear> workspace = new ForwardSensitivity().CreateWorkspace<Shear>(OdeSolver.Rk4(4), TerminalLoss(2));
        double[] gradient = new double[2];
        double[] terminal = new double[2];
        double[] sensitivities = new double[4];

        double loss = workspace.ComputeSample(0, [1.0, 2.0], [0.5, 3.0], gradient, terminal, sensitivities);

        // Sample 0 of the Shear closed form (ShearClosedFormTests): x_t = (2, 11), target (1, 10), weight ½ (N = 2):
        // loss ½·½·2 = 0.5, gradient ½·Sᵀr = ½·(8, 3), sensitivities [[2, 0], [6, 3]].
        Assert.Equal(0.5, loss, 1e-12);
        Assert.Equal(4.0, gradient[0], 1e-12);
        Assert.Equal(1.5, gradient[1], 1e-12);
        Assert.Equal(new SolverStatistics(4, 0, 16), workspace.Statistics);
        Assert.Equal(2.0, sensitivities[0], 1e-12);
        Assert.Equal(6.0, sensitivities[2], 1e-12);
        Assert.Equal(3.0, sensitivities[3], 1e-12);

        // The gradient is added to, not overwritten: a second identical sample doubles it.
        workspace.ComputeSample(0, [1.0, 2.0], [0.5, 3.0], gradient, terminal, []);
        Assert.Equal(8.0, gradient[0], 1e-12);
        Assert.Equal(new SolverStatistics(8, 0, 32), workspace.Statistics);

        workspace.ResetStatistics();
        Assert.Equal(default, workspace.Statistics);
    }

    private static TerminalMse TerminalLoss(int stateCount) =>
        new(Dataset.Terminal(stateCount, stateCount == 2 ? [1.0, 2.0, -1.0, 0.5] : [1.0, -1.0], stateCount == 2 ? [1.0, 10.0, 0.5, -3.0] : [0.0, 0.0], 2.0));
}
