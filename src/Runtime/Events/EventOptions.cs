using System;

namespace NeuralOdeGen;

/// <summary>
/// How a solve with events (<see cref="EventIntegrator{TModel}"/>, <see cref="EventProblem{TModel}"/>) locates and limits
/// them. The defaults locate every root to floating-point resolution and allow 1 000 events per solve.
/// </summary>
public sealed class EventOptions
{
    private readonly double _timeTolerance;
    private readonly int _maxEventCount = 1000;

    /// <summary>Gets the default options.</summary>
    public static EventOptions Default { get; } = new();

    /// <summary>
    /// Gets the absolute tolerance on an event time: the root of <c>g(t, x̃(t))</c> on the step's own dense output
    /// <c>x̃</c> is bracketed (Illinois) until the bracket is at most this wide, and the bracket's end past the crossing is
    /// the event time. 0 (the default) brackets to adjacent floating-point numbers (or an exact zero).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double TimeTolerance
    {
        get => _timeTolerance;
        init
        {
            if (!(value >= 0.0) || !double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(nameof(TimeTolerance), value, $"TimeTolerance must be finite and ≥ 0; got {value}.");
            }

            _timeTolerance = value;
        }
    }

    /// <summary>
    /// Gets the largest number of events one solve may have (all events together). One more throws
    /// <see cref="OdeEventException"/>: an event that chatters (a jump that leaves the state on or back across its
    /// surface) or Zeno behaviour (a bouncing ball's bounces accumulating at a finite time). Default 1 000.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxEventCount
    {
        get => _maxEventCount;
        init
        {
            if (value <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxEventCount), value, $"MaxEventCount must be positive; got {value}.");
            }

            _maxEventCount = value;
        }
    }
}
