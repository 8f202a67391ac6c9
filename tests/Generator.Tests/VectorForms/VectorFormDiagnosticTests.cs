using Microsoft.CodeAnalysis;
using NeuralOdeGen.Generator.Tests.Diagnostics;

namespace NeuralOdeGen.Generator.Tests.VectorForms;

/// <summary>
/// The diagnostics of the vector forms (NODE028–NODE034, and NODE020 for their indices), each at its exact span: state
/// blocks, the <c>Span&lt;double&gt;</c> output and scratch spans.
/// </summary>
public sealed class VectorFormDiagnosticTests
{
    [Theory]
    [InlineData("public static void Rhs([|[State(0)] ReadOnlySpan<double> x|], Span<double> dxdt) { }", "has length 0")]
    [InlineData("public static void Rhs([|[State(-1)] ReadOnlySpan<double> x|], Span<double> dxdt) { }", "has length -1")]
    [InlineData("public static void Rhs([|[State(int.MaxValue)] ReadOnlySpan<double> x|], Span<double> dxdt) { }", "more than the 10000 states")]
    [InlineData("public static double Rhs([|[State(2)] double x|]) => x;", "is a double with a block length")]
    [InlineData("public static void Rhs([|[State(2), Param(2)] ReadOnlySpan<double> x|], double y, Span<double> dxdt) { dxdt[0] = y; }", "marked both [State(N)] and [Param]")]
    [InlineData("public static void Rhs([|[State(2)] Span<double> x|], double y, Span<double> dxdt) { dxdt[0] = y; }", "has type 'Span<double>'")]
    public void Node028_StateBlockWithoutReadOnlySpanOrPositiveLength_ReportedAtParameter(string method, string detail)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE028", Model(method));
        string message = DiagnosticAssert.Message(diagnostic);
        Assert.Contains(detail, message, System.StringComparison.Ordinal);
        Assert.Contains("[State(N)] ReadOnlySpan<double> name", message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public static [|double|] Rhs(double x, Span<double> dxdt) => x;", "returns 'double' and also has the Span<double> output 'dxdt'")]
    [InlineData("public static [|(double, double)|] Rhs(double x, double y, Span<double> dxdt) => (x, y);", "returns '(double, double)'")]
    [InlineData("public static void Rhs(double x, Span<double> a, [|Span<double> b|]) { a[0] = x; }", "'b' is a second Span<double> output ('a' is the first)")]
    public void Node029_OutputSpanWithReturnValueOrTwoOutputs_ReportedThere(string method, string detail)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE029", Model(method));
        string message = DiagnosticAssert.Message(diagnostic);
        Assert.Contains(detail, message, System.StringComparison.Ordinal);
        Assert.Contains("returns void and assigns one unattributed Span<double>", message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dxdt[0] = x[0];", "Element(s) 1, 2 of the output 'dxdt'")]
    [InlineData("for (int i = 0; i < 3; i += 2) { dxdt[i] = x[i]; }", "Element(s) 1 of the output 'dxdt'")]
    [InlineData("", "Element(s) 0, 1, 2 of the output 'dxdt'")]
    public void Node030_OutputElementNeverAssigned_ReportedAtOutputParameter(string statements, string detail)
    {
        string source = "public partial struct Model\n{\n    [Dynamics]\n    public static void Rhs([State(3)] ReadOnlySpan<double> x, [|Span<double> dxdt|])\n    {\n        "
            + statements + "\n    }\n}\n";
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE030", source);
        Assert.Contains(detail + " are never assigned", DiagnosticAssert.Message(diagnostic), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dxdt[0] = x[0]; dxdt[1] = [|dxdt[0]|];", "'dxdt[0]' reads the output 'dxdt'")]
    [InlineData("dxdt[0] = x[0]; [|dxdt[0] += x[1]|]; dxdt[1] = x[1];", "'dxdt[0] += x[1]' reads the output")]
    [InlineData("dxdt[0] = x[0]; dxdt[1] = x[1]; [|dxdt[1]++|];", "'dxdt[1]++' reads the output")]
    public void Node031_OutputReadOrCompoundAssigned_ReportedAtTheRead(string statements, string detail)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE031", Body(statements));
        string message = DiagnosticAssert.Message(diagnostic);
        Assert.Contains(detail, message, System.StringComparison.Ordinal);
        Assert.Contains("write-only", message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("for (int i = 0; i < 2; i++) { [|dxdt[0] = x[i]|]; } dxdt[1] = x[0];", "Element dxdt[0] of the output is assigned a second time (when i = 1)")]
    [InlineData("dxdt[0] = x[0]; dxdt[1] = x[1]; [|dxdt[2 - 1] = x[0]|];", "Element dxdt[1] of the output is assigned a second time;")]
    public void Node032_OutputElementAssignedTwice_ReportedAtSecondAssignment(string statements, string detail)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE032", Body(statements));
        Assert.Contains(detail, DiagnosticAssert.Message(diagnostic), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Span<double> h = stackalloc double[2]; h[0] = x[0]; dxdt[0] = [|h[1]|]; dxdt[1] = h[0];", "Element h[1] is read before it is assigned;")]
    [InlineData("Span<double> h = stackalloc double[2]; for (int j = 0; j < 2; j++) { [|h[j] += x[j]|]; } dxdt[0] = h[0]; dxdt[1] = h[1];", "Element h[0] is read before it is assigned (when j = 0)")]
    [InlineData("Span<double> h = stackalloc double[2]; for (int j = 0; j < 2; j++) { h[j] = x[j] + [|h[1 - j]|]; } dxdt[0] = h[0]; dxdt[1] = h[1];", "Element h[1] is read before it is assigned (when j = 0)")]
    public void Node033_ScratchElementReadBeforeAssigned_ReportedAtTheRead(string statements, string detail)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE033", Body(statements));
        Assert.Contains(detail, DiagnosticAssert.Message(diagnostic), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Span<double> h = stackalloc double[[|(int)x[0]|]]; h[0] = x[0]; dxdt[1] = h[0];", "The length '(int)x[0]' of 'h' is not a compile-time int constant")]
    [InlineData("Span<double> h = stackalloc double[[|0|]];", "The length 0 of 'h' is not positive")]
    [InlineData("Span<double> h = stackalloc double[[|20000|]];", "exceeds the 10000 elements")]
    [InlineData("Span<double> g = [|dxdt|];", "'g' is not initialised with stackalloc double[N]")]
    [InlineData("Span<double> h = [|stackalloc double[] { 1.0, 2.0 }|];", "'h' is not initialised with stackalloc double[N]")]
    [InlineData("for (int j = 0; j < 2; j++) { Span<double> [|h = stackalloc double[2]|]; h[0] = x[j]; dxdt[j] = h[0]; }", "declared inside a loop")]
    [InlineData("Span<double> h = stackalloc double[2]; [|h = stackalloc double[3]|];", "Assigning to the scratch span 'h' itself")]
    public void Node034_ScratchSpanNotAConstantStackallocAtTopLevel_ReportedThere(string statements, string detail)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE034", Body(statements + " dxdt[0] = x[0]; dxdt[1] = x[1];"));
        string message = DiagnosticAssert.Message(diagnostic);
        Assert.Contains(detail, message, System.StringComparison.Ordinal);
        Assert.Contains("Span<double> name = stackalloc double[N];", message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("for (int i = 0; i < 2; i++) { dxdt[[|i + 1|]] = x[i]; }", "Index 'i + 1' is 2 when i = 1, outside 'dxdt' of length 2")]
    [InlineData("dxdt[0] = x[[|2|]]; dxdt[1] = x[0];", "Index '2' is 2, outside 'x' of length 2")]
    [InlineData("Span<double> h = stackalloc double[2]; h[0] = x[0]; h[1] = x[1]; for (int j = 0; j < 2; j++) { dxdt[j] = h[[|j - 1|]]; }", "Index 'j - 1' is -1 when j = 0, outside 'h' of length 2")]
    [InlineData("Span<double> h = stackalloc double[2]; for (int j = 0; j < 3; j++) { h[[|j|]] = x[0]; } dxdt[0] = x[0]; dxdt[1] = x[1];", "Index 'j' is 2 when j = 2, outside 'h' of length 2")]
    public void Node020_VectorFormIndexOutOfRange_ReportedAtIndex(string statements, string detail)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE020", Body(statements));
        Assert.Contains(detail, DiagnosticAssert.Message(diagnostic), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dxdt[0] = [|h.Length|];", "NODE013")]
    public void ScratchSpanUsedOtherThanByElement_ReportedAtUse(string statement, string id) =>
        DiagnosticAssert.ReportsExactlyAt(id, Body("Span<double> h = stackalloc double[2]; h[0] = x[0]; " + statement + " dxdt[1] = x[1];"));

    [Fact]
    public void Node007_VoidWithoutOutputSpan_StillReportedAtReturnType() =>
        DiagnosticAssert.ReportsExactlyAt("NODE007", Model("public static [|void|] Rhs([State(2)] ReadOnlySpan<double> x) { }"));

    /// <summary>A model with a two-state block x and the output dxdt, running <paramref name="statements"/>.</summary>
    private static string Body(string statements) =>
        "public partial struct Model\n{\n    [Dynamics]\n    public static void Rhs([State(2)] ReadOnlySpan<double> x, Span<double> dxdt)\n    {\n        "
        + statements + "\n    }\n}\n";

    private static string Model(string method) => "public partial struct Model\n{\n    [Dynamics]\n    " + method + "\n}\n";
}
