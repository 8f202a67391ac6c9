using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Problems;

public sealed class TerminalProblemDataTests
{
    [Fact]
    public void Constructor_TrajectoryData_ThrowsPointingToTrajectoryProblem()
    {
        Dataset trajectory = Dataset.Create(1, [1.0], [0.5, 1.0], [0.6, 0.37]);

        ArgumentException exception = Assert.Throws<ArgumentException>(() => new TerminalProblem<Decay>(trajectory));

        // The problem-level user needs the problem type, not the loss class inside it.
        Assert.Equal("data", exception.ParamName);
        Assert.Contains("TrajectoryProblem<TModel>", exception.Message, StringComparison.Ordinal);
        Assert.Contains("2 observation times", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TrajectoryMse", exception.Message, StringComparison.Ordinal);
    }
}
