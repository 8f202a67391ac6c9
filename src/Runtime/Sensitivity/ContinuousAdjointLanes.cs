using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// <see cref="ContinuousAdjoint"/> for a group of up to <see cref="VectorLanes.SamplesPerGroup"/> samples in
/// <see cref="Vector256{T}"/> lanes with the generated lane code and a fixed-step explicit solver, for any number of
/// observation times: forwards through each interval between observations on the solver's grid for that interval, then
/// <c>[x, λ, z]</c> backwards through the same intervals with each earlier observation's <c>∂ℓ/∂x</c> added to λ, as
/// the one-by-one solve does. With a four-stage method and a model with generated fused kernels
/// (<see cref="FourStageLaneKernels{TModel}"/>) both solves take a whole step per vector with the stages in registers.
/// Per sample the same bits as the one-by-one solve.
/// </summary>
internal sealed class ContinuousAdjointLanes<TModel> : IVectorLaneGradient
    where TModel : struct, IOdeModel<TModel>
{
    private const int Samples = VectorLanes.SamplesPerGroup;

    private readonly FixedStepIntegrator _forward;
    private readonly FixedStepIntegrator _backward;
    private readonly FourStageLaneKernels<TModel>? _kernels;
    private readonly AlignedVectors _states;
    private readonly AlignedVectors _augmented;
    private readonly AlignedVectors _jump;
    private readonly double[] _observed;
    private readonly double[] _lossGradients;
    private readonly double[] _parameterGradients;

    /// <param name="solver">A fixed-step explicit solver without FSAL (<see cref="FixedStepIntegrator.Supports"/>).</param>
    /// <param name="observationCount">The loss's number of observation times.</param>
    public ContinuousAdjointLanes(OdeSolver solver, int observationCount)
    {
        int n = TModel.StateCount;
        int d = (2 * n) + TModel.ParameterCount;
        _forward = new FixedStepIntegrator(solver, VectorLanes.VectorsPerGroup * n * Vector256<double>.Count);
        _backward = new FixedStepIntegrator(solver, VectorLanes.VectorsPerGroup * d * Vector256<double>.Count);
        _kernels = FourStageLaneKernels<TModel>.For(_forward, solver);
        _states = new AlignedVectors(VectorLanes.VectorsPerGroup * n, LanePageOffsets.State);
        _augmented = new AlignedVectors(VectorLanes.VectorsPerGroup * d, LanePageOffsets.State);
        _jump = new AlignedVectors(VectorLanes.VectorsPerGroup * n, LanePageOffsets.Rate);
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
        int count = VectorLanes.VectorsFor(samples);
        int stateVectors = n * count;
        ReadOnlySpan<double> times = loss.ObservationTimes;
        int last = times.Length - 1;
        double span = Math.Abs(horizon - startTime);
        Span<double> observed = _observed.AsSpan(0, samples * n);

        Span<Vector256<double>> states = _states.Span[..stateVectors];
        Span<double> stateDoubles = _states.Doubles[..(stateVectors * Vector256<double>.Count)];
        VectorLanes.Load(initialStates, n, states);
        var system = new VectorLaneModelSystem<TModel>(parameters);
        Span<double> sampleLosses = stackalloc double[Samples];
        sampleLosses.Clear();
        long forwardSteps = 0;
        for (int k = 0; k <= last; k++)
        {
            double from = k == 0 ? startTime : times[k - 1];
            forwardSteps += _kernels is { } kernels
                ? kernels.StepsFinite(from, times[k], span, parameters, states)
                : _forward.IntegrateFinite(ref system, from, times[k], span, stateDoubles);
            VectorLanes.EvaluateLoss(loss, firstSample, k, stateDoubles, n, count, observed, LossGradients(k, samples * n), sampleLosses);
        }

        // [x(t), λ(t) = ∂ℓ/∂x_t, z(t) = 0] per sample, then backwards to t0 with jumps at the earlier observations.
        int augmentedVectors = ((2 * n) + m) * count;
        Span<Vector256<double>> augmented = _augmented.Span[..augmentedVectors];
        Span<double> augmentedDoubles = _augmented.Doubles[..(augmentedVectors * Vector256<double>.Count)];
        Span<double> lambda = augmentedDoubles.Slice(stateVectors * Vector256<double>.Count, stateVectors * Vector256<double>.Count);
        states.CopyTo(augmented);
        VectorLanes.Load(LossGradients(last, samples * n), n, augmented.Slice(stateVectors, stateVectors));
        augmented[(2 * stateVectors)..].Clear();
        var adjoint = new VectorLaneAdjointSystem<TModel>(parameters);
        long backwardSteps = 0;
        for (int k = last - 1; k >= -1; k--)
        {
            double to = k >= 0 ? times[k] : startTime;
            backwardSteps += _kernels is { } kernels
                ? kernels.AdjointStepsFinite(times[k + 1], to, span, parameters, augmented)
                : _backward.IntegrateFinite(ref adjoint, times[k + 1], to, span, augmentedDoubles);
            if (k >= 0)
            {
                VectorLanes.Load(LossGradients(k, samples * n), n, _jump.Span[..stateVectors]);
                StageCombinations.AddTo(lambda, _jump.Doubles[..lambda.Length]);
            }
        }

        VectorLanes.Store(augmented[(2 * stateVectors)..], m, _parameterGradients.AsSpan(0, samples * m));
        if (!initialStateGradients.IsEmpty)
        {
            // λ(t0) = ∂L/∂x0 per sample.
            VectorLanes.Store(augmented.Slice(stateVectors, stateVectors), n, initialStateGradients);
        }

        VectorLanes.AddInSampleOrder(sampleLosses[..samples], _parameterGradients, m, ref lossSum, gradient);
        observed.CopyTo(terminalStates);
        long stages = _forward.Method.StageCount;
        return new SolverStatistics(forwardSteps + backwardSteps, 0, stages * (forwardSteps + backwardSteps));
    }

    private Span<double> LossGradients(int observation, int length) => _lossGradients.AsSpan(observation * Samples * TModel.StateCount, length);
}
