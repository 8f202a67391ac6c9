using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace NeuralOdeGen.Generator.Tests.Infrastructure;

/// <summary>The outcome of one in-memory generator run: input and output compilations and what the generator produced.</summary>
internal sealed class GeneratorRun
{
    private IReadOnlyList<Diagnostic>? _inputProblems;
    private IReadOnlyList<Diagnostic>? _outputProblems;

    public GeneratorRun(Compilation input, Compilation output, GeneratorDriverRunResult result)
    {
        Input = input;
        Output = output;
        Result = result;
    }

    public Compilation Input { get; }

    public Compilation Output { get; }

    public GeneratorDriverRunResult Result { get; }

    /// <summary>Gets the diagnostics the generator reported.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => Result.Diagnostics;

    public ImmutableArray<GeneratedSourceResult> Sources => Result.Results.Single().GeneratedSources;

    public Exception? Exception => Result.Results.Single().Exception;

    public string SingleSourceText => Sources.Single().SourceText.ToString();

    /// <summary>Gets the compiler diagnostics (warnings and errors) of the input alone.</summary>
    public IReadOnlyList<Diagnostic> InputProblems => _inputProblems ??= Problems(Input);

    /// <summary>Gets the compiler diagnostics (warnings and errors) of the input plus generated code.</summary>
    public IReadOnlyList<Diagnostic> OutputProblems => _outputProblems ??= Problems(Output);

    /// <summary>
    /// Gets the errors and warnings that adding the generated code introduced: absent from the input's, except a
    /// warning the user's own code already has (generated code that mirrors <c>x &gt; x</c> inherits its CS1718).
    /// </summary>
    public IReadOnlyList<Diagnostic> ProblemsIntroducedByGeneratedCode
    {
        get
        {
            var before = new HashSet<string>(InputProblems.Select(Key), StringComparer.Ordinal);
            var warningIds = new HashSet<string>(InputProblems.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => d.Id), StringComparer.Ordinal);
            return OutputProblems
                .Where(d => !before.Contains(Key(d)))
                .Where(d => d.Severity == DiagnosticSeverity.Error || !warningIds.Contains(d.Id))
                .ToList();
        }
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));

    private static List<Diagnostic> Problems(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    private static string Key(Diagnostic diagnostic) => $"{diagnostic.Id} {diagnostic.Location.GetLineSpan()}";
}
