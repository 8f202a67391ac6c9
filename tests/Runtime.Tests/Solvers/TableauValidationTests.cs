using System;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>
/// The tableau constructors' checks, each met by a fresh construction. The published tableaus are built once, in static
/// initialisers, before any mutant is switched on, so a wrong check survives unless a test calls the constructor itself:
/// here with copies of published methods (which must pass) and with textbook methods claiming one order too many, each
/// chosen so that a known condition is the first to fail (Hairer, Nørsett &amp; Wanner I, §II.1–2).
/// </summary>
public sealed class TableauValidationTests
{
    [Fact]
    public void ButcherTableau_FreshCopiesOfPublishedPairs_AreAccepted()
    {
        // Bogacki–Shampine 3(2) is first-same-as-last; Dormand–Prince 5(4) too, with an embedded order of 4.
        foreach (ButcherTableau published in new[] { Tableaus.BogackiShampine32, Tableaus.DormandPrince54, Tableaus.Rk4 })
        {
            var copy = new ButcherTableau(
                published.Name, published.A.ToArray(), published.B.ToArray(), published.C.ToArray(), published.Order,
                published.HasEmbedded ? published.EmbeddedB.ToArray() : null, published.EmbeddedOrder, published.IsFirstSameAsLast, "copy");

            Assert.Equal(published.IsFirstSameAsLast, copy.IsFirstSameAsLast);
            Assert.Equal(published.EmbeddedOrder, copy.EmbeddedOrder);
        }
    }

    [Fact]
    public void ButcherTableau_HeunEulerPair_EmbeddedOrderOneIsAccepted()
    {
        var heunEuler = new ButcherTableau("Heun–Euler", [0, 0, 1, 0], [0.5, 0.5], [0, 1], 2, [1, 0], 1, false, "HNW I");

        Assert.True(heunEuler.HasEmbedded);
        Assert.Equal(1, heunEuler.EmbeddedOrder);
    }

    public static TheoryData<string, string, Func<ButcherTableau>> BadButcher => new()
    {
        { "b", "at least one stage", () => new ButcherTableau("x", [], [], [], 1, null, 0, false, "-") },
        { "c", "c has 1 entries but b has 2", () => new ButcherTableau("x", [0, 0, 1, 0], [0.5, 0.5], [0], 2, null, 0, false, "-") },
        { "a", "a 2-stage tableau needs 4 (row-major s×s)", () => new ButcherTableau("x", [0, 0, 1], [0.5, 0.5], [0, 1], 2, null, 0, false, "-") },
        { "embeddedB", "embeddedB has 1 entries but the tableau has 2 stages", () => new ButcherTableau("x", [0, 0, 1, 0], [0.5, 0.5], [0, 1], 2, [1], 1, false, "-") },
        { "embeddedOrder", "≥ 1 with embedded weights and 0 without", () => new ButcherTableau("x", [0, 0, 1, 0], [0.5, 0.5], [0, 1], 2, null, 1, false, "-") },
        { "embeddedOrder", "≥ 1 with embedded weights and 0 without", () => new ButcherTableau("x", [0, 0, 1, 0], [0.5, 0.5], [0, 1], 2, [1, 0], 0, false, "-") },
        { "order", "order", () => new ButcherTableau("x", [0], [1], [0], 0, null, 0, false, "-") },
        { "a", "strictly lower-triangular", () => new ButcherTableau("x", [0, 0.5, 1, 0], [0.5, 0.5], [0, 1], 2, null, 0, false, "-") },
        { "c", "the nodes must equal the row sums", () => new ButcherTableau("x", [0, 0, 1, 0], [0.5, 0.5], [0, 0.9], 2, null, 0, false, "-") },
        { "isFirstSameAsLast", "last row of a equal to b", () => new ButcherTableau("x", [0, 0, 1, 0], [0.5, 0.5], [0, 1], 2, null, 0, true, "-") },

        // Euler with weight ½: Σ bᵢ = 1 fails first.
        { "b", "Σ b_i = 1", () => new ButcherTableau("x", [0], [0.5], [0], 1, null, 0, false, "-") },

        // The midpoint rule claiming order 3: Σ bᵢcᵢ² = ¼ ≠ ⅓ is the first failure.
        { "b", "Σ b_i c_i² = 1/3", () => new ButcherTableau("x", [0, 0, 0.5, 0], [0, 1], [0, 0.5], 3, null, 0, false, "-") },

        // Kutta's third-order method with a₃₁ = −0.5, a₃₂ = 1.5 (row sum still 1): Σ bᵢaᵢⱼcⱼ = 1.5·½/6 = ⅛ ≠ ⅙.
        { "b", "Σ b_i a_ij c_j = 1/6", () => new ButcherTableau("x", [0, 0, 0, 0.5, 0, 0, -0.5, 1.5, 0], [1.0 / 6, 2.0 / 3, 1.0 / 6], [0, 0.5, 1], 3, null, 0, false, "-") },

        // Heun's third-order method claiming order 4: Σ bᵢcᵢ³ = ¾·(⅔)³ = 2/9 ≠ ¼.
        { "b", "Σ b_i c_i³ = 1/4", () => new ButcherTableau("x", [0, 0, 0, 1.0 / 3, 0, 0, 0, 2.0 / 3, 0], [0.25, 0, 0.75], [0, 1.0 / 3, 2.0 / 3], 4, null, 0, false, "-") },

        // Kutta's third-order method claiming order 4: Σ bᵢcᵢ³ = ¼ holds (Simpson), Σ bᵢcᵢaᵢⱼcⱼ = ⅙·1·1 ≠ ⅛.
        { "b", "Σ b_i c_i a_ij c_j = 1/8", () => new ButcherTableau("x", [0, 0, 0, 0.5, 0, 0, -1, 2, 0], [1.0 / 6, 2.0 / 3, 1.0 / 6], [0, 0.5, 1], 4, null, 0, false, "-") },
    };

    [Theory]
    [MemberData(nameof(BadButcher))]
    public void ButcherTableau_Defect_ThrowsNamingTheArgumentAndTheCondition(string name, string words, Func<ButcherTableau> create)
    {
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => create());

        Assert.Equal(name, error.ParamName);
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ButcherTableau_NullArguments_ThrowNamingThem()
    {
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => new ButcherTableau(null!, [0], [1], [0], 1, null, 0, false, "-")).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentNullException>(() => new ButcherTableau("x", null!, [1], [0], 1, null, 0, false, "-")).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentNullException>(() => new ButcherTableau("x", [0], null!, [0], 1, null, 0, false, "-")).ParamName);
        Assert.Equal("c", Assert.Throws<ArgumentNullException>(() => new ButcherTableau("x", [0], [1], null!, 1, null, 0, false, "-")).ParamName);
        Assert.Equal("citation", Assert.Throws<ArgumentNullException>(() => new ButcherTableau("x", [0], [1], [0], 1, null, 0, false, null!)).ParamName);
    }

    [Fact]
    public void Esdirk_TrapezoidalRule_HasStabilityMinusOneAtInfinity()
    {
        // The trapezoidal rule as a 2-stage ESDIRK (γ = ½, stiffly accurate, Euler embedded): R(∞) = −1 (A- but not
        // L-stable; HNW II, §IV.3). By the recursion: z₀ = 1, z₁ = −a₁₀z₀/γ = −1. Exact in binary.
        var trapezoid = new DiagonallyImplicitTableau("Trapezoid", [0, 0, 0.5, 0.5], [0.5, 0.5], [0, 1], [1, 0], 2, 1, "HNW II");

        Assert.Equal(-1.0, trapezoid.StabilityAtInfinity);
        Assert.Equal(0.5, trapezoid.Gamma);
        Assert.Equal(2, trapezoid.StageCount);
    }

    [Fact]
    public void Esdirk_FreshCopyOfKvaerno5_IsLStable()
    {
        // Kvaerno5 is L-stable (Kværnø 2004): R(∞) = 0 to rounding of its 7-stage recursion.
        DiagonallyImplicitTableau k = ImplicitTableaus.Kvaerno5;
        var copy = new DiagonallyImplicitTableau("copy", k.A.ToArray(), k.B.ToArray(), k.C.ToArray(), k.EmbeddedB.ToArray(), k.Order, k.EmbeddedOrder, "copy");

        Assert.Equal(0.0, copy.StabilityAtInfinity, 1e-12);
        Assert.Equal(k.Gamma, copy.Gamma);
    }

    public static TheoryData<string, string, Func<DiagonallyImplicitTableau>> BadEsdirk => new()
    {
        { "b", "at least 2 stages; b has 1", () => new DiagonallyImplicitTableau("x", [0], [1], [0], [1], 1, 1, "-") },
        { "a", "Shapes disagree", () => new DiagonallyImplicitTableau("x", [0, 0, 0.5, 0.5], [0.5, 0.5], [0, 1], [1, 0, 0], 2, 1, "-") },
        { "a", "Shapes disagree", () => new DiagonallyImplicitTableau("x", [0, 0, 0.5], [0.5, 0.5], [0, 1], [1, 0], 2, 1, "-") },
        { "a", "a[0,0] = 0 and γ = a[1,1] > 0", () => new DiagonallyImplicitTableau("x", [0, 0, 1, 0], [1, 0], [0, 1], [1, 0], 1, 1, "-") },
        { "a", "a[0,0] = 0 and γ = a[1,1] > 0", () => new DiagonallyImplicitTableau("x", [0.1, 0, 0.4, 0.5], [0.4, 0.5], [0.1, 0.9], [1, 0], 1, 1, "-") },
        { "a", "must be lower triangular", () => new DiagonallyImplicitTableau("x", [0, 0.1, 0.5, 0.5], [0.5, 0.5], [0.1, 1], [1, 0], 1, 1, "-") },
        { "c", "the nodes must equal the row sums", () => new DiagonallyImplicitTableau("x", [0, 0, 0.5, 0.5], [0.5, 0.5], [0, 0.9], [1, 0], 1, 1, "-") },
        { "b", "stiffly accurate", () => new DiagonallyImplicitTableau("x", [0, 0, 0.5, 0.5], [0.4, 0.6], [0, 1], [1, 0], 1, 1, "-") },
        { "embeddedB", "Σ b_i = 1", () => new DiagonallyImplicitTableau("x", [0, 0, 0.5, 0.5], [0.5, 0.5], [0, 1], [0.5, 0], 2, 1, "-") },
    };

    [Theory]
    [MemberData(nameof(BadEsdirk))]
    public void Esdirk_Defect_ThrowsNamingTheArgumentAndTheCondition(string name, string words, Func<DiagonallyImplicitTableau> create)
    {
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => create());

        Assert.Equal(name, error.ParamName);
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Esdirk_OrderBelowOne_Throws()
    {
        Assert.Equal("order", Assert.Throws<ArgumentOutOfRangeException>(
            () => new DiagonallyImplicitTableau("x", [0, 0, 0.5, 0.5], [0.5, 0.5], [0, 1], [1, 0], 0, 1, "-")).ParamName);
        Assert.Equal("embeddedOrder", Assert.Throws<ArgumentOutOfRangeException>(
            () => new DiagonallyImplicitTableau("x", [0, 0, 0.5, 0.5], [0.5, 0.5], [0, 1], [1, 0], 2, 0, "-")).ParamName);
    }
}
