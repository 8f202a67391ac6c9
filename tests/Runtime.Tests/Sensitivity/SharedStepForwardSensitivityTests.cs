using System;
using System.Linq;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Runtime.Tests.Generated;
using Xunit;
using static NeuralOdeGen.Runtime.Tests.Sensitivity.RelativeAgreement;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>
/// <see cref="ForwardSensitivity"/> with <see cref="StepSharing.PerGroup"/>: groups of samples share one adaptive step
/// sequence in vector lanes, the error norm the largest of the samples' own over their whole augmented state
/// <c>[x, ∂x/∂θ, ∂x/∂x0]</c>. The results (gradient, per-sample sensitivities, ∂L/∂x0) differ from the per-sample solves
/// only within the tolerance, do not depend on the thread count, and every sample's sensitivities are at least as accurate
/// as alone.
/// </summary>
public sealed class SharedStepForwardSensitivityTests
{
    private static readonly double[] TrueParameters = [1.5, 1.0, 1.0, 3.0];
    private static readonly double[] Theta = [1.4, 1.1, 0.9, 3.1];

    [Theory]
    [InlineData("Dopri5")]
    [InlineData("Tsit5")]
    [InlineData("BogackiShampine32")]
    public void TrajectoryGradient_PerGroup_AgreesWithPerSampleWithinTheTolerance(string tableau)
    {
        Assert.True(VectorLanes.IsAvailable<GeneratedLotkaVolterra>(), "the generated lane code must run natively for this test");

        // 300 samples: two full groups of 128 and one of 44.
        Dataset data = Data(300);
        OdeSolver solver = Solver(tableau, 1e-9);
        var options = new GradientOptions { InitialStateGradients = true, TimeGradients = true };
        GradientResult perSample = new TrajectoryProblem<GeneratedLotkaVolterra>(data, solver, new ForwardSensitivity(StepSharing.PerSample), options: options).Gradient(Theta);
        GradientResult perGroup = new TrajectoryProblem<GeneratedLotkaVolterra>(data, solver, new ForwardSensitivity(StepSharing.PerGroup), options: options).Gradient(Theta);

        // Both are the derivatives of the flow to about the tolerance (rtol = atol = 1e-9 over t ≤ 4): their difference is
        // the difference of two discretisation errors, each a few 1e-9 of the quantity's scale.
        Assert.Equal(perSample.Loss, perGroup.Loss, 1e-7 * Math.Abs(perSample.Loss));
        AssertClose(perSample.Gradient, perGroup.Gradient, 1e-7);
        AssertClose(perSample.Sensitivities, perGroup.Sensitivities, 1e-7);
        AssertClose(perSample.InitialStateGradients, perGroup.InitialStateGradients, 1e-7);
        AssertClose(perSample.TerminalStates, perGroup.TerminalStates, 1e-7);
        AssertClose(perSample.ObservationTimeGradients, perGroup.ObservationTimeGradients, 1e-7);
        AssertClose([perSample.StartTimeGradient], [perGroup.StartTimeGradient], 1e-7);

        // The shared path ran: its steps are the group's, so the numbers are not the per-sample ones to the bit.
        Assert.NotEqual(perSample.Gradient.ToArray(), perGroup.Gradient.ToArray());
    }

    [Fact]
    public void Gradient_PerGroup_IsTheSameForEveryThreadCount()
    {
        Dataset data = Data(300);
        OdeSolver solver = OdeSolver.Dopri5(1e-8, 1e-8);
        GradientResult one = new TrajectoryProblem<GeneratedLotkaVolterra>(data, solver, new ForwardSensitivity(StepSharing.PerGroup), maxDegreeOfParallelism: 1).Gradient(Theta);
        GradientResult two = new TrajectoryProblem<GeneratedLotkaVolterra>(data, solver, new ForwardSensitivity(StepSharing.PerGroup), maxDegreeOfParallelism: 2).Gradient(Theta);

        // Groups are fixed by sample index and summed in sample order, whichever thread solved them.
        Assert.Equal(one.Loss, two.Loss);
        Assert.Equal(one.Gradient.ToArray(), two.Gradient.ToArray());
        Assert.Equal(one.Sensitivities.ToArray(), two.Sensitivities.ToArray());
    }

    [Fact]
    public void Sensitivities_PerGroup_AreAtLeastAsAccurateAsPerSample()
    {
        // Against a reference at rtol 1e-13: a group's step is accepted only when every sample's own error norm — over its
        // state and its sensitivity columns — is ≤ 1, so each sample's ∂x_t/∂θ error is at most its solo error (up to the
        // scatter of global errors, hence the factor 1.5).
        Dataset data = Data(128);
        OdeSolver loose = OdeSolver.Dopri5(1e-6, 1e-6);
        GradientResult reference = new TrajectoryProblem<GeneratedLotkaVolterra>(data, OdeSolver.Dopri5(1e-13, 1e-13), new ForwardSensitivity()).Gradient(Theta);
        GradientResult perSample = new TrajectoryProblem<GeneratedLotkaVolterra>(data, loose, new ForwardSensitivity(StepSharing.PerSample)).Gradient(Theta);
        GradientResult perGroup = new TrajectoryProblem<GeneratedLotkaVolterra>(data, loose, new ForwardSensitivity(StepSharing.PerGroup)).Gradient(Theta);

        double soloError = MaxAbsoluteDifference(reference.Sensitivities, perSample.Sensitivities);
        double groupError = MaxAbsoluteDifference(reference.Sensitivities, perGroup.Sensitivities);
        Assert.True(soloError > 0.0, "the loose solve must have an error to compare");
        Assert.True(groupError <= 1.5 * soloError, $"group error {groupError:e3}, per-sample error {soloError:e3}");
    }

    [Fact]
    public void LaneRule_PerGroupAdaptive_GroupsSamples()
    {
        var loss = new TrajectoryMse(Data(10));
        Assert.Equal(VectorLanes.SamplesPerGroup, new ForwardSensitivity(StepSharing.PerGroup).CreateWorkspace<GeneratedLotkaVolterra>(OdeSolver.Dopri5(), loss).LaneCount);
        Assert.Equal(1, new ForwardSensitivity(StepSharing.PerSample).CreateWorkspace<GeneratedLotkaVolterra>(OdeSolver.Dopri5(), loss).LaneCount);
        Assert.Equal(StepSharing.PerGroup, new ForwardSensitivity(StepSharing.PerGroup).StepSharing);
        Assert.Equal(StepSharing.PerSample, new ForwardSensitivity().StepSharing);
    }

    [Fact]
    public void Gradient_PerGroupWarmedUp_AllocatesNothing()
    {
        // 300 samples: groups of 128, 128 and 44, so two stepper sizes, both created during the warm-up.
        var problem = new TrajectoryProblem<GeneratedLotkaVolterra>(
            Data(300), OdeSolver.Dopri5(1e-8, 1e-8), new ForwardSensitivity(StepSharing.PerGroup), maxDegreeOfParallelism: 1,
            options: new GradientOptions { InitialStateGradients = true });
        GradientResult result = problem.CreateResult();
        problem.Gradient(Theta, result);
        problem.Gradient(Theta, result);

        // Exact: the quietest of five calls (the runtime's own occasional work on this thread does not repeat).
        long quietest = long.MaxValue;
        for (int trial = 0; trial < 5 && quietest > 0; trial++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            problem.Gradient(Theta, result);
            quietest = Math.Min(quietest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, quietest);
    }

    [Fact]
    public void Constructor_UndefinedStepSharing_NamesTheArgument()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new ForwardSensitivity((StepSharing)7));
        Assert.Equal("stepSharing", exception.ParamName);
        Assert.Contains("Expected StepSharing.PerSample or StepSharing.PerGroup.", exception.Message, StringComparison.Ordinal);
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
}
