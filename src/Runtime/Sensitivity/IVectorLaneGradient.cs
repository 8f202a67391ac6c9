using System;

namespace NeuralOdeGen;

/// <summary>
/// A sensitivity method's gradient for a group of samples in vector lanes (<see cref="DiscreteAdjointLanes{TModel}"/>,
/// <see cref="ContinuousAdjointLanes{TModel}"/>, <see cref="CheckpointedAdjointLanes{TModel}"/>, and the shared-step
/// classes): the same sums, in the same order, as solving the samples one by one.
/// </summary>
internal interface IVectorLaneGradient
{
    /// <summary>
    /// Solves the <c>initialStates.Length / n</c> samples from <paramref name="startTime"/> to <paramref name="horizon"/>;
    /// adds their losses and gradients in sample order, writes their terminal states and, when
    /// <paramref name="initialStateGradients"/> is not empty, their <c>∂L/∂x0</c>. Returns one sample's solver work.
    /// Throws before changing anything when a solve leaves the finite range.
    /// </summary>
    SolverStatistics Compute(
        ILoss loss,
        int firstSample,
        ReadOnlySpan<double> initialStates,
        double[] parameters,
        double startTime,
        double horizon,
        ref double lossSum,
        Span<double> gradient,
        Span<double> terminalStates,
        Span<double> initialStateGradients);
}
