using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// <see cref="DiscreteAdjoint"/> with <see cref="StepSharing.PerGroup"/>: a group of up to
/// <see cref="VectorLanes.SamplesPerGroup"/> samples advanced by one adaptive stepper in <see cref="Vector256{T}"/> lanes
/// (the error norm the largest of the samples' own, <see cref="SampleMaxErrorNorm"/>), every accepted step's stage states
/// recorded, then λ pulled back through them with the lane VJP (<see cref="RungeKuttaReverseStep"/>), with the loss's
/// jumps at the observation times. A group with fewer samples integrates only the vectors it fills
/// (<see cref="PerVectorCount{T}"/>), the last one's spare lanes holding copies of its last sample.
/// </summary>
internal sealed class SharedStepDiscreteAdjointLanes<TModel> : IVectorLaneGradient
    where TModel : struct, IOdeModel<TModel>
{
    private const int Samples = VectorLanes.SamplesPerGroup;
    private const int Count = VectorLanes.VectorsPerGroup;

    private readonly PerVectorCount<RungeKuttaStepper> _steppers;
    private readonly PerVectorCount<TrajectoryRecord> _records;
    private readonly RungeKuttaCoefficients _method;
    private readonly int[] _observationPoints;
    private readonly AlignedVectors _lambda;
    private readonly AlignedVectors _jump;
    private readonly AlignedVectors _rate;
    private readonly AlignedVectors _stageAdjoints;
    private readonly AlignedVectors _parameterAdjoint;
    private readonly AlignedVectors _gradients;
    private readonly AlignedVectors _initial;
    private readonly double[] _observed;
    private readonly double[] _lossGradients;
    private readonly double[] _parameterGradients;

    /// <param name="solver">An explicit adaptive solver (<see cref="VectorLanes.AppliesToSharedSteps{TModel}"/>).</param>
    /// <param name="observationCount">The loss's number of observation times.</param>
    /// <param name="sampleCount">The dataset's number of samples (the group sizes to prepare for).</param>
    public SharedStepDiscreteAdjointLanes(OdeSolver solver, int observationCount, int sampleCount)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        int s = solver.Tableau.StageCount;
        _steppers = new(count => new RungeKuttaStepper(solver.WithErrorNorm(new SampleMaxErrorNorm(4 * count)), 4 * count * n, laneLayout: true));
        _records = new(count => new TrajectoryRecord(4 * count * n, storesDerivatives: false, stageStateCount: s));
        _steppers.PrepareFor(sampleCount);
        _records.PrepareFor(sampleCount);
        _method = new RungeKuttaCoefficients(solver.Tableau);
        _observationPoints = new int[observationCount];
        _lambda = new AlignedVectors(Count * n, LanePageOffsets.Adjoint);
        _jump = new AlignedVectors(Count * n, LanePageOffsets.State);
        _rate = new AlignedVectors(Count * n, LanePageOffsets.Rate);
        _stageAdjoints = new AlignedVectors(s * Count * n, LanePageOffsets.Stages);
        _parameterAdjoint = new AlignedVectors(Count * m, LanePageOffsets.ParameterAdjoint);
        _gradients = new AlignedVectors(Count * m, LanePageOffsets.Gradient);
        _initial = new AlignedVectors(Count * n, LanePageOffsets.StageStates);
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
        double span = Math.Abs(horizon - startTime);

        // The group's own vectors only (a partial group integrates no padding beyond its last vector).
        int count = VectorLanes.VectorsFor(samples);
        int stateDoubles = count * n * Vector256<double>.Count;
        RungeKuttaStepper stepper = _steppers.For(count);
        TrajectoryRecord record = _records.For(count);
        VectorLanes.Load(initialStates, n, _initial.Span[..(count * n)], count);
        var system = new VectorLaneModelSystem<TModel>(parameters);
        stepper.ResetStatistics();
        stepper.Reset(startTime, _initial.Doubles[..stateDoubles]);
        record.Clear();
        record.Add(startTime, 0.0, _initial.Doubles[..stateDoubles]);
        Span<double> sampleLosses = stackalloc double[Samples];
        sampleLosses.Clear();
        for (int k = 0; k < times.Length; k++)
        {
            stepper.AdvanceTo(ref system, times[k], span, record);
            _observationPoints[k] = record.Count - 1;
            VectorLanes.EvaluateLoss(loss, firstSample, k, stepper.State, n, count, _observed.AsSpan(0, samples * n), LossGradients(k, samples * n), sampleLosses);
        }

        // Everything that can fail has run: pull λ back from the horizon, adding each observation's ∂ℓ/∂x on the way.
        Span<double> lambda = _lambda.Doubles[..stateDoubles];
        lambda.Clear();
        _gradients.Span[..(m * count)].Clear();
        var pullBack = new VectorLanePullBack<TModel>(parameters, _parameterAdjoint, _gradients, m * count);
        Span<double> rate = _rate.Doubles[..stateDoubles];
        Span<double> stageAdjoints = _stageAdjoints.Doubles[..(_method.StageCount * stateDoubles)];
        int observation = times.Length - 1;
        for (int point = record.Count - 1; point >= 0; point--)
        {
            while (observation >= 0 && _observationPoints[observation] == point)
            {
                VectorLanes.Load(LossGradients(observation, samples * n), n, _jump.Span[..(count * n)], count);
                StageCombinations.AddTo(lambda, _jump.Doubles[..stateDoubles]);
                observation--;
            }

            if (point > 0)
            {
                RungeKuttaReverseStep.Take(
                    ref pullBack, _method, record.Time(point - 1), record.StepSize(point - 1), record.StageStates(point - 1), lambda, rate, stageAdjoints);
            }
        }

        VectorLanes.Store(_gradients.Span[..(m * count)], m, _parameterGradients.AsSpan(0, samples * m), count);
        if (!initialStateGradients.IsEmpty)
        {
            // λ(t0) = ∂L/∂x0 per sample.
            VectorLanes.Store(_lambda.Span[..(count * n)], n, initialStateGradients, count);
        }

        VectorLanes.AddInSampleOrder(sampleLosses[..samples], _parameterGradients, m, ref lossSum, gradient);
        _observed.AsSpan(0, samples * n).CopyTo(terminalStates);
        return stepper.Statistics;
    }

    private Span<double> LossGradients(int observation, int length) => _lossGradients.AsSpan(observation * Samples * TModel.StateCount, length);
}
