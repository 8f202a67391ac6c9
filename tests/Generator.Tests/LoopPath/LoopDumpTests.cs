namespace NeuralOdeGen.Generator.Tests.LoopPath;

public sealed class LoopDumpTests
{
    [Fact]
    public void Dump()
    {
        var run = NeuralOdeGen.Generator.Tests.Infrastructure.GeneratorHarness.RunKeepingLoops(LoopMlp.Source([2, 3, 2]));
        System.IO.File.WriteAllText("/tmp/loop232.txt", string.Join("\n", run.Diagnostics) + "\n" + (run.Result.Results[0].Exception?.ToString() ?? "") + "\n" + (run.Sources.Length > 0 ? run.SingleSourceText : "none") + "\n" + string.Join("\n", run.OutputProblems));
    }
}
