using System.Runtime.CompilerServices;

namespace NeuralOdeGen;

/// <summary>One double per lane: the width of the one-sample stepper and of the leftovers after the vectors.</summary>
internal readonly struct ScalarLane : ILane<double>
{
    public static int Count => 1;

    public static bool IsHardwareAccelerated => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Broadcast(double value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Add(double left, double right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Subtract(double left, double right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Multiply(double left, double right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Negate(double value) => -value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAllZero(double value) => value == 0.0;
}
