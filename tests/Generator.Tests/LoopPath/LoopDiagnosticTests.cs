using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using NeuralOdeGen.Generator.Tests.Diagnostics;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.LoopPath;

/// <summary>
/// The located diagnostics of loop-form bodies (NODE035–NODE039): each wrong program as a newcomer writes it, with the
/// diagnostic's id and exact span.
/// </summary>
public sealed class LoopDiagnosticTests
{
    // A small vector-form model: the marked statements come first, then a valid body that assigns the output.
    private static string Body(string statements, int hidden = 3) => $$"""
public partial struct Net
{
    public const int N = 2, H = {{hidden}};

    [Dynamics]
    public static void Rhs([State(N)] ReadOnlySpan<double> x, [Param(H * N)] ReadOnlySpan<double> w1, [Param(H)] ReadOnlySpan<double> b1,
        [Param(N * H)] ReadOnlySpan<double> w2, Span<double> dxdt)
    {
        Span<double> h = stackalloc double[H];
        {{statements}}
        for (int i = 0; i < N; i++)
        {
            double s = 0.0;
            for (int j = 0; j < H; j++)
            {
                s += w2[(i * H) + j] * h[j];
            }

            dxdt[i] = s;
        }
    }
}
""";

    private const string Layer = "for (int j = 0; j < H; j++) { double s = b1[j]; for (int i = 0; i < N; i++) { s += w1[(j * N) + i] * x[i]; } h[j] = Math.Tanh(s); }";

    [Theory]
    [InlineData("double c = 0.0; [|while (c < 3.0)|] { c += 1.0; }", "A while loop 'while (c < 3.0)'")]
    [InlineData("double c = 0.0; do { c += 1.0; } [|while (c < 3.0);|]", "A do loop")]
    [InlineData("double c = 0.0; [|foreach (double v in x)|] { c += v; }", "A foreach loop")]
    [InlineData("for (int k = 0; k < 2; k++) { double c = 0.0; [|while (c < 1.0)|] { c += 1.0; } }", "A while loop")]
    public void Node035_WhileDoOrForeachLoop_ReportedAtItsHeader(string statements, string detail)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE035", Body(statements + " " + Layer));
        string message = DiagnosticAssert.Message(diagnostic);
        Assert.Contains(detail, message, StringComparison.Ordinal);
        Assert.Contains("for (int j = A; j < B; j++)", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("for (int k = 0; k < [|(int)x[0]|]; k++) { }", "it depends on 'x', known only at run time")]
    [InlineData("for (int k = 0; k < [|x.Length|]; k++) { }", "it depends on 'x'")]
    [InlineData("for (int k = 0; k < 2; k++) { for (int m = 0; m < [|k|]; m++) { } }", "it depends on the loop variable 'k'")]
    public void Node017_BoundThatDependsOnDataOrOuterLoop_ReportedAtBoundSayingWhat(string statements, string detail)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE017", Body(statements + " " + Layer));
        Assert.Contains(detail, DiagnosticAssert.Message(diagnostic), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[|x[0] = 1.0|];", "'x[0] = 1.0' writes into the input 'x'")]
    [InlineData("for (int j = 0; j < H; j++) { [|w1[j] += 0.1|]; }", "'w1[j] += 0.1' writes into the input 'w1'")]
    [InlineData("[|b1[0]++|];", "the input 'b1'")]
    public void Node036_ElementOfInputSpanWritten_ReportedAtAssignment(string statements, string detail)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE036", Body(Layer + " " + statements));
        Assert.Contains(detail, DiagnosticAssert.Message(diagnostic), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Span<double> g = [|h|];", "copies the scratch span to another variable")]
    [InlineData("Span<double> g = [|h.Slice|](0, 2);", "slices the scratch span")]
    [InlineData("double t = [|h[1..]|][0];", "slices the scratch span")]
    [InlineData("[|h.CopyTo|](dxdt);", "uses the scratch span as a whole through 'CopyTo'")]
    [InlineData("[|h.Clear|]();", "through 'Clear'")]
    [InlineData("Use([|h|]);", "passes the scratch span to a method")]
    [InlineData("ref double r = ref [|h|][0];", "x")]
    public void Node037_ScratchSpanEscapingOrAliased_ReportedAtTheUse(string statements, string detail)
    {
        string source = Body(Layer + " " + statements).Replace("    [Dynamics]", "    private static void Use(Span<double> s) { }\n\n    [Dynamics]", StringComparison.Ordinal);
        if (detail == "x")
        {
            // ref h[0]: the reference is the alias; the marker goes round the whole ref expression.
            source = source.Replace("ref [|h|][0]", "[|ref h[0]|]", StringComparison.Ordinal);
            detail = "takes an element of the scratch span by reference";
        }

        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE037", source);
        string message = DiagnosticAssert.Message(diagnostic);
        Assert.Contains(detail, message, StringComparison.Ordinal);
        Assert.Contains("used only through its elements h[i]", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("h[j] = [|Math.Max(0.0, s)|];", "Math.Max (it supports Math.Tanh")]
    [InlineData("h[j] = [|s > 0.0 ? s : 0.01 * s|];", "conditionals and comparisons")]
    [InlineData("[|s *= 0.5|]; h[j] = s;", "*= and /=")]
    public void Node038_ConstructKeptLoopsRefuseInBodyTooLargeToUnroll_ReportedAtConstruct(string activation, string reason)
    {
        // H = 5 000: the loop nests unroll past the 10 000-statement cap, so the loops must be kept.
        string layer = "for (int j = 0; j < H; j++) { double s = b1[j]; for (int i = 0; i < N; i++) { s += w1[(j * N) + i] * x[i]; } " + activation + " }";
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE038", Body(layer, hidden: 5000));
        string message = DiagnosticAssert.Message(diagnostic);
        Assert.Contains("more than 10000 statements and iterations", message, StringComparison.Ordinal);
        Assert.Contains("kept loops do not support " + reason, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Node038_SymbolicFormsTooLargeAndConstructKeptLoopsRefuse_ReportedAtConstructNotMethod()
    {
        // One input, 2 000 ReLU units: 4 000 statements (8 000 with the iterations) unroll, under the 10 000 cap, but the
        // right-hand side alone (about ten operations per unit) passes 10 000 operations.
        const string source = """
public partial struct Relu
{
    public const int H = 2000;

    [Dynamics]
    public static void Rhs([State(1)] ReadOnlySpan<double> x, [Param(H)] ReadOnlySpan<double> w1, [Param(H)] ReadOnlySpan<double> w2, Span<double> dxdt)
    {
        Span<double> h = stackalloc double[H];
        for (int j = 0; j < H; j++)
        {
            h[j] = [|Math.Max(0.0, (w1[j] * x[0]) + (w1[j] * w1[j] * x[0] * x[0]))|];
        }

        double s = 0.0;
        for (int j = 0; j < H; j++)
        {
            s += w2[j] * h[j];
        }

        dxdt[0] = s;
    }
}
""";
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE038", source);
        Assert.Contains("its symbolic forms exceed 10000 operations", DiagnosticAssert.Message(diagnostic), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Q=3", "'Q' is not a const int field")]
    [InlineData("H:3", "is not NAME=VALUE")]
    [InlineData("H=0", "below 1")]
    [InlineData("N=1", "at these sizes the method does not parse")]
    public void Node039_SymbolicCheckSizesThatMakeNoSmallProgram_ReportedAtArgumentAndModelStillGenerated(string sizes, string detail)
    {
        // N=1 makes the body's x[1] (written below) leave its span: the small program has an error of its own.
        string body = Body(Layer + " double extra = x[1];").Replace("[Dynamics]", $"[Dynamics([|SymbolicCheckSizes = \"{sizes}\"|])]", StringComparison.Ordinal);
        MarkedSource source = MarkedSource.Parse(DiagnosticAssert.Usings + body);
        GeneratorRun run = GeneratorHarness.Run(source.Text);

        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("NODE039", diagnostic.Id);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        Assert.Contains(detail, DiagnosticAssert.Message(diagnostic), StringComparison.Ordinal);

        // The model itself is unaffected: generated, without its check type.
        Assert.Equal(["Demo.Net.g.cs"], run.Sources.Select(s => s.HintName));
    }

    [Fact]
    public void Node039_TypeAlreadyHasMemberNamedSymbolicCheck_Reported()
    {
        string body = Body(Layer).Replace("[Dynamics]", "[Dynamics([|SymbolicCheckSizes = \"H=2\"|])]", StringComparison.Ordinal)
            .Replace("    public const int N", "    public static int SymbolicCheck => 1;\n    public const int N", StringComparison.Ordinal);
        MarkedSource source = MarkedSource.Parse(DiagnosticAssert.Usings + body);
        GeneratorRun run = GeneratorHarness.Run(source.Text);

        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("NODE039", diagnostic.Id);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        Assert.Contains("already declares a member named 'SymbolicCheck'", DiagnosticAssert.Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void LoopPath_WrongProgramsNeverThrowIntoTheCompiler()
    {
        // Half-typed programs on the loop path: diagnostics (or compiler errors), never a generator exception.
        string[] bodies =
        [
            "for (int j = 0; j < H; j++) { h[j] = ",
            "while (true) { }",
            "Span<double> g = h; g[0] = 1.0; " + Layer,
            "for (int j = 0; j < H; j++) { h[j] = h; }",
            "do { } while (x[0] > 0);",
            "foreach (var (a, b) in new[] { (1.0, 2.0) }) { }",
        ];
        foreach (string statements in bodies)
        {
            GeneratorRun run = GeneratorHarness.Run(DiagnosticAssert.Usings + Body(statements, hidden: 5000));
            Assert.Null(run.Exception);
            Assert.DoesNotContain(run.Diagnostics, d => d.Id == "NODE999");
        }
    }
}
