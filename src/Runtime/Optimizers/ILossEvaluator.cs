using System;

namespace NeuralOdeGen;

/// <summary>
/// Evaluates the training loss at trial parameters, without touching the buffers of the evaluation the
/// optimizer is currently stepping from. Optimizers that accept or reject steps (Levenberg–Marquardt) use it.
/// </summary>
public interface ILossEvaluator
{
    /// <summary>Returns the loss at <paramref name="parameters"/>; a non-finite value means the trial failed.</summary>
    /// <param name="parameters">The trial parameters θ (length = parameter count).</param>
    double EvaluateLoss(ReadOnlySpan<double> parameters);
}
