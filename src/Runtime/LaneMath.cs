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
}
