using Microsoft.CodeAnalysis;
using NeuralOdeGen.Generator.Emit;
using NeuralOdeGen.Generator.Ir;
using NeuralOdeGen.Generator.Model;

namespace NeuralOdeGen.Generator.Tests.Diagnostics;

/// <summary>
/// NODE999. No source text found so far makes the generator throw (the robustness suite asserts that), so the
/// emitter is handed an inconsistent model directly: its output refers to an IR node that does not exist.
/// </summary>
public sealed class InternalErrorTests
{
    [Fact]
    public void Node999_EmitterThrowsOnInconsistentModel_ReportedWithExceptionTypeAndNoSource()
    {
        var body = new BodyIr(
            new EquatableArray<Node>([Node.Leaf(NodeKind.State, 0)]),
            EquatableArray<LocalDeclaration>.Empty,
            new EquatableArray<int>([42])); // no node 42
        var model = new ModelSpec(
            "Demo",
            new EquatableArray<TypeDeclarationInfo>([new TypeDeclarationInfo("struct", "Broken")]),
            new EquatableArray<string>(["x"]),
            EquatableArray<string>.Empty,
            null,
            body);

        EmitResult result = ModelEmitter.Emit(model, default);

        Assert.Null(result.Source);
        Assert.NotNull(result.Error);
        Diagnostic diagnostic = result.Error!.ToDiagnostic();
        Assert.Equal("NODE999", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Broken", message, System.StringComparison.Ordinal);
        Assert.Contains("System.IndexOutOfRangeException", message, System.StringComparison.Ordinal);
    }
}
