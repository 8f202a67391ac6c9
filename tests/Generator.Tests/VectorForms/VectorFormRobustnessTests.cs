using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.VectorForms;

/// <summary>
/// The vector-form models with a token deleted (every token of the small ones, every third of BlockMlp, to bound the
/// run time on a shared machine): the generator never throws
/// or reports NODE999, and each run either emits code that compiles, or reports a NODE diagnostic and emits nothing,
/// or the input itself does not compile.
/// </summary>
public sealed class VectorFormRobustnessTests
{
    [Theory]
    [InlineData("LinearTen", 1)]
    [InlineData("MixedStates", 1)]
    [InlineData("BlockMlp", 3)]
    public void VectorFormModel_EachTokenDeleted_NeverThrowsAndAlwaysAnswers(string model, int stride)
    {
        string text = VectorFormModels.Read(model);
        SyntaxToken[] tokens = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToArray();
        var failures = new ConcurrentBag<string>();
        Parallel.For(0, tokens.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            if (i % stride != 0)
            {
                return;
            }

            string source = text.Remove(tokens[i].SpanStart, tokens[i].Span.Length);
            if (Check(source) is { } failure)
            {
                failures.Add($"[without token {i} '{tokens[i].Text}'] {failure}");
            }
        });

        List<string> sorted = failures.Order(StringComparer.Ordinal).ToList();
        Assert.True(sorted.Count == 0, $"{sorted.Count} of {tokens.Length} runs failed:{Environment.NewLine}{string.Join(Environment.NewLine, sorted.Take(20))}");
    }

    private static string? Check(string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        if (run.Exception is not null)
        {
            return "the generator threw: " + run.Exception;
        }

        if (run.Diagnostics.FirstOrDefault(d => d.Id == "NODE999") is { } internalError)
        {
            return "internal error: " + internalError;
        }

        bool reported = run.Diagnostics.Any(d => d.Id.StartsWith("NODE", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error);
        if (reported && run.Sources.Length > 0)
        {
            return $"reported {string.Join(", ", run.Diagnostics.Select(d => d.Id))} but still emitted {run.Sources[0].HintName}";
        }

        bool syntaxErrors = run.Input.SyntaxTrees.Any(tree => tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error));
        if (run.Sources.Length > 0)
        {
            IReadOnlyList<Diagnostic> introduced = run.ProblemsIntroducedByGeneratedCode;
            return introduced.Count == 0 || syntaxErrors ? null : "the generated code does not compile: " + GeneratorRun.Describe(introduced.Take(3));
        }

        bool hasDynamicsMethod = run.Input.SyntaxTrees.Any(tree => tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Any(method => method.AttributeLists.SelectMany(list => list.Attributes).Any(attribute => attribute.Name.ToString() == "Dynamics")));
        bool inputBroken = run.InputProblems.Any(d => d.Severity == DiagnosticSeverity.Error);
        return reported || inputBroken || !hasDynamicsMethod ? null : "valid input with a [Dynamics] method, but neither code nor a NODE diagnostic";
    }
}
