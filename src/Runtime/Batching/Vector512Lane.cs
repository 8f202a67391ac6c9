using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// Eight doubles per lane vector (AVX-512). Element-wise stage work does not care how the samples are grouped, so a
/// block laid out for <see cref="Vector256Lane"/> is read as half as many of these: half the instructions.
/// </summary>
internal readonly struct Vector512Lane : ILane<Vector512<double>>
{
    public static int Count => Vector512<double>.Count;

    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Broadcast(double value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Add(Vector512<double> left, Vector512<double> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Subtract(Vector512<double> left, Vector512<double> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Multiply(Vector512<double> left, Vector512<double> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Negate(Vector512<double> value) => -value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAllZero(Vector512<double> value) => Vector512.EqualsAll(value, Vector512<double>.Zero);
}
