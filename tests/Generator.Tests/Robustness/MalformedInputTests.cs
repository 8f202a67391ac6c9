using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.Robustness;

/// <summary>
/// The generator over hundreds of unsupported or half-typed inputs: it never throws, never reports NODE999, and
/// each run either emits code that compiles (introduces no new compiler error or warning), or reports a NODE
/// diagnostic (and then emits nothing), or the input itself does not compile.
/// </summary>
public sealed class MalformedInputTests
{
    [Fact]
    public void UnsupportedExpressions_InThreePositions_NeverThrowAndAlwaysAnswer() =>
        AssertEveryRunAnswers(MalformedInputs.UnsupportedExpressions().ToList(), minimumCases: 300);

    [Fact]
    public void UnsupportedStatements_InBlockBodies_NeverThrowAndAlwaysAnswer() =>
        AssertEveryRunAnswers(MalformedInputs.UnsupportedStatements().ToList(), minimumCases: 80);

    [Fact]
    public void UnusualDeclarations_InterfacesLocalFunctionsPartialAndExternMethods_NeverThrowAndAlwaysAnswer() =>
        AssertEveryRunAnswers(MalformedInputs.UnusualDeclarations().ToList(), minimumCases: 19);

    [Fact]
    public void ExampleModels_WithOneTokenDeleted_NeverThrowAndAlwaysAnswer() =>
        AssertEveryRunAnswers(MalformedInputs.TokenDeletions(perModel: 16, seed: 20261128).ToList(), minimumCases: 150);

    [Fact]
    public void ExampleModels_TruncatedWhileTyping_NeverThrowAndAlwaysAnswer() =>
        AssertEveryRunAnswers(MalformedInputs.Truncations(perModel: 5, seed: 7).ToList(), minimumCases: 60);

    private static void AssertEveryRunAnswers(IReadOnlyList<(string Name, string Source)> cases, int minimumCases)
    {
        Assert.True(cases.Count >= minimumCases, $"Only {cases.Count} cases were generated.");
        // Independent runs on all cores (Roslyn runs generators concurrently too); failures sorted for a stable message.
        var found = new ConcurrentBag<string>();
        Parallel.ForEach(cases, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, item =>
        {
            string? failure = Check(item.Source);
            if (failure is not null)
            {
                found.Add($"[{item.Name}] {failure}");
            }
        });

        List<string> failures = found.Order(StringComparer.Ordinal).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} runs failed:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(25))}");
    }

    private static string? Check(string source)
    {
        GeneratorRun run;
        try
        {
            run = GeneratorHarness.Run(source);
        }
        catch (Exception exception)
        {
            return "the driver threw: " + exception;
        }

        if (run.Exception is not null)
        {
            return "the generator threw: " + run.Exception;
        }

        Diagnostic? internalError = run.Diagnostics.FirstOrDefault(d => d.Id == "NODE999");
        if (internalError is not null)
        {
            return "internal error: " + internalError;
        }

        bool reported = run.Diagnostics.Any(d => d.Id.StartsWith("NODE", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error);
        if (reported && run.Sources.Length > 0)
        {
            return $"reported {string.Join(", ", run.Diagnostics.Select(d => d.Id))} but still emitted {run.Sources[0].HintName}";
        }

        // Code generated from input that does not even parse may not compile either; the user's own syntax errors come first.
        bool syntaxErrors = run.Input.SyntaxTrees.Any(tree => tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error));
        if (run.Sources.Length > 0)
        {
            IReadOnlyList<Diagnostic> introduced = run.ProblemsIntroducedByGeneratedCode;
            return introduced.Count == 0 || syntaxErrors ? null : "the generated code does not compile: " + GeneratorRun.Describe(introduced.Take(3));
        }

        bool hasDynamicsMethod = run.Input.SyntaxTrees.Any(tree => tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Any(method => method.AttributeLists.SelectMany(list => list.Attributes).Any(attribute => attribute.Name.ToString() is "Dynamics" or "NeuralOdeGen.Dynamics")));
        bool inputBroken = run.InputProblems.Any(d => d.Severity == DiagnosticSeverity.Error);
        return reported || inputBroken || !hasDynamicsMethod ? null : "valid input with a [Dynamics] method, but neither code nor a NODE diagnostic";
    }
}
