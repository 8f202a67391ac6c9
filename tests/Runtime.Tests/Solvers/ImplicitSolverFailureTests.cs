using System;
using NeuralOdeGen.Runtime.Tests.Generated;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>Failures of the implicit solvers, and the stiffness hint of the explicit ones.</summary>
public sealed class ImplicitSolverFailureTests
{
    [Theory]
    [MemberData(nameof(StiffSolverTests.Methods), MemberType = typeof(StiffSolverTests))]
    public void FixedStep_InfiniteRightHandSide_ThrowsNonFiniteStateWithTimeStepAndState(string method)
    {
        OdeSolver solver = method switch
        {
            "Rodas4" => OdeSolver.Fixed(ImplicitTableaus.Rodas4, 10),
            "Rodas5P" => OdeSolver.Fixed(ImplicitTableaus.Rodas5P, 10),
            _ => OdeSolver.Fixed(ImplicitTableaus.Kvaerno5, 10),
        };
        var integrator = new OdeIntegrator<Decay>(solver);
        double[] final = new double[1];

        // ẋ = 1e300·x from 1e300: F overflows to ∞ at the first stage.
        var exception = Assert.Throws<OdeSolverException>(() => integrator.Solve(0.0, 1.0, [1e300], [1e300], final));
        Assert.True(exception.Reason is OdeSolverFailure.NonFiniteState or OdeSolverFailure.NewtonFailure, exception.Reason.ToString());
        Assert.Equal(0.0, exception.Time);
        Assert.Equal(0.1, exception.StepSize, 1e-15);
        Assert.Equal([1e300], exception.State);
    }

    [Theory]
    [MemberData(nameof(StiffSolverTests.Methods), MemberType = typeof(StiffSolverTests))]
    public void Adaptive_InfiniteRightHandSide_ThrowsNonFiniteStateAfterShrinking(string method)
    {
        var integrator = new OdeIntegrator<Decay>(StiffSolverTests.Adaptive(method, 1e-6, 1e-9));
        double[] final = new double[1];
        var exception = Assert.Throws<OdeSolverException>(() => integrator.Solve(0.0, 1.0, [1e300], [1e300], final));
        Assert.True(exception.Reason is OdeSolverFailure.NonFiniteState or OdeSolverFailure.NewtonFailure, exception.Reason.ToString());
        Assert.Equal(0.0, exception.Time);
        Assert.Equal([1e300], exception.State);
    }

    [Fact]
    public void Rodas4_ImpossibleTolerance_ThrowsStepSizeUnderflow()
    {
        // rtol = atol = 1e-300 cannot be met: the controller shrinks h until t + h cannot be told from t.
        var integrator = new OdeIntegrator<LotkaVolterra>(OdeSolver.Rodas4(1e-300, 1e-300));
        double[] final = new double[2];
        var exception = Assert.Throws<OdeSolverException>(() => integrator.Solve(0.0, 1.0, [1.0, 1.0], [1.5, 1.0, 1.0, 3.0], final));
        Assert.Equal(OdeSolverFailure.StepSizeUnderflow, exception.Reason);
        Assert.True(Math.Abs(exception.StepSize) < 1e-14, $"step {exception.StepSize}");
        Assert.InRange(exception.Time, 0.0, 1.0);
        Assert.Equal(2, exception.State.Length);
    }

    [Fact]
    public void Kvaerno5_ImpossibleTolerance_StopsWithoutProgress()
    {
        // The same impossible tolerance. Kvaerno5's Newton iteration must meet it too and gives up, or the step becomes
        // so small that h·F vanishes against y and the error estimate rounds to 0, so tiny steps are accepted until the
        // step budget runs out: either way the solve stops near t = 0 with the state it had.
        var integrator = new OdeIntegrator<LotkaVolterra>(OdeSolver.Adaptive(ImplicitTableaus.Kvaerno5, 1e-300, 1e-300, maxSteps: 10_000));
        double[] final = new double[2];
        var exception = Assert.Throws<OdeSolverException>(() => integrator.Solve(0.0, 1.0, [1.0, 1.0], [1.5, 1.0, 1.0, 3.0], final));
        Assert.True(
            exception.Reason is OdeSolverFailure.StepSizeUnderflow or OdeSolverFailure.NewtonFailure or OdeSolverFailure.MaxStepsExceeded,
            exception.Reason.ToString());
        // Steps of at most a few ulps of t move the state by no more than h·|F| ≪ 1e-12.
        Assert.InRange(exception.Time, 0.0, 1e-6);
        Assert.Equal([1.0, 1.0], exception.State, new ToleranceComparer(1e-12));
    }

    private sealed class ToleranceComparer(double tolerance) : System.Collections.Generic.IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }

    [Fact]
    public void Adaptive_NewtonDivergesPastRetryBudget_ThrowsNewtonFailure()
    {
        // The model's Jacobian has the wrong sign; with a = −1e9 the simplified Newton iteration diverges unless
        // h·γ·|a| < 1/3, i.e. h < 1.3e-9, while 10 quarterings of the first step 0.1 only reach 9.5e-8.
        var integrator = new OdeIntegrator<MismatchedJacobianDecay>(OdeSolver.Adaptive(ImplicitTableaus.Kvaerno5, 1e-6, 1e-9, initialStep: 0.1));
        double[] final = new double[1];
        var exception = Assert.Throws<OdeSolverException>(() => integrator.Solve(0.0, 1.0, [1.0], [-1e9], final));
        Assert.Equal(OdeSolverFailure.NewtonFailure, exception.Reason);
        Assert.Equal(0.0, exception.Time);
        // The failing step is the first one quartered MaxNewtonRetries times (exact up to rounding of the products).
        Assert.Equal(0.1 * Math.Pow(0.25, OdeSolver.MaxNewtonRetries), exception.StepSize, 1e-20);
        Assert.Equal([1.0], exception.State);
        Assert.Contains("Newton iteration failed", exception.Message, StringComparison.Ordinal);
        Assert.Equal(OdeSolver.MaxNewtonRetries + 1, integrator.Statistics.RejectedSteps);
    }

    [Fact]
    public void FixedStep_NewtonDiverges_ThrowsNewtonFailureAtOnce()
    {
        var integrator = new OdeIntegrator<MismatchedJacobianDecay>(OdeSolver.Fixed(ImplicitTableaus.Kvaerno5, 10));
        double[] final = new double[1];
        var exception = Assert.Throws<OdeSolverException>(() => integrator.Solve(0.0, 1.0, [1.0], [-1e9], final));
        Assert.Equal(OdeSolverFailure.NewtonFailure, exception.Reason);
        Assert.Equal(0.1, exception.StepSize, 1e-15);
    }

    [Fact]
    public void Dopri5_StiffVanDerPolWithSmallStepBudget_SaysItLooksStiffAndNamesRodas5P()
    {
        // μ = 1 000: on the slow branch the Jacobian has an eigenvalue ≈ −3 000, so |λ|·horizon ≈ 6e6 ≫ 1 000.
        var integrator = new OdeIntegrator<GeneratedVanDerPol>(OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-6, 1e-6, maxSteps: 2_000));
        double[] final = new double[2];
        var exception = Assert.Throws<OdeSolverException>(() => integrator.Solve(0.0, 2_000.0, [2.0, 0.0], [1_000.0], final));
        Assert.Equal(OdeSolverFailure.MaxStepsExceeded, exception.Reason);
        Assert.True(exception.LooksStiff);
        Assert.Contains("looks stiff", exception.Message, StringComparison.Ordinal);
        Assert.Contains("OdeSolver.Rodas5P", exception.Message, StringComparison.Ordinal);
        Assert.IsType<OdeSolverException>(exception.InnerException);
    }

    [Fact]
    public void Dopri5_NonStiffProblemOutOfSteps_DoesNotClaimStiffness()
    {
        // Lotka–Volterra's Jacobian eigenvalues are O(1): |λ|·horizon ≈ 10 ≪ 1 000.
        var integrator = new OdeIntegrator<LotkaVolterra>(OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-10, 1e-10, maxSteps: 5));
        double[] final = new double[2];
        var exception = Assert.Throws<OdeSolverException>(() => integrator.Solve(0.0, 10.0, [1.0, 1.0], [1.5, 1.0, 1.0, 3.0], final));
        Assert.Equal(OdeSolverFailure.MaxStepsExceeded, exception.Reason);
        Assert.False(exception.LooksStiff);
        Assert.DoesNotContain("looks stiff", exception.Message, StringComparison.Ordinal);
    }
}
