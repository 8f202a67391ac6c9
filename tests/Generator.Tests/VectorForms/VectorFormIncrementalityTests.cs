using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.VectorForms;

/// <summary>
/// Caching with the vector forms: a model's state blocks, scratch and output spans (ModelSpec.StateBlocks,
/// BodyProgram.Arrays) compare equal across an unrelated edit, and change when a scratch length does.
/// </summary>
public sealed class VectorFormIncrementalityTests
{
    [Fact]
    public void Rerun_UnrelatedClassAdded_ModelsAnalyzeAndEmitStepsAreCached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();

        CSharpCompilation edited = compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Demo;\n\npublic sealed class Unrelated\n{\n}\n", GeneratorHarness.ParseOptions));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (string step in new[] { TrackingNames.Models, TrackingNames.Analyze, TrackingNames.Emit })
        {
            Assert.All(Outputs(second, step), reason => Assert.Contains(reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        }
    }

    [Fact]
    public void Rerun_HiddenWidthChanged_ModelsAnalyzeAndEmitStepsAreModified()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();

        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText(VectorFormModels.Read("BlockMlp").Replace("H = 8", "H = 5", System.StringComparison.Ordinal), GeneratorHarness.ParseOptions));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (string step in new[] { TrackingNames.Models, TrackingNames.Analyze, TrackingNames.Emit })
        {
            Assert.All(Outputs(second, step), reason => Assert.Equal(IncrementalStepRunReason.Modified, reason));
        }

        Assert.Contains("stackalloc global::NeuralOdeGen.Dual[5]", second.GeneratedSources.Single().SourceText.ToString(), System.StringComparison.Ordinal);
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(VectorFormModels.Read("BlockMlp"));
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackIncrementalSteps: true).RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        Assert.Empty(first.Diagnostics);
        Assert.Single(first.GeneratedSources);
        return (driver, compilation);
    }

    private static IncrementalStepRunReason[] Outputs(GeneratorRunResult result, string stepName)
    {
        Assert.True(result.TrackedSteps.TryGetValue(stepName, out var steps), $"No tracked step named '{stepName}'.");
        IncrementalStepRunReason[] reasons = steps.SelectMany(step => step.Outputs).Select(output => output.Reason).ToArray();
        Assert.NotEmpty(reasons);
        return reasons;
    }
}
