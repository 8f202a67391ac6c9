namespace NeuralOdeGen.Examples.Paper;

/// <summary>How a paper run ended, judged from its history.</summary>
internal enum RunVerdict
{
    /// <summary>The loss fell below the tolerance.</summary>
    Converged,

    /// <summary>The loss still falls at a steady linear rate but the budget ran out first.</summary>
    Slow,

    /// <summary>The loss stopped falling: the gradient vanished.</summary>
    Stalled,

    /// <summary>The parameter jumps back and forth across a* and the loss rises and falls.</summary>
    Oscillating,

    /// <summary>A loss, gradient or step was not finite.</summary>
    Diverged,

    /// <summary>Ctrl-C stopped the run (or it never started).</summary>
    Cancelled,
}
