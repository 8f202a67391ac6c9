using System;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>
/// How the implicit steppers fail and recover, with the reason each one gives: a singular iteration matrix, a right-hand
/// side that is infinite away from the start (the step shrinks tenfold until it is finite, or until time cannot resolve
/// it), an infinite right-hand side in a Newton iteration, and a fixed grid that must end on its stop exactly.
/// </summary>
public sealed class ImplicitStepFailureTests
{
    // The trapezoidal rule as a stiffly accurate ESDIRK (γ = ½) with implicit Euler's weights embedded.
    private static readonly DiagonallyImplicitTableau Trapezoid =
        new("trapezoid", [0, 0, 0.5, 0.5], [0.5, 0.5], [0, 1], [1, 0], 2, 1, "HNW II §IV.3");

    [Theory]
    [InlineData("Rodas4")]
    [InlineData("Trapezoid")]
    public void SingularIterationMatrix_FixedStep_IsANewtonFailureBeforeAnyIteration(string method)
    {
        // y' = λy with λ chosen so that the iteration matrix vanishes at h = 1: Rodas4's W = 1/(hγ) − λ = 0 at λ = 4
        // (γ = ¼), the trapezoid's I − hγλ = 0 at λ = 2 (γ = ½). The LU refuses it: the step fails as a Newton failure
        // at the step's start, without evaluating anything past F at the start.
        double lambda = method == "Rodas4" ? 4.0 : 2.0;
        OdeSolver solver = method == "Rodas4" ? OdeSolver.Fixed(ImplicitTableaus.Rodas4, 1) : OdeSolver.Fixed(Trapezoid, 1);
        ImplicitStepper stepper = ImplicitStepper.Create(solver, ImplicitLayout.Plain(1));
        stepper.Reset(0.0, [1.0]);
        var system = new Exponential(lambda);

        OdeSolverException error = Assert.Throws<OdeSolverException>(() => stepper.AdvanceTo(ref system, 1.0, 1.0));

        Assert.Equal(OdeSolverFailure.NewtonFailure, error.Reason);
        Assert.Equal((0.0, 1.0), (error.Time, error.StepSize));
        Assert.Equal((1L, 1L, 0L), (stepper.Statistics.FunctionEvaluations, stepper.Statistics.Factorizations, stepper.Statistics.NewtonIterations));
    }

    [Fact]
    public void InfiniteRightHandSideInTheNewtonIteration_FixedStep_IsANewtonFailure()
    {
        // F is finite at the start and infinite anywhere else: the first Newton increment is not finite, the iteration
        // gives up (it does not return a non-finite stage as converged), and a fixed step reports a Newton failure.
        ImplicitStepper stepper = ImplicitStepper.Create(OdeSolver.Fixed(Trapezoid, 1), ImplicitLayout.Plain(1));
        stepper.Reset(1.0, [1.0]);
        var system = new FiniteOnlyAtTheStart();

        OdeSolverException error = Assert.Throws<OdeSolverException>(() => stepper.AdvanceTo(ref system, 2.0, 1.0));

        Assert.Equal(OdeSolverFailure.NewtonFailure, error.Reason);
        Assert.Equal(1, stepper.Statistics.NewtonIterations);
    }

    [Fact]
    public void NonFiniteCandidate_Adaptive_ShrinksTheStepTenfold()
    {
        // y' = −2y, but F is infinite once y leaves [0.5, 1.5]: a Rodas4 step of 1 from y = 1 has stage states outside
        // (y·e^(−2) ≈ 0.14 at the end), its candidate is not finite, and the step is cut to a tenth (no error norm to scale
        // by); at h = 0.1 every stage stays inside (y ≥ e^(−0.2) ≈ 0.82) and the step is accepted at the loose tolerance.
        ImplicitStepper given = ImplicitStepper.Create(OdeSolver.Adaptive(ImplicitTableaus.Rodas4, 1e-2, 1e-2, initialStep: 1.0), ImplicitLayout.Plain(1));
        given.Reset(0.0, [1.0]);
        var system = new FiniteNearOne();

        Assert.True(given.AdaptiveStep(ref system, 10.0));

        Assert.Equal(0.1, given.LastStep);
        Assert.Equal(1, given.Statistics.RejectedSteps);
        Assert.Equal(Math.Exp(-0.2), given.State[0], 1e-3); // Rodas4 at h = 0.1: local error ~1e-6, well inside 1e-3
    }

    [Fact]
    public void NonFiniteEverywhereButTheStart_Adaptive_ThrowsNonFiniteStateOnceTimeCannotResolveTheStep()
    {
        // Every stage past the first is infinite, for every step size: the step is cut tenfold until t + h cannot be told
        // from t = 1 (h ≤ 8ε·|t| ≈ 1.8e-15: fifteen cuts from 1), and the failure names the non-finite state, not a
        // tolerance problem.
        ImplicitStepper stepper = ImplicitStepper.Create(OdeSolver.Adaptive(ImplicitTableaus.Rodas4, 1e-6, 1e-9, initialStep: 1.0), ImplicitLayout.Plain(1));
        stepper.Reset(1.0, [1.0]);
        var system = new FiniteOnlyAtTheStart();

        OdeSolverException error = Assert.Throws<OdeSolverException>(() => stepper.AdaptiveStep(ref system, 10.0));

        Assert.Equal(OdeSolverFailure.NonFiniteState, error.Reason);
        Assert.True(Math.Abs(error.StepSize) < 2e-15, $"step {error.StepSize:R}");
        Assert.Equal(1.0, error.Time);
        Assert.Equal(15, stepper.Statistics.RejectedSteps);
    }

    [Theory]
    [InlineData("Rodas4")]
    [InlineData("Trapezoid")]
    public void FixedGrid_SevenStepsOverPointNine_EndsOnTheStopExactly(string method)
    {
        // 7 · (0.9/7) = 0.9000000000000001 in floating point: the last grid point must be the stop itself.
        OdeSolver solver = method == "Rodas4" ? OdeSolver.Fixed(ImplicitTableaus.Rodas4, 7) : OdeSolver.Fixed(Trapezoid, 7);
        ImplicitStepper stepper = ImplicitStepper.Create(solver, ImplicitLayout.Plain(1));
        stepper.Reset(0.0, [1.0]);
        var system = new Exponential(-2.0);

        stepper.AdvanceTo(ref system, 0.9, 0.9);

        Assert.Equal(0.9, stepper.Time);
        Assert.Equal(7, stepper.Statistics.Steps);
    }

    private readonly struct Exponential(double lambda) : IJacobianSystem
    {
        public bool IsTimeDependent => false;

        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => dydt[0] = lambda * y[0];

        public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => jacobian[0] = lambda;

        public void CouplingProduct(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> direction, Span<double> product)
        {
        }
    }

    /// <summary><c>y' = −2y</c> at t = 1 and y = 1, +∞ anywhere else (J = −2).</summary>
    private readonly struct FiniteOnlyAtTheStart : IJacobianSystem
    {
        public bool IsTimeDependent => false;

        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) =>
            dydt[0] = t == 1.0 && y[0] == 1.0 ? -2.0 : double.PositiveInfinity;

        public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => jacobian[0] = -2.0;

        public void CouplingProduct(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> direction, Span<double> product)
        {
        }
    }

    /// <summary><c>y' = −2y</c> for y in [0.5, 1.5], +∞ outside.</summary>
    private readonly struct FiniteNearOne : IJacobianSystem
    {
        public bool IsTimeDependent => false;

        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) =>
            dydt[0] = y[0] is >= 0.5 and <= 1.5 ? -2.0 * y[0] : double.PositiveInfinity;

        public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => jacobian[0] = -2.0;

        public void CouplingProduct(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> direction, Span<double> product)
        {
        }
    }
}
