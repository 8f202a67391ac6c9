namespace NeuralOdeGen;

/// <summary>The outcome of a training run.</summary>
public sealed class TrainingResult
{
    internal TrainingResult(
        TrainingStatus status,
        string reason,
        int iteration,
        double[] parameters,
        double loss,
        TrainingHistory history,
        int? divergedAtIteration,
        TrainingCheckpoint? checkpoint,
        int unchangedStepCount = 0)
    {
        Status = status;
        Reason = reason;
        Iteration = iteration;
        Parameters = parameters;
        Loss = loss;
        History = history;
        DivergedAtIteration = divergedAtIteration;
        Checkpoint = checkpoint;
        UnchangedStepCount = unchangedStepCount;
    }

    /// <summary>Gets why the run stopped.</summary>
    public TrainingStatus Status { get; }

    /// <summary>Gets a sentence that says which rule stopped the run, at which iteration, with the values involved.</summary>
    public string Reason { get; }

    /// <summary>Gets the iteration k at which the run stopped (the number of steps taken).</summary>
    public int Iteration { get; }

    /// <summary>
    /// Gets the final parameters; after <see cref="TrainingStatus.Diverged"/>, the last parameters whose loss and
    /// gradient were finite (the initial ones if even those were not).
    /// </summary>
    public double[] Parameters { get; }

    /// <summary>Gets the loss at <see cref="Parameters"/> (NaN if it was never evaluated finitely, or after cancellation before evaluation).</summary>
    public double Loss { get; }

    /// <summary>Gets the per-iteration history (finite evaluations only).</summary>
    public TrainingHistory History { get; }

    /// <summary>Gets the iteration whose evaluation or step was not finite, or <see langword="null"/>.</summary>
    public int? DivergedAtIteration { get; }

    /// <summary>Gets the state to resume from (e.g. with a larger iteration budget), or <see langword="null"/> after divergence.</summary>
    public TrainingCheckpoint? Checkpoint { get; }

    /// <summary>
    /// Gets the number of steps in <see cref="History"/> that left the parameters unchanged although the gradient was
    /// not zero (steps the optimizer rejected, such as a <see cref="GaussNewton"/> step no damping could make
    /// acceptable). When every step of the run is one of them the status is <see cref="TrainingStatus.NoProgress"/>.
    /// </summary>
    public int UnchangedStepCount { get; }
}
