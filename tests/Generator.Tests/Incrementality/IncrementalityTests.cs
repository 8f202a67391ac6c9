using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.Incrementality;

/// <summary>
/// The pipeline's caching, read from the tracked steps (Roslyn incremental-generator cookbook): edits outside any
/// [Dynamics] method must not re-parse or re-emit a model; edits inside must.
/// </summary>
public sealed class IncrementalityTests
{
    private const string Model = """
        using System;
        using NeuralOdeGen;

        namespace Demo;

        public partial struct Pendulum
        {
            [Dynamics]
            public static (double Theta, double Omega) Rhs(double theta, double omega, [Param] double damping)
                => (omega, -damping * omega - Math.Sin(theta));
        }
        """;

    private const string Other = """
        namespace Demo;

        public static class Helpers
        {
            public static int Twice(int value) => value * 2;
        }
        """;

    [Fact]
    public void Rerun_UnrelatedClassAdded_ModelsAndEmitStepsAreCached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Model, Other);

        CSharpCompilation edited = compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Demo;\n\npublic sealed class Unrelated\n{\n}\n", GeneratorHarness.ParseOptions));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllOutputs(second, TrackingNames.Models, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertAllOutputs(second, TrackingNames.Emit, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Single(second.GeneratedSources);
    }

    [Fact]
    public void Rerun_CommentAddedInOtherFile_ModelsAndEmitStepsAreCached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Model, Other);

        SyntaxTree other = compilation.SyntaxTrees.Single(tree => tree.ToString().Contains("Helpers", System.StringComparison.Ordinal));
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            other, other.WithChangedText(other.GetText().Replace(0, 0, "// a comment\n")));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllOutputs(second, TrackingNames.Models, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertAllOutputs(second, TrackingNames.Emit, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Rerun_CommentAppendedToModelFile_ModelsAndEmitStepsAreCached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Model, Other);

        // The [Dynamics] method's tree changes (so the method is parsed again) but nothing in it moves: equal parse result.
        SyntaxTree model = compilation.SyntaxTrees.Single(tree => tree.ToString().Contains("Pendulum", System.StringComparison.Ordinal));
        SourceText text = model.GetText();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            model, model.WithChangedText(text.Replace(text.Length, 0, "\n// trailing comment\n")));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllOutputs(second, TrackingNames.Models, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertAllOutputs(second, TrackingNames.Emit, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Rerun_LinesInsertedAboveModel_EmitStepIsUnchanged()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Model, Other);

        // Moving the method shifts its location, which a parse result may carry for diagnostics; the emitted text must not change.
        SyntaxTree model = compilation.SyntaxTrees.Single(tree => tree.ToString().Contains("Pendulum", System.StringComparison.Ordinal));
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            model, model.WithChangedText(model.GetText().Replace(0, 0, "// header comment\n\n")));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllOutputs(second, TrackingNames.Emit, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Rerun_BodyOfDynamicsMethodEdited_ModelsAndEmitStepsAreModified()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Model, Other);
        string before = driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();

        SyntaxTree model = compilation.SyntaxTrees.Single(tree => tree.ToString().Contains("Pendulum", System.StringComparison.Ordinal));
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            model, CSharpSyntaxTree.ParseText(Model.Replace("Math.Sin(theta)", "Math.Sinh(theta)", System.StringComparison.Ordinal), GeneratorHarness.ParseOptions));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllOutputs(second, TrackingNames.Models, IncrementalStepRunReason.Modified);
        AssertAllOutputs(second, TrackingNames.Emit, IncrementalStepRunReason.Modified);
        string after = second.GeneratedSources.Single().SourceText.ToString();
        Assert.NotEqual(before, after);
        Assert.Contains("Sinh(theta)", after, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Rerun_SecondModelAdded_FirstModelStaysCachedAndSecondIsNew()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Model, Other);

        CSharpCompilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "using NeuralOdeGen;\n\nnamespace Demo;\n\npublic partial struct Decay\n{\n    [Dynamics]\n    public static double Rhs(double x, [Param] double a) => a * x;\n}\n",
            GeneratorHarness.ParseOptions));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        IncrementalStepRunReason[] emitReasons = Outputs(second, TrackingNames.Emit).ToArray();
        Assert.Equal(2, emitReasons.Length);
        Assert.Contains(IncrementalStepRunReason.New, emitReasons);
        Assert.Contains(emitReasons, reason => reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.Equal(["Demo.Decay.g.cs", "Demo.Pendulum.g.cs"], second.GeneratedSources.Select(s => s.HintName).Order(System.StringComparer.Ordinal));
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun(params string[] sources)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(sources);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackIncrementalSteps: true).RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        Assert.Single(first.GeneratedSources);

        // Guard against a vacuous pass: both named steps must exist and must have run.
        Assert.All(Outputs(first, TrackingNames.Models), reason => Assert.Equal(IncrementalStepRunReason.New, reason));
        Assert.All(Outputs(first, TrackingNames.Emit), reason => Assert.Equal(IncrementalStepRunReason.New, reason));
        return (driver, compilation);
    }

    private static IEnumerable<IncrementalStepRunReason> Outputs(GeneratorRunResult result, string stepName)
    {
        Assert.True(result.TrackedSteps.TryGetValue(stepName, out var steps), $"No tracked step named '{stepName}'.");
        IncrementalStepRunReason[] reasons = steps.SelectMany(step => step.Outputs).Select(output => output.Reason).ToArray();
        Assert.NotEmpty(reasons);
        return reasons;
    }

    private static void AssertAllOutputs(GeneratorRunResult result, string stepName, params IncrementalStepRunReason[] allowed) =>
        Assert.All(Outputs(result, stepName), reason => Assert.Contains(reason, allowed));
}
