using System;

namespace NeuralOdeGen;

/// <summary>
/// The continuous adjoint without re-integrating the state backwards: the forward pass records every accepted
/// point, and the backward solve of <c>[λ, z]</c> reads <c>x(t)</c> from that record by dense output
/// (Dormand–Prince's own interpolant for that pair, cubic Hermite otherwise). Stable on dissipative and stiff
/// dynamics where backsolve blows up; memory grows with the number of forward steps, and the interpolation is
/// fourth-order accurate in the forward step size. With an implicit solver the stiff adjoint is solved backwards by the
/// same implicit method (<see cref="ImplicitCheckpointedAdjointWorkspace{TModel}"/>).
/// </summary>
public sealed class CheckpointedAdjoint : ISensitivityMethod
{
    /// <inheritdoc/>
    public string Name => "Checkpointed continuous adjoint";

    /// <inheritdoc/>
    public bool ProvidesSensitivities => false;

    /// <inheritdoc/>
    public SensitivityWorkspace<TModel> CreateWorkspace<TModel>(OdeSolver solver, ILoss loss)
        where TModel : struct, IOdeModel<TModel> => CreateWorkspace<TModel>(solver, loss, GradientOptions.None);

    /// <inheritdoc/>
    public SensitivityWorkspace<TModel> CreateWorkspace<TModel>(OdeSolver solver, ILoss loss, GradientOptions options)
        where TModel : struct, IOdeModel<TModel> =>
        solver is { IsImplicit: true } ? new ImplicitCheckpointedAdjointWorkspace<TModel>(solver, loss, options) : new Workspace<TModel>(solver, loss, options);

    private sealed class Workspace<TModel> : SensitivityWorkspace<TModel>
        where TModel : struct, IOdeModel<TModel>
    {
        private readonly RungeKuttaStepper _forward;
        private readonly RungeKuttaStepper _backward;
        private readonly TrajectoryRecord _record;
        private readonly double[] _adjointState;
        private readonly double[] _interpolated;

        public Workspace(OdeSolver solver, ILoss loss, GradientOptions options)
            : base(solver, loss, acceptsImplicitSolvers: false, options)
        {
            int n = TModel.StateCount;
            _forward = new RungeKuttaStepper(solver, n);
            _backward = new RungeKuttaStepper(solver, n + TModel.ParameterCount);
            // A method with its own dense output interpolates from its stages; only cubic Hermite needs F at the points.
            ContinuousExtension? extension = solver.Tableau.ContinuousExtension;
            _record = new TrajectoryRecord(n, storesDerivatives: extension is null, extension: extension);
            _adjointState = new double[n + TModel.ParameterCount];
            _interpolated = new double[n];
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
            if (_record.StoresDerivatives)
            {
                _forward.CurrentDerivative(ref system).CopyTo(_record.Derivative(0));
            }
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
            var adjoint = new InterpolatedAdjointSystem<TModel>(Parameters, _record, _interpolated);
            _backward.ResetStatistics();
            _backward.Reset(horizon, _adjointState);
            for (int k = last - 1; k >= -1; k--)
            {
                double stop = k >= 0 ? times[k] : StartTime;
                _backward.AdvanceTo(ref adjoint, stop, Span, record: null);
                if (k >= 0)
                {
                    Span<double> lambda = _backward.State[..n];
                    ReadOnlySpan<double> jump = LossGradients.AsSpan(k * n, n);
                    for (int i = 0; i < n; i++)
                    {
                        lambda[i] += jump[i];
                    }

                    _backward.InvalidateDerivative();
                }
            }

            ReadOnlySpan<double> z = _backward.State[n..];
            for (int q = 0; q < z.Length; q++)
            {
                gradient[q] += z[q];
            }

            RecordInitialAdjoint(initialState, _backward.State[..n]);

            Statistics += _forward.Statistics + _backward.Statistics;
            return loss;
        }
    }
}
