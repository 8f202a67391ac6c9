using System.Diagnostics;
using System.Linq;
using System.Text;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.Robustness;

/// <summary>
/// A short body whose locals each use the previous one twice is a DAG of linear size but a tree of size 2^depth.
/// Whatever the generator prints must stay proportionate (or be refused with a diagnostic): a 20-line model must
/// not make the compiler write megabytes or stall.
/// </summary>
public sealed class ExpressionGrowthTests
{
    [Fact]
    public void ChainOfSharedLocals_EighteenLevels_GeneratedFileStaysSmallOrIsRefused()
    {
        var body = new StringBuilder("{\n        double a0 = x;\n");
        for (int i = 1; i <= 18; i++)
        {
            body.Append($"        double a{i} = (a{i - 1} * a{i - 1}) + a{i - 1};\n");
        }

        body.Append("        return a18;\n    }");
        string source = "using NeuralOdeGen;\n\nnamespace Demo;\n\npublic partial struct Chain\n{\n    [Dynamics]\n    public static double Rhs(double x)\n    "
            + body + "\n}\n";

        var clock = Stopwatch.StartNew();
        GeneratorRun run = GeneratorHarness.Run(source);
        clock.Stop();

        Assert.Null(run.Exception);
        if (run.Sources.Length == 0)
        {
            Assert.Contains(run.Diagnostics, d => d.Id.StartsWith("NODE", System.StringComparison.Ordinal));
            return;
        }

        // 19 locals, one state: every member fits in a few hundred lines when shared subexpressions stay shared.
        int length = run.SingleSourceText.Length;
        Assert.True(length < 256 * 1024, $"The generated file has {length:N0} characters (longest line {run.SingleSourceText.Split('\n').Max(line => line.Length):N0}).");
        Assert.True(clock.ElapsedMilliseconds < 10_000, $"Generation took {clock.ElapsedMilliseconds} ms.");
    }
}
