using System.IO;
using ApprovalTests;
using ApprovalTests.Reporters;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.LoopPath;

/// <summary>
/// The generated files of the 2-3-2 and 2-50-2 tanh nets on the loop path against the reviewed
/// <c>LoopPath/Snapshots/LoopMlp232.approved.txt</c> and <c>LoopMlp2502.approved.txt</c>: a reviewer can follow each reverse
/// loop against its forward loop (the two differ in their constants only).
/// </summary>
public sealed class LoopPathSnapshotTests
{
    [Theory]
    [InlineData(3, "LoopMlp232")]
    [InlineData(50, "LoopMlp2502")]
    public void GeneratedSource_TanhNetKeepingLoops_MatchesApprovedSnapshot(int hidden, string name)
    {
        GeneratorRun run = GeneratorHarness.RunKeepingLoops(LoopMlp.Source([2, hidden, 2]));

        Assert.Null(run.Exception);
        Assert.Empty(run.Diagnostics);
        Assert.True(run.OutputProblems.Count == 0, GeneratorRun.Describe(run.OutputProblems));

        // QuietReporter: a mismatch fails the test and leaves {name}.received.txt beside the approved file.
        Approvals.Verify(
            new SnapshotTextWriter(run.SingleSourceText),
            new SnapshotNamer(Path.Combine(SourceTree.ProjectDirectory, "LoopPath", "Snapshots"), name),
            new QuietReporter());
    }
}
