using System;
using System.IO;
using System.Linq;
using ApprovalTests;
using ApprovalTests.Reporters;
using Microsoft.CodeAnalysis;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.CustomDerivatives;

/// <summary>
/// Runs the generator over CustomDerivatives/Models/ as one compilation (a model calling functions of another type that
/// have hand-written derivatives) and compares the generated file with the reviewed snapshot in CustomDerivatives/Snapshots/.
/// </summary>
public sealed class CustomDerivativeSnapshotTests
{
    [Fact]
    public void GeneratedSource_ModelCallingCustomDerivatives_MatchesApprovedSnapshot()
    {
        string[] sources = Directory.GetFiles(Path.Combine(SourceTree.ProjectDirectory, "CustomDerivatives", "Models"), "*.cs")
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToArray();
        GeneratorRun run = GeneratorHarness.Run(sources);

        Assert.Null(run.Exception);
        Assert.Empty(run.Diagnostics);
        Assert.True(run.OutputProblems.Count == 0, GeneratorRun.Describe(run.OutputProblems));
        GeneratedSourceResult source = Assert.Single(run.Sources);
        Assert.Equal("NeuralOdeGen.Generator.Tests.CustomDerivatives.Models.CustomGate.g.cs", source.HintName);

        // QuietReporter: a mismatch fails the test and leaves CustomGate.received.txt beside the approved file; no diff tool starts.
        Approvals.Verify(
            new SnapshotTextWriter(source.SourceText.ToString()),
            new SnapshotNamer(Path.Combine(SourceTree.ProjectDirectory, "CustomDerivatives", "Snapshots"), "CustomGate"),
            new QuietReporter());
    }
}
