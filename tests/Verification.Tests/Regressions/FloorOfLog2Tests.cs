using NeuralOdeGen.Verification;

namespace NeuralOdeGen.Verification.Tests.Regressions;

[Collection(SymPyCollection.Name)]
public sealed class FloorOfLog2Tests(SymPyFixture fixture)
{
    [Fact]
    public void Verify_FloorAndRoundOfALogarithm_AgreeOnEveryPath()
    {
        VerificationReport report = new ModelVerifier(fixture.Oracle).Verify<FloorOfLog2>();

        // Before the fix: f off by Infinity on the compiled and dual paths (SymPy's value was not a number).
        Assert.True(report.Passed, report.ToText(includeFormulas: true));
        Assert.Equal(2, report.Entries.Count); // f, ∂f/∂state
        Assert.Empty(report.Problems);
    }
}
