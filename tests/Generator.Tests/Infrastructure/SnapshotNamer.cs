using ApprovalTests.Core;

namespace NeuralOdeGen.Generator.Tests.Infrastructure;

/// <summary>
/// Names an approved file explicitly (<c>{directory}/{name}.approved.txt</c>) instead of walking the stack,
/// so theory rows get one file each and the location does not depend on how the test was compiled.
/// </summary>
internal sealed class SnapshotNamer : IApprovalNamer
{
    public SnapshotNamer(string sourcePath, string name)
    {
        SourcePath = sourcePath;
        Name = name;
    }

    public string SourcePath { get; }

    public string Name { get; }
}
