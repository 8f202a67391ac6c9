using System;

namespace NeuralOdeGen;

/// <summary>
/// <see cref="CheckpointedAdjoint"/> through an implicit solver. The forward solve records every accepted point and its
/// derivative; the adjoint <c>λ' = −Jᵀλ</c>, <c>μ' = −(∂f/∂θ)ᵀλ</c> of a stiff problem is as stiff as the problem, so it is
/// solved backwards by the same implicit method (<see cref="ImplicitAdjointSystem{TModel}"/>): the iteration matrix from
/// <c>−Jᵀ</c> at the interpolated state, one LU of size n per step, <c>μ</c> carried as a quadrature.
/// </summary>
/// <remarks>
/// Approximate, as every continuous adjoint: the gradient of the exact loss to the solver tolerance (both solves are
/// error-controlled, <c>μ</c> included) plus the interpolation error of the state, cubic Hermite between accepted
/// points (fourth order in the forward step). It is not the derivative of the discrete forward solution; use
/// <see cref="ForwardSensitivity"/> for that.
/// </remarks>
internal sealed class ImplicitCheckpointedAdjointWorkspace<TModel> : SensitivityWorkspace<TModel>
    where TModel : struct, IOdeModel<TModel>
{
    private readonly ImplicitStepper _forward;
    private readonly ImplicitStepper _backward;
    private readonly TrajectoryRecord _record;
    private readonly double[] _adjointState;
    private readonly double[] _interpolated;
    private readonly double[] _stateJacobian;
    private readonly double[] _stateProduct;

    public ImplicitCheckpointedAdjointWorkspace(OdeSolver solver, ILoss loss, GradientOptions options)
        : base(solver, loss, acceptsImplicitSolvers: true, options)
    {
        int n = TModel.StateCount;
        _forward = ImplicitStepper.Create(solver, ImplicitLayout.Plain(n));
        _backward = ImplicitStepper.Create(solver, ImplicitAdjointSystem<TModel>.Layout);
        _record = new TrajectoryRecord(n, storesDerivatives: true);
        _adjointState = new double[n + TModel.ParameterCount];
        _interpolated = new double[n];
        _stateJacobian = new double[n * n];
        _stateProduct = new double[n];
    }

    public override double ComputeSample(
        int sample, ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, Span<double> gradient, Span<double> terminalState, Span<double> sensitivities)
    {
        int n = TModel.StateCount;
        parameters.CopyTo(Parameters);
        var system = new ModelSystem<TModel>(Parameters);
        ReadOnlySpan<double> times = Loss.ObservationTimes;
        double horizon = Horizon;
        int last = times.Length - 1;

        _forward.ResetStatistics();
        _forward.Reset(StartTime, initialState);
        _record.Clear();
        _record.Add(StartTime, 0.0, initialState);
        _forward.CurrentDerivative(ref system).CopyTo(_record.Derivative(0));
        double loss = 0.0;
        for (int k = 0; k <= last; k++)
        {
            _forward.AdvanceTo(ref system, times[k], Span, _record);
            loss += Loss.Evaluate(sample, k, _forward.State, LossGradients.AsSpan(k * n, n));
            RecordObservationTimeGradient(k, _forward.State, LossGradients.AsSpan(k * n, n));
        }

        _forward.State.CopyTo(terminalState);

        LossGradients.AsSpan(last * n, n).CopyTo(_adjointState);
        _adjointState.AsSpan(n).Clear();
        var adjoint = new ImplicitAdjointSystem<TModel>(Parameters, _record, _interpolated, _stateJacobian, _stateProduct);
        _backward.ResetStatistics();
        _backward.Reset(horizon, _adjointState);
        int knot = _record.Count - 2;

        // +1 when the forward solve ran forwards in time (the adjoint then runs backwards), −1 the other way round.
        double direction = horizon > StartTime ? 1.0 : -1.0;
        for (int k = last - 1; k >= -1; k--)
        {
            double stop = k >= 0 ? times[k] : StartTime;

            // Step from recorded point to recorded point: the interpolated x(t) is only C¹ across them, and a step across
            // one made the error estimate reject and shrink the backward steps (Robertson: 4× the forward steps, a third rejected).
            for (; knot > 0 && direction * (_record.Time(knot) - stop) >= 0.0; knot--)
            {
                if (direction * (_record.Time(knot) - stop) > 0.0)
                {
                    _backward.AdvanceTo(ref adjoint, _record.Time(knot), Span);
                }
            }

            _backward.AdvanceTo(ref adjoint, stop, Span);
            if (k >= 0)
            {
                // The loss's jump at an observation: λ changes, so F and the linearisation there are stale.
                Span<double> lambda = _backward.MutableState[..n];
                ReadOnlySpan<double> jump = LossGradients.AsSpan(k * n, n);
                for (int i = 0; i < n; i++)
                {
                    lambda[i] += jump[i];
                }

                _backward.InvalidateState();
            }
        }

        ReadOnlySpan<double> mu = _backward.State[n..];
        for (int q = 0; q < mu.Length; q++)
        {
            gradient[q] += mu[q];
        }

        RecordInitialAdjoint(initialState, _backward.State[..n]);

        Statistics += _forward.Statistics + _backward.Statistics;
        return loss;
    }
}
