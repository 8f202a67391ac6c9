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

    /// <summary>
    /// A function with a hand-written derivative (<see cref="DerivativeOfAttribute"/>) applied to <paramref name="a"/>:
    /// its value <c>F(a.Value)</c> and the chain rule <c>F′(a.Value) · a′</c>, from the user's two methods.
    /// </summary>
    /// <param name="value">The function's value at <c>a.Value</c>.</param>
    /// <param name="derivative">The derivative method's value at <c>a.Value</c>.</param>
    /// <param name="a">The argument.</param>
    /// <returns>The dual number <c>(F(a), F′(a) · a′)</c>.</returns>
    public static Dual Chain(double value, double derivative, Dual a) => new(value, derivative * a.Derivative);

    /// <summary>A function of two arguments with hand-written partial derivatives: <c>(F, ∂F/∂a · a′ + ∂F/∂b · b′)</c>.</summary>
    /// <param name="value">The function's value at the arguments' values.</param>
    /// <param name="partials">The derivative method's partial derivatives there, in parameter order.</param>
    /// <param name="a">The first argument.</param>
    /// <param name="b">The second argument.</param>
    /// <returns>The dual number of the function's value and its derivative along the arguments' tangents.</returns>
    public static Dual Chain(double value, (double, double) partials, Dual a, Dual b) =>
        new(value, partials.Item1 * a.Derivative + partials.Item2 * b.Derivative);

    /// <summary>A function of three arguments with hand-written partial derivatives: <c>(F, Σ ∂F/∂a_k · a_k′)</c>.</summary>
    /// <param name="value">The function's value at the arguments' values.</param>
    /// <param name="partials">The derivative method's partial derivatives there, in parameter order.</param>
    /// <param name="a">The first argument.</param>
    /// <param name="b">The second argument.</param>
    /// <param name="c">The third argument.</param>
    /// <returns>The dual number of the function's value and its derivative along the arguments' tangents.</returns>
    public static Dual Chain(double value, (double, double, double) partials, Dual a, Dual b, Dual c) =>
        new(value, partials.Item1 * a.Derivative + partials.Item2 * b.Derivative + partials.Item3 * c.Derivative);

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

    /// <summary>Inverse hyperbolic sine: <c>d asinh(a) = da / √(a² + 1)</c>.</summary>
    public static Dual Asinh(Dual a) => new(Math.Asinh(a.Value), a.Derivative / Math.Sqrt((a.Value * a.Value) + 1.0));

    /// <summary>Inverse hyperbolic cosine (defined for <c>a ≥ 1</c>): <c>d acosh(a) = da / (√(a − 1) √(a + 1))</c>.</summary>
    public static Dual Acosh(Dual a) => new(Math.Acosh(a.Value), a.Derivative / (Math.Sqrt(a.Value - 1.0) * Math.Sqrt(a.Value + 1.0)));

    /// <summary>Inverse hyperbolic tangent (defined for <c>|a| &lt; 1</c>): <c>d atanh(a) = da / (1 − a²)</c>.</summary>
    public static Dual Atanh(Dual a) => new(Math.Atanh(a.Value), a.Derivative / (1.0 - (a.Value * a.Value)));

    /// <summary>Arcsine (defined for <c>|a| ≤ 1</c>): <c>d asin(a) = da / √(1 − a²)</c>.</summary>
    public static Dual Asin(Dual a) => new(Math.Asin(a.Value), a.Derivative / Math.Sqrt(1.0 - (a.Value * a.Value)));

    /// <summary>Arccosine (defined for <c>|a| ≤ 1</c>): <c>d acos(a) = −da / √(1 − a²)</c>.</summary>
    public static Dual Acos(Dual a) => new(Math.Acos(a.Value), -(a.Derivative / Math.Sqrt(1.0 - (a.Value * a.Value))));

    /// <summary>
    /// The angle of the point <c>(x, y)</c>, as <see cref="Math.Atan2(double, double)"/> (y first):
    /// <c>d atan2(y, x) = (x dy − y dx) / (x² + y²)</c>.
    /// </summary>
    public static Dual Atan2(Dual y, Dual x) =>
        new(Math.Atan2(y.Value, x.Value), ((x.Value * y.Derivative) - (y.Value * x.Derivative)) / ((x.Value * x.Value) + (y.Value * y.Value)));

    /// <summary>Base-2 logarithm: <c>d log₂(a) = da / (a ln 2)</c>.</summary>
    public static Dual Log2(Dual a) => new(Math.Log2(a.Value), a.Derivative / (Math.Log(2.0) * a.Value));

    /// <summary>Base-10 logarithm: <c>d log₁₀(a) = da / (a ln 10)</c>.</summary>
    public static Dual Log10(Dual a) => new(Math.Log10(a.Value), a.Derivative / (Math.Log(10.0) * a.Value));

    /// <summary>Real cube root (negative for negative <c>a</c>): <c>d ∛a = da / (3 ∛a²)</c> (infinite at 0).</summary>
    public static Dual Cbrt(Dual a)
    {
        double root = Math.Cbrt(a.Value);
        return new(root, a.Derivative / (3.0 * (root * root)));
    }

    /// <summary>
    /// <c>a·b + c</c> rounded once, as <see cref="Math.FusedMultiplyAdd(double, double, double)"/>; the tangent is the
    /// product rule's, <c>da·b + a·db + dc</c>.
    /// </summary>
    public static Dual FusedMultiplyAdd(Dual a, Dual b, Dual c) =>
        new(Math.FusedMultiplyAdd(a.Value, b.Value, c.Value), (a.Derivative * b.Value) + (a.Value * b.Derivative) + c.Derivative);

    /// <summary>
    /// <paramref name="value"/> limited to [<paramref name="min"/>, <paramref name="max"/>], as
    /// <see cref="Math.Clamp(double, double, double)"/>, with the tangent of the argument returned (the bound's below
    /// or above the interval, the value's inside it and for NaN).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="min"/> is greater than <paramref name="max"/>.</exception>
    public static Dual Clamp(Dual value, Dual min, Dual max)
    {
        if (min.Value > max.Value)
        {
            throw new ArgumentException(
                $"Clamp needs min <= max; got min = {min.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, max = {max.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}.",
                nameof(min));
        }

        return value.Value < min.Value ? min : value.Value > max.Value ? max : value;
    }

    /// <summary>
    /// −1, 0 or 1 by the sign of <paramref name="a"/> (0 for NaN, where <see cref="Math.Sign(double)"/> throws), as a
    /// dual with tangent 0: the derivative wherever it exists (everywhere but 0).
    /// </summary>
    public static Dual Sign(Dual a) => new(a.Value > 0.0 ? 1.0 : (a.Value < 0.0 ? -1.0 : 0.0), 0.0);

    /// <summary>The largest integer not above <paramref name="a"/>, with tangent 0 (the derivative everywhere but at integers).</summary>
    public static Dual Floor(Dual a) => new(Math.Floor(a.Value), 0.0);

    /// <summary>
    /// The nearest integer, ties to even, as <see cref="Math.Round(double)"/>, with tangent 0 (the derivative everywhere
    /// but at half-integers).
    /// </summary>
    public static Dual Round(Dual a) => new(Math.Round(a.Value), 0.0);

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
