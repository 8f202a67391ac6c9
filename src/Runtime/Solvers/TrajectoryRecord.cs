using System;

namespace NeuralOdeGen;

/// <summary>
/// The accepted points of a forward solve: times, step sizes, states and (optionally) derivatives, or the stages
/// of each step for the method's own dense output (its <see cref="ContinuousExtension"/>). Buffers grow by doubling and are reused, so a
/// warmed-up record allocates nothing.
/// </summary>
internal sealed class TrajectoryRecord
{
    private readonly int _dimension;
    private double[] _times = new double[64];
    private double[] _stepSizes = new double[64];
    private double[] _states;
    private double[] _derivatives;
    private double[] _stages;
    private double[] _stageStates;
    private readonly int _stageStateCount;
    private readonly ContinuousExtension? _extension;

    /// <param name="dimension">The state dimension.</param>
    /// <param name="storesDerivatives">Whether each point also stores <c>F(t, y)</c>.</param>
    /// <param name="extension">The method's own dense output, whose stages each step then keeps; null for cubic Hermite.</param>
    /// <param name="stageStateCount">The number of stage states <c>Y_i</c> each step keeps (for the discrete adjoint), or 0.</param>
    public TrajectoryRecord(int dimension, bool storesDerivatives, ContinuousExtension? extension = null, int stageStateCount = 0)
    {
        _dimension = dimension;
        StoresDerivatives = storesDerivatives;
        _extension = extension;
        _stageStateCount = stageStateCount;
        _states = new double[64 * dimension];
        _derivatives = new double[64 * dimension];
        _stages = extension is null ? [] : new double[64 * extension.StageCount * dimension];
        _stageStates = new double[64 * stageStateCount * dimension];
    }

    /// <summary>Gets a value indicating whether each step keeps its stage states <c>Y_i</c> (for the discrete adjoint).</summary>
    public bool StoresStageStates => _stageStateCount > 0;

    /// <summary>The stage states (row-major s×n) of the step from point <paramref name="interval"/> to the next one.</summary>
    public Span<double> StageStates(int interval) =>
        _stageStates.AsSpan(interval * _stageStateCount * _dimension, _stageStateCount * _dimension);

    /// <summary>Gets a value indicating whether each step keeps its stages (for the method's own dense output).</summary>
    public bool StoresStages => _extension is not null;

    /// <summary>Gets a value indicating whether each point also stores <c>F(t, y)</c> (needed for interpolation).</summary>
    public bool StoresDerivatives { get; }

    /// <summary>Gets the number of recorded points.</summary>
    public int Count { get; private set; }

    public double Time(int index) => _times[index];

    /// <summary>The step size that led from point <paramref name="index"/> to the next one.</summary>
    public double StepSize(int index) => _stepSizes[index];

    public ReadOnlySpan<double> State(int index) => _states.AsSpan(index * _dimension, _dimension);

    public Span<double> Derivative(int index) => _derivatives.AsSpan(index * _dimension, _dimension);

    /// <summary>The stages (row-major s×n) of the step from point <paramref name="interval"/> to the next one.</summary>
    public Span<double> Stages(int interval) =>
        _stages.AsSpan(interval * _extension!.StageCount * _dimension, _extension.StageCount * _dimension);

    public void Clear() => Count = 0;

    /// <summary>Appends a point; <paramref name="stepFromPrevious"/> is the step that reached it (ignored for the first).</summary>
    public void Add(double time, double stepFromPrevious, ReadOnlySpan<double> state)
    {
        if (Count == _times.Length)
        {
            Grow();
        }

        if (Count > 0)
        {
            _stepSizes[Count - 1] = stepFromPrevious;
        }

        _times[Count] = time;
        state.CopyTo(_states.AsSpan(Count * _dimension, _dimension));
        Count++;
    }

    /// <summary>
    /// The state at <paramref name="t"/> inside interval <paramref name="interval"/>: the method's own dense output when
    /// the stages are kept, cubic Hermite from the end states and derivatives otherwise.
    /// </summary>
    public void Interpolate(int interval, double t, Span<double> state)
    {
        double t0 = _times[interval];
        double h = _times[interval + 1] - t0;
        double theta = (t - t0) / h;
        int n = _dimension;
        if (_extension is not null)
        {
            _extension.Interpolate(theta, _stepSizes[interval], _states.AsSpan(interval * n, n), Stages(interval), state);
            return;
        }

        CubicHermite.Interpolate(
            theta, h, _states.AsSpan(interval * n, n), _derivatives.AsSpan(interval * n, n), _states.AsSpan((interval + 1) * n, n),
            _derivatives.AsSpan((interval + 1) * n, n), state[..n]);
    }

    /// <summary>Moves <paramref name="interval"/> to the interval containing <paramref name="t"/> (clamped at the ends).</summary>
    public int Locate(double t, int interval)
    {
        int last = Count - 2;
        interval = Math.Clamp(interval, 0, last);
        while (interval > 0 && t < _times[interval])
        {
            interval--;
        }

        while (interval < last && t > _times[interval + 1])
        {
            interval++;
        }

        return interval;
    }

    private void Grow()
    {
        int capacity = _times.Length * 2;
        Array.Resize(ref _times, capacity);
        Array.Resize(ref _stepSizes, capacity);
        Array.Resize(ref _states, capacity * _dimension);
        Array.Resize(ref _derivatives, capacity * _dimension);
        if (_extension is not null)
        {
            Array.Resize(ref _stages, capacity * _extension.StageCount * _dimension);
        }

        Array.Resize(ref _stageStates, capacity * _stageStateCount * _dimension);
    }
}
