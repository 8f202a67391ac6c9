using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>Stop times (torchdiffeq's <c>jump_t</c>): the solver lands on a discontinuity instead of stepping across it.</summary>
public sealed class StopTimeTests
{
    private const double Rate = 0.8;

    [Fact]
    public void JumpInTheForcing_WithAStopTime_IsSolvedAccuratelyWithoutRejections()
    {
        var withStop = new OdeIntegrator<SwitchedRelaxation>(
            OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-8, 1e-10, stopTimes: [SwitchedRelaxation.SwitchTime]));
        var without = new OdeIntegrator<SwitchedRelaxation>(OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-8, 1e-10));
        double[] stopped = new double[1], crossed = new double[1];

        SolverStatistics stoppedWork = withStop.Solve(0.0, 3.0, [2.0], [Rate], stopped);
        SolverStatistics crossedWork = without.Solve(0.0, 3.0, [2.0], [Rate], crossed);

        // Crossing the jump, the error control shrinks the step onto it through rejection after rejection (measured: 45
        // steps, 28 rejected); landing on it, both smooth pieces go in long steps (22 steps, none rejected). Two smooth
        // pieces at rtol 1e-8 keep the global error ≲ 1e-7.
        double exact = SwitchedRelaxation.Exact(3.0, 2.0, Rate);
        Assert.Equal(exact, stopped[0], 1e-7);
        Assert.True(crossedWork.RejectedSteps >= 10, $"stopped {stoppedWork}, crossed {crossedWork}");
        Assert.True(stoppedWork.RejectedSteps <= 1, $"stopped {stoppedWork}, crossed {crossedWork}");
        Assert.True(2 * stoppedWork.Steps < crossedWork.Steps + crossedWork.RejectedSteps, $"stopped {stoppedWork}, crossed {crossedWork}");
    }

    [Fact]
    public void StopTime_AfterTheJump_TheFirstStageSeesTheRightSide()
    {
        // Stop exactly on the switch and take the output there: from the right side the slope is −k·x + 1, so a
        // solve from t = 1 onwards must follow the exact solution; Dormand–Prince's FSAL stage would have been
        // evaluated at 0 + h with h rounding just below 1 on the left side of the jump otherwise.
        var integrator = new OdeIntegrator<SwitchedRelaxation>(
            OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-9, 1e-12, stopTimes: [SwitchedRelaxation.SwitchTime]));
        double[] outputs = new double[3];

        integrator.Solve(0.0, [0.5, 1.0, 1.7], [2.0], [Rate], outputs);

        Assert.Equal(SwitchedRelaxation.Exact(0.5, 2.0, Rate), outputs[0], 1e-8);
        Assert.Equal(SwitchedRelaxation.Exact(1.0, 2.0, Rate), outputs[1], 1e-8);
        Assert.Equal(SwitchedRelaxation.Exact(1.7, 2.0, Rate), outputs[2], 1e-8);
    }

    [Fact]
    public void StopTimes_BackwardsInTime_AreLandedOnToo()
    {
        var integrator = new OdeIntegrator<SwitchedRelaxation>(
            OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-9, 1e-12, stopTimes: [SwitchedRelaxation.SwitchTime]));
        double[] start = new double[1], back = new double[1];
        integrator.Solve(0.0, 2.5, [2.0], [Rate], start);

        SolverStatistics work = integrator.Solve(2.5, 0.0, start, [Rate], back);

        // Backwards the decaying mode grows (e^{0.8·2.5} ≈ 7.4): every step's local error (≤ rtol·|x|, 1e-9·2) is
        // amplified on the way, so about 25 steps give up to ~4e-7.
        Assert.Equal(2.0, back[0], 5e-7);
        Assert.True(work.RejectedSteps <= 2, $"{work.RejectedSteps} rejections backwards");
    }

    [Theory]
    [InlineData(new[] { 1.0, 1.0 })]
    [InlineData(new[] { 2.0, 1.0 })]
    [InlineData(new[] { double.NaN })]
    public void BadStopTimes_NameThem(double[] stops) =>
        Assert.Equal("stopTimes", Assert.Throws<ArgumentException>(() => OdeSolver.Adaptive(Tableaus.DormandPrince54, stopTimes: stops)).ParamName);

    [Theory]
    [InlineData(new[] { 0.5, double.PositiveInfinity }, 1)]
    [InlineData(new[] { 0.5, 0.25 }, 1)]
    [InlineData(new[] { double.NegativeInfinity }, 0)]
    public void BadStopTimes_MessageNamesTheIndexAndValue(double[] stops, int index)
    {
        var exception = Assert.Throws<ArgumentException>(() => OdeSolver.Adaptive(Tableaus.DormandPrince54, stopTimes: stops));
        Assert.StartsWith($"stopTimes[{index}] = {stops[index]}:", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 0.9)]      // the stop time 1 lies beyond the span
    [InlineData(1.0, 3.0)]      // on the span's start
    [InlineData(3.0, 1.0)]      // on the span's end, backwards
    [InlineData(-2.0, -0.5)]    // every stop time beyond the span
    public void StopTimesOutsideTheSpan_AreIgnored_BitIdentically(double t0, double t1)
    {
        // Documented behaviour: one solver serves many spans (the intervals between observations, backward solves), so a
        // stop time outside a solve's span, or on its start or end, changes nothing: the same bits as without stop times.
        // SwitchedRelaxation's forcing switches at 1, so each span here is smooth.
        var withStops = new OdeIntegrator<SwitchedRelaxation>(OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-8, 1e-10, stopTimes: [-3.0, 1.0, 5.0]));
        var without = new OdeIntegrator<SwitchedRelaxation>(OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-8, 1e-10));
        double[] a = new double[1], b = new double[1];

        SolverStatistics stoppedWork = withStops.Solve(t0, t1, [2.0], [Rate], a);
        SolverStatistics plainWork = without.Solve(t0, t1, [2.0], [Rate], b);

        Assert.Equal(b, a);
        Assert.Equal(plainWork, stoppedWork);
    }

    [Fact]
    public void StopTime_InADenseSolution_IsAStepBoundary()
    {
        // Dense output across the switch: the solution's steps land on it (one ends a floating-point number past it), so
        // no interpolant spans the kink, and Evaluate matches the piecewise exact solution on both sides.
        var integrator = new OdeIntegrator<SwitchedRelaxation>(
            OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-10, 1e-12, stopTimes: [SwitchedRelaxation.SwitchTime]));
        Solution solution = integrator.Solve(0.0, 3.0, [2.0], [Rate], SaveAt.Dense);
        double[] y = new double[1];

        Assert.Contains(Math.BitIncrement(SwitchedRelaxation.SwitchTime), solution.Times.ToArray());
        foreach (double t in new[] { 0.3, 0.999, 1.0, 1.001, 2.5 })
        {
            solution.Evaluate(t, y);

            // Two smooth pieces at rtol 1e-10: global error ≲ 1e-9, and Tsit5's interpolant is of the same size.
            Assert.Equal(SwitchedRelaxation.Exact(t, 2.0, Rate), y[0], 1e-8);
        }
    }
}
