using System;
using System.Linq;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Runtime.Tests.Generated;
using Xunit;
using static NeuralOdeGen.Runtime.Tests.Sensitivity.RelativeAgreement;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>
/// <see cref="StepSharing.PerGroup"/>: groups of up to 128 samples share one adaptive step sequence in vector lanes. The
/// results differ from the per-sample solves only within the tolerance, do not depend on the thread count, and every
/// sample is at least as accurate as alone (the error norm is the largest of the samples' own).
/// </summary>
public sealed class SharedStepLaneTests
{
    private static readonly double[] TrueParameters = [1.5, 1.0, 1.0, 3.0];
    private static readonly double[] Theta = [1.4, 1.1, 0.9, 3.1];

    // The relative agreement asked for: both results are the gradient of the flow to about the tolerance (rtol = atol =
    // 1e-9 over t ≤ 4, about 60 steps), so they differ by the difference of two discretisation errors, each a few 1e-9 of
    // the scale — except for the checkpointed adjoint with BS3, whose x(t) comes from BS3's third-order dense output:
    // there the per-sample gradient itself is 9.4e-7 off an rtol-1e-13 reference at a scale of 9.9 (measured), and
    // ∂L/∂x0 relatively more, so the two may differ by a few 1e-7 of the scale.
    public static TheoryData<string, string, double> Cases => new()
    {
        { "Discrete", "Dopri5", 1e-7 },
        { "Continuous", "Dopri5", 1e-7 },
        { "Discrete", "Tsit5", 1e-7 },
        { "Continuous", "BogackiShampine32", 1e-7 },
        { "Checkpointed", "Dopri5", 1e-7 },
        { "Checkpointed", "BogackiShampine32", 2e-6 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TrajectoryGradient_PerGroup_AgreesWithPerSampleWithinTheTolerance(string method, string tableau, double relative)
    {
        Assert.True(VectorLanes.IsAvailable<GeneratedLotkaVolterra>(), "the generated lane code must run natively for this test");

        // 300 samples: two full groups of 128 and one of 44 (its lanes past the last sample padded with copies).
        Dataset data = Data(300);
        OdeSolver solver = Solver(tableau, 1e-9);
        var options = new GradientOptions { InitialStateGradients = true, TimeGradients = true };
        GradientResult perSample = new TrajectoryProblem<GeneratedLotkaVolterra>(data, solver, Method(method, StepSharing.PerSample), options: options).Gradient(Theta);
        GradientResult perGroup = new TrajectoryProblem<GeneratedLotkaVolterra>(data, solver, Method(method, StepSharing.PerGroup), options: options).Gradient(Theta);

        // The forward solves only see the step sharing of the forward pass: 1e-7 for every method.
        Assert.Equal(perSample.Loss, perGroup.Loss, RelativeTolerance(perSample.Loss, 1e-7));
        AssertClose(perSample.Gradient, perGroup.Gradient, relative);
        AssertClose(perSample.InitialStateGradients, perGroup.InitialStateGradients, relative);
        AssertClose(perSample.TerminalStates, perGroup.TerminalStates, 1e-7);
        AssertClose(perSample.ObservationTimeGradients, perGroup.ObservationTimeGradients, relative);
        AssertClose([perSample.StartTimeGradient], [perGroup.StartTimeGradient], relative);

        // The shared path ran: its steps are the group's, so the numbers are not the per-sample ones to the bit.
        Assert.NotEqual(perSample.Gradient.ToArray(), perGroup.Gradient.ToArray());
    }

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    [InlineData("Checkpointed")]
    public void Gradient_PerGroup_IsTheSameForEveryThreadCount(string method)
    {
        Dataset data = Data(300);
        OdeSolver solver = OdeSolver.Dopri5(1e-8, 1e-8);
        GradientResult one = new TrajectoryProblem<GeneratedLotkaVolterra>(data, solver, Method(method, StepSharing.PerGroup), maxDegreeOfParallelism: 1).Gradient(Theta);
        GradientResult two = new TrajectoryProblem<GeneratedLotkaVolterra>(data, solver, Method(method, StepSharing.PerGroup), maxDegreeOfParallelism: 2).Gradient(Theta);

        // Groups are fixed by sample index and summed in sample order, whichever thread solved them.
        Assert.Equal(one.Loss, two.Loss);
        Assert.Equal(one.Gradient.ToArray(), two.Gradient.ToArray());
        Assert.Equal(one.TerminalStates.ToArray(), two.TerminalStates.ToArray());
    }

    [Fact]
    public void TerminalStates_PerGroup_AreAtLeastAsAccurateAsPerSample()
    {
        // Against a reference at rtol 1e-13: the group's steps are accepted only when every sample's own error norm is
        // ≤ 1, so they are no longer than the hardest sample's and each sample's error is at most its solo error (up to
        // the scatter of global errors, hence the factor 1.5).
        Dataset data = Data(128);
        OdeSolver loose = OdeSolver.Dopri5(1e-6, 1e-6);
        var reference = new TrajectoryProblem<GeneratedLotkaVolterra>(data, OdeSolver.Dopri5(1e-13, 1e-13), new DiscreteAdjoint()).Gradient(Theta);
        var perSample = new TrajectoryProblem<GeneratedLotkaVolterra>(data, loose, new DiscreteAdjoint(StepSharing.PerSample)).Gradient(Theta);
        var perGroup = new TrajectoryProblem<GeneratedLotkaVolterra>(data, loose, new DiscreteAdjoint(StepSharing.PerGroup)).Gradient(Theta);

        double soloError = MaxAbsoluteDifference(reference.TerminalStates, perSample.TerminalStates);
        double groupError = MaxAbsoluteDifference(reference.TerminalStates, perGroup.TerminalStates);
        Assert.True(groupError <= 1.5 * soloError, $"group error {groupError:e3}, per-sample error {soloError:e3}");

        // Every sample reports the group's steps, at least as many as the median sample takes alone.
        double median = perSample.Statistics.Steps / (double)data.SampleCount;
        Assert.True(perGroup.Statistics.Steps / (double)data.SampleCount >= median);
    }

    [Theory]
    [InlineData("Discrete", false)]
    [InlineData("Discrete", true)]
    [InlineData("Continuous", false)]
    [InlineData("Continuous", true)]
    [InlineData("Checkpointed", false)]
    [InlineData("Checkpointed", true)]
    public void Gradient_PerGroupWarmedUp_AllocatesNothing(string method, bool initialStateGradients)
    {
        Dataset data = Data(300);
        var problem = new TrajectoryProblem<GeneratedLotkaVolterra>(
            data, OdeSolver.Dopri5(1e-8, 1e-8), Method(method, StepSharing.PerGroup), maxDegreeOfParallelism: 1,
            options: new GradientOptions { InitialStateGradients = initialStateGradients });
        GradientResult result = problem.CreateResult();
        problem.Gradient(Theta, result);
        problem.Gradient(Theta, result);

        long before = GC.GetAllocatedBytesForCurrentThread();
        problem.Gradient(Theta, result);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Exact: the steppers, the step record and the lane buffers are the workspace's, grown during the warm-up.
        Assert.True(allocated == 0, $"{allocated} bytes allocated");
    }

    [Fact]
    public void Constructor_UndefinedStepSharing_NamesTheArgument()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new ContinuousAdjoint((StepSharing)7));
        Assert.Equal("stepSharing", exception.ParamName);
    }

    private static Dataset Data(int samples) =>
        Dataset.SampleTrajectory<GeneratedLotkaVolterra>(
            samples, new ContinuousUniform(0.5, 2.0, new MersenneTwister(11)), TrueParameters, [.. Enumerable.Range(1, 20).Select(k => 0.2 * k)]);

    private static OdeSolver Solver(string tableau, double tolerance) => tableau switch
    {
        "Dopri5" => OdeSolver.Dopri5(tolerance, tolerance),
        "Tsit5" => OdeSolver.Adaptive(Tableaus.Tsitouras54, tolerance, tolerance),
        _ => OdeSolver.Adaptive(Tableaus.BogackiShampine32, tolerance, tolerance),
    };

    private static ISensitivityMethod Method(string name, StepSharing sharing) => name switch
    {
        "Discrete" => new DiscreteAdjoint(sharing),
        "Continuous" => new ContinuousAdjoint(sharing),
        _ => new CheckpointedAdjoint(sharing),
    };

    private static double RelativeTolerance(double scale, double relative) => relative * Math.Abs(scale);
}
