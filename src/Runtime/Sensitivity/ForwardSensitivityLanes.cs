using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// <see cref="ForwardSensitivity"/> for a group of samples in <see cref="Vector256{T}"/> lanes with the generated lane
/// code (<see cref="IOdeModel{TSelf}.JacobianVectorProductLanes"/>), for any number of observation times: the augmented
/// state <c>[x, ∂x/∂θ, ∂x/∂x0]</c> of the whole group crosses each interval between observations, and at each observation
/// every sample adds its <c>(∂ℓ/∂x)ᵀ S</c> to its own gradient. Also writes the samples' <c>∂x_t/∂θ</c> (for Gauss–Newton).
/// With a fixed-step explicit solver each interval is crossed on the solver's grid for it (as
/// <see cref="RungeKuttaStepper.AdvanceTo"/> does): per sample the same operations in the same order as the one-by-one
/// path, so the same bits. With an explicit adaptive solver (<see cref="StepSharing.PerGroup"/>) the group shares one
/// step sequence whose error norm is the largest of the samples' own over their whole augmented state
/// (<see cref="SampleMaxErrorNorm"/>), so each sample meets the tolerance it would meet alone, sensitivities included.
/// </summary>
internal sealed class ForwardSensitivityLanes<TModel>
    where TModel : struct, IOdeModel<TModel>
{
    /// <summary>
    /// The most vectors an augmented group holds (64 KiB): the integrator keeps the state and six stage-sized buffers
    /// of it, which then stay within the 1 MiB L2. Past that a group takes fewer samples (the 2-50-2 net's 506 doubles
    /// per sample: four vectors, 16 samples).
    /// </summary>
    private const int MaxAugmentedVectors = 2_048;

    // One of the two: the fixed-step integrator, or the shared-step steppers per number of vectors in a group.
    private readonly FixedStepIntegrator? _integrator;
    private readonly PerVectorCount<RungeKuttaStepper>? _steppers;
    private readonly AlignedVectors _augmented;
    private readonly int _columns;
    private readonly double[] _initial;
    private readonly double[] _observed;
    private readonly double[] _lossGradients;
    private readonly double[] _sampleGradients;
    private readonly double[] _initialStateGradients;
    private readonly bool _startTimeColumn;

    /// <param name="solver">
    /// A fixed-step explicit solver without FSAL (<see cref="FixedStepIntegrator.Supports"/>), or an explicit adaptive one
    /// (<see cref="VectorLanes.AppliesToSharedSteps{TModel}"/>) whose steps the group shares.
    /// </param>
    /// <param name="initialStateColumns">Whether the <c>n</c> columns <c>∂x/∂x0</c> are integrated too (for <c>∂L/∂x0</c>).</param>
    /// <param name="startTimeColumn">Whether the column <c>∂x/∂t0</c> is integrated too (for <c>∂L/∂t0</c>).</param>
    public ForwardSensitivityLanes(OdeSolver solver, bool initialStateColumns, bool startTimeColumn)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        _startTimeColumn = startTimeColumn;
        _columns = m + ExtraSensitivityColumns.Count(n, initialStateColumns, startTimeColumn);
        int width = n * (_columns + 1);
        VectorsPerGroup = Math.Clamp(MaxAugmentedVectors / width, 1, VectorLanes.VectorsPerGroup);
        int samples = SamplesPerGroup;
        if (solver.IsAdaptive)
        {
            // Created on a group size's first use (the engine's blocks and the dataset fix the few sizes that occur).
            _steppers = new(count => new RungeKuttaStepper(
                solver.WithErrorNorm(new SampleMaxErrorNorm(count * Vector256<double>.Count)), count * width * Vector256<double>.Count, laneLayout: true));
        }
        else
        {
            _integrator = new FixedStepIntegrator(solver, VectorsPerGroup * width * Vector256<double>.Count);
        }

        _augmented = new AlignedVectors(VectorsPerGroup * width, LanePageOffsets.State);
        _initial = new double[samples * width];
        _observed = new double[samples * n];
        _lossGradients = new double[samples * n];
        _sampleGradients = new double[samples * m];
        _initialStateGradients = initialStateColumns ? new double[samples * n] : [];
    }

    /// <summary>Gets the number of four-sample vectors a full group takes.</summary>
    public int VectorsPerGroup { get; }

    /// <summary>Gets the number of samples a full group takes.</summary>
    public int SamplesPerGroup => VectorsPerGroup * Vector256<double>.Count;

    /// <summary>
    /// Solves the <c>initialStates.Length / n</c> samples (at most <see cref="SamplesPerGroup"/>) from
    /// <paramref name="startTime"/> through the loss's observation times; adds their losses and gradients in sample order,
    /// writes their terminal states and, when not empty, their <c>∂L/∂x0</c> (sample-major, n each), their
    /// <c>∂x_t/∂θ</c> (sample-major, row-major n×m each) and their <c>∂L/∂t0</c> (one each; the workspace was built with
    /// the start-time column). Returns one sample's solver work. Throws before changing anything when a solve leaves the
    /// finite range.
    /// </summary>
    /// <exception cref="OdeSolverException">A value of the augmented state is not finite at an observation, or a shared step failed.</exception>
    public SolverStatistics Compute(
        ILoss loss,
        int firstSample,
        ReadOnlySpan<double> initialStates,
        double[] parameters,
        double startTime,
        double horizon,
        ref double lossSum,
        Span<double> gradient,
        Span<double> terminalStates,
        Span<double> initialStateGradients,
        Span<double> sensitivities,
        Span<double> startTimeGradients)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        int samples = initialStates.Length / n;
        int count = VectorLanes.VectorsFor(samples);
        int width = n * (_columns + 1);
        bool initialStateColumns = _initialStateGradients.Length != 0;
        ReadOnlySpan<double> times = loss.ObservationTimes;
        double span = Math.Abs(horizon - startTime);

        // The augmented start of each sample (x0, zero parameter columns, unit vectors for ∂x/∂x0, −f(t0, x0)), then into lanes:
        // component c of the augmented state sits at c × count, so each column is a block of n × count vectors.
        Span<double> initial = _initial.AsSpan(0, samples * width);
        for (int s = 0; s < samples; s++)
        {
            ExtraSensitivityColumns.Start<TModel>(
                initial.Slice(s * width, width), initialStates.Slice(s * n, n), parameters, startTime, initialStateColumns, _startTimeColumn);
        }

        Span<Vector256<double>> block = _augmented.Span[..(width * count)];
        Span<double> doubles = _augmented.Doubles[..(width * count * Vector256<double>.Count)];
        VectorLanes.Load(initial, width, block, count);

        Span<double> observed = _observed.AsSpan(0, samples * n);
        Span<double> lossGradients = _lossGradients.AsSpan(0, samples * n);
        Span<double> sampleGradients = _sampleGradients.AsSpan(0, samples * m);
        Span<double> sampleInitialStateGradients = _initialStateGradients.AsSpan(0, initialStateColumns ? samples * n : 0);
        sampleGradients.Clear();
        sampleInitialStateGradients.Clear();
        startTimeGradients.Clear();
        Span<double> sampleLosses = stackalloc double[VectorLanes.SamplesPerGroup];
        sampleLosses.Clear();
        var system = new VectorLaneSensitivitySystem<TModel>(parameters, _columns);
        RungeKuttaStepper? stepper = _steppers?.For(count);
        stepper?.ResetStatistics();
        stepper?.Reset(startTime, doubles);
        long steps = 0;
        int initialStateColumnCount = initialStateColumns ? n : 0;
        ReadOnlySpan<double> y = doubles;
        for (int k = 0; k < times.Length; k++)
        {
            if (stepper is null)
            {
                double from = k == 0 ? startTime : times[k - 1];
                steps += _integrator!.IntegrateFinite(ref system, from, times[k], span, doubles);
            }
            else
            {
                stepper.AdvanceTo(ref system, times[k], span, record: null);
                y = stepper.State;
            }

            VectorLanes.EvaluateLoss(loss, firstSample, k, y, n, count, observed, lossGradients, sampleLosses);
            for (int s = 0; s < samples; s++)
            {
                ReadOnlySpan<double> g = lossGradients.Slice(s * n, n);
                for (int j = 0; j < initialStateColumnCount; j++)
                {
                    sampleInitialStateGradients[(s * n) + j] += Dot(g, y, m + 1 + j, s, n, count);
                }

                if (_startTimeColumn)
                {
                    startTimeGradients[s] += Dot(g, y, m + 1 + initialStateColumnCount, s, n, count);
                }

                for (int q = 0; q < m; q++)
                {
                    sampleGradients[(s * m) + q] += Dot(g, y, q + 1, s, n, count);
                }
            }
        }

        // Nothing can fail from here on.
        if (!sensitivities.IsEmpty)
        {
            for (int s = 0; s < samples; s++)
            {
                for (int i = 0; i < n; i++)
                {
                    for (int q = 0; q < m; q++)
                    {
                        sensitivities[(s * n * m) + (i * m) + q] = Element(y, ((q + 1) * n) + i, s, count);
                    }
                }
            }
        }

        if (!initialStateGradients.IsEmpty)
        {
            sampleInitialStateGradients.CopyTo(initialStateGradients);
        }

        VectorLanes.AddInSampleOrder(sampleLosses[..samples], sampleGradients, m, ref lossSum, gradient);
        observed.CopyTo(terminalStates);
        if (stepper is not null)
        {
            return stepper.Statistics;
        }

        long stages = _integrator!.Method.StageCount;
        return new SolverStatistics(steps, 0, stages * steps);
    }

    // Component c of sample s in a component-major block of count vectors per component.
    private static double Element(ReadOnlySpan<double> block, int component, int sample, int count) =>
        block[(((component * count) + (sample / Vector256<double>.Count)) * Vector256<double>.Count) + (sample % Vector256<double>.Count)];

    // g · column for one sample, summed in the one-by-one path's order.
    private static double Dot(ReadOnlySpan<double> g, ReadOnlySpan<double> block, int column, int sample, int n, int count)
    {
        double sum = 0.0;
        for (int i = 0; i < n; i++)
        {
            sum += g[i] * Element(block, (column * n) + i, sample, count);
        }

        return sum;
    }
}
