using System;
using System.IO;
using System.Linq;
using ApprovalTests;
using ApprovalTests.Reporters;
using Microsoft.CodeAnalysis;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.Events;

/// <summary>
/// Runs the generator over each model in Events/Models/ and compares the generated file (the model's members and its
/// <c>IOdeEvents</c> members) with the reviewed snapshot in Events/Snapshots/.
/// </summary>
public sealed class EventSnapshotTests
{
    private static readonly string Directory = Path.Combine(SourceTree.ProjectDirectory, "Events");

    public static TheoryData<string> Models => new(
        System.IO.Directory.GetFiles(Path.Combine(Directory, "Models"), "*.cs").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Models))]
    public void GeneratedSource_ModelWithEvents_MatchesApprovedSnapshot(string model)
    {
        GeneratorRun run = GeneratorHarness.Run(File.ReadAllText(Path.Combine(Directory, "Models", model + ".cs")));

        Assert.Null(run.Exception);
        Assert.Empty(run.Diagnostics);
        Assert.True(run.OutputProblems.Count == 0, GeneratorRun.Describe(run.OutputProblems));
        GeneratedSourceResult source = Assert.Single(run.Sources);
        Assert.Equal($"NeuralOdeGen.Generator.Tests.Events.Models.{model}.g.cs", source.HintName);

        // QuietReporter: a mismatch fails the test and leaves {model}.received.txt beside the approved file; no diff tool starts.
        Approvals.Verify(
            new SnapshotTextWriter(source.SourceText.ToString()),
            new SnapshotNamer(Path.Combine(Directory, "Snapshots"), model),
            new QuietReporter());
    }
}
