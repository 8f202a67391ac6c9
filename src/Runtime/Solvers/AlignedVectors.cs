using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// A buffer of <see cref="Vector256{T}"/> whose first element sits on a 64-byte boundary. Managed arrays are only
/// 8-byte aligned, so a third of their 32-byte loads straddle a cache line; the hot lane loops read every element
/// several times per step. The storage is a pinned (never moving) array, so the alignment found once holds.
/// </summary>
internal sealed class AlignedVectors
{
    private const int Alignment = 64;
    private readonly double[] _storage;
    private readonly int _offset;

    public AlignedVectors(int length)
    {
        Length = length;
        int doubles = length * Vector256<double>.Count;
        _storage = GC.AllocateArray<double>(doubles + (Alignment / sizeof(double)), pinned: true);
        GCHandle handle = GCHandle.Alloc(_storage, GCHandleType.Pinned);
        nint address = handle.AddrOfPinnedObject();
        handle.Free();
        _offset = (int)((Alignment - (address % Alignment)) % Alignment) / sizeof(double);
    }

    /// <summary>Gets the number of vectors.</summary>
    public int Length { get; }

    /// <summary>Gets the vectors.</summary>
    public Span<Vector256<double>> Span =>
        MemoryMarshal.Cast<double, Vector256<double>>(_storage.AsSpan(_offset, Length * Vector256<double>.Count));
}
