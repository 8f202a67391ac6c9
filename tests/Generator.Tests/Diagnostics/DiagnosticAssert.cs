using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.Diagnostics;

/// <summary>Runs the generator over source with a <c>[|…|]</c> marker and checks the one diagnostic it must report there.</summary>
internal static class DiagnosticAssert
{
    public const string Usings = "using System;\nusing NeuralOdeGen;\n\nnamespace Demo;\n\n";

    /// <summary>
    /// Asserts that the generator reports exactly one diagnostic, <paramref name="id"/>, as an error with its help
    /// link, spanning exactly the marked text; that it emits no source; and returns the diagnostic for further checks.
    /// </summary>
    public static Diagnostic ReportsExactlyAt(string id, string markedBody)
    {
        MarkedSource source = MarkedSource.Parse(Usings + markedBody);
        GeneratorRun run = GeneratorHarness.Run(source.Text);

        Assert.Null(run.Exception);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(
            "docs/diagnostics.md#" + id.ToLowerInvariant(),
            diagnostic.Descriptor.HelpLinkUri);

        // Line/column first (the readable failure), then the exact covered text and span.
        LinePositionSpan expected = SourceText.From(source.Text).Lines.GetLinePositionSpan(source.Span);
        FileLinePositionSpan actual = diagnostic.Location.GetLineSpan();
        Assert.Equal("Model0.cs", actual.Path);
        Assert.Equal(expected, actual.Span);
        Assert.Equal(source.MarkedText, source.Text.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);

        Assert.Empty(run.Sources);
        return diagnostic;
    }

    public static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    public static bool AnyNodeDiagnostic(GeneratorRun run) => run.Diagnostics.Any(d => d.Id.StartsWith("NODE", System.StringComparison.Ordinal));
}
