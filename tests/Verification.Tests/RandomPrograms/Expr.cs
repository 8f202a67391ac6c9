using System.Collections.Generic;

namespace NeuralOdeGen.Verification.Tests.RandomPrograms;

/// <summary>A random right-hand side expression over the generator's supported grammar.</summary>
internal abstract record Expr;

/// <summary>A state, parameter, time or local, by its C# identifier (which may carry an <c>@</c>).</summary>
internal sealed record VariableExpr(string Identifier) : Expr;

/// <summary>A literal; <paramref name="AsInteger"/> writes it as an <c>int</c> literal (C# constant semantics apply).</summary>
internal sealed record ConstantExpr(double Value, bool AsInteger) : Expr;

internal sealed record NegateExpr(Expr Operand) : Expr;

/// <summary><c>+ − *</c>, and <c>/</c> by a plain constant.</summary>
internal sealed record BinaryExpr(char Operator, Expr Left, Expr Right) : Expr;

/// <summary>
/// A call with a guard that keeps it on a safe domain for any real arguments (e.g. <c>Math.Log(1 + a*a)</c>), so
/// that shrinking a subtree never leaves the domain.
/// </summary>
internal sealed record CallExpr(Function Function, IReadOnlyList<Expr> Arguments) : Expr;

/// <summary>A call to the model's [Differentiable] function <c>Functions[Index]</c> (see <see cref="FunctionSpec"/>).</summary>
internal sealed record UserCallExpr(int Index, IReadOnlyList<Expr> Arguments) : Expr;

internal sealed record ConditionalExpr(Condition Condition, Expr WhenTrue, Expr WhenFalse) : Expr;

/// <summary>A condition of a conditional expression.</summary>
internal abstract record Condition;

/// <summary><c>&lt; &lt;= &gt; &gt;= == !=</c>.</summary>
internal sealed record CompareCondition(string Operator, Expr Left, Expr Right) : Condition;

/// <summary><c>&amp;&amp;</c> or <c>||</c>.</summary>
internal sealed record LogicalCondition(string Operator, Condition Left, Condition Right) : Condition;

internal sealed record NotCondition(Condition Operand) : Condition;

/// <summary>The guarded calls the random programs use; each renders to C# that is finite for any finite arguments.</summary>
internal enum Function
{
    Sin,
    Cos,
    Atan,
    Tanh,
    Abs,
    Max,
    Min,

    /// <summary><c>Math.Exp(Math.Sin(a))</c>.</summary>
    ExpOfSin,

    /// <summary><c>Math.Exp(Math.Tanh(a))</c>.</summary>
    ExpOfTanh,

    /// <summary><c>Math.Log(1 + a*a)</c>.</summary>
    LogOfOnePlusSquare,

    /// <summary><c>Math.Log(2 + Math.Cos(a))</c>.</summary>
    LogOfTwoPlusCos,

    /// <summary><c>Math.Sqrt(1 + a*a)</c>.</summary>
    SqrtOfOnePlusSquare,

    /// <summary><c>Math.Pow(a, 2)</c> (constant exponent).</summary>
    Square,

    /// <summary><c>Math.Pow(a, 3.0)</c> (constant exponent).</summary>
    Cube,

    /// <summary><c>Math.Pow(1 + a*a, Math.Sin(b))</c> (general power rule).</summary>
    PowOfOnePlusSquare,

    /// <summary><c>Math.Pow(2.5, Math.Sin(a))</c> (constant base).</summary>
    PowConstantBase,

    /// <summary><c>Math.Tan(Math.Tanh(a))</c>.</summary>
    TanOfTanh,

    /// <summary><c>Math.Sinh(Math.Sin(a))</c>.</summary>
    SinhOfSin,

    /// <summary><c>Math.Cosh(Math.Cos(a))</c>.</summary>
    CoshOfCos,

    /// <summary><c>a / (1 + b*b)</c>.</summary>
    DivideByOnePlusSquare,

    /// <summary><c>a / (2 + Math.Cos(b))</c>.</summary>
    DivideByTwoPlusCos,

    /// <summary><c>Math.Asinh(a)</c>.</summary>
    Asinh,

    /// <summary><c>Math.Acosh(2 + a*a)</c> (domain x ≥ 1, kept away from the infinite slope at 1).</summary>
    AcoshOfTwoPlusSquare,

    /// <summary><c>Math.Atanh(0.5 * Math.Tanh(a))</c> (domain |x| &lt; 1).</summary>
    AtanhOfHalfTanh,

    /// <summary><c>Math.Asin(0.5 * Math.Sin(a))</c> (domain |x| ≤ 1).</summary>
    AsinOfHalfSin,

    /// <summary><c>Math.Acos(0.5 * Math.Cos(a))</c> (domain |x| ≤ 1).</summary>
    AcosOfHalfCos,

    /// <summary><c>Math.Atan2(a, 2 + Math.Cos(b))</c> (x ≥ 1: away from the origin and the branch cut).</summary>
    Atan2,

    /// <summary><c>Math.Log2(1 + a*a)</c>.</summary>
    Log2OfOnePlusSquare,

    /// <summary><c>Math.Log10(2 + Math.Cos(a))</c>.</summary>
    Log10OfTwoPlusCos,

    /// <summary><c>Math.Cbrt(Math.Sin(a) - 1.5)</c> (a negative argument: the real root, away from the infinite slope at 0).</summary>
    CbrtOfNegative,

    /// <summary><c>Math.FusedMultiplyAdd(a, b, c)</c>.</summary>
    FusedMultiplyAdd,

    /// <summary><c>Math.Clamp(a, b - 1, b + 1)</c> (bounds in order for any b).</summary>
    Clamp,

    /// <summary><c>(double)Math.Sign(a)</c> (derivative 0).</summary>
    Sign,

    /// <summary><c>Math.Floor(a)</c> (derivative 0).</summary>
    Floor,

    /// <summary><c>Math.Round(a)</c> (ties to even; derivative 0).</summary>
    Round,
}
