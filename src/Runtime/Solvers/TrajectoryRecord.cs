using System;

namespace NeuralOdeGen;

/// <summary>
/// The accepted points of a forward solve: times, step sizes, states and (optionally) derivatives. Buffers grow
/// by doubling and are reused, so a warmed-up record allocates nothing.
/// </summary>
internal sealed class TrajectoryRecord
{
    private readonly int _dimension;
    private double[] _times = new double[64];
    private double[] _stepSizes = new double[64];
    private double[] _states;
    private double[] _derivatives;

    public TrajectoryRecord(int dimension, bool storesDerivatives)
    {
        _dimension = dimension;
        StoresDerivatives = storesDerivatives;
        _states = new double[64 * dimension];
        _derivatives = new double[64 * dimension];
    }

    /// <summary>Gets a value indicating whether each point also stores <c>F(t, y)</c> (needed for interpolation).</summary>
    public bool StoresDerivatives { get; }

    /// <summary>Gets the number of recorded points.</summary>
    public int Count { get; private set; }

    public double Time(int index) => _times[index];

    /// <summary>The step size that led from point <paramref name="index"/> to the next one.</summary>
    public double StepSize(int index) => _stepSizes[index];

    public ReadOnlySpan<double> State(int index) => _states.AsSpan(index * _dimension, _dimension);

    public Span<double> Derivative(int index) => _derivatives.AsSpan(index * _dimension, _dimension);

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

    /// <summary>Cubic Hermite interpolation of the state at <paramref name="t"/> inside interval <paramref name="interval"/>.</summary>
    public void Interpolate(int interval, double t, Span<double> state)
    {
        double t0 = _times[interval];
        double h = _times[interval + 1] - t0;
        double theta = (t - t0) / h;
        double theta2 = theta * theta;
        double theta3 = theta2 * theta;
        double h00 = (2.0 * theta3) - (3.0 * theta2) + 1.0;
        double h10 = (theta3 - (2.0 * theta2) + theta) * h;
        double h01 = (3.0 * theta2) - (2.0 * theta3);
        double h11 = (theta3 - theta2) * h;
        int n = _dimension;
        ReadOnlySpan<double> y0 = _states.AsSpan(interval * n, n);
        ReadOnlySpan<double> y1 = _states.AsSpan((interval + 1) * n, n);
        ReadOnlySpan<double> f0 = _derivatives.AsSpan(interval * n, n);
        ReadOnlySpan<double> f1 = _derivatives.AsSpan((interval + 1) * n, n);
        for (int i = 0; i < n; i++)
        {
            state[i] = (h00 * y0[i]) + (h10 * f0[i]) + (h01 * y1[i]) + (h11 * f1[i]);
        }
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
    }
}
