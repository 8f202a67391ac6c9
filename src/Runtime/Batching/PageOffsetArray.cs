using System;
using System.Runtime.InteropServices;

namespace NeuralOdeGen;

/// <summary>
/// Plain <see cref="double"/> arrays that start at a chosen offset within a 4 KiB page, for code that indexes arrays
/// directly (<see cref="RungeKuttaStepper"/>), where <see cref="AlignedVectors"/>' span property adds work to every
/// access. The pinned object heap places consecutive allocations one after the other, so a pinned filler of the right
/// size in front of the array puts it where it is wanted; the placement is checked and retried, and should the heap
/// ever not cooperate, the array is still correct, only placed anywhere. Pinned allocations of this library take
/// <see cref="Gate"/>, so that two threads building workspaces at once do not slip arrays between a filler and its array.
/// </summary>
internal static class PageOffsetArray
{
    /// <summary>Gets the lock around this library's pinned allocations (here and in <see cref="AlignedVectors"/>).</summary>
    public static readonly object Gate = new();

    private const int Page = 4096;
    // A misplaced attempt usually means the allocation went into a free gap of the pinned heap rather than at its end;
    // each attempt fills such a gap, so a few dozen reach the end, where the filler works (8 were seen to fall short for
    // arrays of 1–7 doubles, and 64 once for one double, late in a test run whose lane buffers had left many gaps). A
    // miss costs at most a page of pinned garbage, so a thousand attempts waste at most 4 MiB, once per buffer.
    private const int Attempts = 1_024;

    // An array's elements start 24 bytes after its object's space (object header, method table, length); a byte
    // array's space is those 24 bytes plus its elements rounded up to 8.
    private const int ArrayHeader = 24;

    /// <summary>Gets a pinned array of <paramref name="length"/> doubles, its first element at <paramref name="pageOffset"/> within a page when the heap allows.</summary>
    /// <param name="length">The number of doubles.</param>
    /// <param name="pageOffset">A multiple of 64 below 4096.</param>
    public static double[] Allocate(int length, int pageOffset)
    {
        if (pageOffset < 0 || pageOffset >= Page || pageOffset % 64 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pageOffset), pageOffset, "Expected a multiple of 64 below 4096.");
        }

        lock (Gate)
        {
            double[] array = GC.AllocateArray<double>(length, pinned: true);
            for (int attempt = 0; attempt < Attempts && OffsetOf(array) != pageOffset; attempt++)
            {
                // The next object's space starts where this array ends; a filler there shifts the array after it.
                long end = OffsetOf(array) + ((long)length * sizeof(double));
                int filler = (int)((((pageOffset - end - (2 * ArrayHeader)) % Page) + Page) % Page);
                _ = GC.AllocateArray<byte>(filler, pinned: true);
                array = GC.AllocateArray<double>(length, pinned: true);
            }

            return array;
        }
    }

    /// <summary>Gets where in its page the first element of the pinned <paramref name="array"/> is.</summary>
    public static int OffsetOf(double[] array)
    {
        GCHandle handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        nint address = handle.AddrOfPinnedObject();
        handle.Free();
        return (int)(address % Page);
    }
}
