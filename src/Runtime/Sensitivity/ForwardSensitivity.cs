using System;

namespace NeuralOdeGen;

/// <summary>
/// Integrates the sensitivities <c>S = ∂x/∂θ</c> alongside the state, <c>Ṡ = (∂f/∂x) S + ∂f/∂θ</c> (one
/// Jacobian–vector product per parameter per evaluation), and forms the gradient <c>Σ_k (∂ℓ/∂x(τ_k))ᵀ S(τ_k)</c>.
/// Also yields <c>∂x_t/∂θ</c> per sample (for Gauss–Newton). Cost grows with the number of parameters; with a
/// fixed-step solver the result equals the discrete adjoint's (differentiation commutes with the RK map).
/// With an adaptive solver the error control covers the sensitivities too. With an implicit solver the augmented system
/// is integrated by that method with one shared LU per step (<see cref="ImplicitForwardSensitivityWorkspace{TModel}"/>):
/// the derivative of the solver's own steps, exact to the Newton tolerance (ESDIRK) or to rounding (Rosenbrock).
/// </summary>
public sealed class ForwardSensitivity : ISensitivityMethod
{
    private readonly bool _useLanes;
    private readonly StepSharing _stepSharing;

    /// <summary>Creates the method.</summary>
    public ForwardSensitivity()
        : this(useLanes: true)
    {
    }

    /// <summary>Creates the method with the given step sharing for adaptive solves in vector lanes.</summary>
    /// <param name="stepSharing">
    /// <see cref="StepSharing.PerGroup"/> to let each group of samples share one adaptive step sequence in vector lanes
    /// (faster; results within the tolerance of the per-sample ones, the error control still covering every sample's
    /// sensitivities); <see cref="StepSharing.PerSample"/> is the default.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepSharing"/> is not a defined value.</exception>
    public ForwardSensitivity(StepSharing stepSharing)
        : this(useLanes: true)
    {
        if (!Enum.IsDefined(stepSharing))
        {
            throw new ArgumentOutOfRangeException(nameof(stepSharing), stepSharing, "Expected StepSharing.PerSample or StepSharing.PerGroup.");
        }

        _stepSharing = stepSharing;
    }

    /// <summary>Creates the method, optionally without solving samples in groups (for the tests that compare both).</summary>
    internal ForwardSensitivity(bool useLanes) => _useLanes = useLanes;

    /// <summary>Gets how adaptive solves in vector lanes choose their steps.</summary>
    public StepSharing StepSharing => _stepSharing;

    /// <inheritdoc/>
    public string Name => "Forward sensitivity";

    /// <inheritdoc/>
    public bool ProvidesSensitivities => true;

    /// <inheritdoc/>
    public SensitivityWorkspace<TModel> CreateWorkspace<TModel>(OdeSolver solver, ILoss loss)
        where TModel : struct, IOdeModel<TModel> => CreateWorkspace<TModel>(solver, loss, GradientOptions.None);

    /// <inheritdoc/>
    /// <remarks>
    /// <c>∂L/∂x0</c> needs the <c>n×n</c> state sensitivities <c>∂x/∂x0</c>: <c>n</c> more columns integrated beside the
    /// parameters' (cost grows from <c>m + 1</c> to <c>m + n + 1</c> state-sized columns), so it is computed only when asked
    /// for. <c>∂L/∂t0</c> takes one more column, <c>∂x/∂t0</c>. With an adaptive solver the error control covers the extra
    /// columns too, so the steps (and the last bits of the other outputs) can differ from a solve without them.
    /// </remarks>
    public SensitivityWorkspace<TModel> CreateWorkspace<TModel>(OdeSolver solver, ILoss loss, GradientOptions options)
        where TModel : struct, IOdeModel<TModel> =>
        solver is { IsImplicit: true } ? new ImplicitForwardSensitivityWorkspace<TModel>(solver, loss, options) : new Workspace<TModel>(solver, loss, options, _useLanes, _stepSharing);

    private sealed class Workspace<TModel> : SensitivityWorkspace<TModel>
        where TModel : struct, IOdeModel<TModel>
    {
        private readonly RungeKuttaStepper _stepper;
        private readonly double[] _initial;
        private readonly double[] _unitDirection;
        private readonly double[] _sampleGradient;
        private readonly ForwardSensitivityLanes<TModel>? _lanes;
        private readonly double[] _laneStartTimeGradients;

        public Workspace(OdeSolver solver, ILoss loss, GradientOptions options, bool useLanes, StepSharing stepSharing)
            : base(solver, loss, acceptsImplicitSolvers: false, options)
        {
            int n = TModel.StateCount;
            int m = TModel.ParameterCount;
            int columns = m + ExtraSensitivityColumns.Count(n, options.InitialStateGradients, options.TimeGradients);
            _stepper = new RungeKuttaStepper(solver, n * (columns + 1));
            _initial = new double[n * (columns + 1)];
            _unitDirection = new double[m];
            _sampleGradient = new double[m];

            bool lanesApply = VectorLanes.AppliesTo<TModel>(solver) || (stepSharing == StepSharing.PerGroup && VectorLanes.AppliesToSharedSteps<TModel>(solver));
            if (useLanes && lanesApply && TModel.HasJacobianVectorProductLanes)
            {
                _lanes = new ForwardSensitivityLanes<TModel>(solver, options.InitialStateGradients, options.TimeGradients);
            }

            _laneStartTimeGradients = _lanes is not null && options.TimeGradients ? new double[_lanes.SamplesPerGroup] : [];
        }

        internal override int LaneCount => _lanes?.SamplesPerGroup ?? 1;

        internal override bool FillsPartialGroups => _lanes is not null;

        internal override bool ComputesLaneSensitivities => _lanes is not null;

        internal override bool ComputesLaneTimeGradients => _lanes is not null;

        internal override void ComputeLanes(
            int firstSample,
            ReadOnlySpan<double> initialStates,
            ReadOnlySpan<double> parameters,
            ref double loss,
            Span<double> gradient,
            Span<double> terminalStates,
            Span<double> initialStateGradients,
            Span<double> sensitivities,
            Span<double> timeGradients)
        {
            if (_lanes is null)
            {
                base.ComputeLanes(firstSample, initialStates, parameters, ref loss, gradient, terminalStates, initialStateGradients, sensitivities, timeGradients);
                return;
            }

            parameters.CopyTo(Parameters);
            int samples = initialStates.Length / TModel.StateCount;
            Span<double> startTimeGradients = timeGradients.IsEmpty ? [] : _laneStartTimeGradients.AsSpan(0, samples);
            SolverStatistics perSample = _lanes.Compute(
                LaneLoss(firstSample, timeGradients),
                firstSample,
                initialStates,
                Parameters,
                StartTime,
                Horizon,
                ref loss,
                gradient,
                terminalStates,
                initialStateGradients,
                sensitivities,
                startTimeGradients);
            for (int s = 0; s < startTimeGradients.Length; s++)
            {
                SetLaneStartTimeGradient(s, startTimeGradients[s]);
            }

            AddLaneTimeGradients(samples, timeGradients);
            AddSampleStatistics(perSample, samples);
        }

        public override double ComputeSample(
            int sample, ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, Span<double> gradient, Span<double> terminalState, Span<double> sensitivities)
        {
            int n = TModel.StateCount;
            int m = TModel.ParameterCount;
            parameters.CopyTo(Parameters);
            var system = new SensitivitySystem<TModel>(Parameters, _unitDirection);
            ReadOnlySpan<double> times = Loss.ObservationTimes;

            ExtraSensitivityColumns.Start<TModel>(_initial, initialState, Parameters, StartTime, WantsInitialStateGradient, WantsTimeGradients);
            InitialStateGradient.AsSpan().Clear();
            double startTimeGradient = 0.0;
            _stepper.ResetStatistics();
            _stepper.Reset(StartTime, _initial);
            Span<double> lossGradient = LossGradients.AsSpan(0, n);

            // The sample's own gradient first, added to the running sum at the end (as the adjoints and the lanes do).
            Span<double> sampleGradient = _sampleGradient;
            sampleGradient.Clear();
            double loss = 0.0;
            for (int k = 0; k < times.Length; k++)
            {
                _stepper.AdvanceTo(ref system, times[k], Span, record: null);
                ReadOnlySpan<double> y = _stepper.State;
                loss += Loss.Evaluate(sample, k, y[..n], lossGradient);
                RecordObservationTimeGradient(k, y[..n], lossGradient);
                ExtraSensitivityColumns.Accumulate<TModel>(y, lossGradient, InitialStateGradient, WantsTimeGradients, ref startTimeGradient);
                for (int q = 0; q < m; q++)
                {
                    ReadOnlySpan<double> column = y.Slice(n * (q + 1), n);
                    double sum = 0.0;
                    for (int i = 0; i < n; i++)
                    {
                        sum += lossGradient[i] * column[i];
                    }

                    sampleGradient[q] += sum;
                }
            }

            for (int q = 0; q < m; q++)
            {
                gradient[q] += sampleGradient[q];
            }

            if (WantsTimeGradients)
            {
                TimeGradients[^1] = startTimeGradient;
            }

            ReadOnlySpan<double> final = _stepper.State;
            final[..n].CopyTo(terminalState);
            if (!sensitivities.IsEmpty)
            {
                for (int i = 0; i < n; i++)
                {
                    for (int q = 0; q < m; q++)
                    {
                        sensitivities[(i * m) + q] = final[(n * (q + 1)) + i];
                    }
                }
            }

            Statistics += _stepper.Statistics;
            return loss;
        }
    }
}
