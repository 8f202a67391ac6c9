using System.Linq;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.Snapshots;

/// <summary>Hint names follow <c>{Namespace}.{Outer}.{Inner}.g.cs</c> and the generated partial declarations compile in every placement.</summary>
public sealed class HintNameTests
{
    private const string DecayMethod = "[NeuralOdeGen.Dynamics]\n    public static double Rhs(double x, [NeuralOdeGen.Param] double a) => a * x;";

    [Theory]
    [InlineData("public partial struct Decay\n{\n    " + DecayMethod + "\n}\n", "Decay.g.cs")]
    [InlineData("namespace Demo;\n\npublic partial struct Decay\n{\n    " + DecayMethod + "\n}\n", "Demo.Decay.g.cs")]
    [InlineData("namespace A.B\n{\n    internal partial class Decay\n    {\n        " + DecayMethod + "\n    }\n}\n", "A.B.Decay.g.cs")]
    [InlineData("namespace Demo;\n\npublic partial class Outer\n{\n    internal partial struct Inner\n    {\n        " + DecayMethod + "\n    }\n}\n", "Demo.Outer.Inner.g.cs")]
    [InlineData("namespace Demo;\n\npublic static partial class Outer\n{\n    private partial struct Middle\n    {\n        public partial struct Inner\n        {\n            " + DecayMethod + "\n        }\n    }\n}\n", "Demo.Outer.Middle.Inner.g.cs")]
    [InlineData("namespace @fixed.Models;\n\npublic partial struct @event\n{\n    " + DecayMethod + "\n}\n", "fixed.Models.event.g.cs")]
    public void HintName_ModelPlacement_FollowsNamespaceAndNesting(string source, string expectedHintName)
    {
        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Null(run.Exception);
        Assert.Empty(run.Diagnostics);
        Assert.Equal(expectedHintName, Assert.Single(run.Sources).HintName);
        Assert.True(run.OutputProblems.Count == 0, GeneratorRun.Describe(run.OutputProblems));
    }

    [Fact]
    public void HintName_SameTypeNameInTwoNamespaces_TwoDistinctFilesThatCompile()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "namespace First;\n\npublic partial struct Decay\n{\n    " + DecayMethod + "\n}\n",
            "namespace Second;\n\npublic partial struct Decay\n{\n    " + DecayMethod + "\n}\n");

        Assert.Empty(run.Diagnostics);
        Assert.Equal(["First.Decay.g.cs", "Second.Decay.g.cs"], run.Sources.Select(s => s.HintName).Order(System.StringComparer.Ordinal));
        Assert.True(run.OutputProblems.Count == 0, GeneratorRun.Describe(run.OutputProblems));
    }
}
