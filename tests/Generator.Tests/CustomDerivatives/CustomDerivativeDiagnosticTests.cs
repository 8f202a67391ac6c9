using System;
using System.IO;
using Microsoft.CodeAnalysis;
using NeuralOdeGen.Generator.Tests.Diagnostics;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.CustomDerivatives;

/// <summary>
/// One test per diagnostic of <c>[DerivativeOf]</c> methods (NODE025 target, NODE026 signature, NODE027 a second
/// derivative), each with its id and exact location and reported once, at the derivative method, however many models
/// call the function (the models get no code and no diagnostic of their own); a function with neither a derivative nor
/// <c>[Differentiable]</c> stays NODE011; and <c>[DerivativeOf]</c> takes precedence over <c>[Differentiable]</c>.
/// </summary>
public sealed class CustomDerivativeDiagnosticTests
{
    private const string Caller = "public partial struct Model\n{\n    [Dynamics]\n    public static double Rhs(double x, [Param] double a) => a * F(x);\n\n    ";

    [Theory]
    [InlineData("public static double Fx(double x) => x;\n    [DerivativeOf([|\"F\"|])]\n    public static double D(double x) => 1.0;", "is not a method of 'Functions'")]
    [InlineData("public static double F(double x) => x;\n    public static double F(double x, double y) => x;\n    [DerivativeOf([|nameof(F)|])]\n    public static double D(double x) => 1.0;", "is overloaded")]
    [InlineData("public double F(double x) => x;\n    [DerivativeOf([|nameof(F)|])]\n    public static double D(double x) => 1.0;", "is not static")]
    [InlineData("public static float F(double x) => 1f;\n    [DerivativeOf([|nameof(F)|])]\n    public static double D(double x) => 1.0;", "returns 'float'")]
    [InlineData("public static double F(double x, double y, double z, double w) => x;\n    [DerivativeOf([|nameof(F)|])]\n    public static double D(double x) => 1.0;", "has 4 parameters")]
    [InlineData("public static double F(ref double x) => x;\n    [DerivativeOf([|nameof(F)|])]\n    public static double D(double x) => 1.0;", "not a plain 'double'")]
    public void Node025_TargetNotASupportedFunction_ReportedAtTheAttributeArgument(string functions, string problem)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE025", "public sealed class Functions\n{\n    " + functions + "\n}\n");
        Assert.Contains(problem, DiagnosticAssert.Message(diagnostic), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[DerivativeOf(nameof(F))]\n    private double [|D|](double x) => 1.0;", "is not static")]
    [InlineData("[DerivativeOf(nameof(F))]\n    private static double D[|(double x, double y)|] => 1.0;", "takes (double, double)")]
    [InlineData("[DerivativeOf(nameof(F))]\n    private static double D[|(float x)|] => 1.0;", "takes (float)")]
    [InlineData("[DerivativeOf(nameof(F))]\n    private static [|(double, double)|] D(double x) => (1.0, 0.0);", "returns '(double, double)'")]
    public void Node026_DerivativeSignatureMismatch_ReportedOnceAtTheOffendingNode(string derivative, string problem)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt(
            "NODE026", Caller + "private static double F(double x) => x * x;\n\n    " + derivative + "\n}\n");
        Assert.Contains(problem, DiagnosticAssert.Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void Node026_TwoArgumentFunctionWithDoubleDerivative_AsksForATupleAtTheReturnType()
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt(
            "NODE026",
            "public partial struct Model\n{\n    [Dynamics]\n    public static double Rhs(double x, [Param] double a) => H(x, a);\n\n"
            + "    private static double H(double x, double k) => x * k;\n\n    [DerivativeOf(nameof(H))]\n    private static [|double|] D(double x, double k) => k;\n}\n");
        Assert.Contains("a tuple of 2 'double' values", DiagnosticAssert.Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void Node027_SecondDerivativeOfOneFunction_ReportedAtTheSecondAttribute()
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt(
            "NODE027",
            Caller + "private static double F(double x) => x * x;\n\n    [DerivativeOf(nameof(F))]\n    private static double D1(double x) => 2.0 * x;\n\n"
            + "    [DerivativeOf([|nameof(F)|])]\n    private static double D2(double x) => 2.0 * x;\n}\n");
        Assert.Contains("already has the derivative method 'D1'", DiagnosticAssert.Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void Node010_PrivateDerivativeOfAnotherType_ReportedAtTheCall()
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt(
            "NODE010",
            "public static class Functions\n{\n    public static double F(double x) => x * x;\n\n    [DerivativeOf(nameof(F))]\n    private static double D(double x) => 2.0 * x;\n}\n\n"
            + "public partial struct Model\n{\n    [Dynamics]\n    public static double Rhs(double x, [Param] double a) => a * [|Functions.F(x)|];\n}\n");
        Assert.Contains("derivative method 'D' the model's type 'Model' cannot access", DiagnosticAssert.Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void Node011_FunctionWithoutDerivativeOrDifferentiable_StaysUnsupportedAtTheCall() =>
        DiagnosticAssert.ReportsExactlyAt(
            "NODE011",
            "public partial struct Model\n{\n    [Dynamics]\n    public static double Rhs(double x, [Param] double a) => a * [|F(x)|];\n\n    private static double F(double x) => x * x;\n}\n");

    [Fact]
    public void DerivativeOf_OnDifferentiableFunction_TakesPrecedence()
    {
        GeneratorRun run = GeneratorHarness.Run(
            DiagnosticAssert.Usings + Caller
            + "[Differentiable]\n    private static double F(double x) => x * x;\n\n    [DerivativeOf(nameof(F))]\n    private static double D(double x) => 2.0 * x;\n}\n");

        Assert.Null(run.Exception);
        Assert.Empty(run.Diagnostics);
        string source = Assert.Single(run.Sources).SourceText.ToString();
        Assert.Contains("global::Demo.Model.D(x)", source, StringComparison.Ordinal);
        Assert.Contains("user_F__d1(x)", source, StringComparison.Ordinal);
    }
}
