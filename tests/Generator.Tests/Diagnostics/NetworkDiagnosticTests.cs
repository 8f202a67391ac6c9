using System.Diagnostics;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.Diagnostics;

/// <summary>
/// The diagnostics of the neural-network forms (NODE017–NODE021) at their exact spans, the expansion cap on unrolled
/// loops (NODE010), and the assignments that stay errors (NODE012).
/// </summary>
public sealed class NetworkDiagnosticTests
{
    [Theory]
    [InlineData("for (int j = 0; j < [|(int)x|]; j++) { s += w[0]; }", "bound '(int)x'")]
    [InlineData("for (int j = [|(int)x|]; j < 3; j++) { s += w[0]; }", "initial value '(int)x'")]
    [InlineData("for (int j = 0; j < 3; j += [|(int)x|]) { s += w[0]; }", "step '(int)x'")]
    [InlineData("for (int j = 0; j < 3; j += [|0|]) { s += w[0]; }", "step 0")]
    [InlineData("for (int j = 2; [|j > 0|]; j++) { s += w[0]; }", "condition 'j > 0'")]
    [InlineData("for (int j = 3; j < 6; [|j--|]) { s += w[0]; }", "increment 'j--'")]
    [InlineData("[|for (int j = 0, k = 0; j < 3; j++)|] { s += w[k]; }", "exactly one int loop variable")]
    [InlineData("for ([|double j = 0|]; j < 3; j++) { s += w[0]; }", "not an int")]
    [InlineData("for (int i = 0; i < 3; i++) { for (int j = 0; j < [|i|]; j++) { s += w[j]; } }", "bound 'i'")]
    [InlineData("[|for (int j = 0; j < int.MaxValue; j += 1 << 30)|] { s += w[0]; }", "overflows int")]
    public void Node017_LoopWithoutConstantBoundsOrStep_ReportedAtOffendingPart(string loop, string detail)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE017", Body(loop));
        string message = DiagnosticAssert.Message(diagnostic);
        Assert.Contains(detail, message, System.StringComparison.Ordinal);
        Assert.Contains("for (int j = A; j < B; j++)", message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("for (int j = 0; j < 3; j++) { [|j = 2|]; s += w[j]; }")]
    [InlineData("for (int j = 0; j < 3; j++) { s += w[j]; [|j++|]; }")]
    [InlineData("for (int i = 0; i < 2; i++) { for (int j = 0; j < 2; j++) { [|i += 1|]; } }")]
    public void Node018_LoopVariableAssignedInBody_ReportedAtAssignment(string loop)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE018", Body(loop));
        Assert.Contains("read-only in its body", DiagnosticAssert.Message(diagnostic), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public static double Rhs(double x, [|[Param] ReadOnlySpan<double> w|]) => w[0] * x;", "has no length")]
    [InlineData("public static double Rhs(double x, [|[Param(0)] ReadOnlySpan<double> w|]) => x;", "has length 0")]
    [InlineData("public static double Rhs(double x, [|[Param(-2)] ReadOnlySpan<double> w|]) => x;", "has length -2")]
    [InlineData("public static double Rhs(double x, [|[Param(3)] double a|]) => a * x;", "is a double with a block length ([Param(3)])")]
    public void Node019_SpanWithoutPositiveLengthOrScalarWithLength_ReportedAtParameter(string method, string detail)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE019", Model(method));
        string message = DiagnosticAssert.Message(diagnostic);
        Assert.Contains(detail, message, System.StringComparison.Ordinal);
        Assert.Contains("[Param(N)] ReadOnlySpan<double>", message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("for (int j = 0; j < 3; j++) { s += w[[|j / 2|]]; }", "Index 'j / 2' is not a compile-time constant")]
    [InlineData("s += w[[|(int)x|]];", "Index '(int)x' is not a compile-time constant")]
    [InlineData("for (int j = 0; j < 3; j++) { s += w[(2 * j) + [|(int)s|]]; }", "Index '(int)s' is not a compile-time constant")]
    [InlineData("for (int j = 0; j < 3; j++) { s += w[[|(2 * j) + 1|]]; }", "Index '(2 * j) + 1' is 5 when j = 2, outside 'w' of length 4")]
    [InlineData("for (int i = 0; i < 2; i++) { for (int j = 0; j <= 2; j++) { s += w[[|(3 * i) + j - 1|]]; } }", "Index '(3 * i) + j - 1' is -1 when i = 0, j = 0, outside 'w' of length 4")]
    [InlineData("s += w[[|N|]];", "Index 'N' is 4, outside 'w' of length 4")]
    public void Node020_IndexNotConstantOrOutOfRange_ReportedAtIndex(string statements, string detail)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE020", Body(statements));
        string message = DiagnosticAssert.Message(diagnostic);
        Assert.Contains(detail, message, System.StringComparison.Ordinal);
        Assert.Contains("int literals, const fields and loop variables", message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public static double Rhs([|ReadOnlySpan<double> x|], [Param] double a) => a * x[0];")]
    [InlineData("public static double Rhs(double x, [|ReadOnlySpan<double> extra|]) => x;")]
    public void Node021_SpanThatIsNotParameterOrStateBlock_ReportedAtParameterNamingBothBlockForms(string method)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE021", Model(method));
        Assert.Contains("without [Param(N)] or [State(N)]", DiagnosticAssert.Message(diagnostic), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public static double Rhs(double x, [|[Param(2)] Span<double> w|]) => w[0] * x;")]
    [InlineData("public static double Rhs(double x, [|[Param(2)] in ReadOnlySpan<double> w|]) => w[0] * x;")]
    public void Node005_MutableOrByReferenceSpan_ReportedAtParameter(string method) =>
        DiagnosticAssert.ReportsExactlyAt("NODE005", Model(method));

    [Theory]
    [InlineData("[|w.Length|]", "NODE013")]
    [InlineData("[|w[0..1][0]|]", "NODE010")]
    [InlineData("Math.Tanh([|j|] > 1 ? x : 0.0)", "NODE014")]
    public void SpanOrLoopVariableUsedOtherwise_ReportedAtUse(string expression, string id) =>
        DiagnosticAssert.ReportsExactlyAt(id, Body($"for (int j = 0; j < 3; j++) {{ s += {expression}; }}"));

    [Theory]
    [InlineData("[|x = 2.0|];")]
    [InlineData("[|x += 1.0|];")]
    [InlineData("for (int j = 0; j < 3; j++) { [|x *= w[j]|]; }")]
    public void Node012_AssignmentToMethodParameter_StillReportedInLoopsAndBlocks(string statements) =>
        DiagnosticAssert.ReportsExactlyAt("NODE012", Body(statements));

    [Fact]
    public void Node010_NetworkTooWideForExpansionCap_ReportedPromptlyAtReturn()
    {
        // 2-1000-2: 4 002 parameters; each right-hand side alone expands past the 10 000-operation cap.
        var stopwatch = Stopwatch.StartNew();
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE010", Network(hidden: 1000, marked: true));
        stopwatch.Stop();

        Assert.Contains("exceed 10000 operations", DiagnosticAssert.Message(diagnostic), System.StringComparison.Ordinal);

        // Generous for a shared 2-core machine; the check itself takes well under a second (an unbounded unroll or a full
        // differentiation of 4 002 parameters would not).
        Assert.True(stopwatch.Elapsed.TotalSeconds < 20, $"The generator took {stopwatch.Elapsed.TotalSeconds:F1} s.");
    }

    [Fact]
    public void Node010_LoopNestUnrollingPastStatementCap_ReportedAtFirstLoopWithoutHanging()
    {
        // 10^4 × 10^4 iterations: unrolling stops after the 10 000-statement cap instead of running 10^8 of them.
        var stopwatch = Stopwatch.StartNew();
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt(
            "NODE010",
            Body("[|for (int i = 0; i < 10000; i++)|] { for (int j = 0; j < 10000; j++) { s += 1.0; } }"));
        stopwatch.Stop();

        Assert.Contains("unrolls to more than 10000 statements", DiagnosticAssert.Message(diagnostic), System.StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed.TotalSeconds < 20, $"The generator took {stopwatch.Elapsed.TotalSeconds:F1} s.");
    }

    [Fact]
    public void Node010_EmptyLoopOfBillionsOfIterations_ReportedAtLoopWithoutHanging()
    {
        var stopwatch = Stopwatch.StartNew();
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE010", Body("[|for (int j = 0; j < 2000000000; j++)|] { }"));
        stopwatch.Stop();

        Assert.Contains("unrolls to more than 10000 statements and iterations", DiagnosticAssert.Message(diagnostic), System.StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed.TotalSeconds < 20, $"The generator took {stopwatch.Elapsed.TotalSeconds:F1} s.");
    }

    [Fact]
    public void SpiralNetwork_Width50_GeneratesWithoutDiagnosticsAndCompilesClean()
    {
        GeneratorRun run = GeneratorHarness.Run(DiagnosticAssert.Usings + Network(hidden: 50, marked: false));

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.InputProblems);
        Assert.True(run.OutputProblems.Count == 0, GeneratorRun.Describe(run.OutputProblems));
    }

    [Fact]
    public void FlatSum_300TermsOfSpanElements_GeneratesWithoutDiagnostics()
    {
        // A flat sum is a chain of binary operators, not nesting: more than 256 terms must not count as "nested too deep".
        string sum = string.Join(" + ", Enumerable.Range(0, 300).Select(k => $"(w[{k}] * x)"));
        GeneratorRun run = GeneratorHarness.Run(DiagnosticAssert.Usings + Model($"public static double Rhs(double x, [Param(300)] ReadOnlySpan<double> w) => {sum};"));

        Assert.Empty(run.Diagnostics);
        Assert.True(run.OutputProblems.Count == 0, GeneratorRun.Describe(run.OutputProblems));
    }

    /// <summary>A model with state x, a 4-element block w, const N = 4 and local s, running <paramref name="statements"/> before returning s.</summary>
    private static string Body(string statements) =>
        "public partial struct Model\n{\n    private const int N = 4;\n\n    [Dynamics]\n    public static double Rhs(double x, [Param(N)] ReadOnlySpan<double> w)\n    {\n        double s = x;\n        "
        + statements + "\n        return s;\n    }\n}\n";

    private static string Model(string method) => "public partial struct Model\n{\n    [Dynamics]\n    " + method + "\n}\n";

    private static string Network(int hidden, bool marked)
    {
        string open = marked ? "[|" : "";
        string close = marked ? "|]" : "";
        var text = new StringBuilder();
        text.Append("public partial struct Net\n{\n    public const int Hidden = ").Append(hidden).Append(";\n\n");
        text.Append("    [Dynamics]\n    public static (double, double) Rhs(\n        double y0, double y1,\n");
        text.Append("        [Param(2 * Hidden)] ReadOnlySpan<double> w1, [Param(Hidden)] ReadOnlySpan<double> b1,\n");
        text.Append("        [Param(2 * Hidden)] ReadOnlySpan<double> w2, [Param(2)] ReadOnlySpan<double> b2)\n    {\n");
        text.Append("        double c0 = y0 * y0 * y0;\n        double c1 = y1 * y1 * y1;\n        double out0 = b2[0];\n        double out1 = b2[1];\n");
        text.Append("        for (int j = 0; j < Hidden; j++)\n        {\n");
        text.Append("            double h = Math.Tanh((w1[2 * j] * c0) + (w1[(2 * j) + 1] * c1) + b1[j]);\n");
        text.Append("            out0 += w2[j] * h;\n            out1 += w2[Hidden + j] * h;\n        }\n\n");
        text.Append("        return ").Append(open).Append("(out0, out1)").Append(close).Append(";\n    }\n}\n");
        return text.ToString();
    }
}
