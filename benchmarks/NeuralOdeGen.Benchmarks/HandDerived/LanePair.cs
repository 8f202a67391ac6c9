using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen.Benchmarks.HandDerived;

/// <summary>Sixteen samples as two 512-bit vectors: two independent dependency chains per instruction stream.</summary>
public readonly struct LanePair
{
    public readonly Vector512<double> A;
    public readonly Vector512<double> B;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LanePair(Vector512<double> a, Vector512<double> b)
    {
        A = a;
        B = b;
    }

    public static LanePair Zero => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair Splat(double value) => new(Vector512.Create(value), Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair operator +(LanePair x, LanePair y) => new(x.A + y.A, x.B + y.B);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair operator -(LanePair x, LanePair y) => new(x.A - y.A, x.B - y.B);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair operator -(LanePair x) => new(-x.A, -x.B);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair operator *(LanePair x, LanePair y) => new(x.A * y.A, x.B * y.B);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair operator *(double s, LanePair y) => new(Vector512.Create(s) * y.A, Vector512.Create(s) * y.B);

    public double Sum() => Vector512.Sum(A) + Vector512.Sum(B);
}
