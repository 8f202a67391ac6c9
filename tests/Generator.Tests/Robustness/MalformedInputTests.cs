using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
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
    public void UnsupportedExpressions_InFourPositions_NeverThrowAndAlwaysAnswer() =>
        AssertEveryRunAnswers(MalformedInputs.UnsupportedExpressions().ToList(), minimumCases: 400);

    [Fact]
    public void UnsupportedStatements_InBlockBodies_NeverThrowAndAlwaysAnswer() =>
        AssertEveryRunAnswers(MalformedInputs.UnsupportedStatements().ToList(), minimumCases: 80);

    [Fact]
    public void ExampleModels_WithOneTokenDeleted_NeverThrowAndAlwaysAnswer() =>
        AssertEveryRunAnswers(MalformedInputs.TokenDeletions(perModel: 16, seed: 20261128).ToList(), minimumCases: 150);

    [Fact]
    public void ExampleModels_TruncatedWhileTyping_NeverThrowAndAlwaysAnswer() =>
        AssertEveryRunAnswers(MalformedInputs.Truncations(perModel: 5, seed: 7).ToList(), minimumCases: 60);

    private static void AssertEveryRunAnswers(IReadOnlyList<(string Name, string Source)> cases, int minimumCases)
    {
        Assert.True(cases.Count >= minimumCases, $"Only {cases.Count} cases were generated.");
        var failures = new List<string>();
        foreach ((string name, string source) in cases)
        {
            string? failure = Check(source);
            if (failure is not null)
            {
                failures.Add($"[{name}] {failure}");
            }
        }

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

        if (run.Sources.Length > 0)
        {
            IReadOnlyList<Diagnostic> introduced = run.ProblemsIntroducedByGeneratedCode;
            return introduced.Count == 0 ? null : "the generated code does not compile: " + GeneratorRun.Describe(introduced.Take(3));
        }

        bool inputBroken = run.Input.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
        return reported || inputBroken ? null : "valid input, but neither code nor a NODE diagnostic";
    }
}
