using System;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.LoopPath;

/// <summary>
/// <c>[Dynamics(SymbolicCheckSizes = "L1=3")]</c>: the generator re-reads the same method with the constant replaced and
/// emits the nested type <c>SymbolicCheck</c>, unrolled with full symbolic forms; the model itself keeps its loops.
/// </summary>
public sealed class SymbolicCheckTests
{
    private const string CheckedHint = "Demo.Mlp.SymbolicCheck.g.cs";

    private static string Marked(int[] widths, string sizes) =>
        LoopMlp.Source(widths).Replace("[Dynamics]", $"[Dynamics(SymbolicCheckSizes = \"{sizes}\")]", StringComparison.Ordinal);

    [Fact]
    public void SymbolicCheckSizes_WideLoopModel_EmitsUnrolledNestedTypeEqualToUnrolledOutputOfSmallProgram()
    {
        // 2-50-2 with the loops kept; the check type is the same method with L1 = 3.
        GeneratorRun run = GeneratorHarness.RunKeepingLoops(Marked([2, 50, 2], "L1=3"));
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.ProblemsIntroducedByGeneratedCode);
        Assert.Equal([CheckedHint, "Demo.Mlp.g.cs"], run.Sources.Select(s => s.HintName).OrderBy(h => h, StringComparer.Ordinal));
        string model = run.Sources.Single(s => s.HintName == "Demo.Mlp.g.cs").SourceText.ToString();
        string check = run.Sources.Single(s => s.HintName == CheckedHint).SourceText.ToString();
        Assert.Contains("// Reverse sweep:", model, StringComparison.Ordinal);
        Assert.DoesNotContain("// Reverse sweep:", check, StringComparison.Ordinal);

        // The same program written by hand at width 3, on the default (unrolled) path: the generated members are the same
        // text, apart from the nesting of the type.
        GeneratorRun unrolled = GeneratorHarness.Run(LoopMlp.Source([2, 3, 2]));
        string expected = unrolled.SingleSourceText;
        string actual = check
            .Replace("partial struct Mlp\n{\n    public partial struct SymbolicCheck : global::NeuralOdeGen.IOdeModel<SymbolicCheck>", "partial struct Mlp : global::NeuralOdeGen.IOdeModel<Mlp>", StringComparison.Ordinal)
            .Replace("\"SymbolicCheck\"", "\"Mlp\"", StringComparison.Ordinal);
        actual = Unindent(actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void SymbolicCheckSizes_CheckTypeCompilesAndAgreesWithModelAtSameSizeOnly()
    {
        GeneratorRun run = GeneratorHarness.RunKeepingLoops(Marked([2, 50, 2], "L1=3"));
        Assembly assembly = GeneratorHarness.EmitAndLoad(run.Output);
        Type model = assembly.GetType("Demo.Mlp")!;
        Type check = model.GetNestedType("SymbolicCheck")!;
        Assert.NotNull(check);
        Assert.Equal((3 * 2) + 3 + (2 * 3) + 2, (int)check.GetProperty("ParameterCount")!.GetValue(null)!);
        Assert.Equal((50 * 2) + 50 + (2 * 50) + 2, (int)model.GetProperty("ParameterCount")!.GetValue(null)!);
        var info = (OdeModelInfo)check.GetProperty("Info")!.GetValue(null)!;
        Assert.Equal("SymbolicCheck", info.Name);
        Assert.All(info.RightHandSide, form => Assert.NotEqual("", form));
        Assert.Contains("tanh", info.RightHandSide[0], StringComparison.Ordinal);
    }

    private static string Unindent(string text)
    {
        // The nested type's members are indented one level deeper and its declaration closes with one more brace.
        string[] lines = text.Split('\n');
        var kept = new System.Collections.Generic.List<string>();
        bool inside = false;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.StartsWith("partial struct Mlp : ", StringComparison.Ordinal))
            {
                inside = true;
                kept.Add(line);
                continue;
            }

            if (inside && line == "}")
            {
                // The outer type's brace: the nested type's own closing brace, unindented, already closes it.
                inside = false;
                continue;
            }

            kept.Add(inside && line.StartsWith("    ", StringComparison.Ordinal) ? line[4..] : line);
        }

        return string.Join('\n', kept);
    }
}
