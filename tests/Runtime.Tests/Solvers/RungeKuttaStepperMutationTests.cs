using System;
using System.Collections.Generic;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>
/// <see cref="RungeKuttaStepper"/> as the mutation run found it untested: the error order and the rejection flag it gives
/// the controller (seen through a recording controller), the evaluation count (f at the start, Hairer's probe unless a
/// first step is given, six new stages per Dormand–Prince attempt), the step budget, what it records (derivatives for
/// Hermite, stages for a method's own dense output), rewinding and invalidating, a fixed grid ending on its stop exactly,
/// and stop times outside the span.
/// </summary>
/// <remarks>The problem is <c>y' = y</c>, <c>y(0) = 1</c>, so f(t, y) = y: a recorded derivative equals its state.</remarks>
public sealed class RungeKuttaStepperMutationTests
{
    [Theory]
    [InlineData("DormandPrince54", 5)] // min(5, 4) + 1
    [InlineData("BogackiShampine32", 3)] // min(3, 2) + 1
    public void AdaptiveStep_GivesTheControllerTheLowerOrderPlusOne(string tableau, int errorOrder)
    {
        var controller = new RecordingController();
        RungeKuttaStepper stepper = Stepper(OdeSolver.Adaptive(ButcherTableauTests.ByName(tableau), 1e-6, 1e-6, initialStep: 0.1, controller: controller));

        stepper.AdvanceTo(ref Unchanged, 0.3, 0.3, record: null);

        Assert.NotEmpty(controller.Accepted);
        Assert.All(controller.Accepted, accept => Assert.Equal(errorOrder, accept.ErrorOrder));
    }

    [Fact]
    public void AdaptiveStep_AfterARejection_TellsTheControllerOnceAndThenNot()
    {
        // A first step of 1 at rtol 1e-10 is rejected; the controller quarters it until a step is accepted, and keeps it.
        var controller = new RecordingController();
        RungeKuttaStepper stepper = Stepper(OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-10, 1e-10, initialStep: 1.0, controller: controller));

        stepper.AdvanceTo(ref Unchanged, 1.0, 1.0, record: null);

        Assert.True(controller.Rejections > 0);
        Assert.True(controller.Accepted[0].RejectedBefore);
        Assert.False(controller.Accepted[1].RejectedBefore);
        Assert.Equal(controller.Rejections, stepper.Statistics.RejectedSteps);
    }

    [Theory]
    [InlineData(0.0, 2)] // f at the start and Hairer's probe
    [InlineData(0.05, 1)] // a given first step: no probe
    public void AdaptiveSolve_CountsEveryEvaluation(double initialStep, int beforeTheSteps)
    {
        // Dormand–Prince is first-same-as-last: after f at the start, each attempt (accepted or rejected) adds 6.
        RungeKuttaStepper stepper = Stepper(OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-8, 1e-8, initialStep: initialStep));

        stepper.AdvanceTo(ref Unchanged, 1.0, 1.0, record: null);

        SolverStatistics statistics = stepper.Statistics;
        Assert.Equal(beforeTheSteps + (6 * (statistics.Steps + statistics.RejectedSteps)), statistics.FunctionEvaluations);
    }

    [Fact]
    public void AdaptiveStep_GivenFirstStep_IsTheFirstStepTried()
    {
        var controller = new RecordingController();
        RungeKuttaStepper stepper = Stepper(OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-6, 1e-6, initialStep: 0.01, controller: controller));

        stepper.AdaptiveStep(ref Unchanged, 1.0);

        Assert.Equal(0.01, controller.Accepted[0].H);
        Assert.Equal(0.01, stepper.Time);
    }

    [Fact]
    public void AdaptiveSolve_StepBudget_AllowsExactlyMaxStepsAttempts()
    {
        // The recording controller keeps h = 0.01, so [0, 1] needs 100 steps; with maxSteps 3 the solve stops after the
        // third step, at t = 0.03.
        var controller = new RecordingController();
        RungeKuttaStepper stepper = Stepper(OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-6, 1e-6, initialStep: 0.01, maxSteps: 3, controller: controller));

        OdeSolverException error = Assert.Throws<OdeSolverException>(() => stepper.AdvanceTo(ref Unchanged, 1.0, 1.0, record: null));

        Assert.Equal(OdeSolverFailure.MaxStepsExceeded, error.Reason);
        Assert.Equal(3, controller.Accepted.Count);
        Assert.Equal(0.03, error.Time, 1e-15); // three additions of 0.01
    }

    [Fact]
    public void AdvanceTo_HermiteRecord_StoresTheDerivativeAtEveryPoint()
    {
        RungeKuttaStepper stepper = Stepper(OdeSolver.Rk4(2));
        var record = new TrajectoryRecord(1, storesDerivatives: true);
        record.Add(0.0, 0.0, [1.0]);
        var system = new Growth();
        stepper.CurrentDerivative(ref system).CopyTo(record.Derivative(0));

        stepper.AdvanceTo(ref system, 1.0, 1.0, record);

        Assert.Equal(3, record.Count);
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(record.State(k)[0], record.Derivative(k)[0]); // f(t, y) = y, evaluated at exactly the recorded state
        }

        Assert.Equal(1.0, record.Time(2));

        // f at each recorded point is evaluated once and reused as the next step's first stage: 1 at the start, then per
        // RK4 step 3 new stages and f at its end, 1 + 2·(3 + 1) = 9.
        Assert.Equal(9, stepper.Statistics.FunctionEvaluations);
    }

    [Fact]
    public void AdvanceTo_OwnDenseOutput_StoresEachStepsStages()
    {
        ButcherTableau dp5 = Tableaus.DormandPrince54;
        RungeKuttaStepper stepper = Stepper(OdeSolver.Fixed(dp5, 2));
        var record = new TrajectoryRecord(1, storesDerivatives: false, extension: dp5.ContinuousExtension);
        record.Add(0.0, 0.0, [1.0]);
        var system = new Growth();

        stepper.AdvanceTo(ref system, 1.0, 1.0, record);

        // Stage 0 of step k is f at its start, y_k; the last stage (first same as last) is f at its end, y_{k+1}.
        for (int k = 0; k < 2; k++)
        {
            Span<double> stages = record.Stages(k);
            Assert.Equal(record.State(k)[0], stages[0]);
            Assert.Equal(record.State(k + 1)[0], stages[6]);
        }
    }

    [Fact]
    public void RewindLastStep_ReturnsToTheStepsStartWithItsDerivative()
    {
        RungeKuttaStepper stepper = Stepper(OdeSolver.Rk4(1));
        var system = new Growth();
        stepper.FixedStep(ref system, 1.0, 1.0);
        long evaluations = stepper.Statistics.FunctionEvaluations;

        stepper.RewindLastStep();

        Assert.Equal(0.0, stepper.Time);
        Assert.Equal(1.0, stepper.State[0]);
        Assert.Equal(1.0, stepper.CurrentDerivative(ref system)[0]); // the step's first stage, f(0, 1) = 1, not re-evaluated
        Assert.Equal(evaluations, stepper.Statistics.FunctionEvaluations);
    }

    [Fact]
    public void InvalidateDerivative_AfterTheStateChanged_EvaluatesAgain()
    {
        RungeKuttaStepper stepper = Stepper(OdeSolver.Rk4(1));
        var system = new Growth();
        Assert.Equal(1.0, stepper.CurrentDerivative(ref system)[0]);

        stepper.State[0] = 2.0;
        stepper.InvalidateDerivative();

        Assert.Equal(2.0, stepper.CurrentDerivative(ref system)[0]);
        Assert.Equal(2, stepper.Statistics.FunctionEvaluations);
    }

    [Fact]
    public void AdvanceTo_TheCurrentTime_TakesNoStep()
    {
        RungeKuttaStepper stepper = Stepper(OdeSolver.Rk4(4));

        stepper.AdvanceTo(ref Unchanged, 0.0, 1.0, record: null);

        Assert.Equal(default, stepper.Statistics);
        Assert.Equal(0.0, stepper.Time);
    }

    [Fact]
    public void AdvanceTo_FixedGridWhoseStepsSumShort_EndsOnTheStopExactly()
    {
        // h = 0.3 and 3·0.3 = 0.8999999999999999: the last step ends on 0.9 itself.
        RungeKuttaStepper stepper = Stepper(OdeSolver.Rk4(3));

        stepper.AdvanceTo(ref Unchanged, 0.9, 0.9, record: null);

        Assert.Equal(0.9, stepper.Time);
        Assert.Equal(3, stepper.Statistics.Steps);
    }

    [Theory]
    [InlineData(2.0, 1.0, 0.5)] // backwards, the stop time beyond the end
    [InlineData(0.0, 1.0, 1.5)] // forwards, the stop time beyond the end
    [InlineData(2.0, 1.0, 2.5)] // backwards, the stop time behind the start
    public void AdaptiveSolve_StopTimeOutsideTheSpan_ChangesNothing(double t0, double t1, double stop)
    {
        RungeKuttaStepper with = Stepper(OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-8, 1e-8, stopTimes: [stop]), t0);
        RungeKuttaStepper without = Stepper(OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-8, 1e-8), t0);
        var system = new Growth();

        with.AdvanceTo(ref system, t1, Math.Abs(t1 - t0), record: null);
        without.AdvanceTo(ref system, t1, Math.Abs(t1 - t0), record: null);

        Assert.Equal(t1, with.Time);
        Assert.Equal(without.Statistics, with.Statistics);
        Assert.Equal(without.State[0], with.State[0]); // the same steps, so the same bits
    }

    private static Growth Unchanged;

    private static RungeKuttaStepper Stepper(OdeSolver solver, double t0 = 0.0)
    {
        var stepper = new RungeKuttaStepper(solver, 1);
        stepper.Reset(t0, [1.0]);
        return stepper;
    }

    private struct Growth : IOdeSystem
    {
        public readonly void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => dydt[0] = y[0];
    }

    /// <summary>Keeps every accepted step size and quarters a rejected one, recording what the stepper passes.</summary>
    private sealed class RecordingController : IStepSizeController
    {
        public List<(double H, int ErrorOrder, bool RejectedBefore)> Accepted { get; } = [];

        public int Rejections { get; private set; }

        public StepSizeMemory Start() => default;

        public double AfterAccept(double h, double error, int errorOrder, bool rejectedBefore, ref StepSizeMemory memory)
        {
            Accepted.Add((h, errorOrder, rejectedBefore));
            return h;
        }

        public double AfterReject(double h, double error, int errorOrder, ref StepSizeMemory memory)
        {
            Rejections++;
            return h / 4.0;
        }
    }
}
