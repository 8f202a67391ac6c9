using NeuralOdeGen.Runtime.Tests.Models;

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
        Assert.Null(StiffnessDetector.Diagnose<Decay>(Failure(), [jacobian], horizon: 1.0));

    [Theory]
    [InlineData(-1000.0, 1.0)]
    [InlineData(-500.0, -2.0)]
    public void Diagnose_EigenvalueTimesHorizonAtTheRatio_LooksStiff(double jacobian, double horizon)
    {
        // −λ·|horizon| = 1000 exactly (products of small integers), the threshold itself.
        OdeSolverException? diagnosis = StiffnessDetector.Diagnose<Decay>(Failure(), [jacobian], horizon);

        Assert.NotNull(diagnosis);
        Assert.True(diagnosis.LooksStiff);
    }

    [Theory]
    [InlineData(-999.0, 1.0)]
    [InlineData(2000.0, 1.0)]
    public void Diagnose_BelowTheRatioOrGrowing_GivesNoDiagnosis(double jacobian, double horizon) =>
        Assert.Null(StiffnessDetector.Diagnose<Decay>(Failure(), [jacobian], horizon));

    private static OdeSolverException Failure() => new(OdeSolverFailure.StepSizeUnderflow, 0.5, 1e-15, [1.0]);
}
