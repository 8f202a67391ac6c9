using System;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>
/// <see cref="EsdirkStepper"/>'s simplified Newton iteration and its stopping rules (Hairer &amp; Wanner II, IV.8), counted
/// iteration by iteration on a problem where every iterate is known: <c>y' = λy</c> with λ = −2 whose system reports the
/// Jacobian as 0. The iteration matrix is then <c>I</c>, and the iteration a fixed-point iteration whose error is multiplied
/// by <c>r = hγλ</c> each time, so the increments are <c>ΔY_k = (1 − r) r^k e₀</c> and the observed rate is |r|.
/// </summary>
/// <remarks>
/// The method is the trapezoidal rule as an ESDIRK (γ = ½, a₁₀ = ½): its one implicit stage starts from the base
/// <c>y + h·½·F₀</c> and the predictor <c>base + hγF₀</c>; the exact stage value is <c>base/(1 − r)</c>. With atol = 1 and
/// rtol = 1e-4 the scaled norm is |ΔY|/(1 + 1e-4|y|) and the Newton tolerance is κ = max(10ε/rtol, min(0.03, √rtol)) = 0.01.
/// The iteration stops when η·‖ΔY‖ ≤ κ with η = min(rate, 0.99)/(1 − min(rate, 0.99)); the first iteration borrows the rate
/// carried from the previous step, (max(rate, ε))^0.8, which is 1 (η = 99) on the first step. It gives up when the rate
/// reaches 1, or when rate^(9 − k)/(1 − rate)·‖ΔY‖ > κ at iteration k (no convergence within the 10 iterations).
/// </remarks>
public sealed class EsdirkNewtonIterationTests
{
    private static readonly DiagonallyImplicitTableau Trapezoid =
        new("trapezoid", [0, 0, 0.5, 0.5], [0.5, 0.5], [0, 1], [1, 0], 2, 1, "HNW II §IV.3");

    private static JacobianReportedAsZero system;

    [Fact]
    public void OneStep_ConvergesAtTheSeventhIterationWithTheFixedPointError()
    {
        // h = ½: r = −½, base = ½, predictor 0, exact stage ⅓, e₀ = ⅓, ΔY_k = ½·(−½)^k: norms ½, ¼, …, 1/128 (divided by
        // 1.0001). Iteration 0: 99·½ > κ; iterations 1–5: rate ½, η = 1, norms ¼ … 1/64 > κ; iteration 6: 1/128 ≤ κ.
        // Seven iterations; the stage (and, stiffly accurate, the solution) is ⅓ − e₇ with e₇ = (−½)^7·⅓ = −1/384.
        ImplicitStepper stepper = Start(1);

        stepper.AdvanceTo(ref system, 0.5, 1.0);

        Assert.Equal((1.0 / 3.0) + (1.0 / 384.0), stepper.State[0], 1e-15);
        Assert.Equal(7, stepper.Statistics.NewtonIterations);

        // F at the start once, one F per iteration.
        Assert.Equal(8, stepper.Statistics.FunctionEvaluations);
    }

    [Fact]
    public void SecondStep_BorrowsTheCarriedRateAndNeedsOneIterationLess()
    {
        // Step 2 starts from y₁ = ⅓ + 1/384 = 43/128 with F₀ taken from step 1's stage equation, (y₁ − ½)/(hγ) = −21/32
        // (not λy₁: the first-same-as-last derivative carries the Newton error). Base y₁ + ¼F₀ = 11/64, exact stage
        // base/1.5 = 11/96, predictor base + ¼F₀ = 1/128, e₀ = 11/96 − 1/128 = 41/384, ΔY_k = 1.5·e₀·(−½)^k: norms
        // 0.1602, 0.0801, 0.0400, 0.0200, 0.01001 (> κ by 0.1 %, far above rounding), 0.0050 ≤ κ. Iteration 0 borrows the
        // carried rate ½: η₀ = 0.5^0.8/(1 − 0.5^0.8) ≈ 1.35, 1.35·0.16 > κ. Six iterations, 13 in all.
        ImplicitStepper stepper = Start(2);

        stepper.AdvanceTo(ref system, 1.0, 1.0);

        Assert.Equal(13, stepper.Statistics.NewtonIterations);

        // The stage after six iterations: 11/96 − e₆ with e₆ = (−½)⁶·41/384.
        double y2 = (11.0 / 96.0) - (41.0 / 384.0 / 64.0);
        Assert.Equal(y2, stepper.State[0], 1e-15);
    }

    [Fact]
    public void NormScale_IsAtolPlusRtolTimesTheStartState()
    {
        // atol = 0.03, rtol = 0.09 (κ = min(0.03, √0.09) = 0.03), y₀ = 1: the scale is 0.03 + 0.09 = 0.12, the norms
        // ½·(½)^k/0.12 ≈ 4.17·(½)^k. Give-up test at k = 1: 0.5⁸/(1 − ½)·2.08 ≈ 0.016 ≤ κ; convergence at the first
        // 4.17·(½)^k ≤ 0.03, k = 8 (0.0163 at k = 7 is above): nine iterations. (With a scale of 0.06 the give-up test
        // would fire at k = 1; with ‖ΔY‖·scale the second iteration would already be below κ.)
        ImplicitStepper stepper = ImplicitStepper.Create(
            OdeSolver.Fixed(Trapezoid, 1, relativeTolerance: 0.09, absoluteTolerance: 0.03), ImplicitLayout.Plain(1));
        stepper.Reset(0.0, [1.0]);

        stepper.AdvanceTo(ref system, 0.5, 1.0);

        Assert.Equal(9, stepper.Statistics.NewtonIterations);
        Assert.Equal((1.0 / 3.0) + (Math.Pow(0.5, 9) / 3.0), stepper.State[0], 1e-15); // ⅓ − e₉ with e₉ = (−½)⁹·⅓
    }

    [Fact]
    public void SlowContraction_GivesUpAfterTheSecondIteration()
    {
        // y₀ = 10: the norms are 10× larger (scale 1.001): ‖ΔY₁‖ ≈ 2.5 and rate ½ predict 0.5⁸/(1 − ½)·2.5 ≈ 0.0195 > κ after
        // the remaining iterations: the iteration gives up at k = 1, and a fixed step cannot retry.
        ImplicitStepper stepper = Start(1, y0: 10.0);

        OdeSolverException error = Assert.Throws<OdeSolverException>(() => stepper.AdvanceTo(ref system, 0.5, 1.0));

        Assert.Equal(OdeSolverFailure.NewtonFailure, error.Reason);
        Assert.Equal(2, stepper.Statistics.NewtonIterations);
    }

    [Fact]
    public void Divergence_StopsAtTheFirstRateAboveOne()
    {
        // h = 1.5: r = −1.5, |ΔY| grows by 1.5 per iteration: the rate 1.5 ≥ 1 at iteration 1 stops the iteration.
        ImplicitStepper stepper = Start(1);

        OdeSolverException error = Assert.Throws<OdeSolverException>(() => stepper.AdvanceTo(ref system, 1.5, 1.5));

        Assert.Equal(OdeSolverFailure.NewtonFailure, error.Reason);
        Assert.Equal(2, stepper.Statistics.NewtonIterations);
    }

    private static ImplicitStepper Start(int steps, double y0 = 1.0)
    {
        ImplicitStepper stepper = ImplicitStepper.Create(
            OdeSolver.Fixed(Trapezoid, steps, relativeTolerance: 1e-4, absoluteTolerance: 1.0), ImplicitLayout.Plain(1));
        stepper.Reset(0.0, [y0]);
        return stepper;
    }

    private struct JacobianReportedAsZero : IJacobianSystem
    {
        public readonly bool IsTimeDependent => false;

        public readonly void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => dydt[0] = -2.0 * y[0];

        public readonly void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => jacobian[0] = 0.0;

        public readonly void CouplingProduct(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> direction, Span<double> product)
        {
        }
    }
}
