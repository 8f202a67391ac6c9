using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// <see cref="ContinuousAdjoint"/> for a group of up to <see cref="VectorLanes.SamplesPerGroup"/> samples of a terminal loss,
/// in <see cref="Vector256{T}"/> lanes with the generated lane code and a fixed-step four-stage solver: per sample
/// the same bits as the one-by-one solve.
/// </summary>
internal sealed class ContinuousAdjointLanes<TModel> : IVectorLaneGradient
    where TModel : struct, IOdeModel<TModel>
{
    private const int Samples = VectorLanes.SamplesPerGroup;

    private readonly LaneFourStageIntegrator _forward;
    private readonly LaneFourStageIntegrator _backward;
    private readonly AlignedVectors _states;
    private readonly AlignedVectors _augmented;
    private readonly double[] _terminalStates;
    private readonly double[] _lossGradients;
    private readonly double[] _parameterGradients;

    public ContinuousAdjointLanes(OdeSolver solver)
    {
        int n = TModel.StateCount;
        int d = (2 * n) + TModel.ParameterCount;
        _forward = new LaneFourStageIntegrator(solver, VectorLanes.VectorsPerGroup * n);
        _backward = new LaneFourStageIntegrator(solver, VectorLanes.VectorsPerGroup * d);
        _states = new AlignedVectors(_forward.MaxWidth, LanePageOffsets.State);
        _augmented = new AlignedVectors(_backward.MaxWidth, LanePageOffsets.State);
        _terminalStates = new double[Samples * n];
        _lossGradients = new double[Samples * n];
        _parameterGradients = new double[Samples * TModel.ParameterCount];
    }

    /// <inheritdoc/>
    public SolverStatistics Compute(
        ILoss loss, int firstSample, ReadOnlySpan<double> initialStates, double[] parameters, double horizon, ref double lossSum, Span<double> gradient, Span<double> terminalStates)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        int samples = initialStates.Length / n;
        int count = VectorLanes.VectorsFor(samples);
        int stateVectors = n * count;

        Span<Vector256<double>> states = _states.Span[..stateVectors];
        VectorLanes.Load(initialStates, n, states);
        var system = new VectorLaneModelSystem<TModel>(parameters);
        int forwardSteps = _forward.Integrate(ref system, 0.0, horizon, horizon, states, []);
        VectorLanes.Store(states, n, _terminalStates.AsSpan(0, samples * n));
        if (!LaneFourStageIntegrator.AllFinite(states))
        {
            throw new OdeSolverException(OdeSolverFailure.NonFiniteState, horizon, horizon / forwardSteps, []);
        }

        // [x(t), λ(t) = ∂ℓ/∂x_t, z(t) = 0] per sample, then backwards to 0.
        Span<double> sampleLosses = stackalloc double[Samples];
        for (int s = 0; s < samples; s++)
        {
            sampleLosses[s] = loss.Evaluate(firstSample + s, 0, _terminalStates.AsSpan(s * n, n), _lossGradients.AsSpan(s * n, n));
        }

        Span<Vector256<double>> augmented = _augmented.Span[..(((2 * n) + m) * count)];
        states.CopyTo(augmented);
        VectorLanes.Load(_lossGradients.AsSpan(0, samples * n), n, augmented.Slice(stateVectors, stateVectors));
        augmented[(2 * stateVectors)..].Clear();
        var adjoint = new VectorLaneAdjointSystem<TModel>(parameters);
        int backwardSteps = _backward.Integrate(ref adjoint, horizon, 0.0, horizon, augmented, []);
        if (!LaneFourStageIntegrator.AllFinite(augmented))
        {
            throw new OdeSolverException(OdeSolverFailure.NonFiniteState, 0.0, -horizon / backwardSteps, []);
        }

        VectorLanes.Store(augmented[(2 * stateVectors)..], m, _parameterGradients.AsSpan(0, samples * m));
        VectorLanes.AddInSampleOrder(sampleLosses[..samples], _parameterGradients, m, ref lossSum, gradient);

        _terminalStates.AsSpan(0, samples * n).CopyTo(terminalStates);
        return new SolverStatistics(forwardSteps + backwardSteps, 0, 4L * (forwardSteps + backwardSteps));
    }
}
