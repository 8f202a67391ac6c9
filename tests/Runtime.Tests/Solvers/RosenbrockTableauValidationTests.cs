using System;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>
/// <see cref="RosenbrockTableau"/>'s constructor checks, each met by a fresh construction. Rodas4 and Rodas5P are built
/// once, in static initialisers, before a mutant is switched on, so only a test that calls the constructor itself can see a
/// wrong check: here fresh copies of both (which must pass, with R(∞) = 0) and small textbook methods claiming one order
/// too many, each chosen so that a known condition of Hairer &amp; Wanner II, Table IV.7.1 is the first to fail.
/// </summary>
/// <remarks>
/// The small methods are given in the transformed form the constructor takes (Hairer &amp; Wanner II, eq. IV.7.25):
/// with Γ = (γᵢⱼ) and α = (αᵢⱼ) the original coefficients, <c>C = diag(1/γ) − Γ⁻¹</c>, <c>a = α Γ⁻¹</c>, <c>m = b Γ⁻¹</c>,
/// nodes αᵢ = Σⱼ αᵢⱼ and time weights γᵢ = Σⱼ γᵢⱼ.
/// </remarks>
public sealed class RosenbrockTableauValidationTests
{
    [Theory]
    [InlineData("Rodas4")]
    [InlineData("Rodas5P")]
    public void FreshCopy_PublishedTableau_IsAcceptedWithItsPropertiesAndLStable(string name)
    {
        RosenbrockTableau published = name == "Rodas4" ? ImplicitTableaus.Rodas4 : ImplicitTableaus.Rodas5P;

        RosenbrockTableau copy = ImplicitTableauTests.Rebuild(published, published.Coupling.ToArray(), published.TimeWeights.ToArray());

        // Both methods are L-stable: R(∞) = 0, recomputed here from 16–17-digit coefficients (rounding leaves ~1e-13).
        Assert.Equal(0.0, copy.StabilityAtInfinity, 1e-12);
        Assert.Equal(name, copy.Name);
        Assert.Equal(name, copy.ToString());
        Assert.Equal(published.Citation, copy.Citation);
        Assert.Equal(published.StageCount, copy.StageCount);
        Assert.Equal((published.Gamma, published.Order, published.EmbeddedOrder, published.DenseOutputOrder), (copy.Gamma, copy.Order, copy.EmbeddedOrder, copy.DenseOutputOrder));
        Assert.Equal(published.A.ToArray(), copy.A.ToArray());
        Assert.Equal(published.Coupling.ToArray(), copy.Coupling.ToArray());
        Assert.Equal(published.Nodes.ToArray(), copy.Nodes.ToArray());
        Assert.Equal(published.TimeWeights.ToArray(), copy.TimeWeights.ToArray());
        Assert.Equal(published.M.ToArray(), copy.M.ToArray());
        Assert.Equal(published.EmbeddedM.ToArray(), copy.EmbeddedM.ToArray());
        Assert.Equal(published.DenseOutput.ToArray(), copy.DenseOutput.ToArray());
    }

    [Fact]
    public void LinearlyImplicitEuler_OrderOne_IsAcceptedAndNotLStableAtHalfGamma()
    {
        // One stage, γ = 1, m = b/γ = 1: y₁ = y + (I/h − J)⁻¹ F. R(z) = 1/(1 − z): R(∞) = 0.
        RosenbrockTableau euler = OneStage(gamma: 1.0, m: 1.0, order: 1);
        Assert.Equal(0.0, euler.StabilityAtInfinity, 1e-15);

        // γ = ½, b = 1 (m = 2): the linearly implicit midpoint rule, order 2, R(z) = (1 + z/2)/(1 − z/2): R(∞) = −1.
        RosenbrockTableau midpoint = OneStage(gamma: 0.5, m: 2.0, order: 2);
        Assert.Equal(-1.0, midpoint.StabilityAtInfinity, 1e-15);
        Assert.Equal(1, midpoint.StageCount);
    }

    [Fact]
    public void TwoStageOrderThree_TransformedCoefficients_AreAccepted()
    {
        // γ = ½, α₂₁ = ⅔, γ₂₁ = −⅔, b = (¼, ¾): Σb = 1, Σ bβ' = ¾·(⅔ − ⅔) = 0 = ½ − γ, Σ bα² = ¾·4/9 = ⅓ (order 3 fails only
        // at Σ bββ' = 0 ≠ 1/6 − γ + γ² = −1/12, see below). Claiming order 2 it is accepted.
        RosenbrockTableau method = TwoStage(order: 2);

        Assert.Equal(2, method.StageCount);

        // R(∞) = 1 − bᵀ(α + Γ)⁻¹1 with α + Γ = [[½, 0], [0, ½]]: 1 − 2·(¼ + ¾) = −1.
        Assert.Equal(-1.0, method.StabilityAtInfinity, 1e-14);
    }

    public static TheoryData<string, string, Func<RosenbrockTableau>> FirstFailingCondition => new()
    {
        // Euler with half its weight: Σ bᵢ = ½.
        { "m", "Σ b_i = 1 fails for m: got 0.5, expected 1", () => OneStage(gamma: 1.0, m: 0.5, order: 1) },

        // Linearly implicit Euler claiming order 2: Σ bᵢβ'ᵢ = 0 (one stage has no β'), ½ − γ = −½.
        { "m", "Σ b_i β'_i = 1/2 − γ fails for m: got 0, expected -0.5", () => OneStage(gamma: 1.0, m: 1.0, order: 2) },

        // The linearly implicit midpoint rule claiming order 3: Σ bᵢαᵢ² = 0 ≠ ⅓.
        { "m", "Σ b_i α_i² = 1/3 fails for m", () => OneStage(gamma: 0.5, m: 2.0, order: 3) },

        // The two-stage method above claiming order 3: Σ bᵢβᵢⱼβ'ⱼ = 0 (β'₁ = 0) ≠ −1/12.
        { "m", "Σ b_i β_ij β'_j = 1/6 − γ + γ² fails for m", () => TwoStage(order: 3) },

        // Rodas4's embedded order-3 solution claiming order 4: the first order-4 condition, Σ b̂ᵢαᵢ³ ≈ 0.3508 ≠ ¼, fails.
        { "embeddedM", "Σ b_i α_i³ = 1/4 fails for embeddedM", () => RodasEmbeddedClaiming(4) },
    };

    [Theory]
    [MemberData(nameof(FirstFailingCondition))]
    public void OrderCondition_FirstToFail_IsNamedWithTheWeightsArgument(string argument, string words, Func<RosenbrockTableau> create)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(create);

        Assert.Equal(argument, error.ParamName);
        Assert.StartsWith("Order condition " + words, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("m")]
    [InlineData("a")]
    [InlineData("coupling")]
    [InlineData("timeWeights")]
    public void NaNCoefficient_IsRejected(string argument)
    {
        // A NaN makes every sum it enters NaN, and |NaN − x| > tol is false: the checks must fail on it, not pass. In m it
        // reaches Σ bᵢ = 1 first; in a or in the coupling (through Γ, and α = AΓ) the node of the second row; a NaN time
        // weight fails its own check.
        double nan = double.NaN;
        Func<RosenbrockTableau> create = argument switch
        {
            "m" => () => new RosenbrockTableau("x", 0.5, [0.0, 0.0, 4.0 / 3.0, 0.0], [0.0, 0.0, -8.0 / 3.0, 0.0], [0.0, 2.0 / 3.0], [0.5, -1.0 / 6.0], [nan, 1.5], [2.5, 1.5], [], 2, 1, 1, "-"),
            "a" => () => new RosenbrockTableau("x", 0.5, [0.0, 0.0, nan, 0.0], [0.0, 0.0, -8.0 / 3.0, 0.0], [0.0, 2.0 / 3.0], [0.5, -1.0 / 6.0], [2.5, 1.5], [2.5, 1.5], [], 2, 1, 1, "-"),
            "coupling" => () => new RosenbrockTableau("x", 0.5, [0.0, 0.0, 4.0 / 3.0, 0.0], [0.0, 0.0, nan, 0.0], [0.0, 2.0 / 3.0], [0.5, -1.0 / 6.0], [2.5, 1.5], [2.5, 1.5], [], 2, 1, 1, "-"),
            _ => () => new RosenbrockTableau("x", 0.5, [0.0, 0.0, 4.0 / 3.0, 0.0], [0.0, 0.0, -8.0 / 3.0, 0.0], [0.0, 2.0 / 3.0], [0.5, nan], [2.5, 1.5], [2.5, 1.5], [], 2, 1, 1, "-"),
        };

        ArgumentException error = Assert.Throws<ArgumentException>(create);

        Assert.Equal(argument switch { "a" or "coupling" => "nodes", "timeWeights" => "timeWeights", _ => "m" }, error.ParamName);
    }

    [Fact]
    public void RodasEmbedded_ClaimingItsOwnOrderThree_IsAccepted()
    {
        // The same weights at their published order pass: the failure above is the order-4 check, not the weights.
        Assert.Equal(3, RodasEmbeddedClaiming(3).EmbeddedOrder);
    }

    public static TheoryData<string, string, Func<RosenbrockTableau>> Defects => new()
    {
        { "gamma", "γ must be positive and finite; got 0.", () => Build(gamma: 0.0) },
        { "gamma", "γ must be positive and finite; got -1.", () => Build(gamma: -1.0) },
        { "gamma", "γ must be positive and finite; got NaN.", () => Build(gamma: double.NaN) },
        { "gamma", $"γ must be positive and finite; got {double.PositiveInfinity}.", () => Build(gamma: double.PositiveInfinity) },
        { "m", "A tableau needs at least one stage; m is empty.", () => new RosenbrockTableau("x", 1.0, [], [], [], [], [], [], [], 1, 1, 1, "-") },
        { "nodes", "nodes has 2 entries; expected 1.", () => Build(nodes: [0.0, 0.0]) },
        { "timeWeights", "timeWeights has 0 entries; expected 1.", () => Build(timeWeights: []) },
        { "embeddedM", "embeddedM has 2 entries; expected 1.", () => Build(embeddedM: [1.0, 0.0]) },
        { "a", "a has 2 entries; expected 1.", () => Build(a: [0.0, 0.0]) },
        { "coupling", "coupling has 4 entries; expected 1.", () => Build(coupling: [0.0, 0.0, 0.0, 0.0]) },
        { "denseOutput", "denseOutput has 3 entries, not a multiple of the 2 stages.", () => TwoStage(order: 2, denseOutput: [1.0, 2.0, 3.0]) },

        // A non-zero diagonal entry (the one-stage a₁₁) and an entry above the diagonal of a two-stage matrix.
        { "a", "a[0,0] = 0.5 but a must be strictly lower triangular.", () => Build(a: [0.5]) },
        { "coupling", "coupling[0,0] = 0.5 but coupling must be strictly lower triangular.", () => Build(coupling: [0.5]) },
        { "coupling", "coupling[0,1] = 1 but coupling must be strictly lower triangular.", () => TwoStage(order: 2, coupling12: 1.0) },
        { "coupling", "coupling[1,1] = 0.5 but coupling must be strictly lower triangular.", () => TwoStage(order: 2, coupling22: 0.5) },
        { "order", "order", () => Build(order: 0) },
        { "embeddedOrder", "embeddedOrder", () => Build(embeddedOrder: 0) },
        { "denseOutputOrder", "denseOutputOrder", () => Build(denseOutputOrder: 0) },

        // α₂ = Σⱼ α₂ⱼ = ⅔ for the two-stage method, and γ₂ = γ₂₁ + γ = −⅔ + ½ = −⅙.
        { "nodes", "Row 1 of α = A·Γ sums to", () => TwoStage(order: 2, node2: 0.7) },
        { "timeWeights", "Row 1 of Γ sums to", () => TwoStage(order: 2, timeWeight2: 0.5) },
        { "timeWeights", "Row 0 of Γ sums to 1 but timeWeights[0] = 0.5.", () => Build(timeWeights: [0.5]) },
    };

    [Theory]
    [MemberData(nameof(Defects))]
    public void Constructor_Defect_ThrowsNamingTheArgumentAndTheProblem(string argument, string words, Func<RosenbrockTableau> create)
    {
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(create);

        Assert.Equal(argument, error.ParamName);
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NullArgument_ThrowsNamingIt()
    {
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => new RosenbrockTableau(null!, 1.0, [0.0], [0.0], [0.0], [1.0], [1.0], [1.0], [], 1, 1, 1, "-")).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentNullException>(() => new RosenbrockTableau("x", 1.0, null!, [0.0], [0.0], [1.0], [1.0], [1.0], [], 1, 1, 1, "-")).ParamName);
        Assert.Equal("coupling", Assert.Throws<ArgumentNullException>(() => new RosenbrockTableau("x", 1.0, [0.0], null!, [0.0], [1.0], [1.0], [1.0], [], 1, 1, 1, "-")).ParamName);
        Assert.Equal("nodes", Assert.Throws<ArgumentNullException>(() => new RosenbrockTableau("x", 1.0, [0.0], [0.0], null!, [1.0], [1.0], [1.0], [], 1, 1, 1, "-")).ParamName);
        Assert.Equal("timeWeights", Assert.Throws<ArgumentNullException>(() => new RosenbrockTableau("x", 1.0, [0.0], [0.0], [0.0], null!, [1.0], [1.0], [], 1, 1, 1, "-")).ParamName);
        Assert.Equal("m", Assert.Throws<ArgumentNullException>(() => new RosenbrockTableau("x", 1.0, [0.0], [0.0], [0.0], [1.0], null!, [1.0], [], 1, 1, 1, "-")).ParamName);
        Assert.Equal("embeddedM", Assert.Throws<ArgumentNullException>(() => new RosenbrockTableau("x", 1.0, [0.0], [0.0], [0.0], [1.0], [1.0], null!, [], 1, 1, 1, "-")).ParamName);
        Assert.Equal("denseOutput", Assert.Throws<ArgumentNullException>(() => new RosenbrockTableau("x", 1.0, [0.0], [0.0], [0.0], [1.0], [1.0], [1.0], null!, 1, 1, 1, "-")).ParamName);
        Assert.Equal("citation", Assert.Throws<ArgumentNullException>(() => new RosenbrockTableau("x", 1.0, [0.0], [0.0], [0.0], [1.0], [1.0], [1.0], [], 1, 1, 1, null!)).ParamName);
    }

    [Fact]
    public void Constructor_CallerArrays_AreCopied()
    {
        double[] m = [1.0];
        double[] dense = [0.5];
        RosenbrockTableau euler = new("x", 1.0, [0.0], [0.0], [0.0], [1.0], m, [1.0], dense, 1, 1, 1, "-");

        m[0] = 7.0;
        dense[0] = 7.0;

        Assert.Equal(1.0, euler.M[0]);
        Assert.Equal(0.5, euler.DenseOutput[0]);
    }

    // Linearly implicit Euler's shape (one stage, no α, no coupling), time weight γ₁ = γ.
    private static RosenbrockTableau OneStage(double gamma, double m, int order) =>
        new("one-stage", gamma, [0.0], [0.0], [0.0], [gamma], [m], [m], [], order, 1, 1, "HW II §IV.7");

    // Linearly implicit Euler with every argument replaceable (a valid order-1 method when none is replaced).
    private static RosenbrockTableau Build(
        double gamma = 1.0, double[]? a = null, double[]? coupling = null, double[]? nodes = null, double[]? timeWeights = null,
        double[]? embeddedM = null, int order = 1, int embeddedOrder = 1, int denseOutputOrder = 1) =>
        new("x", gamma, a ?? [0.0], coupling ?? [0.0], nodes ?? [0.0], timeWeights ?? [gamma], [1.0 / gamma], embeddedM ?? [1.0 / gamma], [],
            order, embeddedOrder, denseOutputOrder, "-");

    // γ = ½, α₂₁ = ⅔, γ₂₁ = −⅔, b = (¼, ¾) in transformed form: Γ⁻¹ = [[2, 0], [8/3, 2]], so c₂₁ = −8/3,
    // a₂₁ = α₂₁/γ = 4/3, m = bΓ⁻¹ = (¼·2 + ¾·8/3, ¾·2) = (5/2, 3/2), nodes (0, ⅔), time weights (½, −⅙).
    private static RosenbrockTableau TwoStage(
        int order, double[]? denseOutput = null, double coupling12 = 0.0, double node2 = 2.0 / 3.0, double timeWeight2 = -1.0 / 6.0, double coupling22 = 0.0) =>
        new("two-stage", 0.5, [0.0, 0.0, 4.0 / 3.0, 0.0], [0.0, coupling12, -8.0 / 3.0, coupling22], [0.0, node2], [0.5, timeWeight2], [2.5, 1.5], [2.5, 1.5],
            denseOutput ?? [], order, 1, 1, "-");

    private static RosenbrockTableau RodasEmbeddedClaiming(int embeddedOrder)
    {
        RosenbrockTableau rodas = ImplicitTableaus.Rodas4;
        return new RosenbrockTableau(
            "x", rodas.Gamma, rodas.A.ToArray(), rodas.Coupling.ToArray(), rodas.Nodes.ToArray(), rodas.TimeWeights.ToArray(), rodas.M.ToArray(),
            rodas.EmbeddedM.ToArray(), rodas.DenseOutput.ToArray(), rodas.Order, embeddedOrder, rodas.DenseOutputOrder, "-");
    }
}
