using System;

namespace NeuralOdeGen;

/// <summary>
/// Every accepted step of a solve with what its method's dense output needs, so a <see cref="Solution"/> can be
/// evaluated anywhere in the span with the interpolant the stepper itself uses (bit for bit: same data, same
/// formula). Per step: start time, step size, end time, end state, and <see cref="RowsPerStep"/> rows of <c>n</c> values:
/// the stages <c>k_i</c> for a <see cref="ContinuousExtension"/>, <c>F</c> at both ends for cubic Hermite, the dense
/// rows of a Rosenbrock method. Buffers grow by doubling and are kept across solves.
/// </summary>
internal sealed class DenseTrajectory
{
    private const int InitialCapacity = 16;

    private double[] _starts = [];
    private double[] _stepSizes = [];
    private double[] _ends = [];
    private double[] _points = [];
    private double[] _rows = [];
    private int _dimension;
    private int _rowsPerStep;
    private DenseForm _form;
    private ContinuousExtension? _extension;

    /// <summary>Gets the number of steps kept.</summary>
    public int StepCount { get; private set; }

    /// <summary>Gets the number of rows of <c>n</c> values each step keeps.</summary>
    public int RowsPerStep => _rowsPerStep;

    /// <summary>Starts a solve from the initial state <paramref name="x0"/> with the given dense output.</summary>
    public void Begin(int dimension, DenseForm form, ContinuousExtension? extension, int rowsPerStep, ReadOnlySpan<double> x0)
    {
        bool reshaped = dimension != _dimension || rowsPerStep != _rowsPerStep || _starts.Length == 0;
        _dimension = dimension;
        _rowsPerStep = rowsPerStep;
        _form = form;
        _extension = extension;
        if (reshaped)
        {
            _starts = new double[InitialCapacity];
            _stepSizes = new double[InitialCapacity];
            _ends = new double[InitialCapacity];
            _points = new double[(InitialCapacity + 1) * dimension];
            _rows = new double[InitialCapacity * rowsPerStep * dimension];
        }

        StepCount = 0;
        x0.CopyTo(_points);
    }

    /// <summary>Appends a step and returns its rows (row-major <see cref="RowsPerStep"/> × n) for the caller to fill.</summary>
    public Span<double> AddStep(double start, double stepSize, double end, ReadOnlySpan<double> endState)
    {
        if (StepCount == _starts.Length)
        {
            Grow();
        }

        int n = _dimension;
        _starts[StepCount] = start;
        _stepSizes[StepCount] = stepSize;
        _ends[StepCount] = end;
        endState.CopyTo(_points.AsSpan((StepCount + 1) * n, n));
        StepCount++;
        return _rows.AsSpan((StepCount - 1) * _rowsPerStep * n, _rowsPerStep * n);
    }

    /// <summary>Moves the end of the last step to <paramref name="end"/>: the solver reached it without stepping (it was closer than floating point resolves).</summary>
    public void MoveLastEnd(double end)
    {
        if (StepCount > 0)
        {
            _ends[StepCount - 1] = end;
        }
    }

    /// <summary>
    /// Writes the state at <paramref name="t"/> (inside the span, checked by the caller): a step's end state at its end
    /// time, the initial state at the start, the interpolant of the first step that ends at or beyond <paramref name="t"/> otherwise.
    /// </summary>
    public void Evaluate(double t, double t0, double direction, Span<double> y)
    {
        int n = _dimension;
        if (StepCount == 0 || t == t0)
        {
            _points.AsSpan(0, n).CopyTo(y);
            return;
        }

        int k = FirstStepReaching(t, direction);
        if (t == _ends[k])
        {
            _points.AsSpan((k + 1) * n, n).CopyTo(y);
            return;
        }

        double h = _stepSizes[k];
        double theta = (t - _starts[k]) / h;
        ReadOnlySpan<double> y0 = _points.AsSpan(k * n, n);
        ReadOnlySpan<double> y1 = _points.AsSpan((k + 1) * n, n);
        ReadOnlySpan<double> rows = _rows.AsSpan(k * _rowsPerStep * n, _rowsPerStep * n);
        switch (_form)
        {
            case DenseForm.ContinuousExtension:
                _extension!.Interpolate(theta, h, y0, rows, y);
                break;
            case DenseForm.Rosenbrock:
                RosenbrockStepper.InterpolateRows(theta, y0, y1, rows, _rowsPerStep, y);
                break;
            default:
                CubicHermite.Interpolate(theta, h, y0, rows[..n], y1, rows[n..], y);
                break;
        }
    }

    // The first step whose end is at or beyond t in the direction of integration (binary search; the last step when t
    // lies beyond every end, which the caller's span check allows only within the final snap).
    private int FirstStepReaching(double t, double direction)
    {
        int low = 0;
        int high = StepCount - 1;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (direction * (_ends[middle] - t) >= 0.0)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    private void Grow()
    {
        int capacity = _starts.Length * 2;
        int n = _dimension;
        Array.Resize(ref _starts, capacity);
        Array.Resize(ref _stepSizes, capacity);
        Array.Resize(ref _ends, capacity);
        Array.Resize(ref _points, (capacity + 1) * n);
        Array.Resize(ref _rows, capacity * _rowsPerStep * n);
    }
}
