using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using NeuralOdeGen.Verification;

namespace NeuralOdeGen.Verification.Tests.Oracle;

[Collection(SymPyCollection.Name)]
public sealed class SymPyOracleTests(SymPyFixture fixture)
{
    private static readonly OdeModelInfo LotkaVolterra = new(
        "LotkaVolterra",
        ["prey", "predator"],
        ["alpha", "beta", "delta", "gamma"],
        null,
        ["alpha*prey - beta*prey*predator", "delta*prey*predator - gamma*predator"],
        ["alpha - beta*predator", "-beta*prey", "delta*predator", "delta*prey - gamma"],
        ["prey", "-prey*predator", "0", "0", "0", "0", "prey*predator", "-predator"]);

    private static readonly IReadOnlyList<IReadOnlyList<double>> OnePoint = [[2.0, 0.5, 1.0, 0.5, 0.25, 0.75]];

    [Fact]
    public void Constructor_MissingInterpreter_ThrowsWithInstallHint()
    {
        var options = new SymPyOracleOptions { PythonPath = "/nonexistent/python3" };
        var e = Assert.Throws<SymbolicOracleException>(() => new SymPyOracle(options));
        Assert.Contains("/nonexistent/python3", e.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y python3-sympy", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InterpreterWithoutSymPy_ThrowsWithInstallHint()
    {
        // -S skips the site module, so Debian's dist-packages (where python3-sympy lives) is not on sys.path.
        var options = new SymPyOracleOptions { InterpreterArguments = ["-S"] };
        var e = Assert.Throws<SymbolicOracleException>(() => new SymPyOracle(options));
        Assert.Contains("sympy", e.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y python3-sympy", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NonPositiveTimeout_ThrowsNamingTheOption()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SymPyOracle(new SymPyOracleOptions { RequestTimeout = TimeSpan.Zero }));
        Assert.Contains(nameof(SymPyOracleOptions.RequestTimeout), e.ParamName, StringComparison.Ordinal);
    }

    [Fact]
    public void Description_NamesSymPyAndPython()
    {
        Assert.Matches(@"^SymPy \d+\.\d+.* on Python 3\.\d+", fixture.Oracle.Description);
    }

    [Fact]
    public void Differentiate_NamesThatCollideWithSymPy_AreMappedBack()
    {
        // d/dlambda (gamma·lambda² + E·lambda) = 2·gamma·lambda + E, with gamma and E plain symbols, not Γ and e.
        string derivative = fixture.Oracle.Differentiate("gamma*lambda**2 + E*lambda", ["gamma", "lambda", "E"], "lambda");
        Assert.Equal("E + 2*gamma*lambda", derivative);
    }

    [Fact]
    public void Evaluate_Points_ReturnsValuesPerPointAndExpression()
    {
        IReadOnlyList<IReadOnlyList<double>> values = fixture.Oracle.Evaluate(["beta*x", "log(x)"], ["x", "beta"], [[2.0, 3.0], [-1.0, 0.5]]);
        Assert.Equal(6.0, values[0][0]);
        Assert.Equal(Math.Log(2.0), values[0][1], 15); // SymPy evaluates at 30 digits: correctly rounded ln 2.
        Assert.Equal(-0.5, values[1][0]);
        Assert.True(double.IsNaN(values[1][1])); // log of a negative number is not real.
    }

    [Fact]
    public void CheckModel_CorrectLotkaVolterra_ProvesEveryEntry()
    {
        SymbolicModelCheck check = fixture.Oracle.CheckModel(LotkaVolterra, OnePoint);
        Assert.Equal(4 + 8, check.Entries.Count);
        Assert.All(check.Entries, e => Assert.Equal(SymbolicVerdict.Equal, e.Verdict));
        // f = (α·prey − β·prey·predator, δ·prey·predator − γ·predator) at (2, 0.5; 1, 0.5, 0.25, 0.75), exact in binary.
        Assert.Equal([1.5, -0.125], check.RightHandSideValues[0]);
        // ∂f_prey/∂beta = −prey·predator = −1.
        Assert.Equal(-1.0, check.Entries[4 + 1].ReferenceValues[0]);
        Assert.Equal("∂f[prey]/∂beta", check.Entries[4 + 1].Entry.Label);
    }

    [Fact]
    public void CheckModel_WrongEntry_IsDifferentAndOthersStayEqual()
    {
        var wrong = new OdeModelInfo(
            "Wrong", LotkaVolterra.StateNames, LotkaVolterra.ParameterNames, null, LotkaVolterra.RightHandSide,
            ["alpha - beta*predator", "beta*prey", "delta*predator", "delta*prey - gamma"], LotkaVolterra.ParameterJacobian);
        SymbolicModelCheck check = fixture.Oracle.CheckModel(wrong, OnePoint);
        Assert.Equal(SymbolicVerdict.Different, check.Entries[1].Verdict);
        Assert.Equal("-beta*prey", check.Entries[1].Reference);
        Assert.Equal(11, check.Entries.Count(e => e.Verdict == SymbolicVerdict.Equal));
    }

    [Fact]
    public void CheckModel_PointOfWrongWidth_ThrowsNamingPoints()
    {
        var e = Assert.Throws<ArgumentException>(() => fixture.Oracle.CheckModel(LotkaVolterra, [[1.0, 2.0]]));
        Assert.Equal("points", e.ParamName);
    }

    [Fact]
    public void Request_LongerThanTimeout_ThrowsRestartsAndKeepsServing()
    {
        using var oracle = new SymPyOracle(new SymPyOracleOptions { RequestTimeout = TimeSpan.FromSeconds(1) });
        var e = Assert.Throws<SymbolicOracleException>(() => oracle.Request(new JsonObject { ["op"] = "sleep", ["seconds"] = 30 }, "sleeping"));
        Assert.Contains("within 1 s", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, oracle.RestartCount);
        Assert.Equal("2*x", oracle.Differentiate("x**2", ["x"], "x"));
    }

    [Fact]
    public void CheckModel_OneSlowEntry_ReportsThatEntryAsTimedOutAndChecksTheRest()
    {
        // Expanding (x²−1)³⁰⁰ − ((x−1)(x+1))³⁰⁰ to prove it zero takes seconds; every other entry takes milliseconds.
        var info = new OdeModelInfo(
            "Slow", ["x", "y"], ["a"], null,
            ["a*x*y", "x - y"],
            ["a*y", "a*x + (x**2 - 1)**300 - ((x - 1)*(x + 1))**300", "1", "-1"],
            ["x*y", "0"]);
        using var oracle = new SymPyOracle(new SymPyOracleOptions { RequestTimeout = TimeSpan.FromSeconds(1) });
        SymbolicModelCheck check = oracle.CheckModel(info, [[0.5, 0.25, 2.0]]);
        SymbolicEntryCheck slow = check.Entries[1];
        Assert.Equal(SymbolicVerdict.TimedOut, slow.Verdict);
        Assert.Contains("∂f[x]/∂y", slow.Detail, StringComparison.Ordinal);
        Assert.Equal(1, oracle.RestartCount);
        Assert.All(check.Entries.Where(e => e != slow), e => Assert.Equal(SymbolicVerdict.Equal, e.Verdict));
    }

    [Fact]
    public void CheckModel_AfterDispose_ThrowsObjectDisposed()
    {
        var oracle = new SymPyOracle();
        oracle.Dispose();
        Assert.Throws<ObjectDisposedException>(() => oracle.CheckModel(LotkaVolterra, OnePoint));
    }
}
