using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// <see cref="ContinuousAdjoint"/> for a group of <see cref="VectorLanes.SamplesPerGroup"/> samples of a terminal loss,
/// in <see cref="Vector256{T}"/> lanes with the generated lane code and a fixed-step four-stage solver: per sample
/// the same bits as the one-by-one solve.
/// </summary>
internal sealed class ContinuousAdjointLanes<TModel>
    where TModel : struct, IOdeModel<TModel>
{
    private const int Samples = VectorLanes.SamplesPerGroup;

    private readonly LaneFourStageIntegrator _forward;
    private readonly LaneFourStageIntegrator _backward;
    private readonly Vector256<double>[] _states;
    private readonly Vector256<double>[] _augmented;
    private readonly double[] _terminalStates;
    private readonly double[] _lossGradients;
    private readonly double[] _parameterGradients;

    public ContinuousAdjointLanes(OdeSolver solver)
    {
        int n = TModel.StateCount;
        int d = (2 * n) + TModel.ParameterCount;
        _forward = new LaneFourStageIntegrator(solver, VectorLanes.VectorsPerGroup * n);
        _backward = new LaneFourStageIntegrator(solver, VectorLanes.VectorsPerGroup * d);
        _states = new Vector256<double>[_forward.Width];
        _augmented = new Vector256<double>[_backward.Width];
        _terminalStates = new double[Samples * n];
        _lossGradients = new double[Samples * n];
        _parameterGradients = new double[Samples * TModel.ParameterCount];
    }

    /// <summary>
    /// Solves the group; adds the samples' losses and gradients in sample order and writes their terminal states.
    /// Returns one sample's solver work. Throws before changing anything when a solve leaves the finite range.
    /// </summary>
    public SolverStatistics Compute(
        ILoss loss, int firstSample, ReadOnlySpan<double> initialStates, double[] parameters, double horizon, ref double lossSum, Span<double> gradient, Span<double> terminalStates)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        int d = (2 * n) + m;

        VectorLanes.Load(initialStates, n, n, _states);
        var system = new VectorLaneModelSystem<TModel>(parameters);
        int forwardSteps = _forward.Integrate(ref system, 0.0, horizon, horizon, _states, []);
        if (!LaneFourStageIntegrator.AllFinite(_states))
        {
            throw new OdeSolverException(OdeSolverFailure.NonFiniteState, horizon, horizon / forwardSteps, []);
        }

        // [x(t), λ(t) = ∂ℓ/∂x_t, z(t) = 0] per sample, then backwards to 0.
        VectorLanes.Store(_states, 0, n, n, _terminalStates);
        Span<double> sampleLosses = stackalloc double[Samples];
        for (int s = 0; s < Samples; s++)
        {
            sampleLosses[s] = loss.Evaluate(firstSample + s, 0, _terminalStates.AsSpan(s * n, n), _lossGradients.AsSpan(s * n, n));
        }

        Array.Clear(_augmented);
        VectorLanes.Load(_terminalStates, n, d, _augmented);
        VectorLanes.Load(_lossGradients, n, d, _augmented.AsSpan(n));
        var adjoint = new VectorLaneAdjointSystem<TModel>(parameters);
        int backwardSteps = _backward.Integrate(ref adjoint, horizon, 0.0, horizon, _augmented, []);
        if (!LaneFourStageIntegrator.AllFinite(_augmented))
        {
            throw new OdeSolverException(OdeSolverFailure.NonFiniteState, 0.0, -horizon / backwardSteps, []);
        }

        VectorLanes.Store(_augmented, 2 * n, m, d, _parameterGradients);
        for (int s = 0; s < Samples; s++)
        {
            lossSum += sampleLosses[s];
            ReadOnlySpan<double> z = _parameterGradients.AsSpan(s * m, m);
            for (int k = 0; k < m; k++)
            {
                gradient[k] += z[k];
            }
        }

        _terminalStates.CopyTo(terminalStates);
        return new SolverStatistics(forwardSteps + backwardSteps, 0, 4L * (forwardSteps + backwardSteps));
    }
}
