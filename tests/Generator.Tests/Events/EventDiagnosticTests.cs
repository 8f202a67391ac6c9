using Microsoft.CodeAnalysis;
using NeuralOdeGen.Generator.Tests.Diagnostics;

namespace NeuralOdeGen.Generator.Tests.Events;

/// <summary>
/// One test (or theory) per event diagnostic, NODE040–NODE046: the id, its exact location (the <c>[|…|]</c> marker),
/// and that the model gets no code (an event in error leaves the whole type without code).
/// </summary>
public sealed class EventDiagnosticTests
{
    private const string Rhs = "    [Dynamics]\n    public static (double, double) Rhs(double h, double v, [Param] double e, [Param] double g) => (v, -g);\n\n";

    private static string Ball(string members) => "public partial struct Ball\n{\n" + Rhs + members + "}\n";

    [Fact]
    public void Node040_EventInTypeWithoutDynamics_ReportedAtEventIdentifier()
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt(
            "NODE040", "public partial struct Ball\n{\n    [Event]\n    public static double [|Ground|](double h, double v) => h;\n}\n");
        Assert.Contains("'Ball'", DiagnosticAssert.Message(diagnostic), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    [Event]\n    public static double Ground(double h, [|double w|], [Param] double e, [Param] double g) => h;\n", "'w' where the [Dynamics] method has 'v'")]
    [InlineData("    [Event]\n    public static double Ground(double h, double v, [|double e|], [Param] double g) => h;\n", "declares 'double e'")]
    [InlineData("    [Event]\n    public static double Ground[|(double h, double v, [Param] double e)|] => h;\n", "lacks the parameter 'g'")]
    [InlineData("    [Event]\n    public static double Ground(double h, double v, [Param] double e, [Param] double g, [|double extra|]) => h;\n", "extra parameter 'extra'")]
    [InlineData("    [Event]\n    public static double Ground(double h, double v, [Param] double e, [Param] double g, [Time] double t, [|[Time] double s|]) => h;\n", "second [Time]")]
    [InlineData("    [Event(Jump = nameof(Bounce))]\n    public static double Ground(double h, double v, [Param] double e, [Param] double g) => h;\n\n    public static (double, double) Bounce(double h, double v, [|[Param] double g|], [Param] double e) => (h, -e * v);\n", "'g' where the [Dynamics] method has 'e'")]
    public void Node041_ParameterListDiffersFromDynamics_ReportedAtFirstDifferingParameter(string members, string detail)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE041", Ball(members));
        Assert.Contains(detail, DiagnosticAssert.Message(diagnostic), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Node041_TimeNamedUnlikeTheDynamicsTime_ReportedAtTimeParameter() =>
        DiagnosticAssert.ReportsExactlyAt(
            "NODE041",
            "public partial struct Clock\n{\n    [Dynamics]\n    public static double Rhs([Time] double t, double x) => t * x;\n\n    [Event]\n    public static double Tick([|[Time] double s|], double x) => s - 1.0;\n}\n");

    [Theory]
    [InlineData("    [Event]\n    public static [|bool|] Ground(double h, double v, [Param] double e, [Param] double g) => h < 0;\n")]
    [InlineData("    [Event]\n    public static [|(double, double)|] Ground(double h, double v, [Param] double e, [Param] double g) => (h, v);\n")]
    public void Node042_EventNotReturningDouble_ReportedAtReturnType(string members) =>
        DiagnosticAssert.ReportsExactlyAt("NODE042", Ball(members));

    [Theory]
    [InlineData("    [Event]\n    public double [|Ground|](double h, double v, [Param] double e, [Param] double g) => h;\n")]
    [InlineData("    [Event]\n    public static double [|Ground|]<T>(double h, double v, [Param] double e, [Param] double g) => h;\n")]
    public void Node043_InstanceOrGenericEvent_ReportedAtEventIdentifier(string members) =>
        DiagnosticAssert.ReportsExactlyAt("NODE043", Ball(members));

    [Fact]
    public void Node043_EventOnLocalFunction_ReportedAtLocalFunctionIdentifier()
    {
        string source = "public partial struct Ball\n{\n    [Dynamics]\n    public static double Rhs(double h)\n    {\n        [Event] static double [|Local|](double h) => h;\n        return -h;\n    }\n}\n";
        Infrastructure.MarkedSource marked = Infrastructure.MarkedSource.Parse(DiagnosticAssert.Usings + source);
        Infrastructure.GeneratorRun run = Infrastructure.GeneratorHarness.Run(marked.Text);

        // The [Dynamics] body itself also reports its local function (NODE010); the event's own diagnostic is NODE043 at its name.
        Diagnostic diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "NODE043");
        Assert.Equal(marked.Span, diagnostic.Location.SourceSpan);
    }

    [Theory]
    [InlineData("    [Event(Jump = [|\"Missing\"|])]\n    public static double Ground(double h, double v, [Param] double e, [Param] double g) => h;\n", "no method of this name")]
    [InlineData("    [Event(Jump = [|nameof(Bounce)|])]\n    public static double Ground(double h, double v, [Param] double e, [Param] double g) => h;\n\n    public (double, double) Bounce(double h, double v, [Param] double e, [Param] double g) => (h, -e * v);\n", "not static")]
    [InlineData("    [Event(Jump = [|nameof(Bounce)|])]\n    public static double Ground(double h, double v, [Param] double e, [Param] double g) => h;\n\n    public static (double, double) Bounce(double h, double v, [Param] double e, [Param] double g) => (h, -e * v);\n\n    public static double Bounce(double h) => h;\n", "overloaded")]
    public void Node044_JumpNamingNoSingleStaticMethod_ReportedAtJumpArgument(string members, string detail)
    {
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE044", Ball(members));
        Assert.Contains(detail, DiagnosticAssert.Message(diagnostic), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    public static [|double|] Bounce(double h, double v, [Param] double e, [Param] double g) => -e * v;\n", "1 value for 2 states")]
    [InlineData("    public static [|(double, double, double)|] Bounce(double h, double v, [Param] double e, [Param] double g) => (h, -e * v, 0.0);\n", "3 values for 2 states")]
    [InlineData("    public static [|float|] Bounce(double h, double v, [Param] double e, [Param] double g) => 0f;\n", "returns 'float'")]
    [InlineData("    public static [|double|] Bounce(double h, double v, [Param] double e, [Param] double g, Span<double> next) { next[0] = h; next[1] = -e * v; return 0.0; }\n", "also has the Span<double> output")]
    public void Node045_JumpReturningTheWrongStateShape_ReportedAtJumpReturnType(string jump, string detail)
    {
        string members = "    [Event(Jump = nameof(Bounce))]\n    public static double Ground(double h, double v, [Param] double e, [Param] double g) => h;\n\n" + jump;
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE045", Ball(members));
        Assert.Contains(detail, DiagnosticAssert.Message(diagnostic), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Node046_EventLoopTooLargeToUnroll_ReportedAtEventIdentifier()
    {
        string members = "    [Event]\n    public static double [|Ground|](double h, double v, [Param] double e, [Param] double g)\n    {\n        double s = h;\n        for (int i = 0; i < 100000; i++) s += 1e-9 * v;\n        return s;\n    }\n";
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt("NODE046", Ball(members));
        Assert.Contains("unroll", DiagnosticAssert.Message(diagnostic), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Node010_EventBodyNestedTooDeeply_ReportedAtEventIdentifier()
    {
        string nested = new string('(', 300) + "h" + new string(')', 300);
        Diagnostic diagnostic = DiagnosticAssert.ReportsExactlyAt(
            "NODE010", Ball("    [Event]\n    public static double [|Ground|](double h, double v, [Param] double e, [Param] double g) => " + nested + ";\n"));
        Assert.Contains("nested", DiagnosticAssert.Message(diagnostic), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Node011_EventBodyCallingUnsupportedMethod_ReportedInTheEventBody() =>
        DiagnosticAssert.ReportsExactlyAt(
            "NODE011",
            Ball("    [Event]\n    public static double Ground(double h, double v, [Param] double e, [Param] double g) => [|Math.BitIncrement(h)|];\n"));

    [Fact]
    public void Node016_MemberNamedLikeAnEventMember_ReportedAtThatMember() =>
        DiagnosticAssert.ReportsExactlyAt(
            "NODE016",
            Ball("    [Event]\n    public static double Ground(double h, double v, [Param] double e, [Param] double g) => h;\n\n    public static int [|EventCount|] => 3;\n"));
}
