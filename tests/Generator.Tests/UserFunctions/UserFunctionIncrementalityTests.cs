using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.UserFunctions;

/// <summary>
/// A model's parse result now depends on the bodies of the functions it calls, in other files: editing one must
/// re-emit the model, while an unrelated edit must still leave it cached.
/// </summary>
public sealed class UserFunctionIncrementalityTests
{
    private const string Model = """
        using NeuralOdeGen;

        namespace Demo;

        public partial struct Growth
        {
            [Dynamics]
            public static double Rhs(double x, [Param] double r) => r * Rates.Softplus(x);
        }
        """;

    private const string Functions = """
        using System;
        using NeuralOdeGen;

        namespace Demo;

        public static class Rates
        {
            [Differentiable]
            public static double Softplus(double x) => Math.Log(1.0 + Math.Exp(x));
        }
        """;

    [Fact]
    public void Rerun_FunctionBodyEditedInOtherFile_ModelIsReemittedWithTheNewBody()
    {
        (GeneratorDriver driver, CSharpCompilation compilation, string before) = FirstRun();

        SyntaxTree functions = compilation.SyntaxTrees.Single(tree => tree.ToString().Contains("class Rates", StringComparison.Ordinal));
        string edited = functions.ToString().Replace("Math.Log(1.0 + Math.Exp(x))", "Math.Log(2.0 + Math.Exp(x))", StringComparison.Ordinal);
        GeneratorRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(functions, functions.WithChangedText(SourceText.From(edited))))
            .GetRunResult().Results.Single();

        Assert.All(Outputs(second, TrackingNames.Models), reason => Assert.Equal(IncrementalStepRunReason.Modified, reason));
        Assert.All(Outputs(second, TrackingNames.Emit), reason => Assert.Equal(IncrementalStepRunReason.Modified, reason));
        string after = second.GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("2.0", after, StringComparison.Ordinal);
        Assert.DoesNotContain("2.0", before, StringComparison.Ordinal);
    }

    [Fact]
    public void Rerun_UnrelatedClassAdded_ModelsAndEmitAreCached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation, _) = FirstRun();

        CSharpCompilation edited = compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Demo;\n\npublic sealed class Unrelated\n{\n}\n", GeneratorHarness.ParseOptions));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        IncrementalStepRunReason[] unchanged = [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];
        Assert.All(Outputs(second, TrackingNames.Models), reason => Assert.Contains(reason, unchanged));
        Assert.All(Outputs(second, TrackingNames.Emit), reason => Assert.Contains(reason, unchanged));
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation, string Source) FirstRun()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Model, Functions);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackIncrementalSteps: true).RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        Assert.Empty(first.Diagnostics);
        Assert.All(Outputs(first, TrackingNames.Models), reason => Assert.Equal(IncrementalStepRunReason.New, reason));
        return (driver, compilation, first.GeneratedSources.Single().SourceText.ToString());
    }

    private static IEnumerable<IncrementalStepRunReason> Outputs(GeneratorRunResult result, string stepName)
    {
        Assert.True(result.TrackedSteps.TryGetValue(stepName, out var steps), $"No tracked step named '{stepName}'.");
        IncrementalStepRunReason[] reasons = steps.SelectMany(step => step.Outputs).Select(output => output.Reason).ToArray();
        Assert.NotEmpty(reasons);
        return reasons;
    }
}
