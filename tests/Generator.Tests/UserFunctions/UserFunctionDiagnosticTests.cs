using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NeuralOdeGen.Generator.Tests.Diagnostics;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.UserFunctions;

/// <summary>
/// One test per diagnostic of [Differentiable] functions (NODE022 signature, NODE023 no source, NODE024 recursion and
/// cycles), each with its id and exact location, and that an error inside a function is reported once, at the function,
/// however many models call it (the models get no code and no diagnostic of their own).
/// </summary>
public sealed class UserFunctionDiagnosticTests
{
    private const string Caller = "public partial struct Model\n{\n    [Dynamics]\n    public static double Rhs(double x, [Param] double a) => a * F(x);\n\n    ";

    [Theory]
    [InlineData("[Differentiable]\n    private double [|F|](double x) => x * x;", "is not static")]
    [InlineData("[Differentiable]\n    private static double [|F|]<T>(double x) => x * x;", "is generic")]
    [InlineData("[Differentiable]\n    private static [|float|] F(double x) => 1f;", "returns 'float'")]
    [InlineData("[Differentiable]\n    private static double F([|int x|]) => x * x;", "of type 'int'")]
    [InlineData("[Differentiable]\n    private static double F([|ref double x|]) => x * x;", "by 'ref'")]
    [InlineData("[Differentiable]\n    private static double F([|in double x|]) => x * x;", "by 'in'")]
    [InlineData("[Differentiable]\n    private static double F(double x, [|double y = 2.0|]) => x * y;", "default value")]
    [InlineData("[Differentiable]\n    private static double F(double x, [|params double[] rest|]) => x;", "params parameter")]
    [InlineData("[Differentiable]\n    private static extern double [|F|](double x);", "is extern")]
    [InlineData("[Differentiable]\n    private static partial double [|F|](double x);", "partial method without an implementation")]
    public void Node022_FunctionSignatureNotSupported_ReportedOnceAtTheOffendingNode(string function, string problem)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE022", Caller + function + "\n}\n");
        string message = DiagnosticAssert.Message(diagnostic);
        Assert.Contains(problem, message, StringComparison.Ordinal);
        Assert.Contains("plain 'double' parameters", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Node022_LocalFunction_ReportedAtItsIdentifier() =>
        DiagnosticAssert.ReportsExactlyAt(
            "NODE022",
            "public static class Functions\n{\n    public static double Other(double x)\n    {\n        return G(x);\n\n        [Differentiable]\n        static double [|G|](double y) => y;\n    }\n}\n");

    [Fact]
    public void Node022_ExtensionMethod_ReportedAtItsIdentifier() =>
        DiagnosticAssert.ReportsExactlyAt(
            "NODE022",
            "public static class Functions\n{\n    [Differentiable]\n    public static double [|Square|](this double x) => x * x;\n}\n");

    [Fact]
    public void Node023_FunctionFromAnotherAssembly_ReportedAtTheCall()
    {
        CSharpCompilation library = GeneratorHarness.CreateCompilation(
            DiagnosticAssert.Usings.Replace("namespace Demo;", "namespace Library;", StringComparison.Ordinal)
            + "public static class Functions\n{\n    [Differentiable]\n    public static double Square(double x) => x * x;\n}\n")
            .WithAssemblyName("Library");
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);
        MarkedSource source = MarkedSource.Parse(
            DiagnosticAssert.Usings + "public partial struct Model\n{\n    [Dynamics]\n    public static double Rhs(double x, [Param] double a) => a * [|Library.Functions.Square(x)|];\n}\n");
        CSharpCompilation model = GeneratorHarness.CreateCompilation(source.Text).AddReferences(MetadataReference.CreateFromImage(image.ToArray()));

        GeneratorRun run = GeneratorHarness.Run(model);

        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("NODE023", diagnostic.Id);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        Assert.Contains("the assembly 'Library'", DiagnosticAssert.Message(diagnostic), StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void Node024_DirectRecursion_ReportedOnceAtTheRecursiveCall()
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt(
            "NODE024",
            Caller + "[Differentiable]\n    private static double F(double x) => x > 1.0 ? x * [|F(x - 1.0)|] : 1.0;\n}\n");
        Assert.Contains("(F → F)", DiagnosticAssert.Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void Node024_CycleAcrossTypesAndFiles_ReportedAtEachCallIntoTheCycle()
    {
        string model = DiagnosticAssert.Usings + Caller + "[Differentiable]\n    public static double F(double x) => Other.G(x) + 1.0;\n}\n";
        string other = DiagnosticAssert.Usings + "public static class Other\n{\n    [Differentiable]\n    public static double G(double x) => x * Model.F(x);\n}\n";

        GeneratorRun run = GeneratorHarness.Run(model, other);

        Assert.All(run.Diagnostics, d => Assert.Equal("NODE024", d.Id));
        Assert.Equal(
            [("Model0.cs", model.IndexOf("Other.G(x)", StringComparison.Ordinal), "(F → G → F)"), ("Model1.cs", other.IndexOf("Model.F(x)", StringComparison.Ordinal), "(G → F → G)")],
            run.Diagnostics
                .Select(d => (d.Location.GetLineSpan().Path, d.Location.SourceSpan.Start, DiagnosticAssert.Message(d).Split("is recursive ")[1][..11]))
                .Order());
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void UnsupportedBody_FunctionCalledByTwoModels_ReportedOnceAtTheNodeInTheFunction()
    {
        string source = DiagnosticAssert.Usings
            + "public partial struct A\n{\n    [Dynamics]\n    public static double Rhs(double x) => Functions.F(x);\n}\n\n"
            + "public partial struct B\n{\n    [Dynamics]\n    public static double Rhs(double y) => -Functions.F(y);\n}\n\n"
            + "public static class Functions\n{\n    [Differentiable]\n    public static double F(double x)\n    {\n        if (x > 0.0) { x = 0.0; }\n        return x;\n    }\n}\n";

        GeneratorRun run = GeneratorHarness.Run(source);

        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("NODE010", diagnostic.Id);
        Assert.Equal(source.IndexOf("if (x > 0.0)", StringComparison.Ordinal), diagnostic.Location.SourceSpan.Start);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void UnsupportedCall_InsideFunction_Node011AtThatCallOnly()
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt(
            "NODE011",
            Caller + "[Differentiable]\n    private static double F(double x) => [|Helper(x)|];\n\n    private static double Helper(double x) => x;\n}\n");
        Assert.Contains("Helper", DiagnosticAssert.Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void InlineLimit_FunctionsDoublingPerLevel_Node010AtTheModelsCall()
    {
        // F0 … F13, each calling the one below with two new arguments (x + 1, x + 2): 2¹³ = 8192 distinct bodies > 4096.
        var functions = new System.Text.StringBuilder("    [Differentiable]\n    public static double F0(double x) => x * x;\n");
        for (int k = 1; k <= 13; k++)
        {
            functions.Append($"    [Differentiable]\n    public static double F{k}(double x) => F{k - 1}(x + 1.0) + F{k - 1}(x + 2.0);\n");
        }

        string source = DiagnosticAssert.Usings
            + "public partial struct Model\n{\n    [Dynamics]\n    public static double Rhs(double x) => Functions.F13(x);\n}\n\n"
            + "public static class Functions\n{\n" + functions + "}\n";

        GeneratorRun run = GeneratorHarness.Run(source);

        Diagnostic atModel = Assert.Single(run.Diagnostics, d => d.Location.SourceSpan.Start == source.IndexOf("Functions.F13(x)", StringComparison.Ordinal));
        Assert.Equal("NODE010", atModel.Id);
        Assert.Contains("more than 4096 function bodies", DiagnosticAssert.Message(atModel), StringComparison.Ordinal);
        Assert.All(run.Diagnostics, d => Assert.Equal("NODE010", d.Id));
        Assert.Empty(run.Sources);
    }
}
