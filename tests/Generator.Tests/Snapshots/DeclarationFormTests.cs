using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.Snapshots;

/// <summary>
/// Every form of containing type that DESIGN §3 allows ("any non-static partial struct or class"), and identifiers that
/// collide with the names generated code uses: the generated partial declaration must compile without a warning.
/// </summary>
public sealed class DeclarationFormTests
{
    private const string Method = "[Dynamics]\n    public static double Rhs(double x, [Param] double a) => a * x;";

    [Theory]
    [InlineData("public readonly partial struct Model\n{\n    " + Method + "\n}\n")]
    [InlineData("internal partial struct Model\n{\n    " + Method + "\n}\n")]
    [InlineData("public sealed partial class Model\n{\n    " + Method + "\n}\n")]
    [InlineData("public abstract partial class Model\n{\n    " + Method + "\n}\n")]
    [InlineData("public partial class Model\n{\n    private readonly int _unrelated;\n\n    public Model(int unrelated) => _unrelated = unrelated;\n\n    public int Unrelated => _unrelated;\n\n    " + Method + "\n}\n")]
    [InlineData("public partial record class Model\n{\n    " + Method + "\n}\n")]
    [InlineData("public partial record struct Model\n{\n    " + Method + "\n}\n")]
    [InlineData("public partial record Model(int Id)\n{\n    " + Method + "\n}\n")]
    [InlineData("public partial struct @event\n{\n    " + Method + "\n}\n")]
    [InlineData("public partial struct Model\n{\n    [Dynamics]\n    public static double Rhs(double System, [Param] double Dual, [Param] double NeuralOdeGen) => -Dual * System + NeuralOdeGen;\n}\n")]
    [InlineData("public partial struct Model\n{\n    [Dynamics]\n    public static (double Item1, double Item2) Rhs(double @in, double @out, [Param] double @int, [Time] double @this) => (@in * @int - @this, @out);\n}\n")]
    [InlineData("public partial struct Model\n{\n    [Dynamics]\n    public static double Rhs(double global, [Param] double var, [Time] double value) => global * var + value;\n}\n")]
    [InlineData("public partial struct Model\n{\n    [Dynamics]\n    public static double Rhs(double state, [Param] double parameters, [Time] double derivative) => state * parameters + derivative;\n}\n")]
    public void GeneratedCode_ModelDeclarationForm_CompilesWithoutWarnings(string declaration)
    {
        GeneratorRun run = GeneratorHarness.Run("using System;\nusing NeuralOdeGen;\n\nnamespace Demo;\n\n" + declaration);

        Assert.Null(run.Exception);
        Assert.Empty(run.Diagnostics);
        Assert.Single(run.Sources);
        Assert.Empty(run.InputProblems);
        Assert.True(run.OutputProblems.Count == 0, GeneratorRun.Describe(run.OutputProblems));
    }
}
