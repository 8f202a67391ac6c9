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
/// samples fills its lanes with copies of the last one.
/// </summary>
internal sealed class SharedStepContinuousAdjointLanes<TModel> : IVectorLaneGradient
    where TModel : struct, IOdeModel<TModel>
{
    private const int Samples = VectorLanes.SamplesPerGroup;
    private const int Count = VectorLanes.VectorsPerGroup;

    private readonly RungeKuttaStepper _forward;
    private readonly RungeKuttaStepper _backward;
    private readonly AlignedVectors _initial;
    private readonly AlignedVectors _augmented;
    private readonly AlignedVectors _jump;
    private readonly double[] _observed;
    private readonly double[] _lossGradients;
    private readonly double[] _parameterGradients;

    /// <param name="solver">An explicit adaptive solver (<see cref="VectorLanes.AppliesToSharedSteps{TModel}"/>).</param>
    /// <param name="observationCount">The loss's number of observation times.</param>
    /// <param name="seminorm">Whether the backward solve controls the error of <c>x</c> and <c>λ</c> only (<see cref="ContinuousAdjoint.Seminorm"/>).</param>
    public SharedStepContinuousAdjointLanes(OdeSolver solver, int observationCount, bool seminorm)
    {
        int n = TModel.StateCount;
        int d = (2 * n) + TModel.ParameterCount;
        _forward = new RungeKuttaStepper(solver.WithErrorNorm(new SampleMaxErrorNorm(Samples)), Samples * n, laneLayout: true);
        _backward = new RungeKuttaStepper(solver.WithErrorNorm(new SampleMaxErrorNorm(Samples, seminorm ? 2 * n : 0)), Samples * d, laneLayout: true);
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
        int stateDoubles = Samples * n;
        ReadOnlySpan<double> times = loss.ObservationTimes;
        int last = times.Length - 1;
        double span = Math.Abs(horizon - startTime);

        VectorLanes.Load(initialStates, n, _initial.Span, Count);
        var system = new VectorLaneModelSystem<TModel>(parameters);
        _forward.ResetStatistics();
        _forward.Reset(startTime, _initial.Doubles);
        Span<double> sampleLosses = stackalloc double[Samples];
        sampleLosses.Clear();
        for (int k = 0; k <= last; k++)
        {
            _forward.AdvanceTo(ref system, times[k], span, record: null);
            VectorLanes.EvaluateLoss(loss, firstSample, k, _forward.State, n, Count, _observed.AsSpan(0, samples * n), LossGradients(k, samples * n), sampleLosses);
        }

        // [x(t), λ(t) = ∂ℓ/∂x_t, z(t) = 0] per lane, then backwards with jumps at the earlier observations.
        Span<double> augmented = _augmented.Doubles;
        _forward.State.CopyTo(augmented);
        VectorLanes.Load(LossGradients(last, samples * n), n, _augmented.Span.Slice(Count * n, Count * n), Count);
        augmented[(2 * stateDoubles)..].Clear();
        var adjoint = new VectorLaneAdjointSystem<TModel>(parameters);
        _backward.ResetStatistics();
        _backward.Reset(horizon, augmented);
        for (int k = last - 1; k >= -1; k--)
        {
            _backward.AdvanceTo(ref adjoint, k >= 0 ? times[k] : startTime, span, record: null);
            if (k >= 0)
            {
                VectorLanes.Load(LossGradients(k, samples * n), n, _jump.Span, Count);
                StageCombinations.AddTo(_backward.State.Slice(stateDoubles, stateDoubles), _jump.Doubles);
                _backward.InvalidateDerivative();
            }
        }

        ReadOnlySpan<Vector256<double>> result = Vectors(_backward.State);
        VectorLanes.Store(result[(2 * Count * n)..], m, _parameterGradients.AsSpan(0, samples * m), Count);
        if (!initialStateGradients.IsEmpty)
        {
            // λ(t0) = ∂L/∂x0 per sample.
            VectorLanes.Store(result.Slice(Count * n, Count * n), n, initialStateGradients, Count);
        }

        VectorLanes.AddInSampleOrder(sampleLosses[..samples], _parameterGradients, m, ref lossSum, gradient);
        _observed.AsSpan(0, samples * n).CopyTo(terminalStates);
        return _forward.Statistics + _backward.Statistics;
    }

    private Span<double> LossGradients(int observation, int length) => _lossGradients.AsSpan(observation * Samples * TModel.StateCount, length);

    private static ReadOnlySpan<Vector256<double>> Vectors(ReadOnlySpan<double> doubles) => MemoryMarshal.Cast<double, Vector256<double>>(doubles);
}
