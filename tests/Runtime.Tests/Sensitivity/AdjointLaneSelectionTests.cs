using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>
/// Which samples the discrete adjoint solves together for a model without generated lane code (the hand-written
/// <see cref="LotkaVolterra"/>): groups of 8 stacked samples for a fixed-step solve of a terminal loss, one sample at a
/// time for an adaptive solver (<see cref="StepSharing.PerSample"/>: each sample's own steps), when time gradients are
/// wanted (computed sample by sample) and when lanes are switched off (the tests' one-by-one reference). The lane tests
/// compare the grouped path with that reference bit for bit, so a reference that silently took the grouped path too
/// would pass them; these pin the choice itself (docs/quality.md, issue #16: `DiscreteAdjoint` 86 and 106).
/// </summary>
public sealed class AdjointLaneSelectionTests
{
    // The stacked groups of DiscreteAdjoint and ContinuousAdjoint (their private constant Lanes).
    private const int StackedLanes = 8;

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    public void FixedStepTerminalLoss_LanesOn_SolvesGroupsOfEight(string method) =>
        Assert.Equal(StackedLanes, Workspace(method, useLanes: true, OdeSolver.Rk4(10), GradientOptions.None).LaneCount);

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    public void FixedStepTerminalLoss_LanesOff_SolvesOneSampleAtATime(string method) =>
        Assert.Equal(1, Workspace(method, useLanes: false, OdeSolver.Rk4(10), GradientOptions.None).LaneCount);

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    public void AdaptiveSolver_LanesOn_SolvesOneSampleAtATime(string method) =>
        Assert.Equal(1, Workspace(method, useLanes: true, OdeSolver.Dopri5(1e-6, 1e-8), GradientOptions.None).LaneCount);

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    public void TimeGradients_LanesOn_SolvesOneSampleAtATime(string method) =>
        Assert.Equal(1, Workspace(method, useLanes: true, OdeSolver.Rk4(10), new GradientOptions { TimeGradients = true }).LaneCount);

    [Fact]
    public void AdaptiveSolver_DefaultDiscreteAdjoint_SameBitsAsOneByOne()
    {
        // StepSharing.PerSample: every sample takes its own steps, exactly as when solved alone, so the default method and the
        // one-by-one reference agree to the last bit (a stacked group of 8 would share one error norm and one step sequence).
        Dataset data = Dataset.Terminal(2, [1.0, 0.5, 0.7, 1.3, 1.2, 0.9, 0.6, 0.6, 1.4, 1.1, 0.8, 0.7, 0.9, 1.0, 1.1, 0.4], new double[16], 1.5);
        OdeSolver solver = OdeSolver.Dopri5(1e-6, 1e-8);
        double[] theta = [1.4, 1.1, 0.9, 3.1];

        GradientResult grouped = new TerminalProblem<LotkaVolterra>(data, solver, new DiscreteAdjoint(), maxDegreeOfParallelism: 1).Gradient(theta);
        GradientResult alone = new TerminalProblem<LotkaVolterra>(data, solver, new DiscreteAdjoint(useLanes: false), maxDegreeOfParallelism: 1).Gradient(theta);

        Assert.Equal(alone.Loss, grouped.Loss);
        Assert.Equal(alone.Gradient.ToArray(), grouped.Gradient.ToArray());
        Assert.Equal(alone.Statistics, grouped.Statistics);
    }

    private static SensitivityWorkspace<LotkaVolterra> Workspace(string method, bool useLanes, OdeSolver solver, GradientOptions options)
    {
        ISensitivityMethod sensitivity = method == "Discrete" ? new DiscreteAdjoint(useLanes) : new ContinuousAdjoint(useLanes);
        var loss = new TerminalMse(Dataset.Terminal(2, [1.0, 0.5, 0.7, 1.3], [0.0, 0.0, 0.0, 0.0], 1.5));
        return sensitivity.CreateWorkspace<LotkaVolterra>(solver, loss, options);
    }
}
