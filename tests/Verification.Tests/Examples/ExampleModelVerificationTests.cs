using System;
using NeuralOdeGen.Verification;
using Xunit.Abstractions;

namespace NeuralOdeGen.Verification.Tests.Examples;

/// <summary>The hand-written example models, generated at build time by the real analyzer, verified on every path.</summary>
[Collection(SymPyCollection.Name)]
public sealed class ExampleModelVerificationTests(SymPyFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<Type> Models => new()
    {
        typeof(Decay),
        typeof(LotkaVolterra),
        typeof(VanDerPol),
        typeof(ForcedPendulum),
        typeof(ThresholdHarvest),
        typeof(EveryFunction),
        typeof(SelfActivation),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void ExampleModel_AllPaths_AgreeWithSymPy(Type model)
    {
        VerificationReport report = new ModelVerifier(fixture.Oracle).Verify(model);
        output.WriteLine(report.ToText(includeFormulas: true));
        Assert.True(report.Passed, report.ToText(includeFormulas: true));
        Assert.All(report.Entries, e => Assert.True(e.Verdict is SymbolicVerdict.Equal or SymbolicVerdict.NotApplicable));
    }

    [Fact]
    public void TableFunctions_AllPaths_AgreeWithSymPyProvedOrAtRandomPoints()
    {
        // Every path must agree; SymPy proves most entries but not identities of real cube roots (the Piecewise of
        // Cbrt's SymPy form, squared) that need the sign of their argument, so those are accepted when they agree to
        // 1e-12 at 16 random 30-digit points, as the random programs' are.
        VerificationReport report = new ModelVerifier(fixture.Oracle, new VerificationOptions { AcceptNumericEquality = true }).Verify<TableFunctions>();
        output.WriteLine(report.ToText(includeFormulas: true));
        Assert.True(report.Passed, report.ToText(includeFormulas: true));
        Assert.All(report.Entries, e => Assert.True(e.Verdict is SymbolicVerdict.Equal or SymbolicVerdict.NotApplicable or SymbolicVerdict.EqualNumerically));
        Assert.True(report.Entries.Count(e => e.Verdict == SymbolicVerdict.Equal) >= 10, report.ToText(includeFormulas: true));
    }

    [Fact]
    public void LotkaVolterra_Report_HasEveryEntryAndPath()
    {
        VerificationReport report = new ModelVerifier(fixture.Oracle).Verify<LotkaVolterra>();
        // 2 right-hand sides + 2×2 state + 2×4 parameter Jacobian entries, each compared at the default 4 points.
        Assert.Equal(2 + 4 + 8, report.Entries.Count);
        Assert.All(report.Entries.Skip(2), e => Assert.Equal(4, e.Compiled.Compared));
        Assert.All(report.Entries.Skip(2), e => Assert.Equal(4 * 2, e.Products.Compared)); // JVP and VJP at each point
        Assert.Equal("∂f[predator]/∂gamma", report.Entries[^1].Entry.Label);
        Assert.Equal("-predator", report.Entries[^1].Reference);
    }
}
