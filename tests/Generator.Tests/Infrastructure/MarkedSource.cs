using System;
using Microsoft.CodeAnalysis.Text;

namespace NeuralOdeGen.Generator.Tests.Infrastructure;

/// <summary>
/// Source text with the expected location of a diagnostic marked as <c>[|…|]</c>; the markers are removed
/// from <see cref="Text"/> and their position is kept in <see cref="Span"/>.
/// </summary>
internal readonly struct MarkedSource
{
    private const string Open = "[|";
    private const string Close = "|]";

    private MarkedSource(string text, TextSpan span)
    {
        Text = text;
        Span = span;
    }

    public string Text { get; }

    public TextSpan Span { get; }

    /// <summary>Gets the marked text itself.</summary>
    public string MarkedText => Text.Substring(Span.Start, Span.Length);

    public static MarkedSource Parse(string marked)
    {
        int start = marked.IndexOf(Open, StringComparison.Ordinal);
        int close = marked.IndexOf(Close, start + Open.Length, StringComparison.Ordinal);
        if (start < 0 || close < 0 || marked.IndexOf(Open, start + Open.Length, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException("Expected exactly one [| … |] marker.", nameof(marked));
        }

        string text = marked.Remove(close, Close.Length).Remove(start, Open.Length);
        return new MarkedSource(text, TextSpan.FromBounds(start, close - Open.Length));
    }
}
