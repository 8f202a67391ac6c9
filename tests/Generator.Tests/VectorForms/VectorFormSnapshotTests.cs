using System.IO;
using System.Linq;
using ApprovalTests;
using ApprovalTests.Reporters;
using Microsoft.CodeAnalysis;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.VectorForms;

/// <summary>
/// The generated file of a small vector-form model (scalar states around a <c>[State(3)]</c> block, a scratch span, the
/// <c>Span&lt;double&gt;</c> output between the inputs) against the reviewed <c>VectorForms/Snapshots/MixedStates.approved.txt</c>.
/// </summary>
public sealed class VectorFormSnapshotTests
{
    [Fact]
    public void GeneratedSource_MixedScalarAndBlockStates_MatchesApprovedSnapshot()
    {
        GeneratorRun run = GeneratorHarness.Run(VectorFormModels.Read("MixedStates"));

        Assert.Null(run.Exception);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.InputProblems);
        Assert.True(run.OutputProblems.Count == 0, GeneratorRun.Describe(run.OutputProblems));
        GeneratedSourceResult source = Assert.Single(run.Sources);
        Assert.Equal("NeuralOdeGen.Generator.Tests.VectorForms.Models.MixedStates.g.cs", source.HintName);

        // QuietReporter: a mismatch fails the test and leaves MixedStates.received.txt beside the approved file.
        Approvals.Verify(
            new SnapshotTextWriter(source.SourceText.ToString()),
            new SnapshotNamer(Path.Combine(SourceTree.ProjectDirectory, "VectorForms", "Snapshots"), "MixedStates"),
            new QuietReporter());
    }

    [Theory]
    [InlineData("LinearTen")]
    [InlineData("BlockMlp")]
    [InlineData("MixedStates")]
    public void GeneratedSource_VectorFormModel_CompilesWithoutWarningsAndIsDeterministic(string model)
    {
        string text = VectorFormModels.Read(model);
        GeneratorRun first = GeneratorHarness.Run(text);
        GeneratorRun second = GeneratorHarness.Run("namespace Elsewhere; public static class Unrelated { }", text);

        Assert.Empty(first.Diagnostics);
        Assert.True(first.OutputProblems.Count == 0, GeneratorRun.Describe(first.OutputProblems));
        Assert.Equal(first.SingleSourceText, second.Sources.Single().SourceText.ToString());
    }
}

/// <summary>The model files of VectorForms/Models/, read from the source tree.</summary>
internal static class VectorFormModels
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(SourceTree.ProjectDirectory, "VectorForms", "Models", name + ".cs"));
}
