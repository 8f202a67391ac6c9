using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.LoopPath;

/// <summary>
/// Caching on the loop path: a model that keeps its loops (its parse result, loop analysis and file) stays cached across
/// unrelated edits; turning the <c>NeuralOdeGenKeepLoops</c> build property on re-runs the analysis only.
/// </summary>
public sealed class LoopPathIncrementalityTests
{
    [Fact]
    public void Rerun_CommentAppendedToLoopModelFile_ModelsAnalyzeAndEmitStepsAreCached()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(LoopMlp.Source([32, 256, 256, 32]));
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackIncrementalSteps: true).RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        Assert.Empty(first.Diagnostics);
        Assert.Contains("// Reverse sweep:", first.GeneratedSources.Single().SourceText.ToString(), System.StringComparison.Ordinal);

        SyntaxTree model = compilation.SyntaxTrees.Single();
        SourceText text = model.GetText();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(model, model.WithChangedText(text.Replace(text.Length, 0, "\n// trailing comment\n")));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllOutputs(second, TrackingNames.Models, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertAllOutputs(second, TrackingNames.Analyze, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertAllOutputs(second, TrackingNames.Emit, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Rerun_KeepLoopsPropertyTurnedOn_ModelsCachedAnalyzeAndEmitModified()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(LoopMlp.Source([2, 3, 2]));
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackIncrementalSteps: true).RunGenerators(compilation);
        Assert.DoesNotContain("// Reverse sweep:", driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString(), System.StringComparison.Ordinal);

        driver = driver.WithUpdatedAnalyzerConfigOptions(new BuildProperties(new Dictionary<string, string> { [DynamicsGenerator.KeepLoopsProperty] = "true" }));
        GeneratorRunResult second = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        AssertAllOutputs(second, TrackingNames.Models, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertAllOutputs(second, TrackingNames.Analyze, IncrementalStepRunReason.Modified);
        AssertAllOutputs(second, TrackingNames.Emit, IncrementalStepRunReason.Modified);
        Assert.Contains("// Reverse sweep:", second.GeneratedSources.Single().SourceText.ToString(), System.StringComparison.Ordinal);
    }

    private static IncrementalStepRunReason[] Outputs(GeneratorRunResult result, string stepName)
    {
        Assert.True(result.TrackedSteps.TryGetValue(stepName, out var steps), $"No tracked step named '{stepName}'.");
        IncrementalStepRunReason[] reasons = steps.SelectMany(step => step.Outputs).Select(output => output.Reason).ToArray();
        Assert.NotEmpty(reasons);
        return reasons;
    }

    private static void AssertAllOutputs(GeneratorRunResult result, string stepName, params IncrementalStepRunReason[] allowed) =>
        Assert.All(Outputs(result, stepName), reason => Assert.Contains(reason, allowed));
}
