using System.Diagnostics;
using System.Linq;
using NeuralOdeGen.Verification;
using Xunit.Abstractions;

namespace NeuralOdeGen.Verification.Tests.Examples;

/// <summary>A neural-network model (span blocks, a loop) through the whole verifier: SymPy, compiled, dual and product paths.</summary>
[Collection(SymPyCollection.Name)]
public sealed class NetworkVerificationTests(SymPyFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void TinyNetwork_AllPaths_AgreeWithSymPyUnderSymbolNames()
    {
        var stopwatch = Stopwatch.StartNew();
        VerificationReport report = new ModelVerifier(fixture.Oracle).Verify<TinyNetwork>();
        stopwatch.Stop();
        output.WriteLine(report.ToText(includeFormulas: false));
        output.WriteLine($"{stopwatch.Elapsed.TotalSeconds:F1} s");

        Assert.True(report.Passed, report.ToText(includeFormulas: true));
        // 2 right-hand sides + 2×2 state + 2×17 parameter Jacobian entries, every one proved equal by SymPy.
        Assert.Equal(2 + 4 + 34, report.Entries.Count);
        Assert.All(report.Entries.Skip(2), e => Assert.Equal(SymbolicVerdict.Equal, e.Verdict));
        Assert.Equal("∂f[y1]/∂b2[1]", report.Entries[^1].Entry.Label);
        Assert.Equal("1", report.Entries[^1].Reference);
    }

    [Fact]
    public void BlockStateNetwork_AllPaths_AgreeWithSymPyUnderSymbolNames()
    {
        VerificationReport report = new ModelVerifier(fixture.Oracle).Verify<BlockStateNetwork>();
        output.WriteLine(report.ToText(includeFormulas: false));

        Assert.True(report.Passed, report.ToText(includeFormulas: true));
        // 2 right-hand sides + 2×2 state + 2×17 parameter Jacobian entries, each checked by SymPy under x_0, x_1, w1_0...
        Assert.Equal(2 + 4 + 34, report.Entries.Count);
        Assert.All(report.Entries.Skip(2), e => Assert.Equal(SymbolicVerdict.Equal, e.Verdict));
        Assert.Equal("∂f[x[1]]/∂x[0]", report.Entries[4].Entry.Label);
    }
}
