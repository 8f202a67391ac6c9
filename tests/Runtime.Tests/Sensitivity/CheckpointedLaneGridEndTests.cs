using System;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Runtime.Tests.Generated;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>
/// The checkpointed adjoint in vector lanes records the last grid point of an interval at the observation time itself, as
/// <see cref="RungeKuttaStepper.AdvanceTo"/> ends a fixed grid on its stop (docs/quality.md, issue #16:
/// `CheckpointedAdjointLanes` 119). With 7 RK4 steps over [0, 0.9], h = 0.9/7 and 0 + 7h = 0.9000000000000001 in binary
/// floating point, so a point recorded at from + 7h would shift the last Hermite interval by one ulp and change the
/// interpolated x(t) of the backward solve, and with it the gradient's last bits.
/// </summary>
public sealed class CheckpointedLaneGridEndTests
{
    private static readonly double[] TrueParameters = [1.5, 1.0, 1.0, 3.0];
    private static readonly double[] Theta = [1.4, 1.1, 0.9, 3.1];

    [Fact]
    public void GridEndNotReproducedByTheStepSum_LanesSameBitsAsOneByOne()
    {
        Assert.NotEqual(0.9, 7 * (0.9 / 7));
        Assert.True(VectorLanes.IsAvailable<GeneratedLotkaVolterra>(), "the generated lane code must run natively for this test");
        Dataset data = Dataset.SampleTerminal<GeneratedLotkaVolterra>(12, new ContinuousUniform(0.5, 1.5, new MersenneTwister(4)), TrueParameters, horizon: 0.9);
        OdeSolver solver = OdeSolver.Rk4(7);
        var options = new GradientOptions { InitialStateGradients = true };
        var loss = new TerminalMse(data);
        Assert.Equal(VectorLanes.SamplesPerGroup, new CheckpointedAdjoint().CreateWorkspace<GeneratedLotkaVolterra>(solver, loss, options).LaneCount);

        GradientResult lanes = new TerminalProblem<GeneratedLotkaVolterra>(data, solver, new CheckpointedAdjoint(), maxDegreeOfParallelism: 1, options: options).Gradient(Theta);
        GradientResult alone = new TerminalProblem<GeneratedLotkaVolterra>(data, solver, new CheckpointedAdjoint(useLanes: false), maxDegreeOfParallelism: 1, options: options).Gradient(Theta);

        // Exact: per sample the same operations in the same order (the lane path's own promise).
        Assert.Equal(alone.Loss, lanes.Loss);
        Assert.Equal(alone.Gradient.ToArray(), lanes.Gradient.ToArray());
        Assert.Equal(alone.InitialStateGradients.ToArray(), lanes.InitialStateGradients.ToArray());
    }
}
