using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NeuralOdeGen.Generator.Analysis;
using NeuralOdeGen.Generator.Emit;
using NeuralOdeGen.Generator.Ir;
using NeuralOdeGen.Generator.Model;

namespace NeuralOdeGen.Generator.Tests.Diagnostics;

/// <summary>
/// NODE999. No source text found so far makes the generator throw (the robustness suite asserts that), so the analysis
/// and the emitter are handed inconsistent models directly: their outputs refer to an IR node that does not exist.
/// </summary>
public sealed class InternalErrorTests
{
    private static readonly ModelSpec Broken = new(
        "Demo",
        new EquatableArray<TypeDeclarationInfo>([new TypeDeclarationInfo("struct", "Broken")]),
        new EquatableArray<string>(["x"]),
        EquatableArray<string>.Empty,
        null,
        new BodyIr(
            new EquatableArray<Node>([Node.Leaf(NodeKind.State, 0)]),
            EquatableArray<LocalDeclaration>.Empty,
            new EquatableArray<int>([42]))); // no node 42

    [Fact]
    public void Node999_AnalysisThrowsOnInconsistentModel_ReportedAtTheMethodWithExceptionType()
    {
        var method = new LocationInfo("Broken.cs", new TextSpan(40, 3), new LinePositionSpan(new LinePosition(3, 18), new LinePosition(3, 21)));
        var site = new ModelSite(Broken.HintName, "Rhs", method, null);

        AnalysisResult result = ModelAnalyzer.Analyze(Broken, default);

        Assert.Null(result.Model);
        Assert.Equal(AnalysisFailureKind.InternalError, result.Failure?.Kind);
        Diagnostic diagnostic = ModelAnalyzer.Diagnose(result, [site]).ToDiagnostic();
        Assert.Equal("NODE999", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(method.ToLocation(), diagnostic.Location);
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Rhs", message, System.StringComparison.Ordinal);
        Assert.Contains("System.IndexOutOfRangeException", message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Node999_EmitterThrowsOnInconsistentModel_ReportedWithExceptionTypeAndNoSource()
    {
        var analyzed = new AnalyzedModel(
            Broken,
            new EquatableArray<Node>([Node.Leaf(NodeKind.State, 0)]),
            new EquatableArray<int>([42]),
            new EquatableArray<int>([0]),
            EquatableArray<int>.Empty,
            new EquatableArray<int>([0]),
            new EquatableArray<int>([0]),
            JacobianGraphSize: 1);

        EmitResult result = ModelEmitter.Emit(analyzed, default);

        Assert.Null(result.Source);
        Assert.NotNull(result.Error);
        Diagnostic diagnostic = result.Error!.ToDiagnostic();
        Assert.Equal("NODE999", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Broken", message, System.StringComparison.Ordinal);
        Assert.Contains("System.ArgumentOutOfRangeException", message, System.StringComparison.Ordinal);
    }
}
