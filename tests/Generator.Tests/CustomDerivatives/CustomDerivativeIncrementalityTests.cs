using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.CustomDerivatives;

/// <summary>
/// A model calling a function with a hand-written derivative depends on the two methods' names, not their bodies: editing
/// the derivative's body leaves the emitted model as it was, and renaming the derivative method re-emits it.
/// </summary>
public sealed class CustomDerivativeIncrementalityTests
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
            public static double Softplus(double x) => Math.Log(1.0 + Math.Exp(x));

            [DerivativeOf(nameof(Softplus))]
            public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
        }
        """;

    [Fact]
    public void Rerun_DerivativeBodyEdited_EmitIsUnchanged()
    {
        (GeneratorDriver driver, CSharpCompilation compilation, string before) = FirstRun();

        GeneratorRunResult second = driver.RunGenerators(Edit(compilation, "1.0 / (1.0 + Math.Exp(-x))", "Math.Exp(x) / (1.0 + Math.Exp(x))"))
            .GetRunResult().Results.Single();

        IncrementalStepRunReason[] unchanged = [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];
        Assert.All(Outputs(second, TrackingNames.Emit), reason => Assert.Contains(reason, unchanged));
        Assert.Equal(before, second.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void Rerun_DerivativeMethodRenamed_ModelIsReemittedWithTheNewName()
    {
        (GeneratorDriver driver, CSharpCompilation compilation, string before) = FirstRun();

        GeneratorRunResult second = driver.RunGenerators(Edit(compilation, "double Sigmoid(", "double Logistic("))
            .GetRunResult().Results.Single();

        Assert.All(Outputs(second, TrackingNames.Emit), reason => Assert.Equal(IncrementalStepRunReason.Modified, reason));
        Assert.Contains("global::Demo.Rates.Sigmoid(", before, StringComparison.Ordinal);
        Assert.Contains("global::Demo.Rates.Logistic(", second.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
    }

    private static CSharpCompilation Edit(CSharpCompilation compilation, string from, string to)
    {
        SyntaxTree functions = compilation.SyntaxTrees.Single(tree => tree.ToString().Contains("class Rates", StringComparison.Ordinal));
        string edited = functions.ToString().Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(functions.ToString(), edited);
        return compilation.ReplaceSyntaxTree(functions, functions.WithChangedText(SourceText.From(edited)));
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
