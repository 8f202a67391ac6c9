using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.Events;

/// <summary>
/// Events are part of their model's equatable spec: an unrelated edit leaves the analysis and the emitted file cached,
/// and an edit of an event body — also one in another file of the partial type — re-analyses and re-emits the model.
/// </summary>
public sealed class EventIncrementalityTests
{
    private const string Model = """
        using NeuralOdeGen;

        namespace Demo;

        public partial struct Ball
        {
            [Dynamics]
            public static (double, double) Rhs(double h, double v, [Param] double e, [Param] double g) => (v, -g);
        }
        """;

    private const string Events = """
        using NeuralOdeGen;

        namespace Demo;

        public partial struct Ball
        {
            [Event(Direction = EventDirection.Falling, Jump = nameof(Bounce))]
            public static double Ground(double h, double v, [Param] double e, [Param] double g) => h;

            public static (double, double) Bounce(double h, double v, [Param] double e, [Param] double g) => (h, -e * v);
        }
        """;

    [Fact]
    public void Rerun_UnrelatedClassAdded_AnalyzeAndEmitCached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();

        CSharpCompilation edited = compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Demo;\n\npublic sealed class Unrelated\n{\n}\n", GeneratorHarness.ParseOptions));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.All(Outputs(second, TrackingNames.Analyze), reason => Assert.Contains(reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.All(Outputs(second, TrackingNames.Emit), reason => Assert.Contains(reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
    }

    [Fact]
    public void Rerun_JumpBodyEditedInOtherFile_ModelReanalysedAndReemitted()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();
        string before = driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();

        SyntaxTree events = compilation.SyntaxTrees.Single(tree => tree.ToString().Contains("Bounce", System.StringComparison.Ordinal));
        string text = events.ToString();
        int at = text.IndexOf("-e * v", System.StringComparison.Ordinal);
        SyntaxTree edited = events.WithChangedText(SourceText.From(text).WithChanges(new TextChange(new TextSpan(at, "-e * v".Length), "-e * v * v")));
        GeneratorRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(events, edited)).GetRunResult().Results.Single();

        Assert.Contains(IncrementalStepRunReason.Modified, Outputs(second, TrackingNames.Analyze));
        Assert.Contains(IncrementalStepRunReason.Modified, Outputs(second, TrackingNames.Emit));
        string after = second.GeneratedSources.Single().SourceText.ToString();
        Assert.NotEqual(before, after);
        Assert.True(after.Contains("v**2", System.StringComparison.Ordinal) || after.Contains("v*v", System.StringComparison.Ordinal), after);
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Model, Events);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackIncrementalSteps: true).RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        Assert.Empty(first.Diagnostics);
        Assert.Contains("IOdeEvents<Ball>", first.GeneratedSources.Single().SourceText.ToString(), System.StringComparison.Ordinal);
        Assert.All(Outputs(first, TrackingNames.Analyze), reason => Assert.Equal(IncrementalStepRunReason.New, reason));
        return (driver, compilation);
    }

    private static IEnumerable<IncrementalStepRunReason> Outputs(GeneratorRunResult result, string stepName)
    {
        Assert.True(result.TrackedSteps.TryGetValue(stepName, out var steps), $"No tracked step named '{stepName}'.");
        IncrementalStepRunReason[] reasons = steps.SelectMany(step => step.Outputs).Select(output => output.Reason).ToArray();
        Assert.NotEmpty(reasons);
        return reasons;
    }
}
