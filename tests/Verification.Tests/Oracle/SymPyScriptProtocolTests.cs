using System;
using System.Diagnostics;
using System.Text.Json;
using NeuralOdeGen.Verification;

namespace NeuralOdeGen.Verification.Tests.Oracle;

/// <summary>Feeds <c>sympy_oracle.py</c> raw JSON lines, as the C# client does, and checks the raw answers.</summary>
public sealed class SymPyScriptProtocolTests : IDisposable
{
    private const string LotkaVolterraModel =
        """{"states":["prey","predator"],"parameters":["alpha","beta","delta","gamma"],"time":null,"rhs":["alpha*prey - beta*prey*predator","delta*prey*predator - gamma*predator"]}""";

    private readonly SymPyScriptProcess _script = SymPyScriptProcess.Start(new SymPyOracleOptions().PythonPath);

    public void Dispose() => _script.Dispose();

    [Fact]
    public void Handshake_FirstLine_ReportsReadyWithSymPyVersion()
    {
        Assert.True(_script.Handshake.RootElement.GetProperty("ready").GetBoolean());
        Assert.Matches(@"^\d+\.\d+", _script.Handshake.RootElement.GetProperty("sympy").GetString());
    }

    [Fact]
    public void Parse_NamesThatAreSymPyOrPythonNames_BecomePlainRealSymbols()
    {
        // gamma, lambda, E, I, S, N and pi would otherwise be SymPy functions, constants or a Python keyword.
        JsonElement result = Ask("""{"id": 7, "op": "parse", "names": ["gamma", "lambda", "E", "I", "S", "N", "pi"], "expr": "gamma*lambda + E + I*S - N/pi"}""", 7);
        string srepr = result.GetProperty("srepr").GetString()!;
        foreach (string name in new[] { "gamma", "lambda", "E", "I", "S", "N", "pi" })
        {
            Assert.Contains($"Symbol('{name}', real=True)", srepr, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("EulerGamma", srepr, StringComparison.Ordinal);
        Assert.DoesNotContain("ImaginaryUnit", srepr, StringComparison.Ordinal);
        Assert.DoesNotContain("Pi", srepr, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownName_IsAnErrorNotANewSymbol()
    {
        using JsonDocument reply = Send("""{"id": 3, "op": "parse", "names": ["x"], "expr": "x + y"}""");
        Assert.False(reply.RootElement.GetProperty("ok").GetBoolean());
        Assert.Contains("'y'", reply.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_VariableNamedLikeAFunction_StaysCallableAsTheFunction()
    {
        // A state called "sign" next to SymPy's sign(...): a name followed by "(" is always the function.
        JsonElement result = Ask("""{"id": 4, "op": "parse", "names": ["sign"], "expr": "sign(sign - 1)"}""", 4);
        Assert.Equal("sign(Add(Symbol('sign', real=True), Integer(-1)))", result.GetProperty("srepr").GetString());
    }

    [Fact]
    public void MalformedLines_GetErrorAnswers_AndTheProcessKeepsServing()
    {
        using (JsonDocument garbage = Send("this is not json"))
        {
            Assert.False(garbage.RootElement.GetProperty("ok").GetBoolean());
        }

        using (JsonDocument unknown = Send("""{"id": 5, "op": "integrate"}"""))
        {
            Assert.Equal(5, unknown.RootElement.GetProperty("id").GetInt32());
            Assert.Contains("unknown op 'integrate'", unknown.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        JsonElement ping = Ask("""{"id": 6, "op": "ping"}""", 6);
        Assert.Equal(_script.Handshake.RootElement.GetProperty("sympy").GetString(), ping.GetProperty("sympy").GetString());
    }

    [Fact]
    public void CheckEntry_CorrectLotkaVolterraDerivative_IsEqualWithExactReferenceValue()
    {
        JsonElement result = Ask(
            $$"""{"id": 8, "op": "check_entry", "model": {{LotkaVolterraModel}}, "row": 1, "wrt": "predator", "claimed": "delta*prey - gamma", "points": [[2.0, 0.5, 1.0, 0.5, 0.25, 0.75]]}""", 8);
        Assert.Equal("equal", result.GetProperty("verdict").GetString());
        Assert.Equal("delta*prey - gamma", result.GetProperty("reference").GetString());
        // ∂(δ·prey·predator − γ·predator)/∂predator = δ·prey − γ = 0.25·2 − 0.75, exact in binary.
        Assert.Equal(-0.25, result.GetProperty("reference_values")[0].GetDouble());
    }

    [Fact]
    public void CheckEntry_WrongSign_IsDifferentWithACounterexample()
    {
        JsonElement result = Ask(
            $$"""{"id": 9, "op": "check_entry", "model": {{LotkaVolterraModel}}, "row": 0, "wrt": "beta", "claimed": "prey*predator", "points": [[2.0, 0.5, 1.0, 0.5, 0.25, 0.75]]}""", 9);
        Assert.Equal("different", result.GetProperty("verdict").GetString());
        Assert.Contains("prey=2.0", result.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckEntry_ConstantFoldedInDoublePrecision_CountsAsEqual()
    {
        // The generator folds 3 * 0.1 to the double 0.30000000000000004; it must compare equal to SymPy's exact 3/10.
        JsonElement result = Ask(
            """{"id": 10, "op": "check_entry", "model": {"states": ["x"], "parameters": [], "time": null, "rhs": ["0.1*x**3"]}, "row": 0, "wrt": "x", "claimed": "0.30000000000000004*x**2", "points": []}""", 10);
        Assert.Equal("equal", result.GetProperty("verdict").GetString());
    }

    [Fact]
    public void CheckEntry_MaxAtATie_DifferentiatesTheFirstArgument()
    {
        // Max(a, b) = a >= b ? a : b: at x == y the first argument wins, so ∂Max(x, 2y)/∂x = 1 at x = 2y.
        JsonElement result = Ask(
            """{"id": 11, "op": "check_entry", "model": {"states": ["x", "y"], "parameters": [], "time": null, "rhs": ["Max(x, 2*y)", "x"]}, "row": 0, "wrt": "x", "claimed": "Piecewise((1, x >= 2*y), (0, True))", "points": [[1.0, 0.5]]}""", 11);
        Assert.Equal("equal", result.GetProperty("verdict").GetString());
        Assert.Equal(1.0, result.GetProperty("reference_values")[0].GetDouble());
    }

    [Fact]
    public void CheckEntry_UnparsableClaim_IsReportedAsAVerdict()
    {
        JsonElement result = Ask(
            $$"""{"id": 12, "op": "check_entry", "model": {{LotkaVolterraModel}}, "row": 0, "wrt": "alpha", "claimed": "prey +", "points": []}""", 12);
        Assert.Equal("unparsable", result.GetProperty("verdict").GetString());
    }

    [Fact]
    public void CheckEntry_AbsOfCubedDifferenceFromSeed32o7P5EBn8F1_IsProvedEqualWithExactValues()
    {
        // The exact request that failed with "AttributeError: 'BooleanTrue' object has no attribute 'lhs'" (SymPy's
        // simplify turned sign(u) into Piecewise((0, Eq(u, 0)), ...) and took a decided Eq apart); "is" is a Python keyword.
        double[][] points =
        [
            [1.549878032668437, 1.9436024520283577, 1.654207072991043, -1.6182079425166398],
            [0.27838244954048763, 1.5159989164751018, -1.9715050104872813, -0.627141944424781],
            [1.5215070059157476, -0.14730288002048764, 1.2801445663348514, 1.0901951804245797],
        ];
        JsonElement result = Ask(
            """{"op":"check_entry","model":{"states":["delta"],"parameters":["s0","alpha","is"],"time":null,"rhs":["Abs((is - alpha)**3)"]},"row":0,"wrt":"alpha","claimed":"(-3)*(sign((is - alpha)**3)*(is - alpha)**2)","points":[[1.549878032668437,1.9436024520283577,1.654207072991043,-1.6182079425166398],[0.27838244954048763,1.5159989164751018,-1.9715050104872813,-0.627141944424781],[1.5215070059157476,-0.14730288002048764,1.2801445663348514,1.0901951804245797]],"id":14}""", 14);
        Assert.Equal("equal", result.GetProperty("verdict").GetString());
        for (int p = 0; p < points.Length; p++)
        {
            // d|u³|/d(alpha) = −3u²·sign(u), u = is − alpha (points are delta, s0, alpha, is); a few roundings in doubles.
            double u = points[p][3] - points[p][2];
            double expected = -3 * u * u * Math.Sign(u);
            Assert.Equal(expected, result.GetProperty("reference_values")[p].GetDouble(), 1e-14 * Math.Abs(expected));
            Assert.Equal(expected, result.GetProperty("claimed_values")[p].GetDouble(), 1e-14 * Math.Abs(expected));
        }
    }

    [Fact]
    public void Equal_SignOfAnExpandedCubeBesideSignOfItsRoot_AnswersWithoutASymPyError()
    {
        // sign(u³) = sign(u) for every real u, so the verdict must not be "different"; the residual reaches simplify(), where
        // SymPy's Piecewise form of sign(u) and sign(u³ expanded) raised AttributeError before the oracle kept sign out of it.
        JsonElement result = Ask(
            """{"id": 15, "op": "equal", "names": ["x", "y"], "a": "sign(x - y) + sign(x**3 - 3*x**2*y + 3*x*y**2 - y**3)", "b": "2*sign(x - y)", "points": [[0.5, -1.25], [-0.75, 1.5]]}""", 15);
        Assert.Contains(result.GetProperty("verdict").GetString(), new[] { "equal", "numeric" });
    }

    [Fact]
    public void Evaluate_OutsideTheDomain_ReturnsNaNAsAString()
    {
        JsonElement result = Ask("""{"id": 13, "op": "evaluate", "names": ["x"], "exprs": ["log(x)", "exp(x)"], "points": [[-1.0], [1.0]]}""", 13);
        JsonElement values = result.GetProperty("values");
        Assert.Equal("NaN", values[0][0].GetString());
        Assert.Equal(Math.E, values[1][1].GetDouble(), 15); // 30-digit evaluation rounded to a double: correctly rounded e.
    }

    private JsonElement Ask(string request, int id)
    {
        using JsonDocument reply = Send(request);
        JsonElement root = reply.RootElement;
        Assert.Equal(id, root.GetProperty("id").GetInt32());
        Assert.True(root.GetProperty("ok").GetBoolean(), root.ToString());
        return root.GetProperty("result").Clone();
    }

    private JsonDocument Send(string request)
    {
        _script.Process.StandardInput.WriteLine(request);
        _script.Process.StandardInput.Flush();
        return JsonDocument.Parse(_script.Process.StandardOutput.ReadLine()!);
    }
}
