using System;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>
/// <see cref="OdeSolverException"/> built directly: each reason's message (where, why, and the remedy's key words), the
/// state shown up to eight values, and the two derived failures (attributed to a sample, diagnosed as stiff) keeping
/// every fact of the original. The solver tests raise only some reasons and check a few words of each.
/// </summary>
public sealed class OdeSolverExceptionTests
{
    public static TheoryData<OdeSolverFailure, string> ReasonWords => new()
    {
        { OdeSolverFailure.NonFiniteState, "The ODE state became NaN or infinite at t = 0.25" },
        { OdeSolverFailure.StepSizeUnderflow, "The adaptive step size underflowed at t = 0.25" },
        { OdeSolverFailure.MaxStepsExceeded, "exceeded its maximum number of steps at t = 0.25" },
        { OdeSolverFailure.NewtonFailure, "Newton iteration failed at t = 0.25" },
        { (OdeSolverFailure)99, "The ODE solve failed (99) at t = 0.25" },
    };

    [Theory]
    [MemberData(nameof(ReasonWords))]
    public void Message_EachReason_SaysWhatHappenedAndWhere(OdeSolverFailure reason, string words)
    {
        var failure = new OdeSolverException(reason, 0.25, 1e-3, [1.5, -2.0]);

        Assert.Contains(words, failure.Message, StringComparison.Ordinal);
        Assert.Contains("with step size 0.001 and state [1.5, -2]", failure.Message, StringComparison.Ordinal);
        Assert.Equal(reason, failure.Reason);
        Assert.Equal(0.25, failure.Time);
        Assert.Equal(1e-3, failure.StepSize);
        Assert.Null(failure.Sample);
        Assert.False(failure.LooksStiff);
    }

    [Fact]
    public void Message_NewtonFailure_NamesTheRetryBudget()
    {
        var failure = new OdeSolverException(OdeSolverFailure.NewtonFailure, 0.0, 0.1, [0.0]);

        Assert.Contains($"after {OdeSolver.MaxNewtonRetries} step reductions", failure.Message, StringComparison.Ordinal);
        Assert.Contains("state Jacobian", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_EightValues_ShowsThemAllWithoutACount()
    {
        var failure = new OdeSolverException(OdeSolverFailure.NonFiniteState, 0.0, 0.1, [1, 2, 3, 4, 5, 6, 7, 8]);

        Assert.Contains("state [1, 2, 3, 4, 5, 6, 7, 8]", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("values)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_TenValues_ShowsEightAndTheCount()
    {
        var failure = new OdeSolverException(OdeSolverFailure.NonFiniteState, 0.0, 0.1, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

        Assert.Contains("state [1, 2, 3, 4, 5, 6, 7, 8, … (10 values)]", failure.Message, StringComparison.Ordinal);
        Assert.Equal(10, failure.State.Length);
    }

    [Fact]
    public void State_IsACopy()
    {
        double[] state = [1.0, 2.0];
        var failure = new OdeSolverException(OdeSolverFailure.NonFiniteState, 0.0, 0.1, state);
        state[0] = 99.0;

        Assert.Equal([1.0, 2.0], failure.State);
    }

    [Fact]
    public void ForSample_KeepsEveryFactAndPrefixesTheSample()
    {
        var original = new OdeSolverException(OdeSolverFailure.StepSizeUnderflow, 0.5, 1e-12, [3.0]);

        OdeSolverException attributed = original.ForSample(4);

        Assert.Equal(4, attributed.Sample);
        Assert.StartsWith("Sample 4: The adaptive step size underflowed", attributed.Message, StringComparison.Ordinal);
        Assert.Same(original, attributed.InnerException);
        Assert.Equal(OdeSolverFailure.StepSizeUnderflow, attributed.Reason);
        Assert.Equal(0.5, attributed.Time);
        Assert.Equal(1e-12, attributed.StepSize);
        Assert.Equal([3.0], attributed.State);

        // Already attributed: a second attribution (an outer batch loop) keeps the first sample.
        Assert.Same(attributed, attributed.ForSample(7));
    }

    [Fact]
    public void AsStiff_AppendsTheEigenvalueAndKeepsTheSample()
    {
        OdeSolverException attributed = new OdeSolverException(OdeSolverFailure.MaxStepsExceeded, 2.0, 1e-4, [0.1]).ForSample(1);

        OdeSolverException stiff = attributed.AsStiff(-2000.0, 10.0);

        // G4 of −2000 and G3 of 2000·10 = 20000, invariant culture.
        Assert.Contains("real part -2000, so |Re λ|·horizon = 2E+04", stiff.Message, StringComparison.Ordinal);
        Assert.Contains("OdeSolver.Rodas5P", stiff.Message, StringComparison.Ordinal);
        Assert.True(stiff.LooksStiff);
        Assert.Equal(1, stiff.Sample);
        Assert.Equal(OdeSolverFailure.MaxStepsExceeded, stiff.Reason);
        Assert.Equal(2.0, stiff.Time);
        Assert.Equal(1e-4, stiff.StepSize);
        Assert.Equal([0.1], stiff.State);
        Assert.Same(attributed, stiff.InnerException);

        // Attributing a stiff failure to a sample keeps the diagnosis.
        Assert.True(new OdeSolverException(OdeSolverFailure.MaxStepsExceeded, 0.0, 0.1, [0.0]).AsStiff(-1e4, 1.0).ForSample(2).LooksStiff);
    }

    [Fact]
    public void SolverStatistics_Sum_AddsEachCountToItsOwn()
    {
        var left = new SolverStatistics(1, 2, 3, 4, 5, 6);
        var right = new SolverStatistics(10, 20, 30, 40, 50, 60);

        Assert.Equal(new SolverStatistics(11, 22, 33, 44, 55, 66), left + right);
        Assert.Equal(new SolverStatistics(11, 22, 33, 44, 55, 66), SolverStatistics.Add(left, right));
    }

    [Fact]
    public void Message_LongReasons_EndWithTheirAdvice()
    {
        // The two messages written over two string literals: the advice at the end is part of the message.
        Assert.EndsWith(
            "or the fixed step is too large for the problem's time scale (use more steps or an adaptive solver).",
            new OdeSolverException(OdeSolverFailure.NonFiniteState, 0.0, 0.1, [1.0]).Message,
            StringComparison.Ordinal);
        Assert.EndsWith(
            "(a hand-written IOdeModel), that the dynamics do not blow up here, or use more fixed steps.",
            new OdeSolverException(OdeSolverFailure.NewtonFailure, 0.0, 0.1, [1.0]).Message,
            StringComparison.Ordinal);
    }
}
