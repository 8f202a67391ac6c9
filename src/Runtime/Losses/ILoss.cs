using System;

namespace NeuralOdeGen;

/// <summary>
/// A loss that is a weighted sum of per-observation terms <c>ℓ(x(τ_k), y_ik)</c> over samples <c>i</c> and
/// observation times <c>τ_k</c>. Every sensitivity method needs only the value and <c>∂ℓ/∂x</c> at each
/// observation: an adjoint method adds the latter to λ as a jump at <c>τ_k</c>.
/// </summary>
public interface ILoss
{
    /// <summary>Gets the number of samples.</summary>
    int SampleCount { get; }

    /// <summary>Gets the number of states per observation.</summary>
    int StateCount { get; }

    /// <summary>
    /// Gets the observation times, strictly monotonic away from <see cref="StartTime"/>: increasing for a forward solve,
    /// decreasing for a solve backwards in time. The first may equal the start time; the last one is the horizon.
    /// </summary>
    ReadOnlySpan<double> ObservationTimes { get; }

    /// <summary>Gets the time <c>t0</c> at which the initial states hold and every solve starts (0 unless the loss says otherwise).</summary>
    double StartTime => 0.0;

    /// <summary>
    /// Returns the weighted loss term of <paramref name="sample"/> at observation <paramref name="observation"/>
    /// for the predicted state, and writes its gradient with respect to that state.
    /// </summary>
    /// <param name="sample">The sample index.</param>
    /// <param name="observation">The index into <see cref="ObservationTimes"/>.</param>
    /// <param name="predicted">The predicted state (length <see cref="StateCount"/>).</param>
    /// <param name="gradient">Receives <c>∂term/∂predicted</c> (length <see cref="StateCount"/>).</param>
    /// <returns>The term's contribution to the total loss (already weighted).</returns>
    double Evaluate(int sample, int observation, ReadOnlySpan<double> predicted, Span<double> gradient);
}
