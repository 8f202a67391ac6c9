using System;
using System.IO;
using System.Linq;
using NeuralOdeGen.Examples.Tests.Infrastructure;

namespace NeuralOdeGen.Examples.Tests.Docs;

public sealed class QuickStartTests
{
    [Fact]
    public void QuickStart_Run_RecoversTheTargetRate()
    {
        TrainingResult fit = QuickStart.Run();

        Assert.Equal(TrainingStatus.Converged, fit.Status);

        // RK4 fit to Dormand–Prince data: the minimiser differs from a* = -1 by RK4's error at h = 0.01, ~1e-10.
        Assert.Equal(-1.0, fit.Parameters[0], 1e-8);
    }

    [Fact]
    public void Readme_QuickStartBlock_IsTheCompiledQuickStart()
    {
        string root = DotnetCli.RepositoryRoot();
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));
        int start = readme.IndexOf("```csharp", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no ```csharp block");
        int end = readme.IndexOf("```", start + 9, StringComparison.Ordinal);
        string[] readmeLines = Lines(readme[(start + 9)..end]);

        string source = File.ReadAllText(Path.Combine(root, "tests", "Examples.Tests", "Docs", "QuickStart.cs"));
        string[] compiled = [.. source.Split("// <quick-start>").Skip(1).SelectMany(part => Lines(part.Split("// </quick-start>")[0]))];

        // using NeuralOdeGen; heads the README block; the compiled file has it at the top.
        Assert.Equal("using NeuralOdeGen;", readmeLines[0]);
        Assert.Equal(compiled, readmeLines[1..]);
        Assert.InRange(readmeLines.Length, 10, 20);
    }

    private static string[] Lines(string text) =>
        [.. text.Split('\n').Select(static l => l.Trim()).Where(static l => l.Length > 0)];
}
