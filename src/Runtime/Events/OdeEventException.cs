using System;
using System.Globalization;

namespace NeuralOdeGen;

/// <summary>
/// A solve with events failed because of an event: it chattered (more than <see cref="EventOptions.MaxEventCount"/>
/// events), or its crossing was tangential where a gradient needs the event time's derivative.
/// </summary>
public sealed class OdeEventException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="eventIndex">The event's index.</param>
    /// <param name="eventName">The event method's name.</param>
    /// <param name="time">The time of the event.</param>
    /// <param name="message">What went wrong.</param>
    public OdeEventException(int eventIndex, string eventName, double time, string message)
        : base(string.Create(CultureInfo.InvariantCulture, $"Event '{eventName}' (index {eventIndex}) at t = {time:R}: {message}"))
    {
        EventIndex = eventIndex;
        EventName = eventName;
        Time = time;
    }

    /// <summary>Gets the event's index.</summary>
    public int EventIndex { get; }

    /// <summary>Gets the event method's name.</summary>
    public string EventName { get; }

    /// <summary>Gets the time of the event.</summary>
    public double Time { get; }
}
