using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// <see cref="CheckpointedAdjoint"/> with <see cref="StepSharing.PerGroup"/>: a group of up to
/// <see cref="VectorLanes.SamplesPerGroup"/> samples advanced by one adaptive stepper in <see cref="Vector256{T}"/> lanes
/// forwards, every accepted point recorded (with the stages for the method's dense output, or <c>F</c> for cubic Hermite),
/// then <c>[λ, z]</c> of the group backwards by another adaptive stepper reading <c>x(t)</c> from that record
/// (<see cref="VectorLaneRecordAdjointSystem{TModel}"/>), each step accepted when every sample accepts it
/// (<see cref="SampleMaxErrorNorm"/>), with the loss's jumps added to λ at the observation times. A group with fewer
/// samples integrates only the vectors it fills (<see cref="PerVectorCount{T}"/>), the last one's spare lanes holding
/// copies of its last sample.
/// </summary>
internal sealed class SharedStepCheckpointedAdjointLanes<TModel> : IVectorLaneGradient
    where TModel : struct, IOdeModel<TModel>
{
    private const int Samples = VectorLanes.SamplesPerGroup;
    private const int Count = VectorLanes.VectorsPerGroup;

    private readonly PerVectorCount<RungeKuttaStepper> _forward;
    private readonly PerVectorCount<RungeKuttaStepper> _backward;
    private readonly PerVectorCount<TrajectoryRecord> _records;
    private readonly AlignedVectors _initial;
    private readonly AlignedVectors _adjoint;
    private readonly AlignedVectors _interpolated;
    private readonly AlignedVectors _jump;
    private readonly double[] _observed;
    private readonly double[] _lossGradients;
    private readonly double[] _parameterGradients;

    /// <param name="solver">An explicit adaptive solver (<see cref="VectorLanes.AppliesToSharedSteps{TModel}"/>).</param>
    /// <param name="observationCount">The loss's number of observation times.</param>
    /// <param name="sampleCount">The dataset's number of samples (the group sizes to prepare for).</param>
    public SharedStepCheckpointedAdjointLanes(OdeSolver solver, int observationCount, int sampleCount)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;

        // As the one-by-one workspace: the method's own dense output when it has one, else cubic Hermite from F.
        ContinuousExtension? extension = solver.Tableau.ContinuousExtension;
        _forward = new(count => new RungeKuttaStepper(solver.WithErrorNorm(new SampleMaxErrorNorm(4 * count)), 4 * count * n, laneLayout: true));
        _backward = new(count => new RungeKuttaStepper(solver.WithErrorNorm(new SampleMaxErrorNorm(4 * count)), 4 * count * (n + m), laneLayout: true));
        _records = new(count => new TrajectoryRecord(4 * count * n, storesDerivatives: extension is null, extension: extension));
        _forward.PrepareFor(sampleCount);
        _backward.PrepareFor(sampleCount);
        _records.PrepareFor(sampleCount);
        _initial = new AlignedVectors(Count * n, LanePageOffsets.State);
        _adjoint = new AlignedVectors(Count * (n + m), LanePageOffsets.Adjoint);
        _interpolated = new AlignedVectors(Count * n, LanePageOffsets.StageStates);
        _jump = new AlignedVectors(Count * n, LanePageOffsets.Rate);
        _observed = new double[Samples * n];
        _lossGradients = new double[observationCount * Samples * n];
        _parameterGradients = new double[Samples * m];
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
        int count = VectorLanes.VectorsFor(samples);
        int stateDoubles = count * n * Vector256<double>.Count;
        RungeKuttaStepper forward = _forward.For(count);
        RungeKuttaStepper backward = _backward.For(count);
        TrajectoryRecord record = _records.For(count);
        Span<double> initial = _initial.Doubles[..stateDoubles];
        VectorLanes.Load(initialStates, n, _initial.Span[..(count * n)], count);
        var system = new VectorLaneModelSystem<TModel>(parameters);
        forward.ResetStatistics();
        forward.Reset(startTime, initial);
        record.Clear();
        record.Add(startTime, 0.0, initial);
        if (record.StoresDerivatives)
        {
            forward.CurrentDerivative(ref system).CopyTo(record.Derivative(0));
        }

        Span<double> sampleLosses = stackalloc double[Samples];
        sampleLosses.Clear();
        for (int k = 0; k <= last; k++)
        {
            forward.AdvanceTo(ref system, times[k], span, record);
            VectorLanes.EvaluateLoss(loss, firstSample, k, forward.State, n, count, _observed.AsSpan(0, samples * n), LossGradients(k, samples * n), sampleLosses);
        }

        // [λ(t) = ∂ℓ/∂x_t, z(t) = 0] per lane, then backwards with jumps at the earlier observations.
        Span<double> adjointState = _adjoint.Doubles[..(count * (n + m) * Vector256<double>.Count)];
        VectorLanes.Load(LossGradients(last, samples * n), n, _adjoint.Span[..(count * n)], count);
        adjointState[stateDoubles..].Clear();
        var adjoint = new VectorLaneRecordAdjointSystem<TModel>(parameters, record, _interpolated, count * n);
        backward.ResetStatistics();
        backward.Reset(horizon, adjointState);
        for (int k = last - 1; k >= -1; k--)
        {
            backward.AdvanceTo(ref adjoint, k >= 0 ? times[k] : startTime, span, record: null);
            if (k >= 0)
            {
                VectorLanes.Load(LossGradients(k, samples * n), n, _jump.Span[..(count * n)], count);
                StageCombinations.AddTo(backward.State[..stateDoubles], _jump.Doubles[..stateDoubles]);
                backward.InvalidateDerivative();
            }
        }

        ReadOnlySpan<Vector256<double>> result = MemoryMarshal.Cast<double, Vector256<double>>(backward.State);
        VectorLanes.Store(result[(count * n)..], m, _parameterGradients.AsSpan(0, samples * m), count);
        if (!initialStateGradients.IsEmpty)
        {
            // λ(t0) = ∂L/∂x0 per sample.
            VectorLanes.Store(result[..(count * n)], n, initialStateGradients, count);
        }

        VectorLanes.AddInSampleOrder(sampleLosses[..samples], _parameterGradients, m, ref lossSum, gradient);
        _observed.AsSpan(0, samples * n).CopyTo(terminalStates);
        return forward.Statistics + backward.Statistics;
    }

    private Span<double> LossGradients(int observation, int length) => _lossGradients.AsSpan(observation * Samples * TModel.StateCount, length);
}
