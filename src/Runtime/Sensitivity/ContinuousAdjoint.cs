using System;

namespace NeuralOdeGen;

/// <summary>
/// Paper Algorithm 1 (backsolve): after the forward solve, integrates <c>[x, λ, z]</c> backwards from the horizon
/// with <c>λ(t) = ∂L/∂x_t</c>, <c>z(t) = 0</c>, adding <c>∂ℓ/∂x(τ_k)</c> to λ at each earlier observation;
/// the gradient is <c>z(0)</c>. Memory is constant in the number of steps, but the gradient is only as accurate
/// as the backward solve, and re-integrating <c>x</c> backwards is unstable on dissipative dynamics (prefer
/// <see cref="CheckpointedAdjoint"/> or <see cref="DiscreteAdjoint"/> there).
/// </summary>
public sealed class ContinuousAdjoint : ISensitivityMethod
{
    // Samples solved together by fixed-step solves of a terminal loss (see LaneModelSystem).
    private const int Lanes = 8;

    private readonly bool _useLanes;
    private readonly StepSharing _stepSharing;

    /// <summary>Creates the method.</summary>
    public ContinuousAdjoint()
        : this(useLanes: true)
    {
    }

    /// <summary>Creates the method with the given step sharing for adaptive solves in vector lanes.</summary>
    /// <param name="stepSharing">
    /// <see cref="StepSharing.PerGroup"/> to let each group of up to 128 samples share one adaptive step sequence in vector
    /// lanes (faster; results within the tolerance of the per-sample ones); <see cref="StepSharing.PerSample"/> is the default.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepSharing"/> is not a defined value.</exception>
    public ContinuousAdjoint(StepSharing stepSharing)
        : this(useLanes: true)
    {
        if (!Enum.IsDefined(stepSharing))
        {
            throw new ArgumentOutOfRangeException(nameof(stepSharing), stepSharing, "Expected StepSharing.PerSample or StepSharing.PerGroup.");
        }

        _stepSharing = stepSharing;
    }

    /// <summary>Creates the method, optionally without solving samples in groups (for the tests that compare both).</summary>
    internal ContinuousAdjoint(bool useLanes) => _useLanes = useLanes;

    /// <summary>Gets how adaptive solves in vector lanes choose their steps.</summary>
    public StepSharing StepSharing => _stepSharing;

    /// <summary>
    /// Gets a value indicating whether the adaptive backward solve of <c>[x, λ, z]</c> controls the error of <c>x</c> and
    /// <c>λ</c> only, leaving the parameter integral <c>z = ∫ λᵀ ∂f/∂θ dt</c> out of the error norm: the adjoint seminorm
    /// of Kidger, Chen &amp; Lyons (ICML 2021), torchdiffeq's <c>adjoint_options=dict(norm="seminorm")</c>; <c>z</c> is then as
    /// accurate as the steps <c>x</c> and <c>λ</c> need make it. It saves backward steps when the integral's errors are the
    /// ones that drive the step; the default norm here is the RMS over all components, so when they are smaller than
    /// those of <c>x</c> and <c>λ</c> it can take more (Lotka–Volterra, 4 parameters: 1.6 % more). Replaces the solver's
    /// own error norm in the backward solve. Default false.
    /// </summary>
    public bool Seminorm { get; init; }

    /// <inheritdoc/>
    public string Name => "Continuous adjoint (backsolve)";

    /// <inheritdoc/>
    public bool ProvidesSensitivities => false;

    /// <inheritdoc/>
    public SensitivityWorkspace<TModel> CreateWorkspace<TModel>(OdeSolver solver, ILoss loss)
        where TModel : struct, IOdeModel<TModel> => new Workspace<TModel>(solver, loss, _useLanes, _stepSharing, Seminorm, GradientOptions.None);

    /// <inheritdoc/>
    public SensitivityWorkspace<TModel> CreateWorkspace<TModel>(OdeSolver solver, ILoss loss, GradientOptions options)
        where TModel : struct, IOdeModel<TModel> => new Workspace<TModel>(solver, loss, _useLanes, _stepSharing, Seminorm, options);

    private sealed class Workspace<TModel> : SensitivityWorkspace<TModel>
        where TModel : struct, IOdeModel<TModel>
    {
        private readonly RungeKuttaStepper _forward;
        private readonly RungeKuttaStepper _backward;
        private readonly double[] _augmented;
        private readonly RungeKuttaStepper? _laneForward;
        private readonly RungeKuttaStepper? _laneBackward;
        private readonly double[] _laneAugmented = [];
        private readonly IVectorLaneGradient? _vectorLanes;

        public Workspace(OdeSolver solver, ILoss loss, bool useLanes, StepSharing stepSharing, bool seminorm, GradientOptions options)
            : base(solver, loss, acceptsImplicitSolvers: false, options)
        {
            int n = TModel.StateCount;
            int d = (2 * n) + TModel.ParameterCount;
            _forward = new RungeKuttaStepper(solver, n);
            _backward = new RungeKuttaStepper(seminorm && solver.IsAdaptive ? solver.WithErrorNorm(new LeadingComponentsErrorNorm(2 * n)) : solver, d);
            _augmented = new double[d];
            if (useLanes && VectorLanes.AppliesTo<TModel>(solver))
            {
                _vectorLanes = new ContinuousAdjointLanes<TModel>(solver, loss.ObservationTimes.Length);
            }
            else if (useLanes && stepSharing == StepSharing.PerGroup && VectorLanes.AppliesToSharedSteps<TModel>(solver))
            {
                _vectorLanes = new SharedStepContinuousAdjointLanes<TModel>(solver, loss.ObservationTimes.Length, seminorm, loss.SampleCount);
            }
            else if (useLanes && !options.TimeGradients && !solver.IsAdaptive && loss.ObservationTimes.Length == 1)
            {
                _laneForward = new RungeKuttaStepper(solver, Lanes * n);
                _laneBackward = new RungeKuttaStepper(solver, Lanes * d);
                _laneAugmented = new double[Lanes * d];
            }
        }

        internal override bool FillsPartialGroups => _vectorLanes is not null;

        // Time gradients in groups only through the vector lanes (the stacked eight-sample path has none).
        internal override bool ComputesLaneTimeGradients => _vectorLanes is not null;

        internal override int LaneCount => _vectorLanes is not null ? VectorLanes.SamplesPerGroup : _laneForward is null ? 1 : Lanes;

        internal override void ComputeLanes(
            int firstSample, ReadOnlySpan<double> initialStates, ReadOnlySpan<double> parameters, ref double loss, Span<double> gradient, Span<double> terminalStates, Span<double> initialStateGradients, Span<double> sensitivities, Span<double> timeGradients)
        {
            if (_vectorLanes is not null)
            {
                ComputeVectorLanes(_vectorLanes, firstSample, initialStates, parameters, ref loss, gradient, terminalStates, initialStateGradients, timeGradients);
                return;
            }

            RungeKuttaStepper forward = _laneForward!;
            RungeKuttaStepper backward = _laneBackward!;
            int n = TModel.StateCount;
            int d = (2 * n) + TModel.ParameterCount;
            parameters.CopyTo(Parameters);
            double horizon = Horizon;

            forward.ResetStatistics();
            forward.Reset(StartTime, initialStates);
            var system = new LaneModelSystem<TModel>(Parameters);
            forward.AdvanceTo(ref system, horizon, Span, record: null);

            // Everything that can fail has run before the first change to the caller's sums.
            Span<double> augmented = _laneAugmented;
            ReadOnlySpan<double> states = forward.State;
            Span<double> lossTerms = stackalloc double[Lanes];
            for (int lane = 0; lane < Lanes; lane++)
            {
                ReadOnlySpan<double> state = states.Slice(lane * n, n);
                Span<double> block = augmented.Slice(lane * d, d);
                lossTerms[lane] = Loss.Evaluate(firstSample + lane, 0, state, block.Slice(n, n));
                state.CopyTo(block);
                block[(2 * n)..].Clear();
            }

            backward.ResetStatistics();
            backward.Reset(horizon, augmented);
            var adjoint = new LaneAdjointSystem<TModel>(Parameters);
            backward.AdvanceTo(ref adjoint, StartTime, Span, record: null);

            states.CopyTo(terminalStates);
            ReadOnlySpan<double> result = backward.State;
            for (int lane = 0; lane < Lanes; lane++)
            {
                loss += lossTerms[lane];
                ReadOnlySpan<double> z = result.Slice((lane * d) + (2 * n), d - (2 * n));
                for (int q = 0; q < z.Length; q++)
                {
                    gradient[q] += z[q];
                }

                if (!initialStateGradients.IsEmpty)
                {
                    // λ(t0) = ∂L/∂x0.
                    result.Slice((lane * d) + n, n).CopyTo(initialStateGradients.Slice(lane * n, n));
                }
            }

            // Per-sample work, as if the lanes had been solved one by one.
            SolverStatistics work = forward.Statistics + backward.Statistics;
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
            double horizon = Horizon;
            int last = times.Length - 1;

            _forward.ResetStatistics();
            _forward.Reset(StartTime, initialState);
            double loss = 0.0;
            for (int k = 0; k <= last; k++)
            {
                _forward.AdvanceTo(ref system, times[k], Span, record: null);
                loss += Loss.Evaluate(sample, k, _forward.State, LossGradients.AsSpan(k * n, n));
                RecordObservationTimeGradient(k, _forward.State, LossGradients.AsSpan(k * n, n));
            }

            _forward.State.CopyTo(terminalState);

            // [x(t), λ(t) = ∂ℓ/∂x_t, z(t) = 0], then backwards with jumps at the earlier observations.
            _forward.State.CopyTo(_augmented);
            LossGradients.AsSpan(last * n, n).CopyTo(_augmented.AsSpan(n, n));
            _augmented.AsSpan(2 * n).Clear();
            var adjoint = new AdjointSystem<TModel>(Parameters);
            _backward.ResetStatistics();
            _backward.Reset(horizon, _augmented);
            for (int k = last - 1; k >= -1; k--)
            {
                double stop = k >= 0 ? times[k] : StartTime;
                _backward.AdvanceTo(ref adjoint, stop, Span, record: null);
                if (k >= 0)
                {
                    Span<double> lambda = _backward.State.Slice(n, n);
                    ReadOnlySpan<double> jump = LossGradients.AsSpan(k * n, n);
                    for (int i = 0; i < n; i++)
                    {
                        lambda[i] += jump[i];
                    }

                    _backward.InvalidateDerivative();
                }
            }

            ReadOnlySpan<double> z = _backward.State[(2 * n)..];
            for (int q = 0; q < z.Length; q++)
            {
                gradient[q] += z[q];
            }

            // The x re-integrated backwards stands in for x0 (the same approximation the gradient rests on); f at t0 uses
            // the true initial state.
            RecordInitialAdjoint(initialState, _backward.State.Slice(n, n));

            Statistics += _forward.Statistics + _backward.Statistics;
            return loss;
        }
    }
}
