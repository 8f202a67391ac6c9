using System;

namespace NeuralOdeGen;

/// <summary>
/// Reverse-mode differentiation through the forward solver's own Runge–Kutta stages: the exact gradient of
/// the discretised loss (to rounding). Stores the stage states <c>Y_i</c> of every accepted step on the way
/// forward (memory: steps × stages × n per sample) and pulls λ back through them with vector–Jacobian products. For adaptive solvers the accepted step sequence is held fixed (the dependence of
/// the step sizes on θ is not differentiated, as in every practical discrete adjoint).
/// </summary>
public sealed class DiscreteAdjoint : ISensitivityMethod
{
    // Samples solved together by fixed-step solves of a terminal loss (see LaneModelSystem).
    private const int Lanes = 8;

    private readonly bool _useLanes;
    private readonly StepSharing _stepSharing;

    /// <summary>Creates the method.</summary>
    public DiscreteAdjoint()
        : this(useLanes: true)
    {
    }

    /// <summary>Creates the method with the given step sharing for adaptive solves in vector lanes.</summary>
    /// <param name="stepSharing">
    /// <see cref="StepSharing.PerGroup"/> to let each group of up to 128 samples share one adaptive step sequence in vector
    /// lanes (faster; results within the tolerance of the per-sample ones); <see cref="StepSharing.PerSample"/> is the default.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepSharing"/> is not a defined value.</exception>
    public DiscreteAdjoint(StepSharing stepSharing)
        : this(useLanes: true)
    {
        if (!Enum.IsDefined(stepSharing))
        {
            throw new ArgumentOutOfRangeException(nameof(stepSharing), stepSharing, "Expected StepSharing.PerSample or StepSharing.PerGroup.");
        }

        _stepSharing = stepSharing;
    }

    /// <summary>Creates the method, optionally without solving samples in groups (for the tests that compare both).</summary>
    internal DiscreteAdjoint(bool useLanes) => _useLanes = useLanes;

    /// <summary>Gets how adaptive solves in vector lanes choose their steps.</summary>
    public StepSharing StepSharing => _stepSharing;

    /// <inheritdoc/>
    public string Name => "Discrete adjoint";

    /// <inheritdoc/>
    public bool ProvidesSensitivities => false;

    /// <inheritdoc/>
    public SensitivityWorkspace<TModel> CreateWorkspace<TModel>(OdeSolver solver, ILoss loss)
        where TModel : struct, IOdeModel<TModel> => new Workspace<TModel>(solver, loss, _useLanes, _stepSharing, GradientOptions.None);

    /// <inheritdoc/>
    public SensitivityWorkspace<TModel> CreateWorkspace<TModel>(OdeSolver solver, ILoss loss, GradientOptions options)
        where TModel : struct, IOdeModel<TModel> => new Workspace<TModel>(solver, loss, _useLanes, _stepSharing, options);

    private sealed class Workspace<TModel> : SensitivityWorkspace<TModel>
        where TModel : struct, IOdeModel<TModel>
    {
        private readonly RungeKuttaStepper _stepper;
        private readonly TrajectoryRecord _record;
        private readonly int[] _observationPoints;
        private readonly RungeKuttaCoefficients _method;
        private readonly double[] _stageAdjoints;
        private readonly double[] _rateAdjoint;
        private readonly double[] _parameterAdjoint;
        private readonly double[] _adjoint;
        private readonly double[] _sampleGradient;
        private readonly RungeKuttaStepper? _laneStepper;
        private readonly TrajectoryRecord? _laneRecord;
        private readonly double[] _laneStageAdjoints = [];
        private readonly double[] _laneRateAdjoint = [];
        private readonly double[] _laneAdjoint = [];
        private readonly double[] _laneGradients = [];
        private readonly IVectorLaneGradient? _vectorLanes;

        public Workspace(OdeSolver solver, ILoss loss, bool useLanes, StepSharing stepSharing, GradientOptions options)
            : base(solver, loss, acceptsImplicitSolvers: false, options)
        {
            int n = TModel.StateCount;
            ButcherTableau tableau = solver.Tableau;
            _stepper = new RungeKuttaStepper(solver, n);
            _record = new TrajectoryRecord(n, storesDerivatives: false, stageStateCount: tableau.StageCount);
            _observationPoints = new int[loss.ObservationTimes.Length];
            _method = new RungeKuttaCoefficients(tableau);
            _stageAdjoints = new double[tableau.StageCount * n];
            _rateAdjoint = new double[n];
            _parameterAdjoint = new double[TModel.ParameterCount];
            _adjoint = new double[n];
            _sampleGradient = new double[TModel.ParameterCount];
            if (useLanes && VectorLanes.AppliesTo<TModel>(solver))
            {
                _vectorLanes = new DiscreteAdjointLanes<TModel>(solver, StartTime, loss.ObservationTimes);
            }
            else if (useLanes && stepSharing == StepSharing.PerGroup && VectorLanes.AppliesToSharedSteps<TModel>(solver))
            {
                _vectorLanes = new SharedStepDiscreteAdjointLanes<TModel>(solver, loss.ObservationTimes.Length, loss.SampleCount);
            }
            else if (useLanes && !options.TimeGradients && !solver.IsAdaptive && loss.ObservationTimes.Length == 1)
            {
                _laneStepper = new RungeKuttaStepper(solver, Lanes * n);
                _laneRecord = new TrajectoryRecord(Lanes * n, storesDerivatives: false, stageStateCount: tableau.StageCount);
                _laneStageAdjoints = new double[tableau.StageCount * Lanes * n];
                _laneRateAdjoint = new double[Lanes * n];
                _laneAdjoint = new double[Lanes * n];
                _laneGradients = new double[Lanes * TModel.ParameterCount];
            }
        }

        internal override bool FillsPartialGroups => _vectorLanes is not null;

        // Time gradients in groups only through the vector lanes (the stacked eight-sample path has none).
        internal override bool ComputesLaneTimeGradients => _vectorLanes is not null;

        internal override int LaneCount => _vectorLanes is not null ? VectorLanes.SamplesPerGroup : _laneStepper is null ? 1 : Lanes;

        internal override void ComputeLanes(
            int firstSample, ReadOnlySpan<double> initialStates, ReadOnlySpan<double> parameters, ref double loss, Span<double> gradient, Span<double> terminalStates, Span<double> initialStateGradients, Span<double> sensitivities, Span<double> timeGradients)
        {
            if (_vectorLanes is not null)
            {
                ComputeVectorLanes(_vectorLanes, firstSample, initialStates, parameters, ref loss, gradient, terminalStates, initialStateGradients, timeGradients);
                return;
            }

            RungeKuttaStepper stepper = _laneStepper!;
            TrajectoryRecord record = _laneRecord!;
            int n = TModel.StateCount;
            int m = TModel.ParameterCount;
            parameters.CopyTo(Parameters);
            double horizon = Horizon;
            var system = new LaneModelSystem<TModel>(Parameters);

            stepper.ResetStatistics();
            stepper.Reset(StartTime, initialStates);
            record.Clear();
            record.Add(StartTime, 0.0, initialStates);
            stepper.AdvanceTo(ref system, horizon, Span, record);

            // Everything that can fail has run before the first change to the caller's sums.
            ReadOnlySpan<double> states = stepper.State;
            Span<double> lossTerms = stackalloc double[Lanes];
            Span<double> adjoint = _laneAdjoint;
            for (int lane = 0; lane < Lanes; lane++)
            {
                lossTerms[lane] = Loss.Evaluate(firstSample + lane, 0, states.Slice(lane * n, n), adjoint.Slice(lane * n, n));
            }

            states.CopyTo(terminalStates);
            _laneGradients.AsSpan().Clear();
            for (int point = record.Count - 1; point > 0; point--)
            {
                ReverseStep(record, point - 1, Lanes, _laneStageAdjoints, _laneRateAdjoint, _laneAdjoint, _laneGradients);
            }

            // λ(t0) = ∂L/∂x0 per lane, stacked sample-major as the initial states are.
            if (!initialStateGradients.IsEmpty)
            {
                _laneAdjoint.AsSpan(0, initialStateGradients.Length).CopyTo(initialStateGradients);
            }

            for (int lane = 0; lane < Lanes; lane++)
            {
                loss += lossTerms[lane];
                ReadOnlySpan<double> laneGradient = _laneGradients.AsSpan(lane * m, m);
                for (int k = 0; k < m; k++)
                {
                    gradient[k] += laneGradient[k];
                }
            }

            // Per-sample work, as if the lanes had been solved one by one.
            SolverStatistics work = stepper.Statistics;
            for (int lane = 0; lane < Lanes; lane++)
            {
                Statistics += work;
            }
        }

        public override double ComputeSample(
            int sample, ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, Span<double> gradient, Span<double> terminalState, Span<double> sensitivities)
        {
            int n = TModel.StateCount;
            parameters.CopyTo(Parameters);
            var system = new ModelSystem<TModel>(Parameters);
            ReadOnlySpan<double> times = Loss.ObservationTimes;

            _stepper.ResetStatistics();
            _stepper.Reset(StartTime, initialState);
            _record.Clear();
            _record.Add(StartTime, 0.0, initialState);
            double loss = 0.0;
            for (int k = 0; k < times.Length; k++)
            {
                _stepper.AdvanceTo(ref system, times[k], Span, _record);
                loss += Loss.Evaluate(sample, k, _stepper.State, LossGradients.AsSpan(k * n, n));
                RecordObservationTimeGradient(k, _stepper.State, LossGradients.AsSpan(k * n, n));
                _observationPoints[k] = _record.Count - 1;
            }

            _stepper.State.CopyTo(terminalState);

            Span<double> adjoint = _adjoint;
            adjoint.Clear();
            Span<double> sampleGradient = _sampleGradient;
            sampleGradient.Clear();
            int observation = times.Length - 1;
            for (int point = _record.Count - 1; point >= 0; point--)
            {
                while (observation >= 0 && _observationPoints[observation] == point)
                {
                    ReadOnlySpan<double> jump = LossGradients.AsSpan(observation * n, n);
                    for (int i = 0; i < n; i++)
                    {
                        adjoint[i] += jump[i];
                    }

                    observation--;
                }

                if (point > 0)
                {
                    ReverseStep(_record, point - 1, 1, _stageAdjoints, _rateAdjoint, _adjoint, _sampleGradient);
                }
            }

            RecordInitialAdjoint(initialState, adjoint);

            // A sample's gradient is summed on its own before it joins the others (the grouped path does the same).
            for (int k = 0; k < sampleGradient.Length; k++)
            {
                gradient[k] += sampleGradient[k];
            }

            Statistics += _stepper.Statistics;
            return loss;
        }

        // Pulls λ back through the step from point i to i + 1 for `lanes` samples stacked sample-major, each lane's
        // θ-gradient into its own row.
        private void ReverseStep(
            TrajectoryRecord record, int point, int lanes, double[] stageAdjoints, double[] rateAdjoint, double[] adjoint, double[] gradients)
        {
            int width = lanes * TModel.StateCount;
            var pullBack = new StackedPullBack<TModel>(Parameters, _parameterAdjoint, gradients);
            RungeKuttaReverseStep.Take(
                ref pullBack,
                _method,
                record.Time(point),
                record.StepSize(point),
                record.StageStates(point),
                adjoint.AsSpan(0, width),
                rateAdjoint.AsSpan(0, width),
                stageAdjoints.AsSpan(0, _method.StageCount * width));
        }
    }
}
