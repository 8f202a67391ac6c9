using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.Diagnostics;

/// <summary>Every descriptor the generator can report is documented: a section in docs/diagnostics.md and a release-tracking row.</summary>
public sealed class DiagnosticCatalogueTests
{
    private static readonly DiagnosticDescriptor[] Descriptors = typeof(Generator.Diagnostics)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToArray();

    public static TheoryData<string> Ids => new(Descriptors.Select(d => d.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_EveryId_HasASectionInDiagnosticsMd(string id)
    {
        string docs = File.ReadAllText(Path.Combine(SourceTree.ProjectDirectory, "..", "..", "docs", "diagnostics.md"));

        Assert.Contains("\n## " + id + "\n", docs, System.StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_EveryId_HasItsTitleInTheUnshippedReleaseNotes(string id)
    {
        DiagnosticDescriptor descriptor = Descriptors.Single(d => d.Id == id);
        string releases = File.ReadAllText(Path.Combine(SourceTree.ProjectDirectory, "..", "..", "src", "Generator", "AnalyzerReleases.Unshipped.md"));

        Assert.Contains($"{id} | NeuralOdeGen | Error | {descriptor.Title}\n", releases, System.StringComparison.Ordinal);
    }
}
