using System;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Runtime.Intrinsics;
using NeuralOdeGen.Generator.Emit;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Verification.Tests.Functions;

/// <summary>
/// The runtime and the SymPy oracle need code of their own per built-in function (<c>Dual.{Name}</c>, <c>LaneMath.{Name}</c>,
/// a SymPy name): these tests read the generator's function table and fail for any row one of them does not cover, with
/// the value (and for Dual the derivative) each gives at a point of the function's domain.
/// </summary>
[Collection(SymPyCollection.Name)]
public sealed class FunctionTableCoverageTests(SymPyFixture fixture)
{
    // Central differences with h = 1e-6: truncation h²|f'''|/6 ≈ 1e-13 and rounding ε|f|/h ≈ 1e-10 at these points.
    private const double FiniteDifferenceTolerance = 1e-8;
    private const double FiniteDifferenceStep = 1e-6;

    // The oracle evaluates with 30 digits and rounds once; System.Math is within an ulp or two of the exact value.
    private const double OracleTolerance = 1e-14;

    public static TheoryData<string> Rows => new(Generator.Ir.Functions.All.Select(f => f.Name));

    [Fact]
    public void DomainPoints_CoverEveryRowWithItsArity() =>
        Assert.All(Generator.Ir.Functions.All, f =>
        {
            Assert.True(FunctionDomain.Points.TryGetValue(f.Name, out double[]? point), $"No domain point for {f.Name}.");
            Assert.Equal(f.Arity, point!.Length);
        });

    [Theory]
    [MemberData(nameof(Rows))]
    public void Dual_EveryRow_HasMemberWhoseValueIsMathsAndTangentMatchesCentralDifferences(string name)
    {
        BuiltinFunction function = Generator.Ir.Functions.Named(name);
        double[] point = FunctionDomain.Points[name];
        MethodInfo? member = typeof(Dual).GetMethod(name, BindingFlags.Public | BindingFlags.Static, Enumerable.Repeat(typeof(Dual), function.Arity).ToArray());
        Assert.True(member is not null && member.ReturnType == typeof(Dual), $"Dual has no public static Dual {name}({function.Arity} × Dual).");

        for (int k = 0; k < function.Arity; k++)
        {
            object[] arguments = point.Select((v, i) => (object)new Dual(v, i == k ? 1.0 : 0.0)).ToArray();
            var result = (Dual)member!.Invoke(null, arguments)!;
            Assert.Equal(MathValue(name, point), result.Value);

            double[] plus = (double[])point.Clone();
            double[] minus = (double[])point.Clone();
            plus[k] += FiniteDifferenceStep;
            minus[k] -= FiniteDifferenceStep;
            double central = (MathValue(name, plus) - MathValue(name, minus)) / (2 * FiniteDifferenceStep);
            Assert.True(
                Math.Abs(result.Derivative - central) <= FiniteDifferenceTolerance * (1 + Math.Abs(central)),
                $"Dual.{name}: ∂/∂argument {k} = {result.Derivative:R}, central difference {central:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void LaneForm_EveryRow_ExistsAndPerLaneMembersGiveMathsBitsInEveryLane(string name)
    {
        BuiltinFunction function = Generator.Ir.Functions.Named(name);
        if (function.Lane == LaneForm.ExactVector)
        {
            // Exact forms: a Vector256 member (Sqrt, Abs), or the printer's own selects (Sign, the one row without a member).
            Assert.True(
                function.VectorMember is null ? function == Generator.Ir.Functions.Sign : typeof(Vector256).GetMethods().Any(m => m.Name == function.VectorMember),
                $"{name}: no exact vector form.");
            return;
        }

        MethodInfo? member = typeof(LaneMath).GetMethod(name, BindingFlags.Public | BindingFlags.Static, Enumerable.Repeat(typeof(Vector256<double>), function.Arity).ToArray());
        Assert.True(member is not null, $"LaneMath has no public static {name}({function.Arity} × Vector256<double>).");

        // Four different points per call: the domain point and three neighbours (and NaN in the last lane).
        double[] point = FunctionDomain.Points[name];
        double[][] lanes = [point, point.Select(v => v * 1.1).ToArray(), point.Select(v => v * 0.9).ToArray(), point.Select(_ => double.NaN).ToArray()];
        object[] arguments = Enumerable.Range(0, function.Arity)
            .Select(k => (object)Vector256.Create(lanes[0][k], lanes[1][k], lanes[2][k], lanes[3][k]))
            .ToArray();
        var result = (Vector256<double>)member!.Invoke(null, arguments)!;
        for (int lane = 0; lane < 4; lane++)
        {
            double expected = MathValue(name, lanes[lane]);
            Assert.True(
                BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(result.GetElement(lane)) || (double.IsNaN(expected) && double.IsNaN(result.GetElement(lane))),
                $"LaneMath.{name}, lane {lane}: {result.GetElement(lane):R}, Math gives {expected:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void SymPyOracle_EveryRowsSymPyForm_EvaluatesToMathsValue(string name)
    {
        BuiltinFunction function = Generator.Ir.Functions.Named(name);
        double[] point = FunctionDomain.Points[name];
        string[] names = ["x", "y", "z"];
        var graph = new ExprGraph();
        int[] leaves = Enumerable.Range(0, 3).Select(i => graph.Intern(Node.Leaf(NodeKind.State, i))).ToArray();
        int call = graph.Intern(Node.Call(function, leaves[0], leaves[1], leaves[2]));
        string expression = new SymPyPrinter(graph, leaf => names[leaf.A]).Print(call);

        double value = fixture.Oracle.Evaluate([expression], names[..function.Arity], [point])[0][0];

        double expected = MathValue(name, point);
        Assert.True(
            Math.Abs(value - expected) <= OracleTolerance * (1 + Math.Abs(expected)),
            $"SymPy '{expression}' at ({string.Join(", ", point.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}) = {value:R}; Math.{name} = {expected:R}");
    }

    [Theory]
    [InlineData(2.5, 2.0)]
    [InlineData(-1.5, -2.0)]
    [InlineData(0.5, 0.0)]
    public void SymPyOracle_RoundAtTies_RoundsToEvenLikeMathRound(double x, double expected)
    {
        Assert.Equal(expected, Math.Round(x));
        Assert.Equal(expected, fixture.Oracle.Evaluate(["round_half_even(x)"], ["x"], [[x]])[0][0]);
    }

    /// <summary>System.Math's own member of the row's name (Math.Sign's int converted; NaN where it throws).</summary>
    private static double MathValue(string name, double[] arguments)
    {
        MethodInfo method = typeof(Math).GetMethod(name, Enumerable.Repeat(typeof(double), arguments.Length).ToArray())
            ?? throw new InvalidOperationException($"System.Math has no {name} with {arguments.Length} double parameter(s).");
        try
        {
            return Convert.ToDouble(method.Invoke(null, arguments.Cast<object>().ToArray()), CultureInfo.InvariantCulture);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is ArithmeticException)
        {
            return double.NaN; // Math.Sign(NaN)
        }
    }
}
