using System;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>
/// One step of the implicit steppers on linear problems, against values worked by hand: on <c>y' = Jy</c> a Rosenbrock
/// method with the exact Jacobian and an ESDIRK method whose Newton iteration converges are rational functions of
/// <c>hJ</c> (Hairer &amp; Wanner II, §IV.3, IV.7), so small textbook methods give exact numbers. Covers the stage loops, the
/// shared LU of an augmented layout (replicas and quadratures, <see cref="ImplicitLayout"/>), the time derivative of a
/// Rosenbrock step and both dense outputs.
/// </summary>
public sealed class ImplicitStepLinearProblemTests
{
    // Linearly implicit Euler: one stage, γ = 1, m = 1, time weight γ₁ = 1. One step is (I/h − J) K = F + h ∂F/∂t, y₁ = y + K.
    private static readonly RosenbrockTableau LinearlyImplicitEuler =
        new("linearly implicit Euler", 1.0, [0.0], [0.0], [0.0], [1.0], [1.0], [1.0], [], 1, 1, 1, "HW II §IV.7");

    // γ = ½, α₂₁ = ⅔, γ₂₁ = −⅔, b = (¼, ¾) in transformed form (see RosenbrockTableauValidationTests): order 2,
    // R(z) = 1 + z bᵀ(I − z(α + Γ))⁻¹1 = (1 + z/2)/(1 − z/2) since α + Γ = diag(½, ½).
    private static readonly RosenbrockTableau TwoStageRosenbrock =
        new("two-stage", 0.5, [0.0, 0.0, 4.0 / 3.0, 0.0], [0.0, 0.0, -8.0 / 3.0, 0.0], [0.0, 2.0 / 3.0], [0.5, -1.0 / 6.0], [2.5, 1.5], [2.5, 1.5], [], 2, 2, 1, "-");

    // The trapezoidal rule as a stiffly accurate ESDIRK (γ = ½, Euler embedded): R(z) = (1 + z/2)/(1 − z/2).
    private static readonly DiagonallyImplicitTableau Trapezoid =
        new("trapezoid", [0, 0, 0.5, 0.5], [0.5, 0.5], [0, 1], [1, 0], 2, 1, "HNW II §IV.3");

    [Fact]
    public void LinearlyImplicitEuler_TwoByTwoUpperTriangular_IsOneImplicitEulerStep()
    {
        // J = [[−2, 1], [0, −1]], h = ½, y₀ = (1, 3): W = 2I − J = [[4, −1], [0, 3]], F = Jy₀ = (1, −3), so K₂ = −1,
        // 4K₁ − K₂ = 1 gives K₁ = 0: y₁ = (1, 2). Every number is exact in binary.
        var system = new Linear([-2.0, 1.0, 0.0, -1.0]);
        ImplicitStepper stepper = Step(OdeSolver.Fixed(LinearlyImplicitEuler, 1), ref system, [1.0, 3.0], 0.5);

        Assert.Equal([1.0, 2.0], stepper.State.ToArray());
        Assert.Equal((0.5, 0.0, 0.5), (stepper.Time, stepper.PreviousTime, stepper.LastStep));
    }

    [Fact]
    public void TwoStageRosenbrock_Decay_IsItsStabilityFunction()
    {
        // z = hλ = −1: R = (½)/(3/2) = ⅓. By hand: W = 1/(hγ) − λ = 6, K₁ = F/W = −⅓; stage state 1 + (4/3)(−⅓) = 5/9,
        // K₂ = (λ·5/9 + (c₂₁/h) K₁)/W = (−10/9 + 16/9)/6 = 1/9; y₁ = 1 + (5/2)(−⅓) + (3/2)(1/9) = ⅓.
        // Tolerance: the transformed coefficients 4/3, −8/3 and ⅔ are rounded, a few ulps.
        var system = new Linear([-2.0]);
        ImplicitStepper stepper = Step(OdeSolver.Fixed(TwoStageRosenbrock, 1), ref system, [1.0], 0.5);

        Assert.Equal(1.0 / 3.0, stepper.State[0], 1e-15);

        // A Rosenbrock step evaluates F at the start and once per later stage; one Jacobian and one LU.
        Assert.Equal(new SolverStatistics(1, 0, 2, 1, 1, 0), stepper.Statistics);
    }

    [Fact]
    public void TwoStageRosenbrock_TwoStepsTwoComponents_ApplyTheStabilityFunctionPerEigenvalue()
    {
        // Diagonal J = diag(−2, −6), h = ¼ twice: z = −½ gives R = (¾)/(5/4) = 3/5, z = −3/2 gives R = (¼)/(7/4) = 1/7.
        var system = new Linear([-2.0, 0.0, 0.0, -6.0]);
        ImplicitStepper stepper = Step(OdeSolver.Fixed(TwoStageRosenbrock, 2), ref system, [1.0, 1.0], 0.5);

        Assert.Equal(0.36, stepper.State[0], 1e-15);
        Assert.Equal(1.0 / 49.0, stepper.State[1], 1e-15);
        Assert.Equal(new SolverStatistics(2, 0, 4, 2, 2, 0), stepper.Statistics);
    }

    [Fact]
    public void Trapezoid_Decay_IsItsStabilityFunctionAndInterpolatesByHermite()
    {
        // z = hλ = −1: y₁ = ⅓. The Newton iteration solves the linear stage equation with the exact J, so only rounding and
        // the Newton tolerance (rtol 1e-10 · |y| ≤ 1e-10) remain.
        var system = new Linear([-2.0]);
        ImplicitStepper stepper = Step(OdeSolver.Fixed(Trapezoid, 1), ref system, [1.0], 0.5);

        Assert.Equal(1.0 / 3.0, stepper.State[0], 1e-10);

        // Cubic Hermite at the midpoint: (y₀ + y₁)/2 + h (f₀ − f₁)/8 with f₀ = −2, f₁ = −⅔: ⅔ − 1/12 = 7/12.
        Span<double> y = stackalloc double[1];
        stepper.Interpolate(0.25, y);
        Assert.Equal(7.0 / 12.0, y[0], 1e-10);

        // f at the start once, then one evaluation per Newton iteration; the last stage's f is the next step's start (no
        // evaluation): the derivative is known without evaluating again.
        SolverStatistics statistics = stepper.Statistics;
        Assert.Equal(1 + statistics.NewtonIterations, statistics.FunctionEvaluations);
        Assert.Equal((1L, 1L, 1L), (statistics.Steps, statistics.JacobianEvaluations, statistics.Factorizations));
        Assert.Equal(-2.0 / 3.0, stepper.CurrentDerivative(ref system)[0], 1e-10);
        Assert.Equal(statistics, stepper.Statistics);
    }

    [Fact]
    public void LinearlyImplicitEuler_Interpolate_IsLinearWithoutDenseRows()
    {
        // No dense-output rows: y(θ) = (1 − θ) y₀ + θ y₁. y' = −2y, h = ½: y₁ = ½, so y(¼) = ¾.
        var system = new Linear([-2.0]);
        ImplicitStepper stepper = Step(OdeSolver.Fixed(LinearlyImplicitEuler, 1), ref system, [1.0], 0.5);

        Span<double> y = stackalloc double[1];
        stepper.Interpolate(0.25, y);

        Assert.Equal(0.5, stepper.State[0]);
        Assert.Equal(0.75, y[0]);
        Assert.Equal(0, stepper.DenseRowCount);
    }

    [Theory]
    [InlineData(true, 1.0, 0.75)] // K = (F + γ₁ h ∂F/∂t)/(1/h) = (1 + ½·1)·½ = ¾
    [InlineData(false, 1.0, 0.5)] // without ∂F/∂t: K = F·h = ½
    [InlineData(true, 1e6, 500_000.25)] // at t = 10⁶: (10⁶ + ½)·½; the difference step must grow with |t| (see below)
    public void LinearlyImplicitEuler_TimeDependentRightHandSide_AddsTheTimeDerivativeTerm(bool timeDependent, double t0, double increment)
    {
        // y' = t from t₀, h = ½ (J = 0). ∂F/∂t = 1 by a central difference with δ ≈ 6e-6·max(1, |t|), exact for a linear f
        // up to rounding (1e-10 relative). At t = 10⁶ a δ that did not grow with |t| would be below the spacing of doubles
        // there (1.2e-10) and give ∂F/∂t = 0.
        var system = new Clock(timeDependent);
        ImplicitStepper stepper = ImplicitStepper.Create(OdeSolver.Fixed(LinearlyImplicitEuler, 1), ImplicitLayout.Plain(1));
        stepper.Reset(t0, [2.0]);
        stepper.AdvanceTo(ref system, t0 + 0.5, 0.5);

        Assert.Equal(2.0 + increment, stepper.State[0], 1e-10 * increment);

        // F at the start, and two more for the central difference when the system depends on t.
        Assert.Equal(timeDependent ? 3 : 1, stepper.Statistics.FunctionEvaluations);
    }

    [Fact]
    public void Trapezoid_IgnoresTheTimeDerivative()
    {
        // An ESDIRK stage evaluates F at t + cᵢh itself: y' = t, h = ½ from t₀ = 1 is the trapezoidal rule, exact for a
        // linear integrand: y₁ = 2 + ½(1 + 1.5)/2 = 2.625, with no central-difference evaluations.
        var system = new Clock(true);
        ImplicitStepper stepper = ImplicitStepper.Create(OdeSolver.Fixed(Trapezoid, 1), ImplicitLayout.Plain(1));
        stepper.Reset(1.0, [2.0]);
        stepper.AdvanceTo(ref system, 1.5, 0.5);

        Assert.Equal(2.625, stepper.State[0], 1e-10);
        Assert.Equal(1 + stepper.Statistics.NewtonIterations, stepper.Statistics.FunctionEvaluations);
    }

    [Fact]
    public void LinearlyImplicitEuler_AugmentedLayout_SolvesTheBlockTriangularSystem()
    {
        // y' = −2y, a replica s' = −2s + y and a quadrature q' = y (coupling 1 each), from (1, 0, 0), h = ½. Linearly
        // implicit Euler with the exact block Jacobian is implicit Euler: (I − hJ_aug) z₁ = z₀ with
        // I − hJ_aug = [[2, 0, 0], [−½, 2, 0], [−½, 0, 1]]: y₁ = ½, s₁ = (0 + ¼)/2 = ⅛, q₁ = ¼. Exact in binary.
        var system = new Augmented(1);
        ImplicitStepper stepper = ImplicitStepper.Create(OdeSolver.Fixed(LinearlyImplicitEuler, 1), new ImplicitLayout(1, 1, 1));
        stepper.Reset(0.0, [1.0, 0.0, 0.0]);
        stepper.AdvanceTo(ref system, 0.5, 0.5);

        Assert.Equal([0.5, 0.125, 0.25], stepper.State.ToArray());
    }

    [Fact]
    public void Trapezoid_AugmentedLayout_IsTheTrapezoidalRuleOnTheWholeSystem()
    {
        // Same system: (I − hJ/2) z₁ = (I + hJ/2) z₀ = (½, ¼, ¼): y₁ = ⅓; the second row
        // −¼y₁ + 1.5 s₁ = ¼ gives s₁ = 2/9; q₁ = h(y₀ + y₁)/2 = ⅓. Tolerance: the Newton tolerance (rtol 1e-10).
        var system = new Augmented(1);
        ImplicitStepper stepper = ImplicitStepper.Create(OdeSolver.Fixed(Trapezoid, 1), new ImplicitLayout(1, 1, 1));
        stepper.Reset(0.0, [1.0, 0.0, 0.0]);
        stepper.AdvanceTo(ref system, 0.5, 0.5);

        Assert.Equal(1.0 / 3.0, stepper.State[0], 1e-10);
        Assert.Equal(2.0 / 9.0, stepper.State[1], 1e-10);
        Assert.Equal(1.0 / 3.0, stepper.State[2], 1e-10);
    }

    [Fact]
    public void TwoStageRosenbrock_AugmentedLayoutWithTwoReplicas_MatchesTheStabilityFunctionOfTheWholeSystem()
    {
        // Two replicas s' = −2s + y and r' = −2r + y, and no quadrature: each replica is s(z) with R applied to the block
        // matrix [[λ, 0], [1, λ]], R(hJ) = [[R, 0], [h R'(hλ), R]]. With R(z) = (1 + z/2)/(1 − z/2), R'(z) = 1/(1 − z/2)²,
        // z = −1, h = ½: s₁ = ½ · (1/(3/2)²) = 2/9. Tolerance: the rounded transformed coefficients (a few ulps).
        var system = new Augmented(2);
        ImplicitStepper stepper = ImplicitStepper.Create(OdeSolver.Fixed(TwoStageRosenbrock, 1), new ImplicitLayout(1, 2, 0));
        stepper.Reset(0.0, [1.0, 0.0, 0.0]);
        stepper.AdvanceTo(ref system, 0.5, 0.5);

        Assert.Equal(1.0 / 3.0, stepper.State[0], 1e-15);
        Assert.Equal(2.0 / 9.0, stepper.State[1], 1e-15);
        Assert.Equal(2.0 / 9.0, stepper.State[2], 1e-15);
    }

    private static ImplicitStepper Step<TSystem>(OdeSolver solver, ref TSystem system, double[] y0, double t1)
        where TSystem : struct, IJacobianSystem
    {
        ImplicitStepper stepper = ImplicitStepper.Create(solver, ImplicitLayout.Plain(y0.Length));
        stepper.Reset(0.0, y0);
        stepper.AdvanceTo(ref system, t1, t1);
        return stepper;
    }

    /// <summary><c>y' = Jy</c> with a constant row-major <c>J</c>.</summary>
    private readonly struct Linear(double[] jacobian) : IJacobianSystem
    {
        public bool IsTimeDependent => false;

        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
        {
            int n = y.Length;
            for (int i = 0; i < n; i++)
            {
                double sum = 0.0;
                for (int j = 0; j < n; j++)
                {
                    sum += jacobian[(i * n) + j] * y[j];
                }

                dydt[i] = sum;
            }
        }

        public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> result) => jacobian.CopyTo(result);

        public void CouplingProduct(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> direction, Span<double> product)
        {
        }
    }

    /// <summary><c>y' = t</c> (J = 0), declaring its time dependence as told.</summary>
    private readonly struct Clock(bool timeDependent) : IJacobianSystem
    {
        public bool IsTimeDependent => timeDependent;

        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => dydt[0] = t;

        public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> result) => result[0] = 0.0;

        public void CouplingProduct(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> direction, Span<double> product)
        {
        }
    }

    /// <summary>
    /// The stiff block <c>y' = −2y</c>, then <paramref name="replicas"/> replicas <c>s' = −2s + y</c>, then quadratures
    /// <c>q' = y</c> for the rest of the state: each replica and quadrature is coupled to the stiff block with weight 1.
    /// </summary>
    private readonly struct Augmented(int replicas) : IJacobianSystem
    {
        public bool IsTimeDependent => false;

        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
        {
            dydt[0] = -2.0 * y[0];
            for (int b = 1; b <= replicas; b++)
            {
                dydt[b] = (-2.0 * y[b]) + y[0];
            }

            for (int q = replicas + 1; q < y.Length; q++)
            {
                dydt[q] = y[0];
            }
        }

        public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> result) => result[0] = -2.0;

        public void CouplingProduct(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> direction, Span<double> product) =>
            product.Fill(direction[0]);
    }
}
