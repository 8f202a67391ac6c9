using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// The error norm of a group of samples that share one adaptive step sequence, laid out component-major in lanes
/// (<see cref="VectorLanes"/>: component <c>c</c> of sample <c>s</c> at <c>c × S + s</c>): the largest of the samples'
/// own RMS norms, <c>max_s sqrt(mean_c(ratio_{c,s}²))</c>. A step is accepted only when every sample would accept it,
/// so each sample's local error meets the tolerance it would meet solved alone (torchdiffeq's batched solve takes the
/// RMS over the whole batch instead, which lets a hard sample hide among easy ones).
/// </summary>
internal sealed class SampleMaxErrorNorm : IErrorNorm
{
    private readonly int _samples;
    private readonly int _measured;

    /// <param name="samples">The samples <c>S</c> in the group (a multiple of four: whole lane vectors).</param>
    /// <param name="measuredComponents">
    /// How many leading components of each sample the norm measures (0: all): <c>2n</c> of the adjoint's <c>[x, λ, z]</c>
    /// is the adjoint seminorm (<see cref="LeadingComponentsErrorNorm"/>).
    /// </param>
    public SampleMaxErrorNorm(int samples, int measuredComponents = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        ArgumentOutOfRangeException.ThrowIfNegative(measuredComponents);
        _measured = measuredComponents;
        if (samples % Vector256<double>.Count != 0)
        {
            throw new ArgumentException($"A group holds whole lane vectors of {Vector256<double>.Count} samples, not {samples}.", nameof(samples));
        }

        _samples = samples;
    }

    /// <inheritdoc/>
    public double Measure(ReadOnlySpan<double> error, ReadOnlySpan<double> start, ReadOnlySpan<double> candidate, double relativeTolerance, double absoluteTolerance)
    {
        int components = _measured > 0 ? Math.Min(_measured, error.Length / _samples) : error.Length / _samples;
        int vectors = _samples / Vector256<double>.Count;
        ReadOnlySpan<Vector256<double>> e = MemoryMarshal.Cast<double, Vector256<double>>(error);
        ReadOnlySpan<Vector256<double>> y = MemoryMarshal.Cast<double, Vector256<double>>(start);
        ReadOnlySpan<Vector256<double>> z = MemoryMarshal.Cast<double, Vector256<double>>(candidate);
        Vector256<double> atol = Vector256.Create(absoluteTolerance);
        Vector256<double> rtol = Vector256.Create(relativeTolerance);
        Vector256<double> largest = Vector256<double>.Zero;
        Vector256<double> any = Vector256<double>.Zero;
        for (int g = 0; g < vectors; g++)
        {
            // One sample per lane: the sum over its components in component order, as RmsErrorNorm sums one sample.
            Vector256<double> sum = Vector256<double>.Zero;
            for (int c = 0; c < components; c++)
            {
                int i = (c * vectors) + g;
                Vector256<double> scale = atol + (rtol * Vector256.Max(Vector256.Abs(y[i]), Vector256.Abs(z[i])));
                Vector256<double> ratio = e[i] / scale;
                sum += ratio * ratio;
            }

            largest = Vector256.Max(largest, sum);
            any += sum;
        }

        // A NaN or ∞ anywhere (a sample that left the finite range) rejects the step, as the RMS norm's NaN does.
        double total = Vector256.Sum(any);
        if (!double.IsFinite(total))
        {
            return double.NaN;
        }

        double max = Math.Max(Math.Max(largest[0], largest[1]), Math.Max(largest[2], largest[3]));
        return Math.Sqrt(max / components);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        _measured > 0 ? $"max over {_samples} samples of the RMS of each one's first {_measured} components" : $"max over {_samples} samples of each one's RMS";
}
