using System.Linq;
using Microsoft.CodeAnalysis;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.Diagnostics;

/// <summary>
/// One test (or theory) per diagnostic id: the id, its exact location (the <c>[|…|]</c> marker) and that no
/// source is emitted for the broken model.
/// </summary>
public sealed class DiagnosticTests
{
    [Theory]
    [InlineData("public struct [|Decay|]\n{\n    [Dynamics]\n    public static double Rhs(double x, [Param] double a) => a * x;\n}\n")]
    [InlineData("public class [|Decay|]\n{\n    [Dynamics]\n    public static double Rhs(double x, [Param] double a) => a * x;\n}\n")]
    [InlineData("public class [|Outer|]\n{\n    public partial struct Decay\n    {\n        [Dynamics]\n        public static double Rhs(double x, [Param] double a) => a * x;\n    }\n}\n")]
    public void Node001_TypeOrEnclosingTypeNotPartial_ReportedAtThatTypesIdentifier(string source)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE001", source);
        Assert.Contains("partial", DiagnosticAssert.Message(diagnostic), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Node002_StaticContainingType_ReportedAtTypeIdentifier() =>
        DiagnosticAssert.ReportsExactlyAt("NODE002", "public static partial class [|Decay|]\n{\n    [Dynamics]\n    public static double Rhs(double x, [Param] double a) => a * x;\n}\n");

    [Fact]
    public void Node003_SecondDynamicsMethodInType_ReportedAtSecondMethodIdentifier() =>
        DiagnosticAssert.ReportsExactlyAt(
            "NODE003",
            "public partial struct Decay\n{\n    [Dynamics]\n    public static double Rhs(double x, [Param] double a) => a * x;\n\n    [Dynamics]\n    public static double [|Other|](double x, [Param] double a) => -a * x;\n}\n");

    [Fact]
    public void Node003_ThreeDynamicsMethods_ReportedAtSecondAndThirdOnly()
    {
        var source = DiagnosticAssert.Usings
            + "public partial struct Decay\n{\n    [Dynamics] public static double First(double x) => x;\n    [Dynamics] public static double Second(double x) => x;\n    [Dynamics] public static double Third(double x) => x;\n}\n";
        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Equal(["NODE003", "NODE003"], run.Diagnostics.Select(d => d.Id));
        Assert.Equal(
            [source.IndexOf("Second", System.StringComparison.Ordinal), source.IndexOf("Third", System.StringComparison.Ordinal)],
            run.Diagnostics.Select(d => d.Location.SourceSpan.Start).Order());
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("public partial struct Decay\n{\n    [Dynamics]\n    public double [|Rhs|](double x, [Param] double a) => a * x;\n}\n")]
    [InlineData("public partial struct Decay\n{\n    [Dynamics]\n    public static double [|Rhs|]<T>(double x, [Param] double a) => a * x;\n}\n")]
    public void Node004_InstanceOrGenericMethod_ReportedAtMethodIdentifier(string source) => DiagnosticAssert.ReportsExactlyAt("NODE004", source);

    [Theory]
    [InlineData("public static (double, double) Rhs(double x, [|float y|]) => (x, y);")]
    [InlineData("public static double Rhs(double x, [|[Param] int n|]) => x * n;")]
    [InlineData("public static double Rhs([|ref double x|]) => x;")]
    [InlineData("public static double Rhs([|in double x|]) => x;")]
    [InlineData("public static double Rhs(double x, [|[Param] double a = 1.0|]) => a * x;")]
    [InlineData("public static double Rhs(double x, [|[Param] params double[] rest|]) => x;")]
    public void Node005_ParameterNotPlainDouble_ReportedAtParameter(string method) =>
        DiagnosticAssert.ReportsExactlyAt("NODE005", Model(method));

    [Theory]
    [InlineData("public static double [|Rhs|]([Param] double a) => a;")]
    [InlineData("public static double [|Rhs|]([Time] double t, [Param] double a) => a * t;")]
    public void Node006_NoStateVariable_ReportedAtMethodIdentifier(string method) =>
        DiagnosticAssert.ReportsExactlyAt("NODE006", Model(method));

    [Theory]
    [InlineData("public static [|float|] Rhs(double x) => 1f;")]
    [InlineData("public static [|void|] Rhs(double x) { }")]
    [InlineData("public static [|(double, int)|] Rhs(double x, double y) => (x, 1);")]
    [InlineData("public static [|double[]|] Rhs(double x) => new[] { x };")]
    public void Node007_ReturnTypeNotDoubleOrDoubleTuple_ReportedAtReturnType(string method) =>
        DiagnosticAssert.ReportsExactlyAt("NODE007", Model(method));

    [Theory]
    [InlineData("public static [|(double A, double B)|] Rhs(double x) => (x, -x);")]
    [InlineData("public static [|double|] Rhs(double x, double y) => x * y;")]
    [InlineData("public static [|(double, double)|] Rhs(double x, double y, double z) => (x, y);")]
    public void Node008_ReturnArityDiffersFromStateCount_ReportedAtReturnType(string method) =>
        DiagnosticAssert.ReportsExactlyAt("NODE008", Model(method));

    [Theory]
    [InlineData("public static double Rhs([Time] double t, [|[Time] double s|], double x) => x * t * s;")]
    [InlineData("public static double Rhs([|[Time, Param] double t|], double x) => x * t;")]
    [InlineData("public static double Rhs(double x, [|[Param][Time] double t|]) => x * t;")]
    public void Node009_SecondTimeOrTimeAndParam_ReportedAtParameter(string method) =>
        DiagnosticAssert.ReportsExactlyAt("NODE009", Model(method));

    [Theory]
    [InlineData("public static double Rhs(double x)\n    {\n        [|if (x > 0.0)\n        {\n            return x;\n        }|]\n\n        return -x;\n    }", "if")]
    [InlineData("public static double Rhs(double x) => [|x % 2.0|];", "%")]
    [InlineData("public static double Rhs(double x) => x * [|x switch { > 0.0 => 1.0, _ => -1.0 }|];", "switch")]
    [InlineData("public static double Rhs(double x)\n    {\n        [|throw new InvalidOperationException();|]\n    }", "throw")]
    public void Node010_UnsupportedStatementOrExpression_ReportedAtThatNodeWithSupportedList(string method, string construct)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE010", Model(method));
        string message = DiagnosticAssert.Message(diagnostic);
        Assert.Contains(construct, message, System.StringComparison.Ordinal);
        Assert.Contains("conditional operator", message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public static double Rhs(double x) => [|Math.Ceiling(x)|];", "Ceiling")]
    [InlineData("public static double Rhs(double x) => 2.0 * [|Math.IEEERemainder(x, 1.0)|];", "IEEERemainder")]
    [InlineData("public static double Rhs(double x) => [|Math.Log(x, 2.0)|];", "Log")]
    [InlineData("public static double Rhs(double x) => [|Helper(x)|];\n\n    private static double Helper(double y) => y;", "Helper")]
    [InlineData("public static double Rhs(double x) => [|Math.Truncate(x)|] + 1.0;", "Truncate")]
    public void Node011_UnsupportedMethodCall_ReportedAtInvocationNamingMethodAndSupportedList(string method, string name)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE011", Model(method));
        string message = DiagnosticAssert.Message(diagnostic);
        Assert.Contains(name, message, System.StringComparison.Ordinal);
        Assert.Contains("Math.Tanh", message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public static double Rhs(double x)\n    {\n        [|x = 2.0|];\n        return x;\n    }")]
    [InlineData("public static double Rhs(double x)\n    {\n        double y = x;\n        double z = [|y = 3.0|];\n        return y * z;\n    }")]
    [InlineData("public static double Rhs(double x)\n    {\n        [|x += 1.0|];\n        return x;\n    }")]
    [InlineData("public static double Rhs(double x, [Param] double a)\n    {\n        [|a *= 2.0|];\n        return a * x;\n    }")]
    public void Node012_AssignmentToParameterOrExistingLocal_ReportedAtAssignment(string method) =>
        DiagnosticAssert.ReportsExactlyAt("NODE012", Model(method));

    [Theory]
    [InlineData("private static double Rate = 2.0;\n\n    [Dynamics]\n    public static double Rhs(double x) => [|Rate|] * x;")]
    [InlineData("private static readonly double Rate = 2.0;\n\n    [Dynamics]\n    public static double Rhs(double x) => -[|Rate|] * x;")]
    [InlineData("private static double Gain => 2.0;\n\n    [Dynamics]\n    public static double Rhs(double x) => x / [|Gain|];")]
    public void Node013_NonConstFieldOrProperty_ReportedAtIdentifier(string members)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE013", "public partial struct Model\n{\n    " + members + "\n}\n");
        Assert.Contains("const double fields are supported", DiagnosticAssert.Message(diagnostic), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public static double Rhs(double x) => x * [|(float)x|];")]
    [InlineData("public static double Rhs(double x) => [|(long)x|] / 3.0;")]
    [InlineData("public static double Rhs(double x) => x * [|(int)x|];")]
    public void Node014_NonConstantNonDoubleExpression_ReportedAtExpression(string method) =>
        DiagnosticAssert.ReportsExactlyAt("NODE014", Model(method));

    [Theory]
    [InlineData("public partial struct [|Model|]<T>\n{\n    [Dynamics]\n    public static double Rhs(double x) => -x;\n}\n")]
    [InlineData("public partial class [|Outer|]<T>\n{\n    public partial struct Model\n    {\n        [Dynamics]\n        public static double Rhs(double x) => -x;\n    }\n}\n")]
    public void Node015_GenericOrNestedInGenericType_ReportedAtGenericTypeIdentifier(string source) =>
        DiagnosticAssert.ReportsExactlyAt("NODE015", source);

    [Fact]
    public void Node004_DynamicsOnLocalFunction_ReportedAtLocalFunctionIdentifier() =>
        DiagnosticAssert.ReportsExactlyAt(
            "NODE004",
            "public partial struct Outer\n{\n    public static double Host(double y)\n    {\n        [Dynamics]\n        static double [|Rhs|](double x) => -x;\n        return Rhs(y);\n    }\n}\n");

    [Theory]
    [InlineData("public static int [|StateCount|] => 3;")]
    [InlineData("public static double [|Info|];")]
    [InlineData("public static void [|Evaluate|](double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> d) { }")]
    [InlineData("public static void [|VectorJacobianProduct|](double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> a, Span<double> b) { }")]
    public void Node016_TypeDeclaresEmittedMember_ReportedAtThatMember(string member) =>
        DiagnosticAssert.ReportsExactlyAt(
            "NODE016",
            "public partial struct Clash\n{\n    [Dynamics]\n    public static double Rhs(double x, [Param] double a) => a * x;\n\n    " + member + "\n}\n");

    [Fact]
    public void Node016_UnrelatedOverloadOfEmittedName_IsAllowed()
    {
        // A [Dynamics] method called Evaluate, and an Evaluate(double) helper, are overloads the emitted member does not clash with.
        GeneratorRun run = GeneratorHarness.Run(
            DiagnosticAssert.Usings +
            "public partial struct Named\n{\n    [Dynamics]\n    public static double Evaluate(double x, [Param] double a) => a * x;\n\n    public static double Evaluate(double x) => x;\n}\n");

        Assert.Empty(run.Diagnostics);
        Assert.Single(run.Sources);
        Assert.Empty(run.ProblemsIntroducedByGeneratedCode);
    }

    [Fact]
    public void BrokenModel_BesideValidModel_ValidModelStillEmitsAndBrokenOneDoesNot()
    {
        GeneratorRun run = GeneratorHarness.Run(
            DiagnosticAssert.Usings + Model("public static double Rhs(double x) => Math.Ceiling(x);"),
            DiagnosticAssert.Usings + "public partial struct Good\n{\n    [Dynamics]\n    public static double Rhs(double x) => -x;\n}\n");

        Assert.Equal("NODE011", Assert.Single(run.Diagnostics).Id);
        Assert.Equal("Demo.Good.g.cs", Assert.Single(run.Sources).HintName);
        Assert.Empty(run.ProblemsIntroducedByGeneratedCode);
    }

    [Fact]
    public void SeveralErrorsInOneBody_EachReportedAtItsOwnNode()
    {
        var source = DiagnosticAssert.Usings + Model("public static double Rhs(double x) => Math.Ceiling(x) + Math.Truncate(x) * (x % 3.0);");
        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Equal(
            [("NODE011", "Math.Ceiling(x)"), ("NODE011", "Math.Truncate(x)"), ("NODE010", "x % 3.0")],
            run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => (d.Id, source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length))));
        Assert.Empty(run.Sources);
    }

    private static string Model(string method) => "public partial struct Model\n{\n    [Dynamics]\n    " + method + "\n}\n";
}
