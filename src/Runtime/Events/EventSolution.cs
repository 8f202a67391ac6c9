using System;
using System.Globalization;

namespace NeuralOdeGen;

/// <summary>
/// The result of a solve with events (<see cref="EventIntegrator{TModel}"/>): the <see cref="Trajectory"/> (a
/// <see cref="Solution"/> saved as asked) and every event in the order they happened — time, index, and the states just
/// before and just after it. Reuse one across solves: its buffers grow by doubling and are kept, so a warmed solve that
/// fits allocates nothing. Not thread-safe.
/// </summary>
/// <remarks>
/// At an event with a jump the trajectory has two states at one time: <see cref="Solution.Evaluate"/> at the event time
/// gives the state before the jump (the left limit of a forward solve), and <see cref="SaveAt.Steps"/> saves both, before
/// then after. Between events the dense output is the method's own interpolant, as without events.
/// </remarks>
public sealed class EventSolution
{
    private const int InitialCapacity = 8;

    private double[] _times = [];
    private int[] _indices = [];
    private double[] _before = [];
    private double[] _after = [];
    private int _stateCount;

    /// <summary>Gets the saved trajectory (times, states, statistics, status, and the dense output when asked for).</summary>
    public Solution Trajectory { get; } = new();

    /// <summary>Gets the number of events that happened.</summary>
    public int Count { get; private set; }

    /// <summary>Gets the event times, in the order the events happened.</summary>
    public ReadOnlySpan<double> Times => _times.AsSpan(0, Count);

    /// <summary>Gets which event happened at each of <see cref="Times"/> (its index in <see cref="IOdeEvents{TSelf}.Events"/>).</summary>
    public ReadOnlySpan<int> Indices => _indices.AsSpan(0, Count);

    /// <summary>Gets the index of the terminal event that ended the solve, or −1 when the solve reached its final time.</summary>
    public int TerminalEvent { get; private set; } = -1;

    /// <summary>Gets the state just before occurrence <paramref name="occurrence"/> (the root's state, on the solver's steps).</summary>
    /// <param name="occurrence">0 ≤ occurrence &lt; <see cref="Count"/>.</param>
    /// <returns>The state (length <c>n</c>).</returns>
    public ReadOnlySpan<double> StateBefore(int occurrence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(occurrence);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(occurrence, Count);
        return _before.AsSpan(occurrence * _stateCount, _stateCount);
    }

    /// <summary>Gets the state just after occurrence <paramref name="occurrence"/> (its jump applied; the same as before without one).</summary>
    /// <param name="occurrence">0 ≤ occurrence &lt; <see cref="Count"/>.</param>
    /// <returns>The state (length <c>n</c>).</returns>
    public ReadOnlySpan<double> StateAfter(int occurrence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(occurrence);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(occurrence, Count);
        return _after.AsSpan(occurrence * _stateCount, _stateCount);
    }

    /// <summary>Writes the times of event <paramref name="eventIndex"/>'s occurrences, in order, and returns how many there were.</summary>
    /// <param name="eventIndex">The event's index.</param>
    /// <param name="times">Receives up to its length of the times.</param>
    /// <returns>The number of occurrences (may exceed <paramref name="times"/>' length).</returns>
    public int TimesOf(int eventIndex, Span<double> times)
    {
        int found = 0;
        for (int j = 0; j < Count; j++)
        {
            if (_indices[j] == eventIndex)
            {
                if (found < times.Length)
                {
                    times[found] = _times[j];
                }

                found++;
            }
        }

        return found;
    }

    internal void Begin(int stateCount)
    {
        if (stateCount != _stateCount || _times.Length == 0)
        {
            _stateCount = stateCount;
            _times = new double[InitialCapacity];
            _indices = new int[InitialCapacity];
            _before = new double[InitialCapacity * stateCount];
            _after = new double[InitialCapacity * stateCount];
        }

        Count = 0;
        TerminalEvent = -1;
    }

    /// <summary>Records an event and returns the row for the state after it (to be written by the caller).</summary>
    internal Span<double> Add(double time, int index, ReadOnlySpan<double> before)
    {
        if (Count == _times.Length)
        {
            int capacity = _times.Length * 2;
            Array.Resize(ref _times, capacity);
            Array.Resize(ref _indices, capacity);
            Array.Resize(ref _before, capacity * _stateCount);
            Array.Resize(ref _after, capacity * _stateCount);
        }

        _times[Count] = time;
        _indices[Count] = index;
        before.CopyTo(_before.AsSpan(Count * _stateCount, _stateCount));
        Count++;
        return _after.AsSpan((Count - 1) * _stateCount, _stateCount);
    }

    internal void Terminate(int index) => TerminalEvent = index;

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Count} events; {Trajectory}{(TerminalEvent >= 0 ? $", ended by event {TerminalEvent}" : string.Empty)}");
}
