using System.Text;

namespace NeuralOdeGen.Generator.Emit;

/// <summary>An indentation-aware text writer with '\n' line endings (output must not depend on the platform).</summary>
internal sealed class CodeWriter
{
    private const string IndentUnit = "    ";

    private readonly StringBuilder _builder = new();
    private int _indent;

    public CodeWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            for (int i = 0; i < _indent; i++)
            {
                _builder.Append(IndentUnit);
            }

            _builder.Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes <c>{</c> and indents.</summary>
    public CodeWriter Open()
    {
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Unindents and writes <c>}</c> (plus an optional suffix such as <c>;</c>).</summary>
    public CodeWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    public override string ToString() => _builder.ToString();
}
