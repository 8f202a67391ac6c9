using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// Applies a scalar <see cref="Math"/> function to each lane of a <see cref="Vector256{T}"/>, for the generated
/// <c>EvaluateLanes</c> and <c>VectorJacobianProductLanes</c> members. These functions are not exactly rounded (or,
/// for <see cref="Max"/> and <see cref="Min"/>, have NaN and signed-zero rules of their own), so a vectorised
/// approximation could differ from <see cref="Math"/> in the last bit; calling <see cref="Math"/> per lane keeps
/// every lane bit-identical to the scalar members.
/// </summary>
public static class LaneMath
{
    /// <summary>Computes <see cref="Math.Exp(double)"/> of each lane.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns>e raised to each lane of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x) =>
        Vector256.Create(Math.Exp(x.GetElement(0)), Math.Exp(x.GetElement(1)), Math.Exp(x.GetElement(2)), Math.Exp(x.GetElement(3)));

    /// <summary>Computes <see cref="Math.Log(double)"/> of each lane.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The natural logarithm of each lane of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log(Vector256<double> x) =>
        Vector256.Create(Math.Log(x.GetElement(0)), Math.Log(x.GetElement(1)), Math.Log(x.GetElement(2)), Math.Log(x.GetElement(3)));

    /// <summary>Computes <see cref="Math.Sin(double)"/> of each lane.</summary>
    /// <param name="x">The angles in radians.</param>
    /// <returns>The sine of each lane of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sin(Vector256<double> x) =>
        Vector256.Create(Math.Sin(x.GetElement(0)), Math.Sin(x.GetElement(1)), Math.Sin(x.GetElement(2)), Math.Sin(x.GetElement(3)));

    /// <summary>Computes <see cref="Math.Cos(double)"/> of each lane.</summary>
    /// <param name="x">The angles in radians.</param>
    /// <returns>The cosine of each lane of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Cos(Vector256<double> x) =>
        Vector256.Create(Math.Cos(x.GetElement(0)), Math.Cos(x.GetElement(1)), Math.Cos(x.GetElement(2)), Math.Cos(x.GetElement(3)));

    /// <summary>Computes <see cref="Math.Tan(double)"/> of each lane.</summary>
    /// <param name="x">The angles in radians.</param>
    /// <returns>The tangent of each lane of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Tan(Vector256<double> x) =>
        Vector256.Create(Math.Tan(x.GetElement(0)), Math.Tan(x.GetElement(1)), Math.Tan(x.GetElement(2)), Math.Tan(x.GetElement(3)));

    /// <summary>Computes <see cref="Math.Tanh(double)"/> of each lane.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The hyperbolic tangent of each lane of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Tanh(Vector256<double> x) =>
        Vector256.Create(Math.Tanh(x.GetElement(0)), Math.Tanh(x.GetElement(1)), Math.Tanh(x.GetElement(2)), Math.Tanh(x.GetElement(3)));

    /// <summary>Computes <see cref="Math.Sinh(double)"/> of each lane.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The hyperbolic sine of each lane of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sinh(Vector256<double> x) =>
        Vector256.Create(Math.Sinh(x.GetElement(0)), Math.Sinh(x.GetElement(1)), Math.Sinh(x.GetElement(2)), Math.Sinh(x.GetElement(3)));

    /// <summary>Computes <see cref="Math.Cosh(double)"/> of each lane.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The hyperbolic cosine of each lane of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Cosh(Vector256<double> x) =>
        Vector256.Create(Math.Cosh(x.GetElement(0)), Math.Cosh(x.GetElement(1)), Math.Cosh(x.GetElement(2)), Math.Cosh(x.GetElement(3)));

    /// <summary>Computes <see cref="Math.Atan(double)"/> of each lane.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The arctangent, in radians, of each lane of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Atan(Vector256<double> x) =>
        Vector256.Create(Math.Atan(x.GetElement(0)), Math.Atan(x.GetElement(1)), Math.Atan(x.GetElement(2)), Math.Atan(x.GetElement(3)));

    /// <summary>Computes <see cref="Math.Pow(double, double)"/> lane by lane.</summary>
    /// <param name="x">The bases.</param>
    /// <param name="y">The exponents.</param>
    /// <returns>Each lane of <paramref name="x"/> raised to the same lane of <paramref name="y"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Pow(Vector256<double> x, Vector256<double> y) =>
        Vector256.Create(
            Math.Pow(x.GetElement(0), y.GetElement(0)),
            Math.Pow(x.GetElement(1), y.GetElement(1)),
            Math.Pow(x.GetElement(2), y.GetElement(2)),
            Math.Pow(x.GetElement(3), y.GetElement(3)));

    /// <summary>Computes <see cref="Math.Max(double, double)"/> lane by lane (NaN propagates; +0 is above −0).</summary>
    /// <param name="x">The first values.</param>
    /// <param name="y">The second values.</param>
    /// <returns>The larger of each pair of lanes, exactly as <see cref="Math.Max(double, double)"/> picks it.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Max(Vector256<double> x, Vector256<double> y) =>
        Vector256.Create(
            Math.Max(x.GetElement(0), y.GetElement(0)),
            Math.Max(x.GetElement(1), y.GetElement(1)),
            Math.Max(x.GetElement(2), y.GetElement(2)),
            Math.Max(x.GetElement(3), y.GetElement(3)));

    /// <summary>Computes <see cref="Math.Min(double, double)"/> lane by lane (NaN propagates; −0 is below +0).</summary>
    /// <param name="x">The first values.</param>
    /// <param name="y">The second values.</param>
    /// <returns>The smaller of each pair of lanes, exactly as <see cref="Math.Min(double, double)"/> picks it.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Min(Vector256<double> x, Vector256<double> y) =>
        Vector256.Create(
            Math.Min(x.GetElement(0), y.GetElement(0)),
            Math.Min(x.GetElement(1), y.GetElement(1)),
            Math.Min(x.GetElement(2), y.GetElement(2)),
            Math.Min(x.GetElement(3), y.GetElement(3)));

    /// <summary>Computes <see cref="Math.Asinh(double)"/> of each lane.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The inverse hyperbolic sine of each lane of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Asinh(Vector256<double> x) =>
        Vector256.Create(Math.Asinh(x.GetElement(0)), Math.Asinh(x.GetElement(1)), Math.Asinh(x.GetElement(2)), Math.Asinh(x.GetElement(3)));

    /// <summary>Computes <see cref="Math.Acosh(double)"/> of each lane.</summary>
    /// <param name="x">The arguments (at least 1).</param>
    /// <returns>The inverse hyperbolic cosine of each lane of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Acosh(Vector256<double> x) =>
        Vector256.Create(Math.Acosh(x.GetElement(0)), Math.Acosh(x.GetElement(1)), Math.Acosh(x.GetElement(2)), Math.Acosh(x.GetElement(3)));

    /// <summary>Computes <see cref="Math.Atanh(double)"/> of each lane.</summary>
    /// <param name="x">The arguments (between −1 and 1).</param>
    /// <returns>The inverse hyperbolic tangent of each lane of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Atanh(Vector256<double> x) =>
        Vector256.Create(Math.Atanh(x.GetElement(0)), Math.Atanh(x.GetElement(1)), Math.Atanh(x.GetElement(2)), Math.Atanh(x.GetElement(3)));

    /// <summary>Computes <see cref="Math.Asin(double)"/> of each lane.</summary>
    /// <param name="x">The arguments (between −1 and 1).</param>
    /// <returns>The arcsine, in radians, of each lane of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Asin(Vector256<double> x) =>
        Vector256.Create(Math.Asin(x.GetElement(0)), Math.Asin(x.GetElement(1)), Math.Asin(x.GetElement(2)), Math.Asin(x.GetElement(3)));

    /// <summary>Computes <see cref="Math.Acos(double)"/> of each lane.</summary>
    /// <param name="x">The arguments (between −1 and 1).</param>
    /// <returns>The arccosine, in radians, of each lane of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Acos(Vector256<double> x) =>
        Vector256.Create(Math.Acos(x.GetElement(0)), Math.Acos(x.GetElement(1)), Math.Acos(x.GetElement(2)), Math.Acos(x.GetElement(3)));

    /// <summary>Computes <see cref="Math.Log2(double)"/> of each lane.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The base-2 logarithm of each lane of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log2(Vector256<double> x) =>
        Vector256.Create(Math.Log2(x.GetElement(0)), Math.Log2(x.GetElement(1)), Math.Log2(x.GetElement(2)), Math.Log2(x.GetElement(3)));

    /// <summary>Computes <see cref="Math.Log10(double)"/> of each lane.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The base-10 logarithm of each lane of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log10(Vector256<double> x) =>
        Vector256.Create(Math.Log10(x.GetElement(0)), Math.Log10(x.GetElement(1)), Math.Log10(x.GetElement(2)), Math.Log10(x.GetElement(3)));

    /// <summary>Computes <see cref="Math.Cbrt(double)"/> of each lane.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The real cube root of each lane of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Cbrt(Vector256<double> x) =>
        Vector256.Create(Math.Cbrt(x.GetElement(0)), Math.Cbrt(x.GetElement(1)), Math.Cbrt(x.GetElement(2)), Math.Cbrt(x.GetElement(3)));

    /// <summary>Computes <see cref="Math.Floor(double)"/> of each lane.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The largest integer not above each lane of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Floor(Vector256<double> x) =>
        Vector256.Create(Math.Floor(x.GetElement(0)), Math.Floor(x.GetElement(1)), Math.Floor(x.GetElement(2)), Math.Floor(x.GetElement(3)));

    /// <summary>Computes <see cref="Math.Round(double)"/> of each lane.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The nearest integer (ties to even) to each lane of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Round(Vector256<double> x) =>
        Vector256.Create(Math.Round(x.GetElement(0)), Math.Round(x.GetElement(1)), Math.Round(x.GetElement(2)), Math.Round(x.GetElement(3)));

    /// <summary>Computes <see cref="Math.Atan2(double, double)"/> lane by lane.</summary>
    /// <param name="y">The ordinates.</param>
    /// <param name="x">The abscissas.</param>
    /// <returns>The angle, in radians, of each point (<paramref name="x"/>, <paramref name="y"/>).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Atan2(Vector256<double> y, Vector256<double> x) =>
        Vector256.Create(
            Math.Atan2(y.GetElement(0), x.GetElement(0)),
            Math.Atan2(y.GetElement(1), x.GetElement(1)),
            Math.Atan2(y.GetElement(2), x.GetElement(2)),
            Math.Atan2(y.GetElement(3), x.GetElement(3)));

    /// <summary>Computes <see cref="Math.FusedMultiplyAdd(double, double, double)"/> lane by lane (one rounding, as the scalar call).</summary>
    /// <param name="x">The first factors.</param>
    /// <param name="y">The second factors.</param>
    /// <param name="z">The addends.</param>
    /// <returns><c>x·y + z</c> rounded once, in each lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> FusedMultiplyAdd(Vector256<double> x, Vector256<double> y, Vector256<double> z) =>
        Vector256.Create(
            Math.FusedMultiplyAdd(x.GetElement(0), y.GetElement(0), z.GetElement(0)),
            Math.FusedMultiplyAdd(x.GetElement(1), y.GetElement(1), z.GetElement(1)),
            Math.FusedMultiplyAdd(x.GetElement(2), y.GetElement(2), z.GetElement(2)),
            Math.FusedMultiplyAdd(x.GetElement(3), y.GetElement(3), z.GetElement(3)));

    /// <summary>Computes <see cref="Math.Clamp(double, double, double)"/> lane by lane (and throws as it does for min &gt; max).</summary>
    /// <param name="value">The values.</param>
    /// <param name="min">The lower bounds.</param>
    /// <param name="max">The upper bounds.</param>
    /// <returns>Each lane of <paramref name="value"/> limited to its lanes' bounds.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Clamp(Vector256<double> value, Vector256<double> min, Vector256<double> max) =>
        Vector256.Create(
            Math.Clamp(value.GetElement(0), min.GetElement(0), max.GetElement(0)),
            Math.Clamp(value.GetElement(1), min.GetElement(1), max.GetElement(1)),
            Math.Clamp(value.GetElement(2), min.GetElement(2), max.GetElement(2)),
            Math.Clamp(value.GetElement(3), min.GetElement(3), max.GetElement(3)));
}
