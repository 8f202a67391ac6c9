namespace NeuralOdeGen;

/// <summary>Why a training run stopped.</summary>
public enum TrainingStatus
{
    /// <summary>The loss or the gradient norm fell below its tolerance.</summary>
    Converged,

    /// <summary>The iteration budget was used up.</summary>
    MaxIterations,

    /// <summary>The relative loss change fell below its tolerance before convergence.</summary>
    Stalled,

    /// <summary>The cancellation token was signalled.</summary>
    Cancelled,

    /// <summary>A loss, gradient or step was not finite; the last finite parameters are kept.</summary>
    Diverged,

    /// <summary>
    /// The run used its budget (or stalled) without moving: every step left the parameters unchanged although the
    /// gradient was not zero — the optimizer rejected every step (e.g. <see cref="GaussNewton"/> with a learning
    /// rate so large that no trial lowers the loss). <see cref="TrainingResult.UnchangedStepCount"/> counts them.
    /// </summary>
    NoProgress,
}
