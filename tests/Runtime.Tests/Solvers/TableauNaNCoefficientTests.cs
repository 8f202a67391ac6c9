using System;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>
/// A NaN coefficient must fail the tableau checks: every check compares |x − y| with a tolerance, and NaN compares false
/// with everything, so checks written <c>|x − y| &gt; tol</c> let a NaN through (found for <see cref="RosenbrockTableau"/>
/// by mutation testing; the same pattern was in <see cref="ButcherTableau"/> and <see cref="DiagonallyImplicitTableau"/>).
/// Heun's method and the trapezoidal rule as an ESDIRK are accepted as given (the last case of each theory), and each NaN
/// below is where the first check that reads it must reject it.
/// </summary>
public sealed class TableauNaNCoefficientTests
{
    public static TheoryData<string, Func<ButcherTableau>> ExplicitWithNaN => new()
    {
        // a₁₀ = NaN: row 1 sums to NaN, the nodes check.
        { "c", () => new ButcherTableau("x", [0, 0, double.NaN, 0], [0.5, 0.5], [0, 1], 2, null, 0, false, "-") },

        // c₁ = NaN: the same check from the other side.
        { "c", () => new ButcherTableau("x", [0, 0, 1, 0], [0.5, 0.5], [0, double.NaN], 2, null, 0, false, "-") },

        // b₀ = NaN: Σ bᵢ = 1 is NaN.
        { "b", () => new ButcherTableau("x", [0, 0, 1, 0], [double.NaN, 0.5], [0, 1], 2, null, 0, false, "-") },

        // The embedded weights' Σ b̂ᵢ = 1.
        { "embeddedB", () => new ButcherTableau("x", [0, 0, 1, 0], [0.5, 0.5], [0, 1], 2, [double.NaN, 0], 1, false, "-") },
    };

    [Theory]
    [MemberData(nameof(ExplicitWithNaN))]
    public void ButcherTableau_NaNCoefficient_IsRejectedNamingTheArgument(string argument, Func<ButcherTableau> create)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(create);
        Assert.Equal(argument, error.ParamName);
    }

    [Fact]
    public void ButcherTableau_FirstSameAsLastWithNaNInTheLastRow_IsRejected()
    {
        // Ralston's second-order method extended by a third, FSAL stage (row 2 = b, c₂ = 1), with a₂₁ = NaN: row 2 then
        // sums to NaN, the nodes check rejects it before the FSAL one reads it.
        ArgumentException error = Assert.Throws<ArgumentException>(
            () => new ButcherTableau("x", [0, 0, 0, 2.0 / 3, 0, 0, 0.25, double.NaN, 0], [0.25, 0.75, 0], [0, 2.0 / 3, 1], 2, null, 0, true, "-"));
        Assert.Equal("c", error.ParamName);
    }

    [Fact]
    public void ButcherTableau_HeunWithoutNaN_IsAccepted() =>
        Assert.Equal(2, new ButcherTableau("Heun", [0, 0, 1, 0], [0.5, 0.5], [0, 1], 2, [1, 0], 1, false, "-").Order);

    public static TheoryData<string, Func<DiagonallyImplicitTableau>> ImplicitWithNaN => new()
    {
        // c₁ = NaN: row 1's sum (a NaN in a₁₀ would meet the stiff-accuracy check a_{s−1,i} = b_i first, which NaN already fails).
        { "c", () => new DiagonallyImplicitTableau("x", [0, 0, 0.5, 0.5], [0.5, 0.5], [0, double.NaN], [1, 0], 2, 1, "-") },

        // The embedded weights: b̂₀ = NaN fails Σ b̂ᵢ = 1.
        { "embeddedB", () => new DiagonallyImplicitTableau("x", [0, 0, 0.5, 0.5], [0.5, 0.5], [0, 1], [double.NaN, 0], 2, 1, "-") },
    };

    [Theory]
    [MemberData(nameof(ImplicitWithNaN))]
    public void DiagonallyImplicitTableau_NaNCoefficient_IsRejectedNamingTheArgument(string argument, Func<DiagonallyImplicitTableau> create)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(create);
        Assert.Equal(argument, error.ParamName);
    }

    [Fact]
    public void DiagonallyImplicitTableau_TrapezoidWithoutNaN_IsAccepted() =>
        Assert.Equal(2, new DiagonallyImplicitTableau("Trapezoid", [0, 0, 0.5, 0.5], [0.5, 0.5], [0, 1], [1, 0], 2, 1, "-").Order);
}
