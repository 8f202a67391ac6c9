using System.IO;
using ApprovalTests;
using ApprovalTests.Reporters;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.LoopPath;

/// <summary>
/// The generated file of the 2-3-2 tanh net on the loop path against the reviewed
/// <c>LoopPath/Snapshots/LoopMlp232.approved.txt</c>: a reviewer can follow each reverse loop against its forward loop.
/// </summary>
public sealed class LoopPathSnapshotTests
{
    [Fact]
    public void GeneratedSource_232TanhNetKeepingLoops_MatchesApprovedSnapshot()
    {
        GeneratorRun run = GeneratorHarness.RunKeepingLoops(LoopMlp.Source([2, 3, 2]));

        Assert.Null(run.Exception);
        Assert.Empty(run.Diagnostics);
        Assert.True(run.OutputProblems.Count == 0, GeneratorRun.Describe(run.OutputProblems));

        // QuietReporter: a mismatch fails the test and leaves LoopMlp232.received.txt beside the approved file.
        Approvals.Verify(
            new SnapshotTextWriter(run.SingleSourceText),
            new SnapshotNamer(Path.Combine(SourceTree.ProjectDirectory, "LoopPath", "Snapshots"), "LoopMlp232"),
            new QuietReporter());
    }
}
