using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// <see cref="ContinuousAdjoint"/> for a group of up to <see cref="VectorLanes.SamplesPerGroup"/> samples of a terminal loss,
/// in <see cref="Vector256{T}"/> lanes with the generated lane code and a fixed-step explicit solver: per sample
/// the same bits as the one-by-one solve.
/// </summary>
internal sealed class ContinuousAdjointLanes<TModel> : IVectorLaneGradient
    where TModel : struct, IOdeModel<TModel>
{
    private const int Samples = VectorLanes.SamplesPerGroup;

    private readonly FixedStepIntegrator _forward;
    private readonly FixedStepIntegrator _backward;
    private readonly AlignedVectors _states;
    private readonly AlignedVectors _augmented;
    private readonly double[] _terminalStates;
    private readonly double[] _lossGradients;
    private readonly double[] _parameterGradients;

    public ContinuousAdjointLanes(OdeSolver solver)
    {
        int n = TModel.StateCount;
        int d = (2 * n) + TModel.ParameterCount;
        _forward = new FixedStepIntegrator(solver, VectorLanes.VectorsPerGroup * n * Vector256<double>.Count);
        _backward = new FixedStepIntegrator(solver, VectorLanes.VectorsPerGroup * d * Vector256<double>.Count);
        _states = new AlignedVectors(VectorLanes.VectorsPerGroup * n, LanePageOffsets.State);
        _augmented = new AlignedVectors(VectorLanes.VectorsPerGroup * d, LanePageOffsets.State);
        _terminalStates = new double[Samples * n];
        _lossGradients = new double[Samples * n];
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

        Span<Vector256<double>> states = _states.Span[..stateVectors];
        VectorLanes.Load(initialStates, n, states);
        var system = new VectorLaneModelSystem<TModel>(parameters);
        double span = Math.Abs(horizon - startTime);
        int forwardSteps = _forward.Integrate(ref system, startTime, horizon, span, _states.Doubles[..(stateVectors * Vector256<double>.Count)], []);
        VectorLanes.Store(states, n, _terminalStates.AsSpan(0, samples * n));
        if (!StageCombinations.AllFinite(_states.Doubles[..(stateVectors * Vector256<double>.Count)]))
        {
            throw new OdeSolverException(OdeSolverFailure.NonFiniteState, horizon, (horizon - startTime) / forwardSteps, []);
        }

        // [x(t), λ(t) = ∂ℓ/∂x_t, z(t) = 0] per sample, then backwards to t0.
        Span<double> sampleLosses = stackalloc double[Samples];
        for (int s = 0; s < samples; s++)
        {
            sampleLosses[s] = loss.Evaluate(firstSample + s, 0, _terminalStates.AsSpan(s * n, n), _lossGradients.AsSpan(s * n, n));
        }

        int augmentedVectors = ((2 * n) + m) * count;
        Span<Vector256<double>> augmented = _augmented.Span[..augmentedVectors];
        Span<double> augmentedDoubles = _augmented.Doubles[..(augmentedVectors * Vector256<double>.Count)];
        states.CopyTo(augmented);
        VectorLanes.Load(_lossGradients.AsSpan(0, samples * n), n, augmented.Slice(stateVectors, stateVectors));
        augmented[(2 * stateVectors)..].Clear();
        var adjoint = new VectorLaneAdjointSystem<TModel>(parameters);
        int backwardSteps = _backward.Integrate(ref adjoint, horizon, startTime, span, augmentedDoubles, []);
        if (!StageCombinations.AllFinite(augmentedDoubles))
        {
            throw new OdeSolverException(OdeSolverFailure.NonFiniteState, startTime, (startTime - horizon) / backwardSteps, []);
        }

        VectorLanes.Store(augmented[(2 * stateVectors)..], m, _parameterGradients.AsSpan(0, samples * m));
        if (!initialStateGradients.IsEmpty)
        {
            // λ(t0) = ∂L/∂x0 per sample.
            VectorLanes.Store(augmented.Slice(stateVectors, stateVectors), n, initialStateGradients);
        }

        VectorLanes.AddInSampleOrder(sampleLosses[..samples], _parameterGradients, m, ref lossSum, gradient);

        _terminalStates.AsSpan(0, samples * n).CopyTo(terminalStates);
        long stages = _forward.Method.StageCount;
        return new SolverStatistics(forwardSteps + backwardSteps, 0, stages * (forwardSteps + backwardSteps));
    }
}
