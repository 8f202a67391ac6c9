using System;

namespace NeuralOdeGen;

/// <summary>
/// One object per number of lane vectors a group fills (1 … <see cref="VectorLanes.VectorsPerGroup"/>), made on first use:
/// the work of a shared-step group (its stepper, its record) is sized to the group's own vectors, so a group of 20
/// samples integrates 5 vectors, not 32. A dataset meets at most two sizes (full groups and the last one).
/// </summary>
internal sealed class PerVectorCount<T>
    where T : class
{
    private readonly Func<int, T> _create;
    private readonly T?[] _items = new T?[VectorLanes.VectorsPerGroup + 1];

    /// <param name="create">Makes the object for a number of vectors.</param>
    public PerVectorCount(Func<int, T> create) => _create = create;

    /// <summary>Gets the object for <paramref name="count"/> vectors, making it the first time.</summary>
    public T For(int count) => _items[count] ??= _create(count);

    /// <summary>
    /// Makes the objects for the groups the batch engine cuts <paramref name="sampleCount"/> samples into (full blocks and the
    /// last one) up front, so that no warmed-up gradient allocates, whichever worker's workspace gets which group.
    /// </summary>
    public void PrepareFor(int sampleCount)
    {
        int block = SampleBlocks.SizeFor(sampleCount);
        For(VectorLanes.VectorsFor(Math.Min(block, sampleCount)));
        if (sampleCount % block != 0)
        {
            For(VectorLanes.VectorsFor(sampleCount % block));
        }
    }
}
