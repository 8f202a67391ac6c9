namespace NeuralOdeGen;

/// <summary>
/// How <see cref="BatchGradientEngine{TModel}"/> cuts a dataset into blocks whose sums it adds in block order. Block sizes
/// are part of the arithmetic, so they depend on the dataset only, never on the machine or the thread count. Large
/// datasets: one vector-lane group (<see cref="VectorLanes.SamplesPerGroup"/>) per block. Small ones (a training batch of
/// 20 sequences): blocks of 8, so that a few expensive samples still spread over the cores.
/// </summary>
internal static class SampleBlocks
{
    private const int LargeBlockSize = 128;
    private const int SmallBlockSize = 8;
    private const int SmallDatasetLimit = 256;

    /// <summary>Gets the number of samples per block (every block but the last is full) for a dataset of <paramref name="sampleCount"/> samples.</summary>
    public static int SizeFor(int sampleCount) => sampleCount < SmallDatasetLimit ? SmallBlockSize : LargeBlockSize;
}
