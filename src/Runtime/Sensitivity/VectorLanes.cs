using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// The layout of a group of samples in <see cref="Vector256{T}"/> lanes: <see cref="SamplesPerGroup"/> consecutive
/// samples in <see cref="VectorsPerGroup"/> vectors of four, component-major (component <c>c</c> of the samples in
/// vector <c>g</c> at <c>c × VectorsPerGroup + g</c>), the block layout of <see cref="IOdeModel{TSelf}.EvaluateLanes"/>.
/// A shorter group fills its unused lanes with copies of its last sample, whose results are discarded.
/// </summary>
internal static class VectorLanes
{
    /// <summary>Vectors per group: enough independent dependency chains to keep the FP pipes busy, and one call per stage amortised over 32 samples.</summary>
    public const int VectorsPerGroup = 8;

    /// <summary>Samples solved together.</summary>
    public const int SamplesPerGroup = VectorsPerGroup * 4;

    /// <summary>Gets a value indicating whether the model has generated lane code and the CPU runs it natively.</summary>
    public static bool IsAvailable<TModel>()
        where TModel : struct, IOdeModel<TModel> =>
        TModel.HasVectorLanes && Vector256.IsHardwareAccelerated;

    /// <summary>Copies the <c>samples.Length / n</c> samples (sample-major, <c>n</c> components each) into a component-major block.</summary>
    public static void Load(ReadOnlySpan<double> samples, int n, Span<Vector256<double>> block)
    {
        int last = (samples.Length / n) - 1;
        for (int c = 0; c < n; c++)
        {
            for (int g = 0; g < VectorsPerGroup; g++)
            {
                int first = 4 * g;
                block[(c * VectorsPerGroup) + g] = Vector256.Create(
                    samples[(Math.Min(first, last) * n) + c],
                    samples[(Math.Min(first + 1, last) * n) + c],
                    samples[(Math.Min(first + 2, last) * n) + c],
                    samples[(Math.Min(first + 3, last) * n) + c]);
            }
        }
    }

    /// <summary>The inverse of <see cref="Load"/> for the <c>samples.Length / n</c> real samples.</summary>
    public static void Store(ReadOnlySpan<Vector256<double>> block, int n, Span<double> samples)
    {
        int count = samples.Length / n;
        for (int s = 0; s < count; s++)
        {
            int g = s / 4;
            int lane = s % 4;
            for (int c = 0; c < n; c++)
            {
                samples[(s * n) + c] = block[(c * VectorsPerGroup) + g].GetElement(lane);
            }
        }
    }
}
