using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.Incrementality;

/// <summary>
/// Caching with the neural-network forms: the parse result of a model with span blocks, loops and reassignments (its
/// statements, blocks and unrolled graph) must compare equal across unrelated edits, and change when the loop does.
/// </summary>
public sealed class NetworkIncrementalityTests
{
    private const string Network = """
        using System;
        using NeuralOdeGen;

        namespace Demo;

        public partial struct Net
        {
            public const int Hidden = 4;

            [Dynamics]
            public static (double, double) Rhs(
                double y0, double y1,
                [Param(2 * Hidden)] ReadOnlySpan<double> w1, [Param(Hidden)] ReadOnlySpan<double> b1,
                [Param(2 * Hidden)] ReadOnlySpan<double> w2, [Param(2)] ReadOnlySpan<double> b2)
            {
                double out0 = b2[0];
                double out1 = b2[1];
                for (int j = 0; j < Hidden; j++)
                {
                    double h = Math.Tanh((w1[2 * j] * y0) + (w1[(2 * j) + 1] * y1) + b1[j]);
                    out0 += w2[j] * h;
                    out1 += w2[Hidden + j] * h;
                }

                return (out0, out1);
            }
        }
        """;

    [Fact]
    public void Rerun_CommentAppendedToNetworkFile_ModelsAnalyzeAndEmitStepsAreCached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();

        SyntaxTree model = compilation.SyntaxTrees.Single();
        SourceText text = model.GetText();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(model, model.WithChangedText(text.Replace(text.Length, 0, "\n// trailing comment\n")));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllOutputs(second, TrackingNames.Models, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertAllOutputs(second, TrackingNames.Analyze, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertAllOutputs(second, TrackingNames.Emit, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Rerun_UnrelatedClassAdded_ModelsAnalyzeAndEmitStepsAreCached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();

        CSharpCompilation edited = compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Demo;\n\npublic sealed class Unrelated\n{\n}\n", GeneratorHarness.ParseOptions));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllOutputs(second, TrackingNames.Models, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertAllOutputs(second, TrackingNames.Analyze, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertAllOutputs(second, TrackingNames.Emit, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Rerun_LoopStepChanged_ModelsAnalyzeAndEmitStepsAreModified()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();
        string before = driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();

        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText(Network.Replace("j++)", "j += 2)", System.StringComparison.Ordinal), GeneratorHarness.ParseOptions));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllOutputs(second, TrackingNames.Models, IncrementalStepRunReason.Modified);
        AssertAllOutputs(second, TrackingNames.Analyze, IncrementalStepRunReason.Modified);
        AssertAllOutputs(second, TrackingNames.Emit, IncrementalStepRunReason.Modified);
        string after = second.GeneratedSources.Single().SourceText.ToString();
        Assert.NotEqual(before, after);
        Assert.Contains("for (int j = 0; j < 4; j += 2)", after, System.StringComparison.Ordinal);
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Network);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackIncrementalSteps: true).RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        Assert.Empty(first.Diagnostics);
        Assert.Single(first.GeneratedSources);
        Assert.All(Outputs(first, TrackingNames.Models), reason => Assert.Equal(IncrementalStepRunReason.New, reason));
        Assert.All(Outputs(first, TrackingNames.Analyze), reason => Assert.Equal(IncrementalStepRunReason.New, reason));
        Assert.All(Outputs(first, TrackingNames.Emit), reason => Assert.Equal(IncrementalStepRunReason.New, reason));
        return (driver, compilation);
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
