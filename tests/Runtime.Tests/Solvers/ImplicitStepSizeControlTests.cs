using System;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>
/// The implicit steppers' step-size controller (Hairer &amp; Wanner II, IV.8, as in rodas.f: safety 0.9, factor clamped to
/// [0.2, 6], exponent 1/(q + 1) with q the lower of the two orders), followed step by step on a problem where every error
/// estimate is known in closed form.
/// </summary>
/// <remarks>
/// The method is the trapezoidal rule as an ESDIRK with implicit Euler's weights (1, 0) embedded: q = 1, exponent ½. On
/// <c>y' = −2y</c> a step of size h from y gives <c>y₁ = y (1 − h)/(1 + h)</c> (R(z) = (1 + z/2)/(1 − z/2), z = −2h) and the
/// error estimate <c>h Σ (bᵢ − b̂ᵢ) Fᵢ = h/2 (F₁ − F₀) = h (y − y₁)</c>. With atol = 1 and rtol = 1e-12 the error norm is that
/// number (the rtol term changes it by 1e-12 relative). Accepted (norm ≤ 1): the next step is
/// <c>h · clamp(0.9 / √norm, 0.2, 6)</c>, capped at h after a rejection; rejected: <c>h · max(0.2, 0.9 / √norm)</c>.
/// The sequences below were worked with exactly these formulas (a few lines of Python; Newton on a linear stage equation
/// with the exact Jacobian is exact in one iteration), so they agree with the stepper to rounding: 1e-10 relative.
/// </remarks>
public sealed class ImplicitStepSizeControlTests
{
    private static readonly DiagonallyImplicitTableau TrapezoidWithEuler =
        new("trapezoid", [0, 0, 0.5, 0.5], [0.5, 0.5], [0, 1], [1, 0], 2, 1, "HNW II §IV.3");

    private static Decay decay;

    [Fact]
    public void FirstStepFarTooLarge_IsCutAtTheMinimumFactorThenByTheFormula()
    {
        // h = 40: y₁ = −39/41, error 40·(1 + 39/41) ≈ 78.05 > (0.9/0.2)², so the cut is the minimum factor 0.2: h = 8.
        // h = 8: error 8·(1 + 7/9) ≈ 14.22, cut 0.9/√14.22 ≈ 0.2386: h ≈ 1.909; error ≈ 2.506, cut ≈ 0.5685: h ≈ 1.0855;
        // error ≈ 1.1299, cut ≈ 0.8467: h ≈ 0.91903, error ≈ 0.8802 ≤ 1: accepted after four rejections.
        ImplicitStepper stepper = Start(initialStep: 40.0);

        Assert.True(stepper.AdaptiveStep(ref decay, 100.0));

        AssertClose(0.9190271484458208, stepper.LastStep);
        AssertClose(0.9190271484458208, stepper.Time);
        AssertClose(0.04219473998570442, stepper.State[0]);
        Assert.Equal(4, stepper.Statistics.RejectedSteps);
        Assert.Equal(1, stepper.Statistics.Steps);

        // Five attempts from the same point: one Jacobian, reused by every retry, and one LU per attempt.
        Assert.Equal((1L, 5L), (stepper.Statistics.JacobianEvaluations, stepper.Statistics.Factorizations));

        // Next: 0.91903 · 0.9/√0.8802 (the factor is below 1, so the cap after a rejection does not bind) ≈ 0.88159, error
        // ≈ 0.03486; then 0.88159 · 0.9/√0.03486 ≈ 4.2497 (below the cap of 6).
        Assert.True(stepper.AdaptiveStep(ref decay, 100.0));
        AssertClose(0.8815928737922821, stepper.LastStep);
        Assert.True(stepper.AdaptiveStep(ref decay, 100.0));
        AssertClose(4.249728485207842, stepper.LastStep);
        Assert.Equal(4, stepper.Statistics.RejectedSteps);
    }

    [Fact]
    public void SmallFirstStep_GrowsByTheMaximumFactorThenByTheFormula()
    {
        // h = 0.01: error 0.01·(1 − 0.99/1.01) ≈ 1.98e-4, 0.9/√error ≈ 64 > 6: the next step is 6h = 0.06, whose error
        // ≈ 6.66e-3 gives 0.9/√error ≈ 11 > 6 again: 0.36; then an error of ≈ 0.1657 gives 0.36 · 0.9/√0.1657 ≈ 0.796.
        ImplicitStepper stepper = Start(initialStep: 0.01);

        Assert.True(stepper.AdaptiveStep(ref decay, 100.0));
        Assert.Equal(0.01, stepper.LastStep);
        AssertClose(0.99 / 1.01, stepper.State[0]);

        Assert.True(stepper.AdaptiveStep(ref decay, 100.0));
        AssertClose(0.06, stepper.LastStep);
        Assert.True(stepper.AdaptiveStep(ref decay, 100.0));
        AssertClose(0.36, stepper.LastStep);
        Assert.True(stepper.AdaptiveStep(ref decay, 100.0));
        AssertClose(0.36 * 0.9 / Math.Sqrt(0.16566543224785318), stepper.LastStep);
        Assert.Equal(0, stepper.Statistics.RejectedSteps);
    }

    [Fact]
    public void StepBeyondTheStop_LandsOnItAndKeepsTheLargerProposal()
    {
        // From h = 0.5 (error ⅓, next 0.5·0.9·√3 ≈ 0.7794) towards a stop at 0.6: the second step is cut to the remaining
        // 0.1 and lands on 0.6 exactly; the proposal carried on is the uncut 0.7794 (larger than what the short step's own
        // tiny error would give, 0.1·6 = 0.6), so the third step is 0.7794 again.
        ImplicitStepper stepper = Start(initialStep: 0.5);

        Assert.True(stepper.AdaptiveStep(ref decay, 0.6));
        Assert.True(stepper.AdaptiveStep(ref decay, 0.6));
        Assert.Equal(0.6, stepper.Time);
        AssertClose(0.1, stepper.LastStep);

        Assert.True(stepper.AdaptiveStep(ref decay, 100.0));
        AssertClose(0.45 * Math.Sqrt(3.0), stepper.LastStep);
    }

    [Fact]
    public void StepOntoTheStop_EndsOnTheStopItselfNotOnTimePlusStep()
    {
        // 0.3 then the rest to 0.9: the remaining 0.9 − 0.3 = 0.6000000000000001 added to 0.3 gives 0.9000000000000001; the
        // step must end on 0.9 itself. (First step: error 0.3·(1 − 0.7/1.3) ≈ 0.138, next ≈ 0.73 ≥ the remaining 0.6.)
        ImplicitStepper stepper = Start(initialStep: 0.3);

        Assert.True(stepper.AdaptiveStep(ref decay, 0.9));
        Assert.True(stepper.AdaptiveStep(ref decay, 0.9));

        Assert.Equal(0.9, stepper.Time);
        Assert.Equal(0.9 - 0.3, stepper.LastStep);
    }

    [Fact]
    public void NewtonFailureThenAcceptance_TheNextStepIsNotLarger()
    {
        // With the Jacobian reported as 0 the Newton iteration is a fixed-point iteration with rate |hγλ| = h (λ = −2, γ = ½):
        // h = 1.5 diverges (rate 1.5 ≥ 1), so the step is quartered to 0.375 and accepted (error ≈ 0.375·(1 − 0.625/1.375)
        // ≈ 0.2, a growth factor 0.9/√0.2 ≈ 2). After a rejection the next step may not grow: it stays 0.375.
        OdeSolver solver = OdeSolver.Adaptive(TrapezoidWithEuler, relativeTolerance: 1e-4, absoluteTolerance: 1.0, initialStep: 1.5);
        ImplicitStepper stepper = ImplicitStepper.Create(solver, ImplicitLayout.Plain(1));
        stepper.Reset(0.0, [1.0]);
        var lagging = new JacobianReportedAsZero();

        Assert.True(stepper.AdaptiveStep(ref lagging, 100.0));
        Assert.Equal(0.375, stepper.LastStep);
        Assert.Equal(1, stepper.Statistics.RejectedSteps);

        Assert.True(stepper.AdaptiveStep(ref lagging, 100.0));
        Assert.Equal(0.375, stepper.LastStep);
    }

    private static ImplicitStepper Start(double initialStep)
    {
        OdeSolver solver = OdeSolver.Adaptive(TrapezoidWithEuler, relativeTolerance: 1e-12, absoluteTolerance: 1.0, initialStep: initialStep);
        ImplicitStepper stepper = ImplicitStepper.Create(solver, ImplicitLayout.Plain(1));
        stepper.Reset(0.0, [1.0]);
        return stepper;
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= 1e-10 * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    private struct Decay : IJacobianSystem
    {
        public readonly bool IsTimeDependent => false;

        public readonly void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => dydt[0] = -2.0 * y[0];

        public readonly void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => jacobian[0] = -2.0;

        public readonly void CouplingProduct(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> direction, Span<double> product)
        {
        }
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
