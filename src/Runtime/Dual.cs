using System;
using System.Globalization;

namespace NeuralOdeGen;

/// <summary>
/// A dual number <c>a + b·ε</c> with <c>ε² = 0</c>: forward-mode automatic differentiation of one directional
/// derivative. Arithmetic and the <see cref="Math"/>-style functions propagate the derivative exactly.
/// </summary>
/// <remarks>
/// Comparisons look at <see cref="Value"/> only (so conditionals take the branch the real computation takes);
/// equality and hashing use both parts.
/// </remarks>
public readonly struct Dual : IEquatable<Dual>, IComparable<Dual>
{
    /// <summary>Creates a dual number.</summary>
    /// <param name="value">The real part.</param>
    /// <param name="derivative">The tangent (ε) part.</param>
    public Dual(double value, double derivative)
    {
        Value = value;
        Derivative = derivative;
    }

    /// <summary>Gets the real part.</summary>
    public double Value { get; }

    /// <summary>Gets the tangent part.</summary>
    public double Derivative { get; }

    /// <summary>Creates a constant (zero tangent).</summary>
    public static Dual Constant(double value) => new(value, 0.0);

    /// <summary>Creates an independent variable (unit tangent).</summary>
    public static Dual Variable(double value) => new(value, 1.0);

    /// <summary>Converts a constant to a dual number with zero tangent.</summary>
    public static implicit operator Dual(double value) => new(value, 0.0);

#pragma warning disable CS1591 // Operators mirror double's; their meaning is the usual one.
    public static Dual operator +(Dual a) => a;
    public static Dual operator -(Dual a) => new(-a.Value, -a.Derivative);

    public static Dual operator +(Dual a, Dual b) => new(a.Value + b.Value, a.Derivative + b.Derivative);
    public static Dual operator +(Dual a, double b) => new(a.Value + b, a.Derivative);
    public static Dual operator +(double a, Dual b) => new(a + b.Value, b.Derivative);

    public static Dual operator -(Dual a, Dual b) => new(a.Value - b.Value, a.Derivative - b.Derivative);
    public static Dual operator -(Dual a, double b) => new(a.Value - b, a.Derivative);
    public static Dual operator -(double a, Dual b) => new(a - b.Value, -b.Derivative);

    public static Dual operator *(Dual a, Dual b) => new(a.Value * b.Value, (a.Derivative * b.Value) + (a.Value * b.Derivative));
    public static Dual operator *(Dual a, double b) => new(a.Value * b, a.Derivative * b);
    public static Dual operator *(double a, Dual b) => new(a * b.Value, a * b.Derivative);

    public static Dual operator /(Dual a, Dual b) =>
        new(a.Value / b.Value, ((a.Derivative * b.Value) - (a.Value * b.Derivative)) / (b.Value * b.Value));
    public static Dual operator /(Dual a, double b) => new(a.Value / b, a.Derivative / b);
    public static Dual operator /(double a, Dual b) => new(a / b.Value, -a * b.Derivative / (b.Value * b.Value));

    public static bool operator ==(Dual a, Dual b) => a.Equals(b);
    public static bool operator !=(Dual a, Dual b) => !a.Equals(b);

    public static bool operator <(Dual a, Dual b) => a.Value < b.Value;
    public static bool operator >(Dual a, Dual b) => a.Value > b.Value;
    public static bool operator <=(Dual a, Dual b) => a.Value <= b.Value;
    public static bool operator >=(Dual a, Dual b) => a.Value >= b.Value;
    public static bool operator <(Dual a, double b) => a.Value < b;
    public static bool operator >(Dual a, double b) => a.Value > b;
    public static bool operator <=(Dual a, double b) => a.Value <= b;
    public static bool operator >=(Dual a, double b) => a.Value >= b;
    public static bool operator <(double a, Dual b) => a < b.Value;
    public static bool operator >(double a, Dual b) => a > b.Value;
    public static bool operator <=(double a, Dual b) => a <= b.Value;
    public static bool operator >=(double a, Dual b) => a >= b.Value;
#pragma warning restore CS1591

    /// <summary><c>e^a</c>.</summary>
    public static Dual Exp(Dual a)
    {
        double e = Math.Exp(a.Value);
        return new(e, e * a.Derivative);
    }

    /// <summary>Natural logarithm.</summary>
    public static Dual Log(Dual a) => new(Math.Log(a.Value), a.Derivative / a.Value);

    /// <summary>Square root.</summary>
    public static Dual Sqrt(Dual a)
    {
        double s = Math.Sqrt(a.Value);
        return new(s, a.Derivative / (2.0 * s));
    }

    /// <summary><c>a^b</c> with both arguments varying: <c>d(a^b) = b a^(b−1) da + a^b ln(a) db</c>.</summary>
    public static Dual Pow(Dual a, Dual b)
    {
        double value = Math.Pow(a.Value, b.Value);
        double fromBase = a.Derivative == 0.0 ? 0.0 : b.Value * Math.Pow(a.Value, b.Value - 1.0) * a.Derivative;
        double fromExponent = b.Derivative == 0.0 ? 0.0 : value * Math.Log(a.Value) * b.Derivative;
        return new(value, fromBase + fromExponent);
    }

    /// <summary><c>a^b</c> with a constant exponent.</summary>
    public static Dual Pow(Dual a, double b) =>
        new(Math.Pow(a.Value, b), a.Derivative == 0.0 ? 0.0 : b * Math.Pow(a.Value, b - 1.0) * a.Derivative);

    /// <summary><c>a^b</c> with a constant base.</summary>
    public static Dual Pow(double a, Dual b)
    {
        double value = Math.Pow(a, b.Value);
        return new(value, b.Derivative == 0.0 ? 0.0 : value * Math.Log(a) * b.Derivative);
    }

    /// <summary>Sine.</summary>
    public static Dual Sin(Dual a) => new(Math.Sin(a.Value), Math.Cos(a.Value) * a.Derivative);

    /// <summary>Cosine.</summary>
    public static Dual Cos(Dual a) => new(Math.Cos(a.Value), -Math.Sin(a.Value) * a.Derivative);

    /// <summary>Tangent.</summary>
    public static Dual Tan(Dual a)
    {
        double tan = Math.Tan(a.Value);
        return new(tan, (1.0 + (tan * tan)) * a.Derivative);
    }

    /// <summary>Hyperbolic tangent.</summary>
    public static Dual Tanh(Dual a)
    {
        double tanh = Math.Tanh(a.Value);
        return new(tanh, (1.0 - (tanh * tanh)) * a.Derivative);
    }

    /// <summary>Hyperbolic sine.</summary>
    public static Dual Sinh(Dual a) => new(Math.Sinh(a.Value), Math.Cosh(a.Value) * a.Derivative);

    /// <summary>Hyperbolic cosine.</summary>
    public static Dual Cosh(Dual a) => new(Math.Cosh(a.Value), Math.Sinh(a.Value) * a.Derivative);

    /// <summary>Arctangent.</summary>
    public static Dual Atan(Dual a) => new(Math.Atan(a.Value), a.Derivative / (1.0 + (a.Value * a.Value)));

    /// <summary>Absolute value; the derivative at 0 is taken as 0.</summary>
    public static Dual Abs(Dual a) => new(Math.Abs(a.Value), Math.Sign(a.Value) * a.Derivative);

    /// <summary>The larger argument, with its tangent (the first when equal, as in a conditional <c>a &gt;= b ? a : b</c>).</summary>
    public static Dual Max(Dual a, Dual b) => a.Value >= b.Value ? a : b;

    /// <summary>The smaller argument, with its tangent (the first when equal, as in a conditional <c>a &lt;= b ? a : b</c>).</summary>
    public static Dual Min(Dual a, Dual b) => a.Value <= b.Value ? a : b;

    /// <inheritdoc/>
    public bool Equals(Dual other) => Value.Equals(other.Value) && Derivative.Equals(other.Derivative);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Dual other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Value, Derivative);

    /// <summary>Orders by <see cref="Value"/>, then by <see cref="Derivative"/>.</summary>
    public int CompareTo(Dual other)
    {
        int byValue = Value.CompareTo(other.Value);
        return byValue != 0 ? byValue : Derivative.CompareTo(other.Derivative);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Value:R} + {Derivative:R}ε");
}
