using System;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>
/// <see cref="StiffnessDetector.Diagnose"/> on a one-state model whose state Jacobian is its parameter, so the eigenvalue
/// is chosen directly: stiff when <c>−λ·|horizon| ≥ 1000</c>, not otherwise, and no diagnosis at all when the Jacobian
/// is not finite (the solve failed for another reason: an overflow, not stiffness).
/// </summary>
public sealed class StiffnessDetectorTests
{
    [Theory]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Diagnose_NonFiniteJacobian_GivesNoDiagnosis(double jacobian) =>
        Assert.Null(StiffnessDetector.Diagnose<ScaledDecay>(Failure(), [jacobian], horizon: 1.0));

    [Theory]
    [InlineData(-1000.0, 1.0)]
    [InlineData(-500.0, -2.0)]
    public void Diagnose_EigenvalueTimesHorizonAtTheRatio_LooksStiff(double jacobian, double horizon)
    {
        // −λ·|horizon| = 1000 exactly (products of small integers), the threshold itself.
        OdeSolverException? diagnosis = StiffnessDetector.Diagnose<ScaledDecay>(Failure(), [jacobian], horizon);

        Assert.NotNull(diagnosis);
        Assert.True(diagnosis.LooksStiff);
    }

    [Theory]
    [InlineData(-999.0, 1.0)]
    [InlineData(2000.0, 1.0)]
    public void Diagnose_BelowTheRatioOrGrowing_GivesNoDiagnosis(double jacobian, double horizon) =>
        Assert.Null(StiffnessDetector.Diagnose<ScaledDecay>(Failure(), [jacobian], horizon));

    private static OdeSolverException Failure() => new(OdeSolverFailure.StepSizeUnderflow, 0.5, 1e-15, [1.0]);

    /// <summary><c>ẋ = a·x</c>: the state Jacobian is <c>a</c> itself.</summary>
    private struct ScaledDecay : IOdeModel<ScaledDecay>
    {
        public static int StateCount => 1;

        public static int ParameterCount => 1;

        public static OdeModelInfo Info { get; } = new("ScaledDecay", ["x"], ["a"], null, ["a*x"], ["a"], ["x"]);

        public static void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt) => dxdt[0] = p[0] * x[0];

        public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx) => jx[0] = p[0];

        public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp) => jp[0] = x[0];

        public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
        {
            vjx[0] = v[0] * p[0];
            vjp[0] = v[0] * x[0];
        }

        public static void JacobianVectorProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df) =>
            df[0] = (p[0] * dx[0]) + (x[0] * dp[0]);

        public static void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt) => dxdt[0] = p[0] * x[0];
    }
}
