using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// A buffer of <see cref="Vector256{T}"/> that starts at a chosen offset within a 4 KiB page (a multiple of 64 bytes,
/// so every 512-bit access stays inside one cache line). Managed arrays are only 8-byte aligned and land anywhere in a
/// page: when two buffers that one loop reads and writes at the same index happen to start at the same page offset,
/// the CPU takes the store for a possible source of the later loads (4 KiB aliasing) and the lane gradient ran at half
/// speed in about half of the process starts (measured 42 vs 81 ms). Giving each buffer of a loop its own offset makes
/// the speed independent of where the allocator put them. The storage is pinned, so the offset found once holds.
/// </summary>
internal sealed class AlignedVectors
{
    private const int Page = 4096;
    private readonly double[] _storage;
    private readonly int _offset;

    /// <param name="length">The number of vectors.</param>
    /// <param name="pageOffset">Where in a 4 KiB page the first vector starts: a multiple of 64 below 4096.</param>
    public AlignedVectors(int length, int pageOffset)
    {
        if (pageOffset < 0 || pageOffset >= Page || pageOffset % 64 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pageOffset), pageOffset, "Expected a multiple of 64 below 4096.");
        }

        Length = length;
        int doubles = length * Vector256<double>.Count;
        lock (PageOffsetArray.Gate)
        {
            _storage = GC.AllocateArray<double>(doubles + (Page / sizeof(double)), pinned: true);
        }

        GCHandle handle = GCHandle.Alloc(_storage, GCHandleType.Pinned);
        nint address = handle.AddrOfPinnedObject();
        handle.Free();
        _offset = (int)(((pageOffset - (address % Page)) + Page) % Page) / sizeof(double);
    }

    /// <summary>Gets the number of vectors.</summary>
    public int Length { get; }

    /// <summary>Gets the vectors.</summary>
    public Span<Vector256<double>> Span => MemoryMarshal.Cast<double, Vector256<double>>(Doubles);

    /// <summary>Gets the vectors' doubles, as the lane-generic steps (<see cref="RungeKuttaStep"/>) take them.</summary>
    public Span<double> Doubles => _storage.AsSpan(_offset, Length * Vector256<double>.Count);
}
