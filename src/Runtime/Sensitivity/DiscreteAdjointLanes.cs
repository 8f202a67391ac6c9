using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// <see cref="DiscreteAdjoint"/> for a group of <see cref="VectorLanes.SamplesPerGroup"/> samples of a terminal loss,
/// in <see cref="Vector256{T}"/> lanes with the generated lane code and a fixed-step four-stage solver: the forward
/// solve records every step's stage states, the reverse sweep pulls λ back through them with the lane VJP. Per sample
/// the same operations in the same order as the one-by-one four-stage reverse step, so the same bits.
/// </summary>
internal sealed class DiscreteAdjointLanes<TModel>
    where TModel : struct, IOdeModel<TModel>
{
    private const int Samples = VectorLanes.SamplesPerGroup;

    private readonly LaneFourStageIntegrator _forward;
    private readonly Vector256<double>[] _states;
    private readonly Vector256<double>[] _stageRecord;
    private readonly Vector256<double>[] _lambda;
    private readonly Vector256<double>[] _rate;
    private readonly Vector256<double>[] _stageAdjoints;
    private readonly Vector256<double>[] _parameterAdjoint;
    private readonly Vector256<double>[] _gradients;
    private readonly double[] _terminalStates;
    private readonly double[] _lossGradients;
    private readonly double[] _parameterGradients;
    private readonly double[] _a;
    private readonly double[] _b;
    private readonly double[] _c;

    public DiscreteAdjointLanes(OdeSolver solver, double horizon)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        int width = VectorLanes.VectorsPerGroup * n;
        _forward = new LaneFourStageIntegrator(solver, width);
        _states = new Vector256<double>[width];
        _stageRecord = new Vector256<double>[_forward.StepCount(0.0, horizon, horizon) * 4 * width];
        _lambda = new Vector256<double>[width];
        _rate = new Vector256<double>[width];
        _stageAdjoints = new Vector256<double>[4 * width];
        _parameterAdjoint = new Vector256<double>[m];
        _gradients = new Vector256<double>[VectorLanes.VectorsPerGroup * m];
        _terminalStates = new double[Samples * n];
        _lossGradients = new double[Samples * n];
        _parameterGradients = new double[Samples * m];
        _a = solver.Tableau.A.ToArray();
        _b = solver.Tableau.B.ToArray();
        _c = solver.Tableau.C.ToArray();
    }

    /// <summary>
    /// Solves the group; adds the samples' losses and gradients in sample order and writes their terminal states.
    /// Returns one sample's solver work. Throws before changing anything when the forward solve leaves the finite range.
    /// </summary>
    public SolverStatistics Compute(
        ILoss loss, int firstSample, ReadOnlySpan<double> initialStates, double[] parameters, double horizon, ref double lossSum, Span<double> gradient, Span<double> terminalStates)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        int width = _forward.Width;

        VectorLanes.Load(initialStates, n, n, _states);
        var system = new VectorLaneModelSystem<TModel>(parameters);
        int steps = _forward.Integrate(ref system, 0.0, horizon, horizon, _states, _stageRecord);
        if (!LaneFourStageIntegrator.AllFinite(_states))
        {
            throw new OdeSolverException(OdeSolverFailure.NonFiniteState, horizon, horizon / steps, []);
        }

        VectorLanes.Store(_states, 0, n, n, _terminalStates);
        Span<double> sampleLosses = stackalloc double[Samples];
        for (int s = 0; s < Samples; s++)
        {
            sampleLosses[s] = loss.Evaluate(firstSample + s, 0, _terminalStates.AsSpan(s * n, n), _lossGradients.AsSpan(s * n, n));
        }

        VectorLanes.Load(_lossGradients, n, n, _lambda);
        Array.Clear(_gradients);
        double h = horizon / steps;
        for (int step = steps - 1; step >= 0; step--)
        {
            // The recorded time of a step's start: 0, then start + step·h (the last point is the horizon itself).
            double t = 0.0 + (step * h);
            ReverseStep(parameters, t, h, _stageRecord.AsSpan(step * 4 * width, 4 * width));
        }

        VectorLanes.Store(_gradients, 0, m, m, _parameterGradients);
        for (int s = 0; s < Samples; s++)
        {
            lossSum += sampleLosses[s];
            ReadOnlySpan<double> sampleGradient = _parameterGradients.AsSpan(s * m, m);
            for (int k = 0; k < m; k++)
            {
                gradient[k] += sampleGradient[k];
            }
        }

        _terminalStates.CopyTo(terminalStates);
        return new SolverStatistics(steps, 0, 4L * steps);
    }

    // K̄_j = h (b_j λ + Σ_{l>j} a_lj Ȳ_l), Ȳ_j = (∂f/∂x)ᵀ K̄_j, θ̄ += (∂f/∂θ)ᵀ K̄_j, λ += Σ_j Ȳ_j: the operations of
    // DiscreteAdjoint's four-stage reverse step (zero couplings skipped alike), on vectors.
    private void ReverseStep(double[] parameters, double t, double h, ReadOnlySpan<Vector256<double>> stageStates)
    {
        int width = _forward.Width;
        double a10 = _a[4];
        double a20 = _a[8];
        double a21 = _a[9];
        double a30 = _a[12];
        double a31 = _a[13];
        double a32 = _a[14];
        Vector256<double> hv = Vector256.Create(h);
        Span<Vector256<double>> lambda = _lambda;
        Span<Vector256<double>> rate = _rate;
        Span<Vector256<double>> s0 = _stageAdjoints.AsSpan(0, width);
        Span<Vector256<double>> s1 = _stageAdjoints.AsSpan(width, width);
        Span<Vector256<double>> s2 = _stageAdjoints.AsSpan(2 * width, width);
        Span<Vector256<double>> s3 = _stageAdjoints.AsSpan(3 * width, width);

        Vector256<double> b3 = Vector256.Create(_b[3]);
        for (int i = 0; i < width; i++)
        {
            rate[i] = b3 * lambda[i] * hv;
        }

        PullBack(parameters, t + (_c[3] * h), stageStates.Slice(3 * width, width), s3);

        Vector256<double> b2 = Vector256.Create(_b[2]);
        Vector256<double> c32 = Vector256.Create(a32);
        for (int i = 0; i < width; i++)
        {
            Vector256<double> r = b2 * lambda[i];
            if (a32 != 0.0)
            {
                r += c32 * s3[i];
            }

            rate[i] = r * hv;
        }

        PullBack(parameters, t + (_c[2] * h), stageStates.Slice(2 * width, width), s2);

        Vector256<double> b1 = Vector256.Create(_b[1]);
        Vector256<double> c21 = Vector256.Create(a21);
        Vector256<double> c31 = Vector256.Create(a31);
        for (int i = 0; i < width; i++)
        {
            Vector256<double> r = b1 * lambda[i];
            if (a21 != 0.0)
            {
                r += c21 * s2[i];
            }

            if (a31 != 0.0)
            {
                r += c31 * s3[i];
            }

            rate[i] = r * hv;
        }

        PullBack(parameters, t + (_c[1] * h), stageStates.Slice(width, width), s1);

        Vector256<double> b0 = Vector256.Create(_b[0]);
        Vector256<double> c10 = Vector256.Create(a10);
        Vector256<double> c20 = Vector256.Create(a20);
        Vector256<double> c30 = Vector256.Create(a30);
        for (int i = 0; i < width; i++)
        {
            Vector256<double> r = b0 * lambda[i];
            if (a10 != 0.0)
            {
                r += c10 * s1[i];
            }

            if (a20 != 0.0)
            {
                r += c20 * s2[i];
            }

            if (a30 != 0.0)
            {
                r += c30 * s3[i];
            }

            rate[i] = r * hv;
        }

        PullBack(parameters, t + (_c[0] * h), stageStates[..width], s0);

        for (int i = 0; i < width; i++)
        {
            lambda[i] = lambda[i] + s0[i] + s1[i] + s2[i] + s3[i];
        }
    }

    // Ȳ = (∂f/∂x)ᵀ K̄ per four-sample vector, and each lane's (∂f/∂θ)ᵀ K̄ added to its gradient.
    private void PullBack(double[] parameters, double t, ReadOnlySpan<Vector256<double>> stageStates, Span<Vector256<double>> stageAdjoints)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        Span<Vector256<double>> parameterAdjoint = _parameterAdjoint;
        for (int g = 0; g < VectorLanes.VectorsPerGroup; g++)
        {
            TModel.VectorJacobianProductLanes(
                t, stageStates.Slice(g * n, n), parameters, _rate.AsSpan(g * n, n), stageAdjoints.Slice(g * n, n), parameterAdjoint);
            Span<Vector256<double>> sum = _gradients.AsSpan(g * m, m);
            for (int k = 0; k < m; k++)
            {
                sum[k] += parameterAdjoint[k];
            }
        }
    }
}
