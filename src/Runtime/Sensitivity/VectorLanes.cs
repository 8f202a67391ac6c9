using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// The layout of samples in <see cref="Vector256{T}"/> lanes: a group of <see cref="SamplesPerGroup"/> consecutive
/// samples is <see cref="VectorsPerGroup"/> sub-groups of four; sub-group <c>g</c> holds its <c>d</c> components as
/// <c>d</c> consecutive vectors, lane <c>l</c> of which belongs to sample <c>4g + l</c>.
/// </summary>
internal static class VectorLanes
{
    /// <summary>Independent four-sample vectors per group: enough dependency chains in flight to keep both FP pipes busy.</summary>
    public const int VectorsPerGroup = 4;

    /// <summary>Samples solved together.</summary>
    public const int SamplesPerGroup = VectorsPerGroup * 4;

    /// <summary>Gets a value indicating whether the model has generated lane code and the CPU runs it natively.</summary>
    public static bool IsAvailable<TModel>()
        where TModel : struct, IOdeModel<TModel> =>
        TModel.HasVectorLanes && Vector256.IsHardwareAccelerated;

    /// <summary>Copies <c>n</c> components per sample (sample-major) into the first <c>n</c> of every <c>stride</c> vectors.</summary>
    public static void Load(ReadOnlySpan<double> samples, int n, int stride, Span<Vector256<double>> lanes)
    {
        for (int g = 0; g < VectorsPerGroup; g++)
        {
            ReadOnlySpan<double> s = samples.Slice(4 * g * n, 4 * n);
            for (int c = 0; c < n; c++)
            {
                lanes[(g * stride) + c] = Vector256.Create(s[c], s[n + c], s[(2 * n) + c], s[(3 * n) + c]);
            }
        }
    }

    /// <summary>The inverse of <see cref="Load"/>: <c>n</c> components from offset <paramref name="first"/> of every <c>stride</c> vectors.</summary>
    public static void Store(ReadOnlySpan<Vector256<double>> lanes, int first, int n, int stride, Span<double> samples)
    {
        for (int g = 0; g < VectorsPerGroup; g++)
        {
            Span<double> s = samples.Slice(4 * g * n, 4 * n);
            for (int c = 0; c < n; c++)
            {
                Vector256<double> v = lanes[(g * stride) + first + c];
                s[c] = v.GetElement(0);
                s[n + c] = v.GetElement(1);
                s[(2 * n) + c] = v.GetElement(2);
                s[(3 * n) + c] = v.GetElement(3);
            }
        }
    }
}
