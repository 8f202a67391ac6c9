using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// <see cref="ContinuousAdjoint"/> with <see cref="StepSharing.PerGroup"/>: a group of up to
/// <see cref="VectorLanes.SamplesPerGroup"/> samples advanced by one adaptive stepper in <see cref="Vector256{T}"/> lanes
/// forwards, then the augmented system <c>[x, λ, z]</c> of the group (<see cref="VectorLaneAdjointSystem{TModel}"/>)
/// backwards by another, each step accepted when every sample accepts it (<see cref="SampleMaxErrorNorm"/> over each
/// sample's <c>2n + m</c> components), with the loss's jumps added to λ at the observation times. A group with fewer
/// samples integrates only the vectors it fills (<see cref="PerVectorCount{T}"/>), the last one's spare lanes holding
/// copies of its last sample.
/// </summary>
internal sealed class SharedStepContinuousAdjointLanes<TModel> : IVectorLaneGradient
    where TModel : struct, IOdeModel<TModel>
{
    private const int Samples = VectorLanes.SamplesPerGroup;
    private const int Count = VectorLanes.VectorsPerGroup;

    private readonly PerVectorCount<RungeKuttaStepper> _forward;
    private readonly PerVectorCount<RungeKuttaStepper> _backward;
    private readonly AlignedVectors _initial;
    private readonly AlignedVectors _augmented;
    private readonly AlignedVectors _jump;
    private readonly double[] _observed;
    private readonly double[] _lossGradients;
    private readonly double[] _parameterGradients;

    /// <param name="solver">An explicit adaptive solver (<see cref="VectorLanes.AppliesToSharedSteps{TModel}"/>).</param>
    /// <param name="observationCount">The loss's number of observation times.</param>
    /// <param name="seminorm">Whether the backward solve controls the error of <c>x</c> and <c>λ</c> only (<see cref="ContinuousAdjoint.Seminorm"/>).</param>
    /// <param name="sampleCount">The dataset's number of samples (the group sizes to prepare for).</param>
    public SharedStepContinuousAdjointLanes(OdeSolver solver, int observationCount, bool seminorm, int sampleCount)
    {
        int n = TModel.StateCount;
        int d = (2 * n) + TModel.ParameterCount;
        _forward = new(count => new RungeKuttaStepper(solver.WithErrorNorm(new SampleMaxErrorNorm(4 * count)), 4 * count * n, laneLayout: true));
        _backward = new(count => new RungeKuttaStepper(solver.WithErrorNorm(new SampleMaxErrorNorm(4 * count, seminorm ? 2 * n : 0)), 4 * count * d, laneLayout: true));
        _forward.PrepareFor(sampleCount);
        _backward.PrepareFor(sampleCount);
        _initial = new AlignedVectors(Count * n, LanePageOffsets.State);
        _augmented = new AlignedVectors(Count * d, LanePageOffsets.Adjoint);
        _jump = new AlignedVectors(Count * n, LanePageOffsets.Rate);
        _observed = new double[Samples * n];
        _lossGradients = new double[observationCount * Samples * n];
        _parameterGradients = new double[Samples * TModel.ParameterCount];
    }

    /// <inheritdoc/>
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
        Span<double> initialStateGradients)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        int samples = initialStates.Length / n;
        ReadOnlySpan<double> times = loss.ObservationTimes;
        int last = times.Length - 1;
        double span = Math.Abs(horizon - startTime);

        // The group's own vectors only (a partial group integrates no padding beyond its last vector).
        int d = (2 * n) + m;
        int count = VectorLanes.VectorsFor(samples);
        int stateDoubles = count * n * Vector256<double>.Count;
        RungeKuttaStepper forward = _forward.For(count);
        RungeKuttaStepper backward = _backward.For(count);
        VectorLanes.Load(initialStates, n, _initial.Span[..(count * n)], count);
        var system = new VectorLaneModelSystem<TModel>(parameters);
        forward.ResetStatistics();
        forward.Reset(startTime, _initial.Doubles[..stateDoubles]);
        Span<double> sampleLosses = stackalloc double[Samples];
        sampleLosses.Clear();
        for (int k = 0; k <= last; k++)
        {
            forward.AdvanceTo(ref system, times[k], span, record: null);
            VectorLanes.EvaluateLoss(loss, firstSample, k, forward.State, n, count, _observed.AsSpan(0, samples * n), LossGradients(k, samples * n), sampleLosses);
        }

        // [x(t), λ(t) = ∂ℓ/∂x_t, z(t) = 0] per lane, then backwards with jumps at the earlier observations.
        Span<double> augmented = _augmented.Doubles[..(count * d * Vector256<double>.Count)];
        forward.State.CopyTo(augmented);
        VectorLanes.Load(LossGradients(last, samples * n), n, _augmented.Span.Slice(count * n, count * n), count);
        augmented[(2 * stateDoubles)..].Clear();
        var adjoint = new VectorLaneAdjointSystem<TModel>(parameters);
        backward.ResetStatistics();
        backward.Reset(horizon, augmented);
        for (int k = last - 1; k >= -1; k--)
        {
            backward.AdvanceTo(ref adjoint, k >= 0 ? times[k] : startTime, span, record: null);
            if (k >= 0)
            {
                VectorLanes.Load(LossGradients(k, samples * n), n, _jump.Span[..(count * n)], count);
                StageCombinations.AddTo(backward.State.Slice(stateDoubles, stateDoubles), _jump.Doubles[..stateDoubles]);
                backward.InvalidateDerivative();
            }
        }

        ReadOnlySpan<Vector256<double>> result = Vectors(backward.State);
        VectorLanes.Store(result[(2 * count * n)..], m, _parameterGradients.AsSpan(0, samples * m), count);
        if (!initialStateGradients.IsEmpty)
        {
            // λ(t0) = ∂L/∂x0 per sample.
            VectorLanes.Store(result.Slice(count * n, count * n), n, initialStateGradients, count);
        }

        VectorLanes.AddInSampleOrder(sampleLosses[..samples], _parameterGradients, m, ref lossSum, gradient);
        _observed.AsSpan(0, samples * n).CopyTo(terminalStates);
        return forward.Statistics + backward.Statistics;
    }

    private Span<double> LossGradients(int observation, int length) => _lossGradients.AsSpan(observation * Samples * TModel.StateCount, length);

    private static ReadOnlySpan<Vector256<double>> Vectors(ReadOnlySpan<double> doubles) => MemoryMarshal.Cast<double, Vector256<double>>(doubles);
}
