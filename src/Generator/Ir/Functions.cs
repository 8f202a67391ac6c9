using System;
using System.Collections.Generic;

namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// The table of built-in functions: one row per <c>System.Math</c> method a [Dynamics] body may call, read by every
/// phase (parser, simplifier, differentiator, C#/Dual/SymPy/lane printers). Adding a function is one row here plus its
/// runtime members (<c>Dual.{Name}</c>, <c>LaneMath.{Name}</c> for per-lane rows), its name in the SymPy oracle, and
/// its tests; <c>FunctionTableCoverageTests</c> fails until the runtime and the oracle cover the row.
/// </summary>
/// <remarks>
/// Derivative rules follow the runtime's dual numbers: piecewise functions (<c>Max</c>, <c>Min</c>, <c>Clamp</c>) take the
/// derivative of the argument they return (<c>Max</c>/<c>Min</c>: the first argument wins ties); <c>Abs</c> has
/// <c>sign(a)·a'</c> with <c>sign(0) = 0</c>; step functions (<c>Sign</c>, <c>Floor</c>, <c>Round</c>) have derivative 0,
/// which is exact everywhere except at their jumps, where they have none. Rules build their nodes in the order written
/// (C# evaluates arguments left to right), which fixes the node ids and so the generated text.
/// </remarks>
internal static class Functions
{
    private static readonly double Ln2 = Math.Log(2.0);
    private static readonly double Ln10 = Math.Log(10.0);

    /// <summary>Every row; a <see cref="NodeKind.Call"/> node stores its row's index here.</summary>
    public static readonly BuiltinFunction[] All = Numbered(Rows());

    public static readonly BuiltinFunction Exp = Named("Exp");
    public static readonly BuiltinFunction Log = Named("Log");
    public static readonly BuiltinFunction Sqrt = Named("Sqrt");
    public static readonly BuiltinFunction Pow = Named("Pow");
    public static readonly BuiltinFunction Sin = Named("Sin");
    public static readonly BuiltinFunction Cos = Named("Cos");
    public static readonly BuiltinFunction Sinh = Named("Sinh");
    public static readonly BuiltinFunction Cosh = Named("Cosh");
    public static readonly BuiltinFunction Abs = Named("Abs");
    public static readonly BuiltinFunction Sign = Named("Sign");
    public static readonly BuiltinFunction Max = Named("Max");
    public static readonly BuiltinFunction Min = Named("Min");
    public static readonly BuiltinFunction Tanh = Named("Tanh");

    private static readonly Dictionary<string, BuiltinFunction> s_byName = ByName();

    /// <summary>The rows as NODE011 lists them: <c>Math.Exp, Math.Log, ... (double overloads)</c>.</summary>
    public static readonly string SupportedList = List();

    /// <summary>The table: one row per function.</summary>
    private static BuiltinFunction[] Rows() =>
    [
        new("Exp", 1, static (x, _, _) => Math.Exp(x), static d => d.Chain(d.Self, 0), "exp"),
        new("Log", 1, static (x, _, _) => Math.Log(x), static d => d.S.Divide(d.Derive(0), d.Arg(0)), "log"),
        new("Sqrt", 1, static (x, _, _) => Math.Sqrt(x), static d => d.S.Divide(d.Derive(0), d.S.Multiply(d.Constant(2.0), d.Self)), "sqrt", LaneForm.ExactVector, "Sqrt"),
        new("Pow", 2, static (x, y, _) => Math.Pow(x, y), static d => PowDerivative(d), "{0}**{1}"),
        new("Sin", 1, static (x, _, _) => Math.Sin(x), static d => d.Chain(d.S.Call(Cos, d.Arg(0)), 0), "sin"),
        new("Cos", 1, static (x, _, _) => Math.Cos(x), static d => d.S.Negate(d.Chain(d.S.Call(Sin, d.Arg(0)), 0)), "cos"),
        new("Tan", 1, static (x, _, _) => Math.Tan(x), static d => d.Chain(d.S.Add(d.S.One, d.Square(d.Self)), 0), "tan"),
        new("Tanh", 1, static (x, _, _) => Math.Tanh(x), static d => d.Chain(d.S.Subtract(d.S.One, d.Square(d.Self)), 0), "tanh"),
        new("Sinh", 1, static (x, _, _) => Math.Sinh(x), static d => d.Chain(d.S.Call(Cosh, d.Arg(0)), 0), "sinh"),
        new("Cosh", 1, static (x, _, _) => Math.Cosh(x), static d => d.Chain(d.S.Call(Sinh, d.Arg(0)), 0), "cosh"),
        new("Atan", 1, static (x, _, _) => Math.Atan(x), static d => d.S.Divide(d.Derive(0), d.S.Add(d.S.One, d.Square(d.Arg(0)))), "atan"),
        new("Abs", 1, static (x, _, _) => Math.Abs(x), static d => d.Chain(d.S.Call(Sign, d.Arg(0)), 0), "Abs", LaneForm.ExactVector, "Abs"),

        // -1, 0 or 1, and 0 for NaN (Math.Sign throws there; the emitted code compares instead of calling it).
        new("Sign", 1, static (x, _, _) => SignOf(x), static d => d.S.Zero, "sign", LaneForm.ExactVector),
        new("Max", 2, static (x, y, _) => x >= y ? x : y, static d => d.S.Conditional(d.S.Compare(NodeKind.GreaterOrEqual, d.Arg(0), d.Arg(1)), d.Derive(0), d.Derive(1)), "Max"),
        new("Min", 2, static (x, y, _) => x <= y ? x : y, static d => d.S.Conditional(d.S.Compare(NodeKind.LessOrEqual, d.Arg(0), d.Arg(1)), d.Derive(0), d.Derive(1)), "Min"),

        // Inverse hyperbolic and trigonometric functions: a' over the derivative of the inverse.
        new("Asinh", 1, static (x, _, _) => HostMath.Asinh?.Invoke(x), static d => d.S.Divide(d.Derive(0), d.S.Call(Sqrt, d.S.Add(d.Square(d.Arg(0)), d.S.One))), "asinh"),
        // acosh' = 1/(√(a−1)·√(a+1)), not 1/√(a²−1): no cancellation in a² − 1 near a = 1, and SymPy's own form.
        new("Acosh", 1, static (x, _, _) => HostMath.Acosh?.Invoke(x), static d => d.S.Divide(d.Derive(0), d.S.Multiply(d.S.Call(Sqrt, d.S.Subtract(d.Arg(0), d.S.One)), d.S.Call(Sqrt, d.S.Add(d.Arg(0), d.S.One)))), "acosh"),
        new("Atanh", 1, static (x, _, _) => HostMath.Atanh?.Invoke(x), static d => d.S.Divide(d.Derive(0), d.S.Subtract(d.S.One, d.Square(d.Arg(0)))), "atanh"),
        new("Asin", 1, static (x, _, _) => Math.Asin(x), static d => d.S.Divide(d.Derive(0), d.S.Call(Sqrt, d.S.Subtract(d.S.One, d.Square(d.Arg(0))))), "asin"),
        new("Acos", 1, static (x, _, _) => Math.Acos(x), static d => d.S.Divide(d.S.Negate(d.Derive(0)), d.S.Call(Sqrt, d.S.Subtract(d.S.One, d.Square(d.Arg(0))))), "acos"),

        // Atan2(y, x), as Math and SymPy order the arguments: (x·y' − y·x') / (x² + y²).
        new("Atan2", 2, static (y, x, _) => Math.Atan2(y, x), static d => Atan2Derivative(d), "atan2"),
        new("Log2", 1, static (x, _, _) => HostMath.Log2?.Invoke(x), static d => d.S.Divide(d.Derive(0), d.S.Multiply(d.Constant(Ln2), d.Arg(0))), "log({0}, 2)"),
        new("Log10", 1, static (x, _, _) => Math.Log10(x), static d => d.S.Divide(d.Derive(0), d.S.Multiply(d.Constant(Ln10), d.Arg(0))), "log({0}, 10)"),

        // The real cube root (Math.Cbrt(-8) = -2). SymPy's cbrt(x) is x**(1/3), the principal complex root for x < 0, and
        // real_root builds a SymPy Piecewise the oracle avoids; so the real root is written out with the oracle's
        // Piecewise and SymPy differentiates each real branch itself.
        new("Cbrt", 1, static (x, _, _) => HostMath.Cbrt?.Invoke(x), static d => d.S.Divide(d.Derive(0), d.S.Multiply(d.Constant(3.0), d.Square(d.Self))), "Piecewise(({0}**Rational(1, 3), {0} >= 0), (-(-{0})**Rational(1, 3), True))"),

        // x·y + z rounded once; its derivative is the product rule's (the rounding does not change the derivative).
        new("FusedMultiplyAdd", 3, static (x, y, z) => HostMath.FusedMultiplyAdd?.Invoke(x, y, z), static d => FusedMultiplyAddDerivative(d), "({0}*{1} + {2})"),

        // Math.Clamp(value, min, max): min below it, max above it, the value otherwise (NaN stays NaN); it throws for
        // min > max, so such constants are left for the run time to report rather than folded.
        new("Clamp", 3, static (v, lo, hi) => lo > hi ? (double?)null : v < lo ? lo : v > hi ? hi : v, static d => ClampDerivative(d), "Piecewise(({1}, {0} < {1}), ({2}, {0} > {2}), ({0}, True))"),

        // Steps: derivative 0 wherever they have one (everywhere but at their jumps). Round is Math.Round(double): to
        // the nearest integer, ties to even.
        new("Floor", 1, static (x, _, _) => Math.Floor(x), static d => d.S.Zero, "floor"),
        new("Round", 1, static (x, _, _) => Math.Round(x), static d => d.S.Zero, "round_half_even"),
    ];

    /// <summary>The row called <paramref name="name"/> (a <c>Math</c> member name).</summary>
    public static BuiltinFunction Named(string name)
    {
        foreach (BuiltinFunction function in All)
        {
            if (function.Name == name)
            {
                return function;
            }
        }

        throw new ArgumentException($"No built-in function '{name}'.", nameof(name));
    }

    /// <summary>The row for <c>Math.{name}</c> with <paramref name="arity"/> arguments, if there is one.</summary>
    public static BuiltinFunction? Find(string name, int arity) =>
        s_byName.TryGetValue(name, out BuiltinFunction? function) && function.Arity == arity ? function : null;

    private static double SignOf(double x) => x > 0.0 ? 1.0 : x < 0.0 ? -1.0 : 0.0;

    private static int PowDerivative(DerivativeRule d)
    {
        Simplifier s = d.S;
        int a = d.Arg(0);
        int b = d.Arg(1);
        int da = d.Derive(0);
        int db = d.Derive(1);
        bool baseConstant = s.Graph.IsConstant(da, 0.0);
        bool exponentConstant = s.Graph.IsConstant(db, 0.0);
        if (baseConstant && exponentConstant)
        {
            return s.Zero;
        }

        // b·a^(b−1)·a'
        int fromBase = baseConstant ? s.Zero : s.Multiply(s.Multiply(b, s.Pow(a, s.Subtract(b, s.One))), da);

        // a^b·ln(a)·b'
        int fromExponent = exponentConstant ? s.Zero : s.Multiply(s.Multiply(d.Self, s.Call(Log, a)), db);
        return s.Add(fromBase, fromExponent);
    }

    private static int Atan2Derivative(DerivativeRule d)
    {
        Simplifier s = d.S;
        int y = d.Arg(0);
        int x = d.Arg(1);
        int numerator = s.Subtract(s.Multiply(x, d.Derive(0)), s.Multiply(y, d.Derive(1)));
        return s.Divide(numerator, s.Add(d.Square(x), d.Square(y)));
    }

    private static int FusedMultiplyAddDerivative(DerivativeRule d)
    {
        Simplifier s = d.S;
        return s.Add(s.Add(s.Multiply(d.Derive(0), d.Arg(1)), s.Multiply(d.Arg(0), d.Derive(1))), d.Derive(2));
    }

    private static int ClampDerivative(DerivativeRule d)
    {
        Simplifier s = d.S;
        int value = d.Arg(0);
        int below = s.Compare(NodeKind.Less, value, d.Arg(1));
        int above = s.Compare(NodeKind.Greater, value, d.Arg(2));
        return s.Conditional(below, d.Derive(1), s.Conditional(above, d.Derive(2), d.Derive(0)));
    }

    private static string List()
    {
        var names = new List<string>(All.Length);
        foreach (BuiltinFunction function in All)
        {
            names.Add("Math." + function.Name);
        }

        return string.Join(", ", names) + " (double overloads)";
    }

    private static BuiltinFunction[] Numbered(BuiltinFunction[] rows)
    {
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i].Id = i;
        }

        return rows;
    }

    private static Dictionary<string, BuiltinFunction> ByName()
    {
        var byName = new Dictionary<string, BuiltinFunction>(StringComparer.Ordinal);
        foreach (BuiltinFunction function in All)
        {
            byName.Add(function.Name, function);
        }

        return byName;
    }
}
