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
    {
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

        Solver = solver;
        Loss = loss;
        Parameters = new double[TModel.ParameterCount];
        LossGradients = new double[loss.ObservationTimes.Length * TModel.StateCount];
    }

    /// <summary>Gets the solver settings.</summary>
    public OdeSolver Solver { get; }

    /// <summary>Gets the loss.</summary>
    public ILoss Loss { get; }

    /// <summary>Gets the solver work accumulated since the last <see cref="ResetStatistics"/>.</summary>
    public SolverStatistics Statistics { get; protected set; }

    /// <summary>Gets the horizon (the last observation time).</summary>
    protected double Horizon => Loss.ObservationTimes[^1];

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
    internal virtual void ComputeLanes(
        int firstSample, ReadOnlySpan<double> initialStates, ReadOnlySpan<double> parameters, ref double loss, Span<double> gradient, Span<double> terminalStates) =>
        throw new NotSupportedException($"{GetType().Name} solves one sample at a time.");

    /// <summary>
    /// <see cref="ComputeLanes"/> through a lane gradient: the group's sums and terminal states, and its work counted as if
    /// each sample had been solved alone.
    /// </summary>
    private protected void ComputeVectorLanes(
        IVectorLaneGradient lanes, int firstSample, ReadOnlySpan<double> initialStates, ReadOnlySpan<double> parameters, ref double loss, Span<double> gradient, Span<double> terminalStates)
    {
        parameters.CopyTo(Parameters);
        SolverStatistics perSample = lanes.Compute(Loss, firstSample, initialStates, Parameters, Horizon, ref loss, gradient, terminalStates);
        for (int sample = 0; sample < initialStates.Length / TModel.StateCount; sample++)
        {
            Statistics += perSample;
        }
    }

    /// <summary>Clears <see cref="Statistics"/>.</summary>
    public void ResetStatistics() => Statistics = default;

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
