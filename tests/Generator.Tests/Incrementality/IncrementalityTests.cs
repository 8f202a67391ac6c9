using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.Incrementality;

/// <summary>
/// The pipeline's caching, read from the tracked steps (Roslyn incremental-generator cookbook): edits outside any
/// [Dynamics] method must not re-parse, re-analyse or re-emit a model; moving a method re-parses it only; edits inside
/// must redo all three.
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
    public void Rerun_UnrelatedClassAdded_ModelsAnalyzeAndEmitStepsAreCached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Model, Other);

        CSharpCompilation edited = compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Demo;\n\npublic sealed class Unrelated\n{\n}\n", GeneratorHarness.ParseOptions));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllOutputs(second, TrackingNames.Models, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertAllOutputs(second, TrackingNames.Analyze, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertAllOutputs(second, TrackingNames.Emit, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Single(second.GeneratedSources);
    }

    [Fact]
    public void Rerun_CommentAddedInOtherFile_ModelsAnalyzeAndEmitStepsAreCached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Model, Other);

        SyntaxTree other = compilation.SyntaxTrees.Single(tree => tree.ToString().Contains("Helpers", System.StringComparison.Ordinal));
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            other, other.WithChangedText(other.GetText().Replace(0, 0, "// a comment\n")));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllOutputs(second, TrackingNames.Models, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertAllOutputs(second, TrackingNames.Analyze, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertAllOutputs(second, TrackingNames.Emit, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Rerun_CommentAppendedToModelFile_ModelsAnalyzeAndEmitStepsAreCached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Model, Other);

        // The [Dynamics] method's tree changes (so the method is parsed again) but nothing in it moves: equal parse result.
        SyntaxTree model = compilation.SyntaxTrees.Single(tree => tree.ToString().Contains("Pendulum", System.StringComparison.Ordinal));
        SourceText text = model.GetText();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            model, model.WithChangedText(text.Replace(text.Length, 0, "\n// trailing comment\n")));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllOutputs(second, TrackingNames.Models, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertAllOutputs(second, TrackingNames.Analyze, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertAllOutputs(second, TrackingNames.Emit, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Rerun_LinesInsertedAboveModel_AnalyzeAndEmitStepsAreCached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Model, Other);

        // Moving the method shifts the site the parse result carries for diagnostics (so the parse step's output is
        // modified), but not the model: the analysis (differentiation) must not run again, nor the emitter.
        SyntaxTree model = compilation.SyntaxTrees.Single(tree => tree.ToString().Contains("Pendulum", System.StringComparison.Ordinal));
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            model, model.WithChangedText(model.GetText().Replace(0, 0, "// header comment\n\n")));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllOutputs(second, TrackingNames.Models, IncrementalStepRunReason.Modified);
        AssertAllOutputs(second, TrackingNames.Analyze, IncrementalStepRunReason.Cached);
        AssertAllOutputs(second, TrackingNames.Emit, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Rerun_ModelTooLargeMoved_AnalyzeStepIsCachedAndTheDiagnosticMovesWithTheMethod()
    {
        // Each local uses the previous one twice: the right-hand side written out as a tree doubles per line (2^16 nodes).
        var body = new System.Text.StringBuilder("{\n        double a0 = x;\n");
        for (int i = 1; i <= 16; i++)
        {
            body.Append(System.FormattableString.Invariant($"        double a{i} = a{i - 1} * a{i - 1} + a{i - 1};\n"));
        }

        string source = "using NeuralOdeGen;\n\nnamespace Demo;\n\npublic partial struct Chain\n{\n    [Dynamics]\n    public static double Rhs(double x)\n    "
            + body + "        return a16;\n    }\n}\n";
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackIncrementalSteps: true).RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        Diagnostic before = Assert.Single(first.Diagnostics);
        Assert.Equal("NODE010", before.Id);
        Assert.Empty(first.GeneratedSources);
        Assert.All(Outputs(first, TrackingNames.Analyze), reason => Assert.Equal(IncrementalStepRunReason.New, reason));

        SyntaxTree tree = compilation.SyntaxTrees.Single();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().Replace(0, 0, "// header\n\n")));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllOutputs(second, TrackingNames.Analyze, IncrementalStepRunReason.Cached);
        Diagnostic after = Assert.Single(second.Diagnostics);
        Assert.Equal("NODE010", after.Id);
        Assert.Equal(before.Location.GetLineSpan().StartLinePosition.Line + 2, after.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal("a16", edited.SyntaxTrees.Single().GetText().ToString(after.Location.SourceSpan));
    }

    [Fact]
    public void Rerun_BodyOfDynamicsMethodEdited_ModelsAnalyzeAndEmitStepsAreModified()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Model, Other);
        string before = driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();

        SyntaxTree model = compilation.SyntaxTrees.Single(tree => tree.ToString().Contains("Pendulum", System.StringComparison.Ordinal));
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            model, CSharpSyntaxTree.ParseText(Model.Replace("Math.Sin(theta)", "Math.Sinh(theta)", System.StringComparison.Ordinal), GeneratorHarness.ParseOptions));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllOutputs(second, TrackingNames.Models, IncrementalStepRunReason.Modified);
        AssertAllOutputs(second, TrackingNames.Analyze, IncrementalStepRunReason.Modified);
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

        IncrementalStepRunReason[] analyzeReasons = Outputs(second, TrackingNames.Analyze).ToArray();
        Assert.Equal(2, analyzeReasons.Length);
        Assert.Contains(IncrementalStepRunReason.New, analyzeReasons);
        Assert.Contains(IncrementalStepRunReason.Cached, analyzeReasons);
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

        // Guard against a vacuous pass: the three named steps must exist and must have run.
        Assert.All(Outputs(first, TrackingNames.Models), reason => Assert.Equal(IncrementalStepRunReason.New, reason));
        Assert.All(Outputs(first, TrackingNames.Analyze), reason => Assert.Equal(IncrementalStepRunReason.New, reason));
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
