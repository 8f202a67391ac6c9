using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>Four doubles per lane vector (AVX2): the width of the generated lane code.</summary>
internal readonly struct Vector256Lane : ILane<Vector256<double>>
{
    public static int Count => Vector256<double>.Count;

    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Broadcast(double value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> left, Vector256<double> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Subtract(Vector256<double> left, Vector256<double> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Multiply(Vector256<double> left, Vector256<double> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Negate(Vector256<double> value) => -value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAllZero(Vector256<double> value) => Vector256.EqualsAll(value, Vector256<double>.Zero);
}
