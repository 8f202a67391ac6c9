using System;

namespace NeuralOdeGen;

/// <summary>
/// The memory one thread needs to compute one sample's loss and gradient with a given sensitivity method;
/// allocated once, reused for every sample.
/// </summary>
/// <typeparam name="TModel">The model.</typeparam>
public abstract class SensitivityWorkspace<TModel>
    where TModel : struct, IOdeModel<TModel>
{
    // f(t, x) for the time gradients (empty when they are not wanted).
    private readonly double[] _rate;

    // With time gradients: the lane groups' loss decorator that keeps them per sample, and λ(t0) of a group when the
    // caller does not want ∂L/∂x0 (the start time's gradient needs it).
    private readonly LaneTimeGradients<TModel>? _laneTimeGradients;
    private readonly double[] _laneInitialAdjoints;

    /// <summary>Checks that the solver is explicit and the loss fits the model, and keeps the settings.</summary>
    /// <param name="solver">The solver (an explicit method: this method has no gradients through implicit solvers).</param>
    /// <param name="loss">The loss.</param>
    /// <exception cref="ArgumentException"><paramref name="solver"/> is implicit, or the loss does not fit the model.</exception>
    protected SensitivityWorkspace(OdeSolver solver, ILoss loss)
        : this(solver, loss, acceptsImplicitSolvers: false)
    {
    }

    /// <summary>Checks the settings, keeps them, and refuses an implicit solver unless <paramref name="acceptsImplicitSolvers"/>.</summary>
    /// <param name="solver">The solver.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="acceptsImplicitSolvers">Whether the method has an implicit path (forward sensitivities, checkpointed adjoint, loss only).</param>
    /// <exception cref="ArgumentException"><paramref name="solver"/> is implicit and not accepted, or the loss does not fit the model.</exception>
    private protected SensitivityWorkspace(OdeSolver solver, ILoss loss, bool acceptsImplicitSolvers)
        : this(solver, loss, acceptsImplicitSolvers, GradientOptions.None)
    {
    }

    /// <summary>Checks the settings and the loss's times, keeps them, and allocates the outputs the options ask for.</summary>
    /// <param name="solver">The solver.</param>
    /// <param name="loss">The loss (its start time and observation times fix the span of every solve).</param>
    /// <param name="acceptsImplicitSolvers">Whether the method has an implicit path.</param>
    /// <param name="options">What to compute besides <c>∂L/∂θ</c>.</param>
    private protected SensitivityWorkspace(OdeSolver solver, ILoss loss, bool acceptsImplicitSolvers, GradientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(loss);

        // Every sensitivity method and every problem (TerminalProblem, TrajectoryProblem, …) builds its workspaces here.
        if (solver.IsImplicit && !acceptsImplicitSolvers)
        {
            // The workspaces are nested in their method's class (DiscreteAdjoint, ContinuousAdjoint, …).
            string method = GetType().DeclaringType?.Name ?? GetType().Name;
            throw new ArgumentException(
                $"{method} has no gradients through the implicit solver {solver} ({solver.Family}). " +
                "Gradients through implicit solvers are available with ForwardSensitivity (exact derivative of the solver's steps) " +
                "and CheckpointedAdjoint (the stiff adjoint solved implicitly); or use an explicit solver such as OdeSolver.Dopri5.",
                nameof(solver));
        }

        if (loss.StateCount != TModel.StateCount)
        {
            throw new ArgumentException($"The loss compares {loss.StateCount} states but {TModel.Info.Name} has {TModel.StateCount}.", nameof(loss));
        }

        ValidateTimes(loss);
        Solver = solver;
        Loss = loss;
        StartTime = loss.StartTime;

        // For t0 = 0 and a positive horizon this is the horizon itself, so the fixed-step grids are those of before.
        Span = Math.Abs(loss.ObservationTimes[^1] - StartTime);
        Parameters = new double[TModel.ParameterCount];
        LossGradients = new double[loss.ObservationTimes.Length * TModel.StateCount];
        InitialStateGradient = options.InitialStateGradients ? new double[TModel.StateCount] : [];
        TimeGradients = options.TimeGradients ? new double[loss.ObservationTimes.Length + 1] : [];
        _rate = options.TimeGradients ? new double[TModel.StateCount] : [];
        _laneTimeGradients = options.TimeGradients ? new LaneTimeGradients<TModel>(loss, VectorLanes.SamplesPerGroup) : null;
        _laneInitialAdjoints = options.TimeGradients ? new double[VectorLanes.SamplesPerGroup * TModel.StateCount] : [];
    }

    /// <summary>Gets the solver settings.</summary>
    public OdeSolver Solver { get; }

    /// <summary>Gets the loss.</summary>
    public ILoss Loss { get; }

    /// <summary>Gets the solver work accumulated since the last <see cref="ResetStatistics"/>.</summary>
    public SolverStatistics Statistics { get; protected set; }

    /// <summary>Gets the horizon (the last observation time).</summary>
    protected double Horizon => Loss.ObservationTimes[^1];

    /// <summary>Gets the start time <c>t0</c> of every solve (the loss's).</summary>
    private protected double StartTime { get; }

    /// <summary>Gets <c>|horizon − t0|</c>, the length a fixed-step solver spreads its steps over.</summary>
    private protected double Span { get; }

    /// <summary>Gets <c>∂L/∂x0</c> of the last sample computed (length n), or empty when not requested.</summary>
    internal double[] InitialStateGradient { get; }

    /// <summary>
    /// Gets the last sample's <c>∂L/∂τ_k</c> for each observation <c>k</c> followed by <c>∂L/∂t0</c> (length K + 1), or
    /// empty when not requested.
    /// </summary>
    internal double[] TimeGradients { get; }

    /// <summary>Gets a value indicating whether <see cref="InitialStateGradient"/> is computed.</summary>
    private protected bool WantsInitialStateGradient => InitialStateGradient.Length != 0;

    /// <summary>Gets a value indicating whether <see cref="TimeGradients"/> are computed.</summary>
    private protected bool WantsTimeGradients => TimeGradients.Length != 0;

    /// <summary>Gets the workspace's copy of the parameters for the current sample.</summary>
    protected double[] Parameters { get; }

    /// <summary>Gets <c>∂ℓ/∂x(τ_k)</c> for each observation of the current sample, row-major <c>K×n</c>.</summary>
    protected double[] LossGradients { get; }

    /// <summary>Gets how many consecutive samples <see cref="ComputeLanes"/> solves together (1: it is not supported).</summary>
    internal virtual int LaneCount => 1;

    /// <summary>Gets a value indicating whether <see cref="ComputeLanes"/> also takes fewer than <see cref="LaneCount"/> samples.</summary>
    internal virtual bool FillsPartialGroups => false;

    /// <summary>
    /// Solves <see cref="LaneCount"/> consecutive samples (fewer if <see cref="FillsPartialGroups"/>) together, with results identical to calling
    /// <see cref="ComputeSample"/> for each in order: adds their losses to <paramref name="loss"/> and their gradients
    /// to <paramref name="gradient"/> one sample after the other, and writes their terminal states. On a solver
    /// failure it throws before changing anything, so the caller can redo the samples one by one.
    /// </summary>
    /// <remarks>
    /// <paramref name="initialStateGradients"/> receives the samples' <c>∂L/∂x0</c> (sample-major), or is empty when not
    /// wanted; <paramref name="sensitivities"/> their <c>∂x_t/∂θ</c> (sample-major, row-major <c>n×m</c> each), only from a
    /// workspace that <see cref="ComputesLaneSensitivities"/>, and is empty otherwise; <paramref name="timeGradients"/>
    /// the running sums of <c>∂L/∂τ_k</c> and <c>∂L/∂t0</c> (<c>K + 1</c>), to which the samples' own are added in sample
    /// order, only from a workspace that <see cref="ComputesLaneTimeGradients"/>, and is empty otherwise.
    /// </remarks>
    internal virtual void ComputeLanes(
        int firstSample,
        ReadOnlySpan<double> initialStates,
        ReadOnlySpan<double> parameters,
        ref double loss,
        Span<double> gradient,
        Span<double> terminalStates,
        Span<double> initialStateGradients,
        Span<double> sensitivities,
        Span<double> timeGradients) =>
        throw new NotSupportedException($"{GetType().Name} solves one sample at a time.");

    /// <summary>Gets a value indicating whether <see cref="ComputeLanes"/> also writes the samples' <c>∂x_t/∂θ</c>.</summary>
    internal virtual bool ComputesLaneSensitivities => false;

    /// <summary>Gets a value indicating whether <see cref="ComputeLanes"/> also adds the samples' time gradients.</summary>
    internal virtual bool ComputesLaneTimeGradients => false;

    /// <summary>
    /// The loss a lane group evaluates: with time gradients wanted (<paramref name="timeGradients"/> not empty) the
    /// decorator that keeps each sample's <c>∂L/∂τ_k</c>, started for this group; else <see cref="Loss"/>.
    /// Call after <see cref="Parameters"/> holds the group's parameters.
    /// </summary>
    private protected ILoss LaneLoss(int firstSample, Span<double> timeGradients)
    {
        if (timeGradients.IsEmpty)
        {
            return Loss;
        }

        _laneTimeGradients!.Begin(firstSample, Parameters);
        return _laneTimeGradients;
    }

    /// <summary>
    /// After a group in lanes: keeps sample <paramref name="sample"/>'s (index in the group) <c>∂L/∂t0</c>, for a method
    /// that forms it itself (forward sensitivities, from the <c>∂x/∂t0</c> column).
    /// </summary>
    private protected void SetLaneStartTimeGradient(int sample, double value) => _laneTimeGradients!.SetStartTimeGradient(sample, value);

    /// <summary>After a group in lanes: adds its samples' time gradients to <paramref name="timeGradients"/> in sample order.</summary>
    private protected void AddLaneTimeGradients(int samples, Span<double> timeGradients)
    {
        if (!timeGradients.IsEmpty)
        {
            _laneTimeGradients!.AddInSampleOrder(samples, timeGradients);
        }
    }

    /// <summary>
    /// <see cref="ComputeLanes"/> through a lane gradient: the group's sums and terminal states, and its work counted as if
    /// each sample had been solved alone.
    /// </summary>
    private protected void ComputeVectorLanes(
        IVectorLaneGradient lanes,
        int firstSample,
        ReadOnlySpan<double> initialStates,
        ReadOnlySpan<double> parameters,
        ref double loss,
        Span<double> gradient,
        Span<double> terminalStates,
        Span<double> initialStateGradients,
        Span<double> timeGradients)
    {
        parameters.CopyTo(Parameters);
        ILoss laneLoss = LaneLoss(firstSample, timeGradients);

        // ∂L/∂t0 = −λ(t0)·f(t0, x0) needs every sample's λ(t0), which the lanes write where ∂L/∂x0 goes.
        Span<double> initialAdjoints = initialStateGradients.IsEmpty && !timeGradients.IsEmpty
            ? _laneInitialAdjoints.AsSpan(0, initialStates.Length)
            : initialStateGradients;
        SolverStatistics perSample = lanes.Compute(laneLoss, firstSample, initialStates, Parameters, StartTime, Horizon, ref loss, gradient, terminalStates, initialAdjoints);
        int samples = initialStates.Length / TModel.StateCount;
        if (!timeGradients.IsEmpty)
        {
            _laneTimeGradients!.SetStartTimeGradientsFromAdjoints(initialStates, initialAdjoints);
            AddLaneTimeGradients(samples, timeGradients);
        }

        AddSampleStatistics(perSample, samples);
    }

    /// <summary>Counts a group's work as if each of its <paramref name="samples"/> samples had been solved alone.</summary>
    private protected void AddSampleStatistics(SolverStatistics perSample, int samples)
    {
        for (int sample = 0; sample < samples; sample++)
        {
            Statistics += perSample;
        }
    }

    /// <summary>Clears <see cref="Statistics"/>.</summary>
    public void ResetStatistics() => Statistics = default;

    /// <summary>
    /// When time gradients are wanted: <c>∂L/∂τ_k = (∂ℓ/∂x(τ_k))·f(τ_k, x(τ_k))</c>, moving an observation time moves the
    /// state the loss sees along the flow.
    /// </summary>
    private protected void RecordObservationTimeGradient(int observation, ReadOnlySpan<double> state, ReadOnlySpan<double> lossGradient)
    {
        if (!WantsTimeGradients)
        {
            return;
        }

        TModel.Evaluate(Loss.ObservationTimes[observation], state, Parameters, _rate);
        TimeGradients[observation] = Dot(lossGradient, _rate);
    }

    /// <summary>
    /// From the adjoint at the start time, <c>λ(t0) = ∂L/∂x0</c> (every jump included): keeps it when wanted, and
    /// <c>∂L/∂t0 = −λ(t0)·f(t0, x0)</c> when time gradients are (a later start moves every state back along the flow).
    /// </summary>
    private protected void RecordInitialAdjoint(ReadOnlySpan<double> initialState, ReadOnlySpan<double> initialAdjoint)
    {
        if (WantsInitialStateGradient)
        {
            initialAdjoint.CopyTo(InitialStateGradient);
        }

        if (WantsTimeGradients)
        {
            TModel.Evaluate(StartTime, initialState, Parameters, _rate);
            TimeGradients[^1] = -Dot(initialAdjoint, _rate);
        }
    }

    /// <summary><c>left · right</c>, summed in index order (the order every time gradient is formed in).</summary>
    internal static double Dot(ReadOnlySpan<double> left, ReadOnlySpan<double> right)
    {
        double sum = 0.0;
        for (int i = 0; i < left.Length; i++)
        {
            sum += left[i] * right[i];
        }

        return sum;
    }

    // The start time and the observation times every method integrates through: monotonic away from t0, so that one
    // solve in one direction visits them all.
    private static void ValidateTimes(ILoss loss)
    {
        double start = loss.StartTime;
        ReadOnlySpan<double> times = loss.ObservationTimes;
        if (!double.IsFinite(start))
        {
            throw new ArgumentException($"The loss's start time is {start}; it must be finite.", nameof(loss));
        }

        if (times.IsEmpty || times[^1] == start)
        {
            throw new ArgumentException(
                $"The loss's last observation time must differ from its start time {start}; it has {times.Length} observation times{(times.IsEmpty ? string.Empty : $", the last {times[^1]}")}.",
                nameof(loss));
        }

        double direction = times[^1] > start ? 1.0 : -1.0;
        for (int k = 0; k < times.Length; k++)
        {
            double advance = direction * (times[k] - (k == 0 ? start : times[k - 1]));
            if (!double.IsFinite(times[k]) || advance < 0.0 || (k > 0 && advance == 0.0))
            {
                throw new ArgumentException(
                    $"The loss's observation time {k} is {times[k]}; observation times must be finite and strictly {(direction > 0 ? "increasing" : "decreasing")} from the start time {start}.",
                    nameof(loss));
            }
        }
    }

    /// <summary>
    /// Solves one sample, returns its (weighted) loss, adds its gradient to <paramref name="gradient"/>, and writes the
    /// terminal state and, when the method provides them, the sensitivities <c>∂x_t/∂θ</c> (row-major <c>n×m</c>).
    /// </summary>
    /// <param name="sample">The sample index (for the loss's targets).</param>
    /// <param name="initialState">The sample's initial state.</param>
    /// <param name="parameters">The parameters θ.</param>
    /// <param name="gradient">The running gradient; this sample's contribution is added.</param>
    /// <param name="terminalState">Receives <c>x(horizon)</c>.</param>
    /// <param name="sensitivities">Receives <c>∂x_t/∂θ</c>, or is empty when not wanted.</param>
    /// <returns>The sample's contribution to the loss.</returns>
    /// <exception cref="OdeSolverException">A solve failed.</exception>
    public abstract double ComputeSample(
        int sample, ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, Span<double> gradient, Span<double> terminalState, Span<double> sensitivities);
}
