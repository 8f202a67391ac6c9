using System;
using System.Linq;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Tests.Ir;

/// <summary>
/// The function table's rows read directly (the Ir tests otherwise meet them only through simplified and differentiated
/// graphs, which never print SymPy text or read the folds of rows the simplifier intercepts): each row's SymPy form, the
/// NODE011 list, lookup by name and arity, the piecewise rows' folds at their boundaries, and the runtime members
/// <see cref="HostMath"/> binds.
/// </summary>
public sealed class FunctionTableTests
{
    /// <summary>
    /// Every row in table order with its SymPy form: SymPy's own function names (sympy.functions.elementary), the oracle's
    /// <c>round_half_even</c> (src/Verification/sympy_oracle.py), and templates where SymPy has no one-name form
    /// (<c>log(x, 2)</c> is SymPy's two-argument logarithm; the real cube root and Clamp are Piecewise).
    /// </summary>
    public static TheoryData<string, int, string> Rows => new()
    {
        { "Exp", 1, "exp" },
        { "Log", 1, "log" },
        { "Sqrt", 1, "sqrt" },
        { "Pow", 2, "{0}**{1}" },
        { "Sin", 1, "sin" },
        { "Cos", 1, "cos" },
        { "Tan", 1, "tan" },
        { "Tanh", 1, "tanh" },
        { "Sinh", 1, "sinh" },
        { "Cosh", 1, "cosh" },
        { "Atan", 1, "atan" },
        { "Abs", 1, "Abs" },
        { "Sign", 1, "sign" },
        { "Max", 2, "Max" },
        { "Min", 2, "Min" },
        { "Asinh", 1, "asinh" },
        { "Acosh", 1, "acosh" },
        { "Atanh", 1, "atanh" },
        { "Asin", 1, "asin" },
        { "Acos", 1, "acos" },
        { "Atan2", 2, "atan2" },
        { "Log2", 1, "log({0}, 2)" },
        { "Log10", 1, "log({0}, 10)" },
        { "Cbrt", 1, "Piecewise(({0}**Rational(1, 3), {0} >= 0), (-(-{0})**Rational(1, 3), True))" },
        { "FusedMultiplyAdd", 3, "({0}*{1} + {2})" },
        { "Clamp", 3, "Piecewise(({1}, {0} < {1}), ({2}, {0} > {2}), ({0}, True))" },
        { "Floor", 1, "floor" },
        { "Round", 1, "round_half_even" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Row_NameArityAndSymPyForm_AreTheTables(string name, int arity, string sympy)
    {
        BuiltinFunction function = Functions.Named(name);

        Assert.Equal(arity, function.Arity);
        Assert.Equal(sympy, function.SymPy);

        // A template is a form with a {0} placeholder, wherever it stands (Pow's is at index 0).
        Assert.Equal(sympy.Contains('{'), function.IsSymPyTemplate);
        Assert.Same(function, Functions.Find(name, arity));
        Assert.Null(Functions.Find(name, arity + 1));
    }

    [Fact]
    public void All_IsTheRowsInOrderNumberedByPosition()
    {
        string[] expected = Rows.Select(row => (string)row[0]).ToArray();

        Assert.Equal(expected, Functions.All.Select(function => function.Name).ToArray());
        Assert.Equal(Enumerable.Range(0, expected.Length), Functions.All.Select(function => function.Id));
    }

    [Fact]
    public void LaneForms_ExactVectorRowsNameTheirVector256Member()
    {
        // Sqrt and Abs have exactly rounded Vector256 members of the same name; Sign is written as two selects (no member);
        // every other row calls LaneMath per lane.
        Assert.Equal((LaneForm.ExactVector, "Sqrt"), (Functions.Sqrt.Lane, Functions.Sqrt.VectorMember));
        Assert.Equal((LaneForm.ExactVector, "Abs"), (Functions.Abs.Lane, Functions.Abs.VectorMember));
        Assert.Equal((LaneForm.ExactVector, (string?)null), (Functions.Sign.Lane, Functions.Sign.VectorMember));
        Assert.All(
            Functions.All.Where(function => function.Name is not ("Sqrt" or "Abs" or "Sign")),
            function => Assert.Equal((LaneForm.PerLane, (string?)null), (function.Lane, function.VectorMember)));
    }

    [Fact]
    public void SupportedList_NamesEveryRowAsAMathMember()
    {
        string expected = string.Join(", ", Rows.Select(row => "Math." + (string)row[0])) + " (double overloads)";

        Assert.Equal(expected, Functions.SupportedList);
        Assert.StartsWith("Math.Exp, Math.Log, Math.Sqrt, ", Functions.SupportedList, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_UnknownName_IsNull() => Assert.Null(Functions.Find("Exp2", 1));

    [Theory]
    [InlineData(5.0, 0.0, 1.0, 1.0)] // above: max
    [InlineData(-5.0, 0.0, 1.0, 0.0)] // below: min
    [InlineData(0.25, 0.0, 1.0, 0.25)] // inside: the value
    [InlineData(1.0, 1.0, 1.0, 1.0)] // min = max is allowed (Math.Clamp throws only for min > max)
    [InlineData(0.0, 0.0, 1.0, 0.0)] // at min: the value, which equals min
    [InlineData(1.0, 0.0, 1.0, 1.0)] // at max
    public void ClampFold_AsMathClamp(double value, double min, double max, double expected)
    {
        Assert.Equal(expected, Functions.Named("Clamp").Fold(value, min, max));
        Assert.Equal(Math.Clamp(value, min, max), Functions.Named("Clamp").Fold(value, min, max));
    }

    [Fact]
    public void ClampFold_ValueAtMinOfOtherZeroSign_IsTheValueItself()
    {
        // Math.Clamp(−0.0, 0.0, 1.0) is −0.0: min is returned only when value < min, and −0.0 < 0.0 is false.
        double? folded = Functions.Named("Clamp").Fold(-0.0, 0.0, 1.0);
        Assert.True(folded.HasValue && double.IsNegative(folded.Value));
        folded = Functions.Named("Clamp").Fold(0.0, 0.0, -0.0);
        Assert.True(folded.HasValue && !double.IsNegative(folded.Value));
    }

    [Fact]
    public void ClampFold_MinAboveMax_IsLeftUnfolded() =>
        Assert.Null(Functions.Named("Clamp").Fold(0.5, 1.0, 0.0)); // Math.Clamp throws here; the run time reports it

    [Theory]
    [InlineData("Max", 2.0, 3.0, 3.0)]
    [InlineData("Max", 3.0, 2.0, 3.0)]
    [InlineData("Min", 2.0, 3.0, 2.0)]
    [InlineData("Min", 3.0, 2.0, 2.0)]
    public void MaxMinRowFold_PicksTheLargerOrSmaller(string name, double x, double y, double expected) =>
        Assert.Equal(expected, Functions.Named(name).Fold(x, y, 0.0));

    [Theory]
    [InlineData("Max")]
    [InlineData("Min")]
    public void MaxMinRowFold_Tie_FirstArgumentWins(string name)
    {
        // The table's rule for ties (its remarks: "the first argument wins ties"), visible with zeros of both signs.
        double? folded = Functions.Named(name).Fold(-0.0, 0.0, 0.0);
        Assert.True(folded.HasValue && double.IsNegative(folded.Value));
        folded = Functions.Named(name).Fold(0.0, -0.0, 0.0);
        Assert.True(folded.HasValue && !double.IsNegative(folded.Value));
    }

    [Fact]
    public void HostMath_BindsTheNewerMathMembers()
    {
        // Exact values: Cbrt(−8) = −2 (the real root), asinh(0) = atanh(0) = 0, acosh(1) = 0, log2(8) = 3, fma(2, 3, 1) = 7.
        Assert.Equal(-2.0, HostMath.Cbrt!(-8.0));
        Assert.Equal(0.0, HostMath.Asinh!(0.0));
        Assert.Equal(0.0, HostMath.Acosh!(1.0));
        Assert.Equal(0.0, HostMath.Atanh!(0.0));
        Assert.Equal(3.0, HostMath.Log2!(8.0));
        Assert.Equal(7.0, HostMath.FusedMultiplyAdd!(2.0, 3.0, 1.0));

        // Each is bound to its own member: asinh(1) = ln(1 + √2), acosh(2) = ln(2 + √3), atanh(½) = ½ ln 3 (to rounding).
        Assert.Equal(Math.Log(1.0 + Math.Sqrt(2.0)), HostMath.Asinh(1.0), 1e-15);
        Assert.Equal(Math.Log(2.0 + Math.Sqrt(3.0)), HostMath.Acosh(2.0), 1e-15);
        Assert.Equal(0.5 * Math.Log(3.0), HostMath.Atanh(0.5), 1e-15);
    }
}
