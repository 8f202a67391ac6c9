using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Solvers.StepControl;

/// <summary>The smallest step an explicit adaptive solver may take, and step-size underflow judged at the current time.</summary>
public sealed class MinStepTests
{
    private static readonly double[] Prey = [1.0, 1.0];
    private static readonly double[] Rates = [1.5, 1.0, 1.0, 3.0];

    [Fact]
    public void Solve_NeedingStepsBelowTheMinimum_FailsWithStepSizeBelowMinimum()
    {
        // Lotka–Volterra at rtol 1e-10 needs steps of ~0.01–0.05 (Dormand–Prince's local error ~ h⁵ against 1e-10); a
        // step of 0.5 is rejected, and with minStep = 0.5 there is no smaller one to try.
        var integrator = new OdeIntegrator<LotkaVolterra>(OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-10, 1e-10, minStep: 0.5));
        var exception = Assert.Throws<OdeSolverException>(() => integrator.Solve(0.0, 5.0, Prey, Rates, new double[2]));

        Assert.Equal(OdeSolverFailure.StepSizeBelowMinimum, exception.Reason);
        Assert.Equal(0.5, Math.Abs(exception.StepSize));
        Assert.Contains("minimum", exception.Message, StringComparison.Ordinal);
        Assert.Contains("minStep", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_WithAMinimum_NeverStepsBelowIt()
    {
        // At rtol 1e-6 the first step would be 0.038 (Hairer's starting estimate; measured without a minimum, every later
        // step is longer). With minStep = 0.05 it is raised to exactly 0.05, accepted (a rejected step of the minimum size
        // would have thrown), and no step but the last (which lands on t1) is shorter.
        double[] steps = new double[10_000];
        var observer = new StepLog(steps);
        var integrator = new OdeIntegrator<LotkaVolterra>(OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-6, 1e-9, minStep: 0.05));
        Solution solution = integrator.Solve(0.0, 5.0, Prey, Rates, SaveAt.Steps, observer: observer);

        Assert.Equal(solution.Statistics.Steps, observer.Count);
        Assert.Equal(0.05, steps[0]);
        for (int k = 0; k < observer.Count - 1; k++)
        {
            Assert.True(steps[k] >= 0.05, $"step {k} = {steps[k]}");
        }
    }

    [Fact]
    public void Solve_MinimumZero_IsBitIdenticalToNoMinimum()
    {
        double[] plain = new double[2], explicitZero = new double[2];
        new OdeIntegrator<LotkaVolterra>(OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-8, 1e-10)).Solve(0.0, 5.0, Prey, Rates, plain);
        new OdeIntegrator<LotkaVolterra>(OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-8, 1e-10, minStep: 0.0)).Solve(0.0, 5.0, Prey, Rates, explicitZero);
        Assert.Equal(plain, explicitZero);
    }

    [Fact]
    public void Adaptive_MinStepAboveMaxStep_ThrowsNamingBoth()
    {
        var exception = Assert.Throws<ArgumentException>(() => OdeSolver.Adaptive(Tableaus.DormandPrince54, minStep: 0.5, maxStep: 0.25));
        Assert.Equal("minStep", exception.ParamName);
        Assert.Contains("minStep = 0.5", exception.Message, StringComparison.Ordinal);
        Assert.Contains("maxStep = 0.25", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1e-3)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Adaptive_BadMinStep_ThrowsNamingIt(double minStep)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => OdeSolver.Adaptive(Tableaus.DormandPrince54, minStep: minStep));
        Assert.Equal("minStep", exception.ParamName);
        Assert.Equal(minStep, exception.ActualValue);
    }

    [Fact]
    public void Solve_SmallStepsNearZeroTowardsAFarEnd_AreNotAnUnderflow()
    {
        // ẋ = 0·x from t = 0 towards 1e12, first step 1e-6: the error estimate is 0, so each step grows tenfold (the PI
        // controller's largest factor) and about 20 steps reach 1e12. A step of 1e-6 at t = 0 is perfectly resolvable;
        // judged against max(|t|, |t1|) = 1e12 (8ε·1e12 ≈ 1.8e-3) it used to be called an underflow at the first step.
        var integrator = new OdeIntegrator<Decay>(OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-8, 1e-10, initialStep: 1e-6));
        double[] final = new double[1];
        SolverStatistics work = integrator.Solve(0.0, 1e12, [3.0], [0.0], final);

        // ẋ = 0: every stage is exactly 0, so the state is exactly the initial one.
        Assert.Equal(3.0, final[0]);
        Assert.InRange(work.Steps, 18, 40);
    }

    [Fact]
    public void Solve_AStepBelowResolutionAtTheCurrentTime_IsStillAnUnderflow()
    {
        // The fixed check must still fire: from t = 1e6 the resolution is 8ε·1e6 ≈ 1.8e-9; an unattainable tolerance
        // shrinks the step below it.
        var integrator = new OdeIntegrator<LotkaVolterra>(OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-300, 1e-300));
        var exception = Assert.Throws<OdeSolverException>(() => integrator.Solve(1e6, 1e6 + 1.0, Prey, Rates, new double[2]));
        Assert.Equal(OdeSolverFailure.StepSizeUnderflow, exception.Reason);
        Assert.True(Math.Abs(exception.StepSize) <= 8.0 * 2.220446049250313e-16 * 1e6 * 1.01, $"step {exception.StepSize}");
    }

    [Fact]
    public void Solve_ImpossibleToleranceFromZero_ExhaustsTheStepBudget()
    {
        // Documented consequence of judging resolution at the current t (as DOPRI5 does, 0.1·|h| ≤ ε·|t|): at t = 0 every
        // positive step is resolvable, so an unattainable tolerance shrinks h to where the stages no longer change the state
        // and the estimate passes, then creeps on until maxSteps, instead of the earlier underflow judged against t1.
        var integrator = new OdeIntegrator<LotkaVolterra>(OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-300, 1e-300, maxSteps: 2_000));
        var exception = Assert.Throws<OdeSolverException>(() => integrator.Solve(0.0, 1.0, Prey, Rates, new double[2]));
        Assert.Equal(OdeSolverFailure.MaxStepsExceeded, exception.Reason);
        Assert.Contains("loosen rtol/atol", exception.Message, StringComparison.Ordinal);
    }

    private sealed class StepLog(double[] steps) : IStepObserver
    {
        public int Count { get; private set; }

        public bool AfterStep(double t, double h, ReadOnlySpan<double> state)
        {
            steps[Count++] = h;
            return true;
        }
    }
}
