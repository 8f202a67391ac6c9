using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using NeuralOdeGen.Generator;

namespace NeuralOdeGen.Generator.Tests.Diagnostics;

/// <summary>Every diagnostic's help link leads to its own section of docs/diagnostics.md in this repository.</summary>
public sealed class HelpLinkTests
{
    [Fact]
    public void EveryDescriptor_HelpLink_IsASectionOfTheDiagnosticsPageInThisRepository()
    {
        DiagnosticDescriptor[] descriptors = typeof(NeuralOdeGen.Generator.Diagnostics)
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToArray();
        string root = RepositoryRoot();
        Assert.NotEmpty(descriptors);

        foreach (DiagnosticDescriptor descriptor in descriptors)
        {
            // The link is relative to the repository root: the file must exist there and hold the anchor's heading.
            string[] parts = descriptor.HelpLinkUri.Split('#');
            Assert.Equal(2, parts.Length);
            Assert.Equal("docs/diagnostics.md", parts[0]);
            Assert.Equal(descriptor.Id.ToLowerInvariant(), parts[1]);
            string page = File.ReadAllText(Path.Combine(root, parts[0]));
            Assert.Contains("\n## " + descriptor.Id + "\n", page.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        }
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NeuralOdeGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No NeuralOdeGen.sln above {AppContext.BaseDirectory}.");
    }
}
