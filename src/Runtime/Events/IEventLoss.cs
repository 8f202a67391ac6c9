using System;

namespace NeuralOdeGen;

/// <summary>
/// A loss through a solve with events (<see cref="EventProblem{TModel}"/>): a sum of terms on event times (every
/// occurrence, in order) and on states at observation times, per sample. Each solve runs from <see cref="StartTime"/>
/// (forwards or backwards) until the loss has read everything — its last observation time and the last occurrence
/// <see cref="RequiredOccurrences"/> asks for — or to <see cref="FinalTime"/>, or to a terminal event, whichever comes first.
/// </summary>
public interface IEventLoss
{
    /// <summary>Gets the number of samples <c>N</c>.</summary>
    int SampleCount { get; }

    /// <summary>Gets the number of states per sample <c>n</c>.</summary>
    int StateCount { get; }

    /// <summary>Gets the time <c>t0</c> at which the initial states hold (default 0).</summary>
    double StartTime => 0.0;

    /// <summary>Gets the latest end of every solve (a terminal event, or the loss having read everything, ends it earlier).</summary>
    double FinalTime { get; }

    /// <summary>
    /// Gets the times at which states are observed (strictly monotonic from <see cref="StartTime"/> towards
    /// <see cref="FinalTime"/>, inside the span); empty by default. At an event time the observation sees the state before
    /// the jump.
    /// </summary>
    ReadOnlySpan<double> ObservationTimes => [];

    /// <summary>Gets how many occurrences of event <paramref name="eventIndex"/> every solve must have (the loss reads them); 0 by default.</summary>
    /// <param name="eventIndex">The event's index.</param>
    int RequiredOccurrences(int eventIndex) => 0;

    /// <summary>Returns the term of the state at observation <paramref name="observation"/> and writes its gradient.</summary>
    /// <param name="sample">The sample.</param>
    /// <param name="observation">The index into <see cref="ObservationTimes"/>.</param>
    /// <param name="state">The predicted state (length <c>n</c>).</param>
    /// <param name="gradient">Receives <c>∂ℓ/∂x</c> (length <c>n</c>).</param>
    /// <returns>The term.</returns>
    double EvaluateState(int sample, int observation, ReadOnlySpan<double> state, Span<double> gradient)
    {
        gradient.Clear();
        return 0.0;
    }

    /// <summary>Returns the term of one event occurrence and writes its derivative with respect to the event time.</summary>
    /// <param name="sample">The sample.</param>
    /// <param name="eventIndex">The event that happened.</param>
    /// <param name="occurrence">Which occurrence of that event this is in the solve (0 for its first).</param>
    /// <param name="time">The event time <c>t*</c>.</param>
    /// <param name="timeGradient">Receives <c>∂ℓ/∂t*</c>.</param>
    /// <returns>The term (0 for an occurrence the loss does not read).</returns>
    double EvaluateEvent(int sample, int eventIndex, int occurrence, double time, out double timeGradient);
}
