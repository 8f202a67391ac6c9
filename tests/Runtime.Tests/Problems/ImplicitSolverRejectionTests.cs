using System;
using NeuralOdeGen.Runtime.Tests.Models;
using NeuralOdeGen.Runtime.Tests.Solvers;

namespace NeuralOdeGen.Runtime.Tests.Problems;

/// <summary>Gradients through implicit solvers are not available yet: every problem and sensitivity method says so.</summary>
public sealed class ImplicitSolverRejectionTests
{
    private static readonly Dataset DecayData = Dataset.Terminal(1, [1.0, -0.5], [0.4, -0.2], 1.0);

    [Theory]
    [MemberData(nameof(AllocationTests.Methods), MemberType = typeof(AllocationTests))]
    public void TerminalProblem_ImplicitSolver_ThrowsNamingSolver(string method)
    {
        var exception = Assert.Throws<ArgumentException>(() => new TerminalProblem<Decay>(DecayData, OdeSolver.Rodas4(), AllocationTests.MethodByName(method)));
        Assert.Equal("solver", exception.ParamName);
        Assert.Contains("gradients through implicit solvers are not available yet", exception.Message, StringComparison.Ordinal);
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
