using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// <see cref="DiscreteAdjoint"/> for a group of up to <see cref="VectorLanes.SamplesPerGroup"/> samples in
/// <see cref="Vector256{T}"/> lanes with the generated lane code and a fixed-step explicit solver, for any number of
/// observation times: the forward solve crosses each interval between observations on the solver's grid for that interval
/// (as <see cref="RungeKuttaStepper.AdvanceTo"/> does) and records every step's stage states, the reverse sweep
/// (<see cref="RungeKuttaReverseStep"/>) pulls λ back through them with the lane VJP, adding each observation's
/// <c>∂ℓ/∂x</c> where the one-by-one sweep adds it. With RK4 or the 3/8 rule and a model with generated fused kernels
/// (<see cref="FourStageLaneKernels{TModel}"/>) both sweeps take a whole step per vector with the stages in registers.
/// Per sample the same operations in the same order as the one-by-one path, so the same bits.
/// </summary>
internal sealed class DiscreteAdjointLanes<TModel> : IVectorLaneGradient
    where TModel : struct, IOdeModel<TModel>
{
    private const int Samples = VectorLanes.SamplesPerGroup;

    private readonly FixedStepIntegrator _forward;
    private readonly FourStageLaneKernels<TModel>? _kernels;
    private readonly AlignedVectors _states;
    private readonly AlignedVectors _stageRecord;
    private readonly AlignedVectors _lambda;
    private readonly AlignedVectors _jump;
    private readonly AlignedVectors _rate;
    private readonly AlignedVectors _stageAdjoints;
    private readonly AlignedVectors _parameterAdjoint;
    private readonly AlignedVectors _gradients;
    private readonly double[] _observed;
    private readonly double[] _lossGradients;
    private readonly double[] _parameterGradients;

    // Steps of the grid from the previous observation (or t0) to each observation; zero for an observation at t0.
    private readonly int[] _intervalSteps;

    /// <param name="solver">A fixed-step explicit solver without FSAL (<see cref="FixedStepIntegrator.Supports"/>).</param>
    /// <param name="startTime">The loss's start time <c>t0</c>.</param>
    /// <param name="observationTimes">The loss's observation times (validated by the workspace: monotonic away from t0).</param>
    public DiscreteAdjointLanes(OdeSolver solver, double startTime, ReadOnlySpan<double> observationTimes)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        int width = VectorLanes.VectorsPerGroup * n;
        _forward = new FixedStepIntegrator(solver, width * Vector256<double>.Count);
        int s = _forward.Method.StageCount;
        _intervalSteps = _forward.StepsPerInterval(startTime, observationTimes);
        _kernels = FourStageLaneKernels<TModel>.For(_forward, solver) is { Reverses: true } kernels ? kernels : null;
        int steps = (int)TotalSteps();

        _states = new AlignedVectors(width, LanePageOffsets.State);
        _stageRecord = new AlignedVectors(steps * s * width, LanePageOffsets.StageStates);
        _lambda = new AlignedVectors(width, LanePageOffsets.Adjoint);
        _jump = new AlignedVectors(width, LanePageOffsets.State);
        _rate = new AlignedVectors(width, LanePageOffsets.Rate);
        _stageAdjoints = new AlignedVectors(s * width, LanePageOffsets.Stages);
        _parameterAdjoint = new AlignedVectors(VectorLanes.VectorsPerGroup * m, LanePageOffsets.ParameterAdjoint);
        _gradients = new AlignedVectors(VectorLanes.VectorsPerGroup * m, LanePageOffsets.Gradient);
        _observed = new double[Samples * n];
        _lossGradients = new double[observationTimes.Length * Samples * n];
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
        int count = VectorLanes.VectorsFor(samples);
        int width = n * count * Vector256<double>.Count;
        int s = _forward.Method.StageCount;
        ReadOnlySpan<double> times = loss.ObservationTimes;
        double span = Math.Abs(horizon - startTime);
        Span<double> states = _states.Doubles[..width];
        Span<double> stageRecord = _stageRecord.Doubles;
        Span<double> observed = _observed.AsSpan(0, samples * n);

        VectorLanes.Load(initialStates, n, _states.Span[..(n * count)]);
        var system = new VectorLaneModelSystem<TModel>(parameters);
        Span<double> sampleLosses = stackalloc double[Samples];
        sampleLosses.Clear();
        int recorded = 0;
        for (int k = 0; k < times.Length; k++)
        {
            double from = k == 0 ? startTime : times[k - 1];
            int steps = _intervalSteps[k];
            if (steps > 0)
            {
                if (_kernels is { } kernels)
                {
                    int vectors = n * count;
                    kernels.RecordedSteps(from, times[k], steps, parameters, _states.Span[..vectors], _stageRecord.Span.Slice(recorded * s * vectors, steps * s * vectors));
                }
                else
                {
                    _forward.Integrate(ref system, from, times[k], span, states, stageRecord.Slice(recorded * s * width, steps * s * width));
                }

                recorded += steps;

                // One check per interval: a non-finite value stays non-finite through the later steps of the interval.
                if (!StageCombinations.AllFinite(states))
                {
                    throw new OdeSolverException(OdeSolverFailure.NonFiniteState, times[k], (times[k] - from) / steps, []);
                }
            }

            VectorLanes.EvaluateLoss(loss, firstSample, k, states, n, count, observed, LossGradients(k, samples * n), sampleLosses);
        }

        // Everything that can fail has run: pull λ back from the horizon, adding each observation's ∂ℓ/∂x before the
        // steps that lead to it, as the one-by-one sweep does (onto λ = 0 at the horizon).
        Span<double> lambda = _lambda.Doubles[..width];
        Span<double> jump = _jump.Doubles[..width];
        lambda.Clear();
        _gradients.Span[..(m * count)].Clear();
        var pullBack = new VectorLanePullBack<TModel>(parameters, _parameterAdjoint, _gradients, m * count);
        for (int k = times.Length - 1; k >= 0; k--)
        {
            VectorLanes.Load(LossGradients(k, samples * n), n, _jump.Span[..(n * count)]);
            StageCombinations.AddTo(lambda, jump);
            int steps = _intervalSteps[k];
            double from = k == 0 ? startTime : times[k - 1];
            if (_kernels is { } kernels && steps > 0)
            {
                int vectors = n * count;
                recorded -= steps;
                kernels.ReverseSteps(
                    from, times[k], steps, parameters, _stageRecord.Span.Slice(recorded * s * vectors, steps * s * vectors), _lambda.Span[..vectors], _gradients.Span[..(m * count)]);
                continue;
            }

            double h = (times[k] - from) / Math.Max(steps, 1);
            for (int step = steps - 1; step >= 0; step--)
            {
                // The recorded time of a step's start: the interval's start, then from + step·h (its end is the
                // observation time itself).
                recorded--;
                RungeKuttaReverseStep.Take(
                    ref pullBack,
                    _forward.Method,
                    from + (step * h),
                    h,
                    stageRecord.Slice(recorded * s * width, s * width),
                    lambda,
                    _rate.Doubles[..width],
                    _stageAdjoints.Doubles[..(s * width)]);
            }
        }

        VectorLanes.Store(_gradients.Span[..(m * count)], m, _parameterGradients.AsSpan(0, samples * m));
        if (!initialStateGradients.IsEmpty)
        {
            // λ(t0) = ∂L/∂x0 per sample.
            VectorLanes.Store(_lambda.Span[..(n * count)], n, initialStateGradients);
        }

        VectorLanes.AddInSampleOrder(sampleLosses[..samples], _parameterGradients, m, ref lossSum, gradient);
        observed.CopyTo(terminalStates);
        long totalSteps = TotalSteps();
        return new SolverStatistics(totalSteps, 0, s * totalSteps);
    }

    private Span<double> LossGradients(int observation, int length) => _lossGradients.AsSpan(observation * Samples * TModel.StateCount, length);

    private long TotalSteps()
    {
        long total = 0;
        foreach (int steps in _intervalSteps)
        {
            total += steps;
        }

        return total;
    }
}
