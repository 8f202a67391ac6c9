using System;
using NeuralOdeGen.Verification;
using NeuralOdeGen.Verification.Tests.Models;

namespace NeuralOdeGen.Verification.Tests.Verifier;

[Collection(SymPyCollection.Name)]
public sealed class ModelVerifierTests(SymPyFixture fixture)
{
    [Fact]
    public void Verify_HandWrittenCorrectModel_PassesEveryPath()
    {
        VerificationReport report = new ModelVerifier(fixture.Oracle).Verify<ForcedDecay<NoFault>>();
        Assert.True(report.Passed, report.ToText(includeFormulas: true));
        Assert.Equal(1 + 1 + 2, report.Entries.Count); // f, ∂f/∂x, ∂f/∂a, ∂f/∂b
        Assert.All(report.Entries.Skip(1), e => Assert.Equal(SymbolicVerdict.Equal, e.Verdict));
        Assert.All(report.Entries.Skip(1), e => Assert.Equal(4, e.Dual.Compared));
        Assert.Contains("PASSED", report.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_WrongInfoDerivative_FailsOnlyTheSymbolicVerdict()
    {
        VerificationReport report = new ModelVerifier(fixture.Oracle).Verify<ForcedDecay<WrongInfoDerivativeFault>>();
        EntryReport entry = Single(report, "∂f[x]/∂x");
        Assert.Equal(SymbolicVerdict.Different, entry.Verdict);
        Assert.True(entry.Compiled.Passed && entry.Products.Passed && entry.Dual.Passed && entry.FiniteDifference.Passed);
        Assert.Single(report.Failures);
    }

    [Fact]
    public void Verify_InfoRightHandSideDisagreesWithCode_FailsTheRightHandSideRow()
    {
        VerificationReport report = new ModelVerifier(fixture.Oracle).Verify<ForcedDecay<WrongInfoRightHandSideFault>>();
        Assert.False(Single(report, "f[x]").Compiled.Passed);
        Assert.Equal(SymbolicVerdict.Different, Single(report, "∂f[x]/∂b").Verdict); // sin(t) is not ∂(b·cos t)/∂b
    }

    [Fact]
    public void Verify_WrongCompiledJacobian_FailsOnlyTheCompiledPath()
    {
        VerificationReport report = new ModelVerifier(fixture.Oracle).Verify<ForcedDecay<WrongStateJacobianFault>>();
        EntryReport entry = Single(report, "∂f[x]/∂x");
        Assert.Equal(SymbolicVerdict.Equal, entry.Verdict);
        Assert.False(entry.Compiled.Passed);
        Assert.True(entry.Products.Passed && entry.Dual.Passed && entry.FiniteDifference.Passed);
        Assert.Contains("compiled off at 4 point(s)", Assert.Single(report.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_WrongVectorJacobianProduct_FailsOnlyTheProductsPath()
    {
        VerificationReport report = new ModelVerifier(fixture.Oracle).Verify<ForcedDecay<WrongProductsFault>>();
        EntryReport entry = Single(report, "∂f[x]/∂b");
        Assert.False(entry.Products.Passed);
        Assert.True(entry.Compiled.Passed && entry.Dual.Passed);
        Assert.Single(report.Failures);
    }

    [Fact]
    public void Verify_WrongDualDerivative_FailsOnlyTheDualPath()
    {
        VerificationReport report = new ModelVerifier(fixture.Oracle).Verify<ForcedDecay<WrongDualFault>>();
        EntryReport entry = Single(report, "∂f[x]/∂x");
        Assert.False(entry.Dual.Passed);
        Assert.True(entry.Compiled.Passed && entry.Products.Passed && entry.FiniteDifference.Passed);
        Assert.True(Single(report, "f[x]").Dual.Passed); // the value part is still right
        Assert.Single(report.Failures);
    }

    [Fact]
    public void Verify_TypeAtRunTime_GivesTheSameReportAsTheGenericCall()
    {
        var verifier = new ModelVerifier(fixture.Oracle);
        VerificationReport byType = verifier.Verify(typeof(ForcedDecay<NoFault>));
        VerificationReport generic = verifier.Verify<ForcedDecay<NoFault>>();
        Assert.Equal(generic.ToText(true), byType.ToText(true));
    }

    [Fact]
    public void Verify_TypeThatIsNotAModel_ThrowsNamingModelType()
    {
        var e = Assert.Throws<ArgumentException>(() => new ModelVerifier(fixture.Oracle).Verify(typeof(string)));
        Assert.Equal("modelType", e.ParamName);
    }

    [Fact]
    public void Verify_ExplicitPoints_AreUsedAsGiven()
    {
        // x = 1, a = 2, b = 3, t = π/2: f = −2 + 3 = 1 and ∂f/∂x = −2·a·x = −4.
        var options = new VerificationOptions { Points = [[1.0, 2.0, 3.0, Math.PI / 2]] };
        VerificationReport report = new ModelVerifier(fixture.Oracle, options).Verify<ForcedDecay<NoFault>>();
        Assert.True(report.Passed, report.ToText());
        Assert.Equal(1, Single(report, "f[x]").Compiled.Compared);
    }

    [Fact]
    public void Constructor_UnorderedRange_ThrowsNamingOptions()
    {
        var e = Assert.Throws<ArgumentException>(() => new ModelVerifier(fixture.Oracle, new VerificationOptions { StateMinimum = 2, StateMaximum = 1 }));
        Assert.Equal("options", e.ParamName);
    }

    private static EntryReport Single(VerificationReport report, string label) => Assert.Single(report.Entries, e => e.Entry.Label == label);
}
