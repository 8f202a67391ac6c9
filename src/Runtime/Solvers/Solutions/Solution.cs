using System;
using System.Globalization;

namespace NeuralOdeGen;

/// <summary>
/// The result of a solve with <see cref="SaveAt"/>: the saved times and states, the work done, how the solve ended, and —
/// when saved densely — <see cref="Evaluate"/> anywhere in the span with the method's own interpolant (its tableau's
/// <see cref="ButcherTableau.ContinuousExtension"/>, a Rosenbrock method's dense output, cubic Hermite otherwise).
/// </summary>
/// <remarks>
/// Reuse one solution across solves (pass it to
/// <see cref="OdeIntegrator{TModel}.Solve(double, double, ReadOnlySpan{double}, ReadOnlySpan{double}, SaveAt, Solution?, IStepObserver?)"/>):
/// its buffers grow by doubling when a solve saves more than they hold (amortised, like <c>List&lt;T&gt;</c>) and are kept,
/// so a solve that fits allocates nothing. Only the saved output grows; the solver's workspace is fixed. Not thread-safe.
/// </remarks>
public sealed class Solution
{
    private const int InitialCapacity = 16;

    private readonly DenseTrajectory _dense = new();
    private double[] _times = [];
    private double[] _states = [];
    private double _direction = 1.0;

    /// <summary>Gets the number of states in the solved model (0 before the first solve).</summary>
    public int StateCount { get; private set; }

    /// <summary>Gets the number of saved points.</summary>
    public int Count { get; private set; }

    /// <summary>Gets the saved times, in the order of integration.</summary>
    public ReadOnlySpan<double> Times => _times.AsSpan(0, Count);

    /// <summary>Gets the saved states, row-major (<see cref="Count"/> × <see cref="StateCount"/>).</summary>
    public ReadOnlySpan<double> States => _states.AsSpan(0, Count * StateCount);

    /// <summary>Gets the start of the span (the solve's <c>t0</c>).</summary>
    public double InitialTime { get; private set; }

    /// <summary>Gets the end of the span reached: the solve's <c>t1</c>, or where an observer stopped it.</summary>
    public double FinalTime { get; private set; }

    /// <summary>Gets the work done.</summary>
    public SolverStatistics Statistics { get; private set; }

    /// <summary>Gets how the solve ended.</summary>
    public SolutionStatus Status { get; private set; }

    /// <summary>Gets a value indicating whether <see cref="Evaluate"/> is available (saved with <see cref="SaveAt.Dense"/> or <c>SaveAt.Times(…, dense: true)</c>).</summary>
    public bool IsDense { get; private set; }

    /// <summary>Gets the saved state at point <paramref name="index"/>.</summary>
    /// <param name="index">The point, 0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <returns>The state (length <see cref="StateCount"/>).</returns>
    public ReadOnlySpan<double> State(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return _states.AsSpan(index * StateCount, StateCount);
    }

    /// <summary>
    /// Writes the state at any <paramref name="t"/> in the span: at a saved step's end time its saved state, between steps
    /// the method's own interpolant over the step that contains <paramref name="t"/> — the same data and formula the
    /// solver used for its saved times, so a saved point evaluates to its saved state bit for bit.
    /// </summary>
    /// <param name="t">The time, between <see cref="InitialTime"/> and <see cref="FinalTime"/> (inclusive).</param>
    /// <param name="state">Receives the state (length <see cref="StateCount"/>).</param>
    /// <exception cref="InvalidOperationException">The solution was not saved densely, or its solve did not finish.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is outside the span (or not finite).</exception>
    /// <exception cref="ArgumentException"><paramref name="state"/> has the wrong length.</exception>
    public void Evaluate(double t, Span<double> state)
    {
        if (!IsDense)
        {
            throw new InvalidOperationException(
                "This solution keeps only its saved points; solve with SaveAt.Dense (or SaveAt.Times(times, dense: true)) to evaluate between them.");
        }

        if (Status == SolutionStatus.Incomplete)
        {
            throw new InvalidOperationException("The solve that filled this solution did not finish (it threw); there is no span to evaluate in.");
        }

        if (!(_direction * (t - InitialTime) >= 0.0 && _direction * (FinalTime - t) >= 0.0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(t), t, string.Create(CultureInfo.InvariantCulture, $"t = {t:R} is outside the solution's span [{Math.Min(InitialTime, FinalTime):R}, {Math.Max(InitialTime, FinalTime):R}] (solved from {InitialTime:R} to {FinalTime:R})."));
        }

        if (state.Length != StateCount)
        {
            throw new ArgumentException($"state has length {state.Length}; the solution has {StateCount} states.", nameof(state));
        }

        _dense.Evaluate(t, InitialTime, _direction, state);
    }

    /// <summary>The per-step interpolation data while dense (null otherwise).</summary>
    internal DenseTrajectory? Dense => IsDense ? _dense : null;

    /// <summary>Starts a solve: clears the saved points (keeping the buffers) and records the span's start.</summary>
    internal void Begin(int stateCount, double t0, double t1, bool dense)
    {
        if (stateCount != StateCount || _times.Length == 0)
        {
            StateCount = stateCount;
            _times = new double[InitialCapacity];
            _states = new double[InitialCapacity * stateCount];
        }

        Count = 0;
        InitialTime = t0;
        FinalTime = t0;
        _direction = t1 < t0 ? -1.0 : 1.0;
        IsDense = dense;
        Statistics = default;
        Status = SolutionStatus.Incomplete;
    }

    /// <summary>Starts the dense record of the steps (only when dense).</summary>
    internal void BeginDense(DenseForm form, ContinuousExtension? extension, int rowsPerStep, ReadOnlySpan<double> x0) =>
        _dense.Begin(StateCount, form, extension, rowsPerStep, x0);

    /// <summary>Appends a saved point.</summary>
    internal void Add(double time, ReadOnlySpan<double> state)
    {
        if (Count == _times.Length)
        {
            Array.Resize(ref _times, _times.Length * 2);
            Array.Resize(ref _states, _times.Length * StateCount);
        }

        _times[Count] = time;
        state.CopyTo(_states.AsSpan(Count * StateCount, StateCount));
        Count++;
    }

    /// <summary>Gets the buffer of the next saved point, to be written by the caller (e.g. by interpolation).</summary>
    internal Span<double> AddSlot(double time)
    {
        if (Count == _times.Length)
        {
            Array.Resize(ref _times, _times.Length * 2);
            Array.Resize(ref _states, _times.Length * StateCount);
        }

        _times[Count] = time;
        Count++;
        return _states.AsSpan((Count - 1) * StateCount, StateCount);
    }

    /// <summary>Moves the last saved point's time (the solver reached the span's end without another step).</summary>
    internal void MoveLastTime(double time) => _times[Count - 1] = time;

    /// <summary>Ends a solve.</summary>
    internal void Finish(SolutionStatus status, double finalTime, SolverStatistics statistics)
    {
        Status = status;
        FinalTime = finalTime;
        Statistics = statistics;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Count} points from {InitialTime:R} to {FinalTime:R} ({Status}{(IsDense ? ", dense" : string.Empty)})");
}
