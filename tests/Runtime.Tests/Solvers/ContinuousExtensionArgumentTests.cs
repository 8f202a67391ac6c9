using System;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>
/// <see cref="ContinuousExtension"/>'s argument checks with their names and messages, its properties, and its weights
/// and interpolant worked by hand on the smallest useful case: Heun's method (b = (½, ½), c = (0, 1)) with the weights
/// <c>b₀(θ) = θ − θ²/2</c>, <c>b₁(θ) = θ²/2</c>, which end on b at θ = 1 and satisfy the continuous order conditions of
/// order 2 (<c>Σ bᵢ(θ) = θ</c>, <c>Σ bᵢ(θ) cᵢ = θ²/2</c>). Every value is a dyadic fraction, so the assertions are exact.
/// </summary>
public sealed class ContinuousExtensionArgumentTests
{
    // Row-major s × D: row i holds the coefficients of θ¹ and θ² in bᵢ(θ).
    private static readonly double[] HeunCoefficients = [1.0, -0.5, 0.0, 0.5];

    [Fact]
    public void Constructor_KeepsACopyAndDescribesItself()
    {
        double[] coefficients = (double[])HeunCoefficients.Clone();
        var extension = new ContinuousExtension(2, coefficients, 2, "by hand");
        coefficients[0] = 99.0;

        Assert.Equal(2, extension.StageCount);
        Assert.Equal(2, extension.Degree);
        Assert.Equal(2, extension.Order);
        Assert.Equal("by hand", extension.Citation);
        Assert.Equal(HeunCoefficients, extension.Coefficients.ToArray());
    }

    [Fact]
    public void Weights_MidStep_AreTheHandValues()
    {
        var extension = new ContinuousExtension(2, HeunCoefficients, 2, "by hand");
        double[] weights = new double[2];

        extension.Weights(0.5, weights);

        // b₀(½) = ½ − ⅛ = 0.375, b₁(½) = ⅛.
        Assert.Equal(new[] { 0.375, 0.125 }, weights);
    }

    [Fact]
    public void Interpolate_TwoComponents_IsStartPlusHTimesTheWeightedStages()
    {
        var extension = new ContinuousExtension(2, HeunCoefficients, 2, "by hand");
        double[] y = new double[2];

        // k₀ = (1, 2), k₁ = (3, 4), h = 2, θ = ½: y = (1, 10) + 2·(0.375·k₀ + 0.125·k₁) = (1 + 1.5, 10 + 2.5).
        extension.Interpolate(0.5, 2.0, [1.0, 10.0], [1.0, 2.0, 3.0, 4.0], y);

        Assert.Equal(new[] { 2.5, 12.5 }, y);
    }

    [Fact]
    public void Tableau_HeunWithItsExtension_IsAcceptedAndCarriesIt()
    {
        var extension = new ContinuousExtension(2, HeunCoefficients, 2, "by hand");

        ButcherTableau heun = Heun(extension);

        Assert.Same(extension, heun.ContinuousExtension);
    }

    [Fact]
    public void Tableau_ExtensionOfOtherStageCount_IsRefusedNamingBoth()
    {
        var extension = new ContinuousExtension(3, [1.0, -0.5, 0.0, 0.5, 0.0, 0.0], 2, "by hand");

        ArgumentException error = Assert.Throws<ArgumentException>(() => Heun(extension));

        Assert.Equal("continuousExtension", error.ParamName);
        Assert.Contains("The continuous extension has 3 stages but the tableau has 2.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tableau_ExtensionEndingBesideTheSecondWeight_NamesThatWeight()
    {
        // b₁(1) = 0.75 ≠ ½ (and b₀(1) = ½ still matches, so the check must look past the first weight).
        var extension = new ContinuousExtension(2, [1.0, -0.5, 0.0, 0.75], 2, "by hand");

        ArgumentException error = Assert.Throws<ArgumentException>(() => Heun(extension));

        Assert.Contains("b_1(1) = 0.75 but b[1] = 0.5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_OrderEqualToTheDegree_IsAllowedAndAboveItIsRefused()
    {
        Assert.Equal(2, new ContinuousExtension(2, HeunCoefficients, 2, "by hand").Order);

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => new ContinuousExtension(2, HeunCoefficients, 3, "by hand"));
        Assert.Equal("order", error.ParamName);
        Assert.StartsWith("A polynomial of degree 2 cannot interpolate to order 3.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BadArguments_ThrowWithTheirNames()
    {
        Assert.Equal("stageCount", Assert.Throws<ArgumentOutOfRangeException>(() => new ContinuousExtension(0, HeunCoefficients, 1, "x")).ParamName);
        Assert.Equal("coefficients", Assert.Throws<ArgumentNullException>(() => new ContinuousExtension(2, null!, 1, "x")).ParamName);
        Assert.Equal("citation", Assert.Throws<ArgumentNullException>(() => new ContinuousExtension(2, HeunCoefficients, 1, null!)).ParamName);
        Assert.Equal("order", Assert.Throws<ArgumentOutOfRangeException>(() => new ContinuousExtension(2, HeunCoefficients, 0, "x")).ParamName);

        // One stage is the smallest count.
        Assert.Equal(1, new ContinuousExtension(1, [1.0], 1, "x").StageCount);
    }

    [Theory]
    [InlineData(0, "coefficients has 0 entries, which is not a positive multiple of the 2 stages.")]
    [InlineData(3, "coefficients has 3 entries, which is not a positive multiple of the 2 stages.")]
    public void Constructor_CoefficientsNotWholeRows_SaysHowMany(int count, string message)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new ContinuousExtension(2, new double[count], 1, "x"));

        Assert.Equal("coefficients", error.ParamName);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_NonFiniteCoefficient_NamesItsIndex(double value)
    {
        double[] coefficients = [1.0, -0.5, 0.0, value];

        ArgumentException error = Assert.Throws<ArgumentException>(() => new ContinuousExtension(2, coefficients, 1, "x"));

        // The value is printed in the current culture (∞ or Infinity), so only the index and the reason are compared.
        Assert.Equal("coefficients", error.ParamName);
        Assert.StartsWith("coefficients[3] = ", error.Message, StringComparison.Ordinal);
        Assert.Contains(" is not finite.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CubicHermite_CubicAndLinearComponents_AreExact()
    {
        // Cubic Hermite reproduces cubics: y = t³ on [0, 2] (y₀ = 0, f₀ = 0, y₁ = 8, f₁ = 12) at θ = ½ is 1, and y = 1 + t
        // (y₀ = 1, f = 1, y₁ = 3) is 2; at θ = ¼ they are 0.125 and 1.5.
        double[] y = new double[2];

        CubicHermite.Interpolate(0.5, 2.0, [0.0, 1.0], [0.0, 1.0], [8.0, 3.0], [12.0, 1.0], y);
        Assert.Equal(new[] { 1.0, 2.0 }, y);

        CubicHermite.Interpolate(0.25, 2.0, [0.0, 1.0], [0.0, 1.0], [8.0, 3.0], [12.0, 1.0], y);
        Assert.Equal(new[] { 0.125, 1.5 }, y);
    }

    private static ButcherTableau Heun(ContinuousExtension extension) =>
        new("Heun", [0.0, 0.0, 1.0, 0.0], [0.5, 0.5], [0.0, 1.0], 2, null, 0, false, "Heun's method (explicit trapezoidal rule)", extension);
}
