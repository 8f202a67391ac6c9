using System;
using NeuralOdeGen.Runtime.Tests.Models;
using NeuralOdeGen.Runtime.Tests.Solvers;

namespace NeuralOdeGen.Runtime.Tests.Problems;

/// <summary>
/// Gradients through implicit solvers exist for ForwardSensitivity and CheckpointedAdjoint (see StiffGradientTests); the
/// methods that reverse through the explicit stepper's own stages refuse them by name.
/// </summary>
public sealed class ImplicitSolverRejectionTests
{
    private static readonly Dataset DecayData = Dataset.Terminal(1, [1.0, -0.5], [0.4, -0.2], 1.0);

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    public void TerminalProblem_ImplicitSolverAndReverseMethod_ThrowsNamingSolver(string method)
    {
        var exception = Assert.Throws<ArgumentException>(() => new TerminalProblem<Decay>(DecayData, OdeSolver.Rodas4(), AllocationTests.MethodByName(method)));
        Assert.Equal("solver", exception.ParamName);
        Assert.Contains("has no gradients through the implicit solver", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Forward")]
    [InlineData("Checkpointed")]
    public void TerminalProblem_ImplicitSolverAndSupportedMethod_MatchesDopri5(string method)
    {
        // ẋ = a·x: both tight (rtol 1e-10), the gradients agree to 1e-7 relative.
        var stiff = new TerminalProblem<Decay>(DecayData, OdeSolver.Rodas4(1e-10, 1e-12), AllocationTests.MethodByName(method));
        var explicitProblem = new TerminalProblem<Decay>(DecayData, OdeSolver.Dopri5(1e-10, 1e-12), AllocationTests.MethodByName(method));
        double expected = explicitProblem.Gradient([-0.7]).Gradient[0];
        Assert.Equal(expected, stiff.Gradient([-0.7]).Gradient[0], 1e-7 * Math.Abs(expected));
    }

    [Fact]
    public void TrajectoryProblem_ImplicitSolver_ThrowsNamingSolver()
    {
        var exception = Assert.Throws<ArgumentException>(() => new TrajectoryProblem<Decay>(DecayData, OdeSolver.Kvaerno5()));
        Assert.Equal("solver", exception.ParamName);
        Assert.Contains("Kvaerno5", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dataset_ImplicitSolver_GeneratesTheSameTargetsAsDopri5()
    {
        // Targets of ẋ = a·x at t = 1 by Rodas4 and by Dormand–Prince: both tight, they agree to 1e-7 relative.
        Dataset stiff = Dataset.SampleTerminal<Decay>(4, 7, [-0.5], 1.0, OdeSolver.Rodas4(1e-10, 1e-12));
        Dataset explicitData = Dataset.SampleTerminal<Decay>(4, 7, [-0.5], 1.0);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(explicitData.Target(i, 0)[0], stiff.Target(i, 0)[0], 1e-7);
        }
    }
}
