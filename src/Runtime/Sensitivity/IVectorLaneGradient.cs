using System;

namespace NeuralOdeGen;

/// <summary>
/// A sensitivity method's gradient for a group of samples in vector lanes (<see cref="ContinuousAdjointLanes{TModel}"/>,
/// <see cref="DiscreteAdjointLanes{TModel}"/>): the same sums, in the same order, as solving the samples one by one.
/// </summary>
internal interface IVectorLaneGradient
{
    /// <summary>
    /// Solves the <c>initialStates.Length / n</c> samples; adds their losses and gradients in sample order and writes
    /// their terminal states. Returns one sample's solver work. Throws before changing anything when a solve leaves the
    /// finite range.
    /// </summary>
    SolverStatistics Compute(
        ILoss loss, int firstSample, ReadOnlySpan<double> initialStates, double[] parameters, double horizon, ref double lossSum, Span<double> gradient, Span<double> terminalStates);
}
