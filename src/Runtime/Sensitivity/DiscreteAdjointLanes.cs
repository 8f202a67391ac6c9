using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// <see cref="DiscreteAdjoint"/> for a group of up to <see cref="VectorLanes.SamplesPerGroup"/> samples of a terminal loss,
/// in <see cref="Vector256{T}"/> lanes with the generated lane code and a fixed-step four-stage solver: the forward
/// solve records every step's stage states, the reverse sweep pulls λ back through them with the lane VJP. Per sample
/// the same operations in the same order as the one-by-one four-stage reverse step, so the same bits.
/// </summary>
internal sealed class DiscreteAdjointLanes<TModel> : IVectorLaneGradient
    where TModel : struct, IOdeModel<TModel>
{
    private const int Samples = VectorLanes.SamplesPerGroup;

    private readonly LaneFourStageIntegrator _forward;
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
    private readonly double[] _a;
    private readonly double[] _b;
    private readonly double[] _c;
    private readonly int _steps;

    public DiscreteAdjointLanes(OdeSolver solver, double horizon)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        int width = VectorLanes.VectorsPerGroup * n;
        _forward = new LaneFourStageIntegrator(solver, width);
        _states = new AlignedVectors(width, LanePageOffsets.State);
        _steps = _forward.StepCount(0.0, horizon, horizon);
        _stageRecord = new AlignedVectors(_steps * 4 * width, LanePageOffsets.StageStates);
        _lambda = new AlignedVectors(width, LanePageOffsets.Adjoint);
        _rate = new AlignedVectors(width, LanePageOffsets.Rate);
        _stageAdjoints = new AlignedVectors(4 * width, LanePageOffsets.Stages);
        _parameterAdjoint = new AlignedVectors(VectorLanes.VectorsPerGroup * m, LanePageOffsets.ParameterAdjoint);
        _gradients = new AlignedVectors(VectorLanes.VectorsPerGroup * m, LanePageOffsets.Gradient);
        _terminalStates = new double[Samples * n];
        _lossGradients = new double[Samples * n];
        _parameterGradients = new double[Samples * m];
        _a = solver.Tableau.A.ToArray();
        _b = solver.Tableau.B.ToArray();
        _c = solver.Tableau.C.ToArray();
    }

    /// <inheritdoc/>
    public SolverStatistics Compute(
        ILoss loss, int firstSample, ReadOnlySpan<double> initialStates, double[] parameters, double horizon, ref double lossSum, Span<double> gradient, Span<double> terminalStates)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        int samples = initialStates.Length / n;
        int count = VectorLanes.VectorsFor(samples);
        int width = n * count;
        Span<Vector256<double>> states = _states.Span[..width];

        VectorLanes.Load(initialStates, n, states);
        var system = new VectorLaneModelSystem<TModel>(parameters);
        int steps = _forward.Integrate(ref system, 0.0, horizon, horizon, states, _stageRecord.Span[..(_steps * 4 * width)]);
        if (!LaneFourStageIntegrator.AllFinite(states))
        {
            throw new OdeSolverException(OdeSolverFailure.NonFiniteState, horizon, horizon / steps, []);
        }

        VectorLanes.Store(states, n, _terminalStates.AsSpan(0, samples * n));
        Span<double> sampleLosses = stackalloc double[Samples];
        for (int s = 0; s < samples; s++)
        {
            sampleLosses[s] = loss.Evaluate(firstSample + s, 0, _terminalStates.AsSpan(s * n, n), _lossGradients.AsSpan(s * n, n));
        }

        VectorLanes.Load(_lossGradients.AsSpan(0, samples * n), n, _lambda.Span[..width]);
        _gradients.Span[..(m * count)].Clear();
        double h = horizon / steps;
        for (int step = steps - 1; step >= 0; step--)
        {
            // The recorded time of a step's start: 0, then start + step·h (the last point is the horizon itself).
            double t = 0.0 + (step * h);
            ReverseStep(parameters, t, h, count, _stageRecord.Span.Slice(step * 4 * width, 4 * width));
        }

        VectorLanes.Store(_gradients.Span[..(m * count)], m, _parameterGradients.AsSpan(0, samples * m));
        VectorLanes.AddInSampleOrder(sampleLosses[..samples], _parameterGradients, m, ref lossSum, gradient);

        _terminalStates.AsSpan(0, samples * n).CopyTo(terminalStates);
        return new SolverStatistics(steps, 0, 4L * steps);
    }

    // K̄_j = h (b_j λ + Σ_{l>j} a_lj Ȳ_l), Ȳ_j = (∂f/∂x)ᵀ K̄_j, θ̄ += (∂f/∂θ)ᵀ K̄_j, λ += Σ_j Ȳ_j: the operations of
    // DiscreteAdjoint's four-stage reverse step (zero couplings skipped alike), on vectors.
    private void ReverseStep(double[] parameters, double t, double h, int count, ReadOnlySpan<Vector256<double>> stageStates)
    {
        int width = TModel.StateCount * count;
        Span<Vector256<double>> lambda = _lambda.Span[..width];
        Span<Vector256<double>> rate = _rate.Span[..width];
        Span<Vector256<double>> s0 = _stageAdjoints.Span.Slice(0, width);
        Span<Vector256<double>> s1 = _stageAdjoints.Span.Slice(width, width);
        Span<Vector256<double>> s2 = _stageAdjoints.Span.Slice(2 * width, width);
        Span<Vector256<double>> s3 = _stageAdjoints.Span.Slice(3 * width, width);

        LaneReverseKernels.StageRate(lambda, _b[3], 0.0, [], 0.0, [], 0.0, [], h, rate);
        PullBack(parameters, t + (_c[3] * h), stageStates.Slice(3 * width, width), rate, s3, count);
        LaneReverseKernels.StageRate(lambda, _b[2], _a[14], s3, 0.0, [], 0.0, [], h, rate);
        PullBack(parameters, t + (_c[2] * h), stageStates.Slice(2 * width, width), rate, s2, count);
        LaneReverseKernels.StageRate(lambda, _b[1], _a[9], s2, _a[13], s3, 0.0, [], h, rate);
        PullBack(parameters, t + (_c[1] * h), stageStates.Slice(width, width), rate, s1, count);
        LaneReverseKernels.StageRate(lambda, _b[0], _a[4], s1, _a[8], s2, _a[12], s3, h, rate);
        PullBack(parameters, t + (_c[0] * h), stageStates[..width], rate, s0, count);
        LaneReverseKernels.Accumulate(lambda, s0, s1, s2, s3);
    }

    // Ȳ = (∂f/∂x)ᵀ K̄ for the whole block, and each lane's (∂f/∂θ)ᵀ K̄ added to its gradient.
    private void PullBack(
        double[] parameters, double t, ReadOnlySpan<Vector256<double>> stageStates, ReadOnlySpan<Vector256<double>> rate, Span<Vector256<double>> stageAdjoints, int count)
    {
        int m = TModel.ParameterCount;
        Span<Vector256<double>> parameterAdjoint = _parameterAdjoint.Span[..(m * count)];
        TModel.VectorJacobianProductLanes(t, stageStates, parameters, rate, stageAdjoints, parameterAdjoint);
        LaneReverseKernels.AddTo(_gradients.Span[..(m * count)], parameterAdjoint);
    }
}
