using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// Reads a span of <see cref="Vector256{T}"/> as half as many <see cref="Vector512{T}"/> (callers check the length is
/// even): element-wise lane work does not care how lanes are grouped, and on AVX-512 the wide form needs half the
/// instructions.
/// </summary>
internal static class LaneWidening
{
    public static ReadOnlySpan<Vector512<double>> Wide(ReadOnlySpan<Vector256<double>> values) =>
        MemoryMarshal.Cast<Vector256<double>, Vector512<double>>(values);

    public static Span<Vector512<double>> Wide(Span<Vector256<double>> values) =>
        MemoryMarshal.Cast<Vector256<double>, Vector512<double>>(values);
}
