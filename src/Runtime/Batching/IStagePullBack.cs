using System;

namespace NeuralOdeGen;

/// <summary>
/// The model's part of <see cref="RungeKuttaReverseStep"/>: pulls a stage's rate adjoint back through the right-hand
/// side at that stage. Implemented by structs and passed by reference so calls are specialised.
/// </summary>
internal interface IStagePullBack
{
    /// <summary>
    /// Writes <c>stageAdjoint = (∂f/∂x)ᵀ rate</c> at (<paramref name="t"/>, <paramref name="stageState"/>) and adds
    /// <c>(∂f/∂θ)ᵀ rate</c> to the implementer's gradient.
    /// </summary>
    void PullBack(double t, ReadOnlySpan<double> stageState, ReadOnlySpan<double> rate, Span<double> stageAdjoint);
}
