using NeuralOdeGen.Verification;

namespace NeuralOdeGen.Verification.Tests.Events;

[Collection(SymPyCollection.Name)]
public sealed class EventVerifierTests(SymPyFixture fixture)
{
    [Fact]
    public void Verify_GeneratedEventsWithTimeAndJumps_PassEveryPath()
    {
        EventVerificationReport report = new EventVerifier(fixture.Oracle).Verify<KickedOscillator>();

        Assert.True(report.Passed, report.ToText());

        // Per event: g and its 5 partials by SymPy, 5 by duals, 5 by differences; per jump 6 more.
        Assert.Equal((3 * (6 + 5 + 5)) + (2 * 6), report.Checks.Count);
        Assert.Contains(report.Checks, c => c.Event == "Phase" && c.Entry == "∂g/∂t" && c.Path == "sympy" && c.Generated != 0.0);
    }

    [Fact]
    public void Verify_TimeOnlyInTheEvent_FindsTheTimeSymbolAndPasses()
    {
        EventVerificationReport report = new EventVerifier(fixture.Oracle).Verify<Refilled>();

        Assert.True(report.Passed, report.ToText());
        Assert.Contains(report.Checks, c => c.Entry == "∂g/∂t" && c.Path == "sympy" && c.Generated != 0.0);
    }

    [Fact]
    public void Verify_WrongEventTimeDerivative_FailsOnlyTheTimeRows()
    {
        EventVerificationReport report = new EventVerifier(fixture.Oracle).Verify<WrongTimeDerivative>();

        Assert.False(report.Passed);
        Assert.All(report.Failures, c => Assert.Equal("∂g/∂t", c.Entry));
        Assert.Equal(["dual", "fd", "sympy"], report.Failures.Select(c => c.Path).Order(System.StringComparer.Ordinal));
    }
}
