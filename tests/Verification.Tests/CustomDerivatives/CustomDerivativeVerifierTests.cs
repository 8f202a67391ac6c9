using System;
using NeuralOdeGen.Verification;

namespace NeuralOdeGen.Verification.Tests.CustomDerivatives;

/// <summary>
/// The verification path for models calling functions with hand-written derivatives (<c>[DerivativeOf]</c>): SymPy checks
/// the chain rule with the functions as undefined ones, the numeric paths are compared with central differences, and each
/// derivative method is checked against central differences of its function; a wrong one is caught and reported with
/// the function, the argument point and both values.
/// </summary>
[Collection(SymPyCollection.Name)]
public sealed class CustomDerivativeVerifierTests(SymPyFixture fixture)
{
    [Fact]
    public void Verify_ModelCallingRightCustomDerivatives_PassesAndSaysWhichChecksRan()
    {
        VerificationReport report = new ModelVerifier(fixture.Oracle).Verify<CustomGate>();

        Assert.True(report.Passed, report.ToText(includeFormulas: true));
        Assert.Equal(["HandDerived.HillDerivative", "HandDerived.SoftplusDerivative"], report.CustomDerivatives.Select(c => c.Derivative));
        Assert.All(report.CustomDerivatives, c => Assert.Equal(new VerificationOptions().PointCount, c.Points));
        Assert.All(report.Entries.Where(e => e.Entry.Kind != DerivativeKind.RightHandSide), e => Assert.Equal(SymbolicVerdict.Equal, e.Verdict));

        // ∂f[x]/∂y = a·∂Hill/∂x(y, k) is compared with central differences at every point (none unreliable here).
        EntryReport entry = report.Entries.Single(e => e.Entry.Label == "∂f[X]/∂y" || e.Entry.Label == "∂f[x]/∂y");
        Assert.True(entry.Compiled.Compared > 0 && entry.Dual.Compared > 0);
        string text = report.ToText();
        Assert.Contains("Hand-written derivative HandDerived.HillDerivative of HandDerived.Hill: agrees with central differences", text, StringComparison.Ordinal);
        Assert.Contains("compiled, VJP/JVP and dual values against central differences", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ModelCallingWrongCustomDerivative_FailsNamingFunctionPointAndBothValues()
    {
        VerificationReport report = new ModelVerifier(fixture.Oracle).Verify<WrongSwish>();

        Assert.False(report.Passed);
        CustomDerivativeCheck check = Assert.Single(report.CustomDerivatives);
        Assert.False(check.Passed);
        string mismatch = check.Mismatch!;
        Assert.Matches(@"^HandDerived\.SwishDerivative\((-?[0-9.E+-]+)\) = (-?[0-9.E+-]+), but central differences of HandDerived\.Swish give (-?[0-9.E+-]+)$", mismatch);

        // The reported values are the wrong derivative and the true one at the reported point.
        var match = System.Text.RegularExpressions.Regex.Match(mismatch, @"\((.+)\) = (.+), but central differences of HandDerived\.Swish give (.+)$");
        double x = double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        double s = 1.0 / (1.0 + Math.Exp(-x));
        Assert.Equal(HandDerived.SwishDerivative(x), double.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));

        // Central differences agree with the true derivative to ~1e-9 (h = 1e-6: truncation ~1e-12, rounding ~1e-10).
        Assert.Equal(s * (1.0 + (x * (1.0 - s))), double.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture), 1e-8);
        Assert.Contains(report.Failures, f => f.Contains("Hand-written derivative HandDerived.SwishDerivative of HandDerived.Swish disagrees", StringComparison.Ordinal));
    }
}
