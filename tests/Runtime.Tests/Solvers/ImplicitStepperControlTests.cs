using System;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>
/// <see cref="ImplicitStepper"/>'s bookkeeping around the steps: which stepper a solver gets, the dense-output rows, when F
/// is evaluated (once per point, again after <see cref="ImplicitStepper.InvalidateState"/>), what a reset clears, the
/// step budget, a given first step, and the recorded trajectory. The problem is <c>y' = −2y</c> (J = −2).
/// </summary>
public sealed class ImplicitStepperControlTests
{
    private static Decay decay;

    [Fact]
    public void Create_ExplicitSolver_ThrowsNamingTheSolverAndItsFamily()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => ImplicitStepper.Create(OdeSolver.Rk4(10), ImplicitLayout.Plain(1)));

        Assert.Equal("solver", error.ParamName);
        Assert.StartsWith("The solver RK4 (10 steps) is not implicit (ExplicitRungeKutta).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ImplicitSolvers_GetTheirFamilysStepperWithTheLayout()
    {
        var layout = new ImplicitLayout(2, 1, 3);

        ImplicitStepper rosenbrock = ImplicitStepper.Create(OdeSolver.Rodas4(), layout);
        ImplicitStepper esdirk = ImplicitStepper.Create(OdeSolver.Kvaerno5(), layout);

        Assert.IsType<RosenbrockStepper>(rosenbrock);
        Assert.IsType<EsdirkStepper>(esdirk);

        // 2 stiff + 1 replica of 2 + 3 quadratures.
        Assert.Equal((layout, 7), (rosenbrock.Layout, rosenbrock.Dimension));
        Assert.Equal((layout, 7), (esdirk.Layout, esdirk.Dimension));
    }

    [Fact]
    public void ImplicitLayout_DimensionAndAugmentation_CountEveryBlock()
    {
        Assert.Equal(11, new ImplicitLayout(3, 2, 2).Dimension); // 3·(1 + 2) + 2
        Assert.Equal(3, ImplicitLayout.Plain(3).Dimension);
        Assert.False(ImplicitLayout.Plain(3).IsAugmented);
        Assert.True(new ImplicitLayout(3, 1, 0).IsAugmented);
        Assert.True(new ImplicitLayout(3, 0, 1).IsAugmented);
    }

    [Fact]
    public void DenseRows_RosenbrockKeepsItsTableausRowsAndEsdirkNone()
    {
        // Rodas4 has 12 dense coefficients over 6 stages (2 rows), Rodas5P 24 over 8 (3 rows).
        Assert.Equal(2, ImplicitStepper.Create(OdeSolver.Rodas4(), ImplicitLayout.Plain(1)).DenseRowCount);
        Assert.Equal(3, ImplicitStepper.Create(OdeSolver.Rodas5P(), ImplicitLayout.Plain(1)).DenseRowCount);

        ImplicitStepper esdirk = ImplicitStepper.Create(OdeSolver.Kvaerno5(), ImplicitLayout.Plain(1));
        Assert.Equal(0, esdirk.DenseRowCount);
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => esdirk.WriteDenseRows(new double[4]));
        Assert.Equal("EsdirkStepper interpolates by cubic Hermite and keeps no dense rows.", error.Message);
    }

    [Fact]
    public void InterpolateRows_TwoRowsTwoComponents_IsTheNestedForm()
    {
        // y(θ) = (1 − θ) y₀ + θ (y₁ + (1 − θ)(w₀ + θ w₁)), rows row-major (row, component). At θ = ¼:
        // component 0: y₀ = 1, y₁ = 3, w = (2, 4): inner 2 + ¼·4 = 3, y = ¾ + ¼(3 + ¾·3) = 2.0625;
        // component 1: y₀ = −1, y₁ = 5, w = (8, −4): inner 8 − 1 = 7, y = −¾ + ¼(5 + ¾·7) = 1.8125. Exact in binary.
        Span<double> y = stackalloc double[2];
        RosenbrockStepper.InterpolateRows(0.25, [1.0, -1.0], [3.0, 5.0], [2.0, 8.0, 4.0, -4.0], 2, y);

        Assert.Equal([2.0625, 1.8125], y.ToArray());
    }

    [Fact]
    public void CurrentDerivative_EvaluatesOncePerPointAndAgainAfterInvalidateState()
    {
        ImplicitStepper stepper = ImplicitStepper.Create(OdeSolver.Rodas4(), ImplicitLayout.Plain(1));
        stepper.Reset(0.0, [1.5]);

        Assert.Equal(-3.0, stepper.CurrentDerivative(ref decay)[0]);
        Assert.Equal(-3.0, stepper.CurrentDerivative(ref decay)[0]);
        Assert.Equal(1, stepper.Statistics.FunctionEvaluations);

        stepper.MutableState[0] = 4.0;
        stepper.InvalidateState();

        Assert.Equal(-8.0, stepper.CurrentDerivative(ref decay)[0]);
        Assert.Equal(2, stepper.Statistics.FunctionEvaluations);
    }

    [Fact]
    public void InvalidateState_BeforeAStep_EvaluatesTheJacobianAgain()
    {
        // Rodas4 fixed: one Jacobian per step. A state change between steps (an adjoint jump) must not reuse the old one:
        // the second step evaluates J once more, and its F at the new state.
        ImplicitStepper stepper = ImplicitStepper.Create(OdeSolver.Fixed(ImplicitTableaus.Rodas4, 1), ImplicitLayout.Plain(1));
        stepper.Reset(0.0, [1.0]);
        stepper.CurrentDerivative(ref decay);
        stepper.MutableState[0] = 2.0;
        stepper.InvalidateState();
        stepper.AdvanceTo(ref decay, 0.1, 0.1);

        // From 2, not 1: e^(−0.2)·2 to Rodas4's local error at h = 0.1 (≈ (0.2)⁵/5! ≈ 3e-6 relative, well inside 1e-4).
        Assert.Equal(2.0 * Math.Exp(-0.2), stepper.State[0], 1e-4);
        Assert.Equal(1, stepper.Statistics.JacobianEvaluations);

        // F twice at t = 0 (before and after the change) and 5 later stages.
        Assert.Equal(7, stepper.Statistics.FunctionEvaluations);
    }

    [Fact]
    public void AdvanceTo_TheCurrentTime_TakesNoStep()
    {
        ImplicitStepper stepper = ImplicitStepper.Create(OdeSolver.Fixed(ImplicitTableaus.Rodas4, 3), ImplicitLayout.Plain(1));
        stepper.Reset(0.5, [1.0]);

        stepper.AdvanceTo(ref decay, 0.5, 1.0);

        Assert.Equal(default, stepper.Statistics);
        Assert.Equal((0.5, 1.0), (stepper.Time, stepper.State[0]));
    }

    [Theory]
    [InlineData("Rodas4")]
    [InlineData("Kvaerno5")]
    public void Reset_AfterASolve_RepeatsItExactly(string method)
    {
        // Reset forgets F, J, the proposed step and (ESDIRK) the carried Newton rate: a second solve from the same start
        // takes the same steps, to the bit, with the same counts once the statistics are reset.
        ImplicitStepper stepper = ImplicitStepper.Create(method == "Rodas4" ? OdeSolver.Rodas4(1e-6, 1e-9) : OdeSolver.Kvaerno5(1e-6, 1e-9), ImplicitLayout.Plain(1));
        stepper.Reset(0.0, [1.0]);
        stepper.AdvanceTo(ref decay, 2.0, 2.0);
        double first = stepper.State[0];
        SolverStatistics firstStatistics = stepper.Statistics;

        stepper.ResetStatistics();
        Assert.Equal(default, stepper.Statistics);

        stepper.Reset(0.0, [1.0]);
        stepper.AdvanceTo(ref decay, 2.0, 2.0);

        Assert.Equal(first, stepper.State[0]);
        Assert.Equal(firstStatistics, stepper.Statistics);
        Assert.True(firstStatistics.Steps > 1);
    }

    [Fact]
    public void Reset_SetsTimesAndClearsTheLastStep()
    {
        ImplicitStepper stepper = ImplicitStepper.Create(OdeSolver.Fixed(ImplicitTableaus.Rodas4, 2), ImplicitLayout.Plain(1));
        stepper.Reset(0.0, [1.0]);
        stepper.AdvanceTo(ref decay, 1.0, 1.0);

        stepper.Reset(3.0, [2.0]);

        Assert.Equal((3.0, 3.0, 0.0, 2.0), (stepper.Time, stepper.PreviousTime, stepper.LastStep, stepper.State[0]));
    }

    [Theory]
    [InlineData("Rodas4")]
    [InlineData("Kvaerno5")]
    public void AdaptiveStep_StepBudget_ThrowsAfterExactlyMaxStepsAttempts(string method)
    {
        OdeSolver solver = method == "Rodas4"
            ? OdeSolver.Adaptive(ImplicitTableaus.Rodas4, 1e-6, 1e-9, initialStep: 0.01, maxSteps: 3)
            : OdeSolver.Adaptive(ImplicitTableaus.Kvaerno5, 1e-6, 1e-9, initialStep: 0.01, maxSteps: 3);
        ImplicitStepper stepper = ImplicitStepper.Create(solver, ImplicitLayout.Plain(1));
        stepper.Reset(0.0, [1.0]);

        OdeSolverException error = Assert.Throws<OdeSolverException>(() => stepper.AdvanceTo(ref decay, 100.0, 100.0));

        Assert.Equal(OdeSolverFailure.MaxStepsExceeded, error.Reason);
        Assert.Equal(3, stepper.Statistics.Steps + stepper.Statistics.RejectedSteps);
    }

    [Fact]
    public void AdaptiveStep_CalledAgainAtTheSamePoint_ReusesTheJacobian()
    {
        // A step budget of 1: the first step is taken, the second call evaluates J at the new point and throws; a third call
        // at that same point (a caller retrying) must reuse that J, not evaluate it again.
        ImplicitStepper stepper = ImplicitStepper.Create(OdeSolver.Adaptive(ImplicitTableaus.Rodas4, 1e-6, 1e-9, initialStep: 0.01, maxSteps: 1), ImplicitLayout.Plain(1));
        stepper.Reset(0.0, [1.0]);

        Assert.True(stepper.AdaptiveStep(ref decay, 100.0));
        Assert.Throws<OdeSolverException>(() => stepper.AdaptiveStep(ref decay, 100.0));
        Assert.Throws<OdeSolverException>(() => stepper.AdaptiveStep(ref decay, 100.0));

        Assert.Equal(2, stepper.Statistics.JacobianEvaluations);
    }

    [Theory]
    [InlineData("Rodas4")]
    [InlineData("Kvaerno5")]
    public void AdaptiveStep_GivenFirstStep_IsTheFirstStepTakenWithoutAProbe(string method)
    {
        // A first step of 1e-3 on y' = −2y has a local error far below rtol 1e-6, so it is accepted as given; no evaluation
        // for Hairer's starting-step probe.
        OdeSolver solver = method == "Rodas4"
            ? OdeSolver.Adaptive(ImplicitTableaus.Rodas4, 1e-6, 1e-9, initialStep: 1e-3)
            : OdeSolver.Adaptive(ImplicitTableaus.Kvaerno5, 1e-6, 1e-9, initialStep: 1e-3);
        ImplicitStepper stepper = ImplicitStepper.Create(solver, ImplicitLayout.Plain(1));
        stepper.Reset(0.0, [1.0]);

        Assert.True(stepper.AdaptiveStep(ref decay, 1.0));

        Assert.Equal(1e-3, stepper.LastStep);
        Assert.Equal(1e-3, stepper.Time);
        SolverStatistics statistics = stepper.Statistics;
        int expected = method == "Rodas4" ? 6 : 1 + (int)statistics.NewtonIterations; // Rodas4: F and 5 stages
        Assert.Equal(expected, statistics.FunctionEvaluations);
    }

    [Fact]
    public void AdaptiveStep_BackwardsInTime_StepsWithNegativeSizes()
    {
        // From t = 1 back to 0: y(0) = y(1)·e² for y' = −2y; the steps are negative.
        ImplicitStepper stepper = ImplicitStepper.Create(OdeSolver.Rodas4(1e-8, 1e-10), ImplicitLayout.Plain(1));
        stepper.Reset(1.0, [1.0]);

        stepper.AdvanceTo(ref decay, 0.0, 1.0);

        Assert.Equal(0.0, stepper.Time);
        Assert.True(stepper.LastStep < 0.0);

        // rtol 1e-8 per step over a few dozen steps: 1e-6 relative is generous.
        Assert.Equal(Math.Exp(2.0), stepper.State[0], Math.Exp(2.0) * 1e-6);
    }

    [Fact]
    public void AdaptiveStep_StopWithinTimeResolution_LandsWithoutAStep()
    {
        // A stop 1e-15 away from t = 1 cannot be told from it (the resolution is 8ε|t| ≈ 1.8e-15): time moves there, nothing is evaluated.
        ImplicitStepper stepper = ImplicitStepper.Create(OdeSolver.Rodas4(), ImplicitLayout.Plain(1));
        stepper.Reset(1.0, [1.0]);

        Assert.False(stepper.AdaptiveStep(ref decay, 1.0 + 1e-15));

        Assert.Equal(1.0 + 1e-15, stepper.Time);
        Assert.Equal(default, stepper.Statistics);
    }

    [Theory]
    [InlineData("Rodas4")]
    [InlineData("Kvaerno5")]
    public void AdvanceTo_WithARecord_AppendsEveryPointAndItsDerivative(string method)
    {
        OdeSolver solver = method == "Rodas4" ? OdeSolver.Fixed(ImplicitTableaus.Rodas4, 4) : OdeSolver.Fixed(ImplicitTableaus.Kvaerno5, 4);
        ImplicitStepper stepper = ImplicitStepper.Create(solver, ImplicitLayout.Plain(1));
        var record = new TrajectoryRecord(1, storesDerivatives: true);
        stepper.Reset(0.0, [1.0]);
        record.Add(0.0, 0.0, [1.0]);

        stepper.AdvanceTo(ref decay, 1.0, 1.0, record);

        // Four steps of ¼, the last ending on 1 exactly; each derivative is f = −2y at its own point: evaluated by Rodas4
        // (to the bit), taken from the last stage equation by Kvaerno5 (to the Newton tolerance, rtol 1e-10 of |y| ≤ 1).
        double tolerance = method == "Rodas4" ? 0.0 : 1e-9;
        Assert.Equal(5, record.Count);
        for (int k = 1; k < 5; k++)
        {
            Assert.Equal(k * 0.25, record.Time(k));
            Assert.Equal(0.25, record.StepSize(k - 1));
            Assert.Equal(-2.0 * record.State(k)[0], record.Derivative(k)[0], tolerance);
        }

        Assert.Equal(stepper.State[0], record.State(4)[0]);
    }

    private struct Decay : IJacobianSystem
    {
        public readonly bool IsTimeDependent => false;

        public readonly void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => dydt[0] = -2.0 * y[0];

        public readonly void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => jacobian[0] = -2.0;

        public readonly void CouplingProduct(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> direction, Span<double> product)
        {
        }
    }
}
