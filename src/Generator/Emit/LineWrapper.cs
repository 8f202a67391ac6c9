using System.Collections.Generic;

namespace NeuralOdeGen.Generator.Emit;

/// <summary>
/// Splits a very long statement (a network's sums of hundreds of terms) into lines of moderate width, breaking only
/// before a binary <c>+</c> or <c>-</c> (preferably outside parentheses): whitespace is all that changes, so the code
/// means the same.
/// Statements up to <see cref="Threshold"/> characters stay on one line.
/// </summary>
internal static class LineWrapper
{
    /// <summary>Longest statement written on one line (hand-written models stay below it).</summary>
    public const int Threshold = 300;

    private const int Width = 100;

    public static void Write(CodeWriter writer, string statement)
    {
        if (statement.Length <= Threshold)
        {
            writer.Line(statement);
            return;
        }

        var lines = new List<string>();
        int depth = 0;
        int lineStart = 0;
        for (int i = 0; i < statement.Length; i++)
        {
            char c = statement[i];
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
            else if (c == ' ' && IsBinaryAdditive(statement, i) && (depth == 0 ? i - lineStart >= Width : i - lineStart >= 2 * Width))
            {
                // Inside parentheses only when the line has grown well past the width (a single huge bracketed sum).
                lines.Add(statement.Substring(lineStart, i - lineStart));
                lineStart = i + 1;
            }
        }

        lines.Add(statement.Substring(lineStart));
        writer.Line(lines[0]);
        for (int i = 1; i < lines.Count; i++)
        {
            writer.Line("    " + lines[i]);
        }
    }

    private static bool IsBinaryAdditive(string text, int space) =>
        space + 2 < text.Length && (text[space + 1] == '+' || text[space + 1] == '-') && text[space + 2] == ' ';
}
