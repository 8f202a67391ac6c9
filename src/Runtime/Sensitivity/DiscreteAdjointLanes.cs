using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// <see cref="DiscreteAdjoint"/> for a group of up to <see cref="VectorLanes.SamplesPerGroup"/> samples of a terminal loss,
/// in <see cref="Vector256{T}"/> lanes with the generated lane code and a fixed-step explicit solver: the forward solve
/// records every step's stage states, the reverse sweep (<see cref="RungeKuttaReverseStep"/>) pulls λ back through them
/// with the lane VJP. Per sample the same operations in the same order as the one-by-one reverse step, so the same bits.
/// </summary>
internal sealed class DiscreteAdjointLanes<TModel> : IVectorLaneGradient
    where TModel : struct, IOdeModel<TModel>
{
    private const int Samples = VectorLanes.SamplesPerGroup;

    private readonly FixedStepIntegrator _forward;
    private readonly AlignedVectors _states;
    private readonly AlignedVectors _stageRecord;
    private readonly AlignedVectors _lambda;
    private readonly AlignedVectors _rate;
    private readonly AlignedVectors _stageAdjoints;
    private readonly AlignedVectors _parameterAdjoint;
    private readonly AlignedVectors _gradients;
    private readonly double[] _terminalStates;
    private readonly double[] _lossGradients;
    private readonly double[] _parameterGradients;
    private readonly int _steps;

    public DiscreteAdjointLanes(OdeSolver solver, double startTime, double horizon)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        int width = VectorLanes.VectorsPerGroup * n;
        _forward = new FixedStepIntegrator(solver, width * Vector256<double>.Count);
        int s = _forward.Method.StageCount;
        _states = new AlignedVectors(width, LanePageOffsets.State);
        _steps = _forward.StepCount(startTime, horizon, Math.Abs(horizon - startTime));
        _stageRecord = new AlignedVectors(_steps * s * width, LanePageOffsets.StageStates);
        _lambda = new AlignedVectors(width, LanePageOffsets.Adjoint);
        _rate = new AlignedVectors(width, LanePageOffsets.Rate);
        _stageAdjoints = new AlignedVectors(s * width, LanePageOffsets.Stages);
        _parameterAdjoint = new AlignedVectors(VectorLanes.VectorsPerGroup * m, LanePageOffsets.ParameterAdjoint);
        _gradients = new AlignedVectors(VectorLanes.VectorsPerGroup * m, LanePageOffsets.Gradient);
        _terminalStates = new double[Samples * n];
        _lossGradients = new double[Samples * n];
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
        Span<double> states = _states.Doubles[..width];
        Span<double> stageRecord = _stageRecord.Doubles;

        VectorLanes.Load(initialStates, n, _states.Span[..(n * count)]);
        var system = new VectorLaneModelSystem<TModel>(parameters);
        double span = Math.Abs(horizon - startTime);
        int steps = _forward.Integrate(ref system, startTime, horizon, span, states, stageRecord[..(_steps * s * width)]);
        if (!StageCombinations.AllFinite(states))
        {
            throw new OdeSolverException(OdeSolverFailure.NonFiniteState, horizon, (horizon - startTime) / steps, []);
        }

        VectorLanes.Store(_states.Span[..(n * count)], n, _terminalStates.AsSpan(0, samples * n));
        Span<double> sampleLosses = stackalloc double[Samples];
        for (int sample = 0; sample < samples; sample++)
        {
            sampleLosses[sample] = loss.Evaluate(firstSample + sample, 0, _terminalStates.AsSpan(sample * n, n), _lossGradients.AsSpan(sample * n, n));
        }

        VectorLanes.Load(_lossGradients.AsSpan(0, samples * n), n, _lambda.Span[..(n * count)]);
        _gradients.Span[..(m * count)].Clear();
        var pullBack = new VectorLanePullBack<TModel>(parameters, _parameterAdjoint, _gradients, m * count);
        double h = (horizon - startTime) / steps;
        for (int step = steps - 1; step >= 0; step--)
        {
            // The recorded time of a step's start: t0, then t0 + step·h (the last point is the horizon itself).
            double t = startTime + (step * h);
            RungeKuttaReverseStep.Take(
                ref pullBack,
                _forward.Method,
                t,
                h,
                stageRecord.Slice(step * s * width, s * width),
                _lambda.Doubles[..width],
                _rate.Doubles[..width],
                _stageAdjoints.Doubles[..(s * width)]);
        }

        VectorLanes.Store(_gradients.Span[..(m * count)], m, _parameterGradients.AsSpan(0, samples * m));
        if (!initialStateGradients.IsEmpty)
        {
            // λ(t0) = ∂L/∂x0 per sample.
            VectorLanes.Store(_lambda.Span[..(n * count)], n, initialStateGradients);
        }

        VectorLanes.AddInSampleOrder(sampleLosses[..samples], _parameterGradients, m, ref lossSum, gradient);

        _terminalStates.AsSpan(0, samples * n).CopyTo(terminalStates);
        return new SolverStatistics(steps, 0, (long)s * steps);
    }
}
