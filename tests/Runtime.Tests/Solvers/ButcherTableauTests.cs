using System;
using System.Linq;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

public sealed class ButcherTableauTests
{
    public static TheoryData<string> TableauNames => ["Euler", "Midpoint", "Rk4", "Rk4ThreeEighths", "BogackiShampine32", "DormandPrince54", "Tsitouras54"];

    internal static ButcherTableau ByName(string name) => name switch
    {
        "Euler" => Tableaus.Euler,
        "Midpoint" => Tableaus.Midpoint,
        "Rk4" => Tableaus.Rk4,
        "Rk4ThreeEighths" => Tableaus.Rk4ThreeEighths,
        "BogackiShampine32" => Tableaus.BogackiShampine32,
        "DormandPrince54" => Tableaus.DormandPrince54,
        "Tsitouras54" => Tableaus.Tsitouras54,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown tableau."),
    };

    [Theory]
    [MemberData(nameof(TableauNames))]
    public void PublishedTableau_Construction_SatisfiesItsOwnConditions(string name)
    {
        ButcherTableau tableau = ByName(name);

        // The constructor validated row sums and order conditions; the shapes and facts must also be coherent.
        Assert.Equal(tableau.StageCount, tableau.B.Length);
        Assert.Equal(tableau.StageCount * tableau.StageCount, tableau.A.Length);
        Assert.False(string.IsNullOrWhiteSpace(tableau.Citation));
        Assert.Equal(tableau.HasEmbedded, tableau.EmbeddedOrder > 0);
    }

    [Fact]
    public void All_ListsEveryPublishedTableauOnceInDeclarationOrder()
    {
        // The list is hand-maintained beside the properties; this names each property independently of it.
        Assert.Equal(TableauNames.Cast<object[]>().Select(row => ByName((string)row[0])), Tableaus.All);
        Assert.Equal(Tableaus.All.Count, Tableaus.All.Select(t => t.Name).Distinct().Count());
        Assert.All(Tableaus.All, Assert.NotNull);
    }

    [Fact]
    public void PublishedTableaus_CarryTheirPrintedNames()
    {
        // The names are what OdeSolver prints (ToString, failure messages): each is pinned, not only told apart.
        Assert.Equal(
            ["Euler", "Midpoint", "RK4", "RK4 (3/8 rule)", "Bogacki–Shampine 3(2)", "Dormand–Prince 5(4)", "Tsitouras 5(4)"],
            Tableaus.All.Select(t => t.Name));
    }

    [Fact]
    public void Constructor_NodesNotRowSums_ThrowsNamingC()
    {
        var exception = Assert.Throws<ArgumentException>(() => new ButcherTableau(
            "bad", [0.0, 0.0, 0.4, 0.0], [0.0, 1.0], [0.0, 0.5], 2, null, 0, false, "test"));
        Assert.Equal("c", exception.ParamName);
    }

    [Fact]
    public void Constructor_SecondOrderConditionFails_ThrowsNamingB()
    {
        // Row sums fine, Σb = 1, but Σ b c = 0.25 ≠ 1/2.
        var exception = Assert.Throws<ArgumentException>(() => new ButcherTableau(
            "bad", [0.0, 0.0, 0.5, 0.0], [0.5, 0.5], [0.0, 0.5], 2, null, 0, false, "test"));
        Assert.Equal("b", exception.ParamName);
        Assert.Contains("1/2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ImplicitEntry_ThrowsNamingA()
    {
        var exception = Assert.Throws<ArgumentException>(() => new ButcherTableau(
            "bad", [0.5, 0.0, 0.0, 0.0], [1.0, 0.0], [0.5, 0.0], 1, null, 0, false, "test"));
        Assert.Equal("a", exception.ParamName);
    }

    [Fact]
    public void Constructor_EmbeddedWeightsOfWrongOrder_ThrowsNamingEmbeddedB()
    {
        // RK4 with its own b claimed as a 4th-order embedded pair is fine; Euler weights claimed as order 2 are not.
        var exception = Assert.Throws<ArgumentException>(() => new ButcherTableau(
            "bad", Tableaus.Rk4.A.ToArray(), Tableaus.Rk4.B.ToArray(), Tableaus.Rk4.C.ToArray(), 4, [1.0, 0.0, 0.0, 0.0], 2, false, "test"));
        Assert.Equal("embeddedB", exception.ParamName);
    }

    [Fact]
    public void Constructor_FsalWithLastRowNotB_ThrowsNamingFlag()
    {
        var exception = Assert.Throws<ArgumentException>(() => new ButcherTableau(
            "bad", Tableaus.Rk4.A.ToArray(), Tableaus.Rk4.B.ToArray(), Tableaus.Rk4.C.ToArray(), 4, null, 0, true, "test"));
        Assert.Equal("isFirstSameAsLast", exception.ParamName);
    }
}
