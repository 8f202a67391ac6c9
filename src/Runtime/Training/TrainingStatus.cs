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
}
