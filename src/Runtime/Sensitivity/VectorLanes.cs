using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// The layout of a group of samples in <see cref="Vector256{T}"/> lanes: up to <see cref="SamplesPerGroup"/> consecutive
/// samples in <c>count</c> vectors of four, component-major (component <c>c</c> of the samples in vector <c>g</c> at
/// <c>c × count + g</c>), the block layout of <see cref="IOdeModel{TSelf}.EvaluateLanes"/>. When the samples do not
/// fill the last vector, its unused lanes hold copies of the last sample, whose results are discarded.
/// </summary>
internal static class VectorLanes
{
    /// <summary>
    /// The largest group, in vectors: enough independent dependency chains to keep the FP pipes busy, and each call per
    /// stage (the model's, the combinations') amortised over 128 samples; measured 1.2–1.6× faster than 32 samples on
    /// the paper problem, while the stage record of the discrete adjoint (100 RK4 steps) still fits in L2.
    /// </summary>
    public const int VectorsPerGroup = 32;

    /// <summary>Samples solved together.</summary>
    public const int SamplesPerGroup = VectorsPerGroup * 4;

    /// <summary>
    /// The most parameters a model may have for the lane paths. Each lane keeps its own parameter adjoints (every sample's
    /// gradient is summed in sample order, as the one-by-one path does), so a group's vector–Jacobian product writes
    /// <c>m × count</c> vectors: past about a thousand parameters a 128-sample group's adjoints (m KiB) leave the 1 MiB L2
    /// and the lanes lose. Measured on Zen 4: the 2-50-2 spiral net (252 parameters) runs its VJP 1.2–1.3× faster in
    /// lanes; the 2-160-160-2 net (26 562) took 8.6× (discrete) and 35× (continuous adjoint) longer per demo iteration
    /// with shared steps in lanes than one sequence at a time, and the 32-256-256-32 MLP (82 464) runs its VJP 1.2–2.1×
    /// slower in lanes.
    /// </summary>
    public const int MaxParameters = 1_024;

    /// <summary>
    /// Gets a value indicating whether the model has generated lane code, the CPU runs it natively, and the model has at
    /// most <see cref="MaxParameters"/> parameters.
    /// </summary>
    public static bool IsAvailable<TModel>()
        where TModel : struct, IOdeModel<TModel> =>
        TModel.HasVectorLanes && Vector256.IsHardwareAccelerated && TModel.ParameterCount <= MaxParameters;

    /// <summary>
    /// Gets a value indicating whether a gradient with this solver takes the lane path, bit-identical per sample to the
    /// one-by-one path for any loss (one observation time or many): a fixed-step explicit method without FSAL and
    /// generated lane code the CPU runs natively.
    /// </summary>
    public static bool AppliesTo<TModel>(OdeSolver solver)
        where TModel : struct, IOdeModel<TModel> =>
        FixedStepIntegrator.Supports(solver) && IsAvailable<TModel>();

    /// <summary>
    /// Gets a value indicating whether a gradient with this solver takes the shared-step lane path
    /// (<see cref="StepSharing.PerGroup"/>): an explicit adaptive method and generated lane code the CPU runs natively.
    /// </summary>
    public static bool AppliesToSharedSteps<TModel>(OdeSolver solver)
        where TModel : struct, IOdeModel<TModel> =>
        solver.Family == SolverFamily.ExplicitRungeKutta && solver.IsAdaptive && IsAvailable<TModel>();

    /// <summary>
    /// Adds the samples' losses and their gradients (sample-major, <paramref name="m"/> each) to the running sums, one
    /// sample after the other, as the one-by-one path does.
    /// </summary>
    public static void AddInSampleOrder(ReadOnlySpan<double> sampleLosses, ReadOnlySpan<double> sampleGradients, int m, ref double lossSum, Span<double> gradient)
    {
        for (int s = 0; s < sampleLosses.Length; s++)
        {
            lossSum += sampleLosses[s];
            ReadOnlySpan<double> sampleGradient = sampleGradients.Slice(s * m, m);
            for (int k = 0; k < m; k++)
            {
                gradient[k] += sampleGradient[k];
            }
        }
    }

    /// <summary>
    /// The loss at observation <paramref name="observation"/> of a group whose states are in lanes (<paramref name="count"/>
    /// vectors per component): stores the real samples' states sample-major into <paramref name="observed"/>, adds each
    /// one's loss to <paramref name="sampleLosses"/> and writes its <c>∂ℓ/∂x</c> into <paramref name="lossGradients"/>.
    /// </summary>
    public static void EvaluateLoss(
        ILoss loss, int firstSample, int observation, ReadOnlySpan<double> laneStates, int n, int count, Span<double> observed, Span<double> lossGradients, Span<double> sampleLosses)
    {
        Store(System.Runtime.InteropServices.MemoryMarshal.Cast<double, Vector256<double>>(laneStates), n, observed, count);
        for (int sample = 0; sample < observed.Length / n; sample++)
        {
            sampleLosses[sample] += loss.Evaluate(firstSample + sample, observation, observed.Slice(sample * n, n), lossGradients.Slice(sample * n, n));
        }
    }

    /// <summary>Gets the number of four-sample vectors that hold <paramref name="samples"/> samples (the last one padded).</summary>
    public static int VectorsFor(int samples) => (samples + 3) / 4;

    /// <summary>
    /// Copies the <c>samples.Length / n</c> samples (sample-major, <c>n</c> components each) into a component-major block
    /// of <see cref="VectorsFor"/> vectors per component, <c>block[c × count + g]</c>.
    /// </summary>
    public static void Load(ReadOnlySpan<double> samples, int n, Span<Vector256<double>> block) =>
        Load(samples, n, block, VectorsFor(samples.Length / n));

    /// <summary>
    /// <see cref="Load(ReadOnlySpan{double}, int, Span{Vector256{double}})"/> into <paramref name="count"/> vectors per
    /// component (at least <see cref="VectorsFor"/>), the lanes past the last sample holding copies of it.
    /// </summary>
    public static void Load(ReadOnlySpan<double> samples, int n, Span<Vector256<double>> block, int count)
    {
        int last = (samples.Length / n) - 1;
        for (int c = 0; c < n; c++)
        {
            for (int g = 0; g < count; g++)
            {
                int first = 4 * g;
                block[(c * count) + g] = Vector256.Create(
                    samples[(Math.Min(first, last) * n) + c],
                    samples[(Math.Min(first + 1, last) * n) + c],
                    samples[(Math.Min(first + 2, last) * n) + c],
                    samples[(Math.Min(first + 3, last) * n) + c]);
            }
        }
    }

    /// <summary>The inverse of <see cref="Load(ReadOnlySpan{double}, int, Span{Vector256{double}})"/> for the <c>samples.Length / n</c> real samples.</summary>
    public static void Store(ReadOnlySpan<Vector256<double>> block, int n, Span<double> samples) =>
        Store(block, n, samples, VectorsFor(samples.Length / n));

    /// <summary>The inverse of <see cref="Load(ReadOnlySpan{double}, int, Span{Vector256{double}}, int)"/> for the real samples.</summary>
    public static void Store(ReadOnlySpan<Vector256<double>> block, int n, Span<double> samples, int count)
    {
        int total = samples.Length / n;
        for (int s = 0; s < total; s++)
        {
            int g = s / 4;
            int lane = s % 4;
            for (int c = 0; c < n; c++)
            {
                samples[(s * n) + c] = block[(c * count) + g].GetElement(lane);
            }
        }
    }
}
