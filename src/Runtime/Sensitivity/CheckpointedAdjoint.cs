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
    private readonly bool _useLanes;
    private readonly StepSharing _stepSharing;

    /// <summary>Creates the method.</summary>
    public CheckpointedAdjoint()
        : this(useLanes: true)
    {
    }

    /// <summary>Creates the method with the given step sharing for adaptive solves in vector lanes.</summary>
    /// <param name="stepSharing">
    /// <see cref="StepSharing.PerGroup"/> to let each group of up to 128 samples share one adaptive step sequence in vector
    /// lanes, forwards and backwards (faster; results within the tolerance of the per-sample ones); <see cref="StepSharing.PerSample"/> is the default.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepSharing"/> is not a defined value.</exception>
    public CheckpointedAdjoint(StepSharing stepSharing)
        : this(useLanes: true)
    {
        if (!Enum.IsDefined(stepSharing))
        {
            throw new ArgumentOutOfRangeException(nameof(stepSharing), stepSharing, "Expected StepSharing.PerSample or StepSharing.PerGroup.");
        }

        _stepSharing = stepSharing;
    }

    /// <summary>Creates the method, optionally without solving samples in groups (for the tests that compare both).</summary>
    internal CheckpointedAdjoint(bool useLanes) => _useLanes = useLanes;

    /// <summary>Gets how adaptive solves in vector lanes choose their steps.</summary>
    public StepSharing StepSharing => _stepSharing;

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
        solver is { IsImplicit: true } ? new ImplicitCheckpointedAdjointWorkspace<TModel>(solver, loss, options) : new Workspace<TModel>(solver, loss, _useLanes, _stepSharing, options);

    private sealed class Workspace<TModel> : SensitivityWorkspace<TModel>
        where TModel : struct, IOdeModel<TModel>
    {
        private readonly RungeKuttaStepper _forward;
        private readonly RungeKuttaStepper _backward;
        private readonly TrajectoryRecord _record;
        private readonly double[] _adjointState;
        private readonly double[] _interpolated;
        private readonly IVectorLaneGradient? _vectorLanes;

        public Workspace(OdeSolver solver, ILoss loss, bool useLanes, StepSharing stepSharing, GradientOptions options)
            : base(solver, loss, acceptsImplicitSolvers: false, options)
        {
            if (useLanes && VectorLanes.AppliesTo<TModel>(solver) && CheckpointedAdjointLanes<TModel>.Supports(solver))
            {
                _vectorLanes = new CheckpointedAdjointLanes<TModel>(solver, StartTime, loss.ObservationTimes);
            }
            else if (useLanes && stepSharing == StepSharing.PerGroup && VectorLanes.AppliesToSharedSteps<TModel>(solver))
            {
                _vectorLanes = new SharedStepCheckpointedAdjointLanes<TModel>(solver, loss.ObservationTimes.Length, loss.SampleCount);
            }

            int n = TModel.StateCount;
            _forward = new RungeKuttaStepper(solver, n);
            _backward = new RungeKuttaStepper(solver, n + TModel.ParameterCount);
            // A method with its own dense output interpolates from its stages; only cubic Hermite needs F at the points.
            ContinuousExtension? extension = solver.Tableau.ContinuousExtension;
            _record = new TrajectoryRecord(n, storesDerivatives: extension is null, extension: extension);
            _adjointState = new double[n + TModel.ParameterCount];
            _interpolated = new double[n];
        }

        internal override bool FillsPartialGroups => _vectorLanes is not null;

        // Time gradients in groups only through the vector lanes (the stacked eight-sample path has none).
        internal override bool ComputesLaneTimeGradients => _vectorLanes is not null;

        internal override int LaneCount => _vectorLanes is not null ? VectorLanes.SamplesPerGroup : 1;

        internal override void ComputeLanes(
            int firstSample, ReadOnlySpan<double> initialStates, ReadOnlySpan<double> parameters, ref double loss, Span<double> gradient, Span<double> terminalStates, Span<double> initialStateGradients, Span<double> sensitivities, Span<double> timeGradients) =>
            ComputeVectorLanes(_vectorLanes!, firstSample, initialStates, parameters, ref loss, gradient, terminalStates, initialStateGradients, timeGradients);

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
