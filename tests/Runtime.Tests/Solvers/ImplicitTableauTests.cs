using System;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>The stiff tableaus validate themselves: structure, nodes, order conditions and L-stability.</summary>
public sealed class ImplicitTableauTests
{
    [Fact]
    public void Rodas4_PublishedCoefficients_AreLStableAndConsistent()
    {
        RosenbrockTableau rodas = ImplicitTableaus.Rodas4;

        // Construction checked the order-4 (and embedded order-3) conditions; R(∞) is recomputed from the 16-digit
        // coefficients, whose rounding leaves ~1e-13.
        Assert.Equal(0.0, rodas.StabilityAtInfinity, 1e-12);
        Assert.Equal((6, 4, 3), (rodas.StageCount, rodas.Order, rodas.EmbeddedOrder));
    }

    [Fact]
    public void Rodas5P_PublishedCoefficients_AreLStableAndConsistent()
    {
        RosenbrockTableau rodas = ImplicitTableaus.Rodas5P;

        // Construction checked the conditions up to order 4 for both solutions (order 5 is covered by the observed-order
        // tests); R(∞) from the 17-digit coefficients is 0 up to rounding.
        Assert.Equal(0.0, rodas.StabilityAtInfinity, 1e-12);
        Assert.Equal((8, 5, 4, 4), (rodas.StageCount, rodas.Order, rodas.EmbeddedOrder, rodas.DenseOutputOrder));
    }

    [Fact]
    public void Kvaerno5_PublishedCoefficients_AreLStableAndConsistent()
    {
        DiagonallyImplicitTableau kvaerno = ImplicitTableaus.Kvaerno5;

        // R(∞) from the 17-digit coefficients: 0 up to rounding.
        Assert.Equal(0.0, kvaerno.StabilityAtInfinity, 1e-12);
        Assert.Equal((7, 5, 4, 0.26), (kvaerno.StageCount, kvaerno.Order, kvaerno.EmbeddedOrder, kvaerno.Gamma));
    }

    [Fact]
    public void PublishedTableaus_NameAndCiteTheirSources()
    {
        // The names are what OdeSolver reports (ToString, messages); each citation names the paper or book and the table
        // the digits were taken from (both halves of the text: the source, then where the values are tabulated).
        Assert.Equal("Rodas4", ImplicitTableaus.Rodas4.Name);
        Assert.StartsWith("E. Hairer, G. Wanner, Solving Ordinary Differential Equations II", ImplicitTableaus.Rodas4.Citation, StringComparison.Ordinal);
        Assert.EndsWith("(RODAS, the coefficients of the code rodas.f); values as tabulated in OrdinaryDiffEq.jl's Rodas4Tableau.", ImplicitTableaus.Rodas4.Citation, StringComparison.Ordinal);

        Assert.Equal("Rodas5P", ImplicitTableaus.Rodas5P.Name);
        Assert.StartsWith("G. Steinebach, Construction of Rosenbrock–Wanner method Rodas5P", ImplicitTableaus.Rodas5P.Citation, StringComparison.Ordinal);
        Assert.EndsWith("within the Julia Differential Equations package, BIT Numer. Math. 63 (2023) 27; values as tabulated in OrdinaryDiffEq.jl's Rodas5PTableau.", ImplicitTableaus.Rodas5P.Citation, StringComparison.Ordinal);

        Assert.Equal("Kvaerno5", ImplicitTableaus.Kvaerno5.Name);
        Assert.StartsWith("A. Kværnø, Singly diagonally implicit Runge–Kutta methods", ImplicitTableaus.Kvaerno5.Citation, StringComparison.Ordinal);
        Assert.EndsWith("BIT 44 (2004) 489–502; values as tabulated in Diffrax's kvaerno5.py (P. Kidger).", ImplicitTableaus.Kvaerno5.Citation, StringComparison.Ordinal);
    }

    [Fact]
    public void RosenbrockTableau_PerturbedWeights_FailsAnOrderCondition()
    {
        RosenbrockTableau rodas = ImplicitTableaus.Rodas4;
        double[] m = rodas.M.ToArray();
        m[2] += 1e-6;

        var exception = Assert.Throws<ArgumentException>(() => new RosenbrockTableau(
            "broken", rodas.Gamma, rodas.A.ToArray(), rodas.Coupling.ToArray(), rodas.Nodes.ToArray(), rodas.TimeWeights.ToArray(), m,
            rodas.EmbeddedM.ToArray(), rodas.DenseOutput.ToArray(), 4, 3, 3, "test"));
        Assert.Equal("m", exception.ParamName);
        Assert.Contains("Order condition", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RosenbrockTableau_PerturbedCoupling_BreaksTheTimeWeights()
    {
        RosenbrockTableau rodas = ImplicitTableaus.Rodas4;
        double[] coupling = rodas.Coupling.ToArray();
        coupling[(5 * 6) + 2] += 1e-6;

        // C changes Γ = (diag(1/γ) − C)⁻¹, whose row sums must equal the published γ_i.
        var exception = Assert.Throws<ArgumentException>(() => Rebuild(rodas, coupling, rodas.TimeWeights.ToArray()));
        Assert.Equal("timeWeights", exception.ParamName);
    }

    [Fact]
    public void RosenbrockTableau_WrongTimeWeight_IsRejected()
    {
        RosenbrockTableau rodas = ImplicitTableaus.Rodas4;
        double[] timeWeights = rodas.TimeWeights.ToArray();
        timeWeights[1] += 1e-6;

        var exception = Assert.Throws<ArgumentException>(() => Rebuild(rodas, rodas.Coupling.ToArray(), timeWeights));
        Assert.Equal("timeWeights", exception.ParamName);
    }

    [Fact]
    public void DiagonallyImplicitTableau_PerturbedWeights_FailsAnOrderCondition()
    {
        DiagonallyImplicitTableau kvaerno = ImplicitTableaus.Kvaerno5;
        double[] embedded = kvaerno.EmbeddedB.ToArray();
        embedded[2] += 1e-6;
        embedded[3] -= 1e-6;

        var exception = Assert.Throws<ArgumentException>(() => new DiagonallyImplicitTableau(
            "broken", kvaerno.A.ToArray(), kvaerno.B.ToArray(), kvaerno.C.ToArray(), embedded, 5, 4, "test"));
        Assert.Equal("embeddedB", exception.ParamName);
    }

    internal static RosenbrockTableau Rebuild(RosenbrockTableau source, double[] coupling, double[] timeWeights) =>
        new(source.Name, source.Gamma, source.A.ToArray(), coupling, source.Nodes.ToArray(), timeWeights, source.M.ToArray(),
            source.EmbeddedM.ToArray(), source.DenseOutput.ToArray(), source.Order, source.EmbeddedOrder, source.DenseOutputOrder, source.Citation);
}
