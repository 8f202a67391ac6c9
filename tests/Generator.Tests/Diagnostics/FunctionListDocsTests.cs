using System.IO;
using NeuralOdeGen.Generator.Ir;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.Diagnostics;

/// <summary>The lists of supported functions in the docs and in NODE011's message name every row of the function table.</summary>
public sealed class FunctionListDocsTests
{
    private static readonly string Docs = Path.GetFullPath(Path.Combine(SourceTree.ProjectDirectory, "..", "..", "docs"));

    [Fact]
    public void DiagnosticsMd_Node011Section_NamesEveryRow()
    {
        string text = File.ReadAllText(Path.Combine(Docs, "diagnostics.md"));
        int start = text.IndexOf("## NODE011", System.StringComparison.Ordinal);
        string section = text[start..text.IndexOf("## NODE012", start, System.StringComparison.Ordinal)];

        Assert.All(Functions.All, f => Assert.Matches($@"\b{f.Name}\b", section));
    }

    [Fact]
    public void GuideMd_BuiltInFunctionsTable_NamesEveryRow()
    {
        string text = File.ReadAllText(Path.Combine(Docs, "guide.md"));
        int start = text.IndexOf("### Built-in functions", System.StringComparison.Ordinal);
        string section = text[start..text.IndexOf("#### Adding a built-in function", start, System.StringComparison.Ordinal)];

        Assert.All(Functions.All, f => Assert.Matches($@"`[^`]*\b{f.Name}\b[^`]*`", section));
    }

    [Fact]
    public void Node011Message_ListsEveryRow()
    {
        Assert.All(Functions.All, f => Assert.Matches($@"\bMath\.{f.Name}\b", Functions.SupportedList));
    }
}
