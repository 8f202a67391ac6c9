using System;
using NeuralOdeGen.Verification;

namespace NeuralOdeGen.Verification.Tests.Regressions;

[Collection(SymPyCollection.Name)]
public sealed class AbsOfCubedDifferenceTests(SymPyFixture fixture)
{
    [Fact]
    public void Verify_AbsOfCubedDifference_ProvesEveryEntryOnEveryPath()
    {
        VerificationReport report = new ModelVerifier(fixture.Oracle).Verify<AbsOfCubedDifference>();
        Assert.True(report.Passed, report.ToText(includeFormulas: true));
        Assert.Equal(1 + 1 + 3, report.Entries.Count); // f, ∂f/∂delta, ∂f/∂s0, ∂f/∂alpha, ∂f/∂is
        // Default options accept only proofs: d|u³|/d(alpha) = −3u²·sign(u) with u = is − alpha must be proved, not sampled.
        Assert.All(report.Entries.Skip(1), e => Assert.Equal(SymbolicVerdict.Equal, e.Verdict));
        Assert.Empty(report.Problems);
    }

    [Fact]
    public void ToText_OracleFailedBeforeAnyEntry_StillListsEveryGeneratedFormula()
    {
        VerificationReport report;
        using (var oracle = new AlwaysFailingOracle("AttributeError: 'BooleanTrue' object has no attribute 'lhs'"))
        {
            report = new ModelVerifier(oracle).Verify<AbsOfCubedDifference>();
        }

        OdeModelInfo info = AbsOfCubedDifference.Info;
        string text = report.ToText(includeFormulas: true);
        Assert.False(report.Passed);
        Assert.Empty(report.Entries);
        Assert.Contains("'BooleanTrue' object has no attribute 'lhs'", Assert.Single(report.Problems), StringComparison.Ordinal);
        // Every formula the oracle was asked about, in Info's order: the failure can be reproduced from the report alone.
        string formulas = text[text.IndexOf("formulas (generated | SymPy):", StringComparison.Ordinal)..];
        string[] expected =
        [
            $"  f[delta] = {info.RightHandSide[0]}",
            $"  ∂f[delta]/∂delta = {info.StateJacobian[0]}",
            $"  ∂f[delta]/∂s0 = {info.ParameterJacobian[0]}",
            $"  ∂f[delta]/∂alpha = {info.ParameterJacobian[1]}",
            $"  ∂f[delta]/∂is = {info.ParameterJacobian[2]}",
        ];
        int position = 0;
        foreach (string line in expected)
        {
            int found = formulas.IndexOf(line + Environment.NewLine, position, StringComparison.Ordinal);
            Assert.True(found >= position, $"'{line}' is missing or out of order in:\n{text}");
            position = found + line.Length;
        }
    }
}
