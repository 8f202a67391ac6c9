using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// The adjoint system <c>[λ, z]</c> of <see cref="InterpolatedAdjointSystem{TModel}"/> for a group of samples in
/// <see cref="Vector256{T}"/> lanes: <c>x(t)</c> by cubic Hermite interpolation from the group's recorded grid points
/// (the grid is the same for every sample, so one interval and one set of weights serve all lanes), then the lane VJP.
/// Per lane the same arithmetic as <see cref="CubicHermite"/> and the scalar VJP, so the same bits.
/// </summary>
internal struct VectorLaneInterpolatedAdjointSystem<TModel> : IOdeSystem
    where TModel : struct, IOdeModel<TModel>
{
    private readonly double[] _parameters;
    private readonly double[] _times;
    private readonly int _points;
    private readonly AlignedVectors _states;
    private readonly AlignedVectors _derivatives;
    private readonly AlignedVectors _interpolated;
    private readonly int _width;
    private int _interval;

    /// <param name="parameters">θ.</param>
    /// <param name="times">The recorded grid times (the first <paramref name="points"/>).</param>
    /// <param name="points">The number of recorded points (at least two).</param>
    /// <param name="states">The state block of each point, <paramref name="width"/> vectors each.</param>
    /// <param name="derivatives">The block of <c>F</c> at each point, <paramref name="width"/> vectors each.</param>
    /// <param name="interpolated">Workspace for <c>x(t)</c>, at least <paramref name="width"/> vectors.</param>
    /// <param name="width">The vectors of one state block (<c>n × count</c>).</param>
    public VectorLaneInterpolatedAdjointSystem(
        double[] parameters, double[] times, int points, AlignedVectors states, AlignedVectors derivatives, AlignedVectors interpolated, int width)
    {
        _parameters = parameters;
        _times = times;
        _points = points;
        _states = states;
        _derivatives = derivatives;
        _interpolated = interpolated;
        _width = width;

        // Where InterpolatedAdjointSystem starts its search: the last interval.
        _interval = points - 2;
    }

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        _interval = RecordIntervals.Locate(_times.AsSpan(0, _points), t, _interval);
        int i = _interval;
        Span<Vector256<double>> x = _interpolated.Span[.._width];
        Interpolate(i, t, x);

        ReadOnlySpan<Vector256<double>> block = MemoryMarshal.Cast<double, Vector256<double>>(y);
        Span<Vector256<double>> rates = MemoryMarshal.Cast<double, Vector256<double>>(dydt);
        TModel.VectorJacobianProductLanes(t, x, _parameters, block[.._width], rates[.._width], rates[_width..]);
        StageCombinations.Negate(dydt);
    }

    // CubicHermite.Interpolate on interval i, its weights computed once for every lane.
    private readonly void Interpolate(int i, double t, Span<Vector256<double>> x)
    {
        double t0 = _times[i];
        double h = _times[i + 1] - t0;
        double theta = (t - t0) / h;
        double theta2 = theta * theta;
        double theta3 = theta2 * theta;
        var h00 = Vector256.Create((2.0 * theta3) - (3.0 * theta2) + 1.0);
        var h10 = Vector256.Create((theta3 - (2.0 * theta2) + theta) * h);
        var h01 = Vector256.Create((3.0 * theta2) - (2.0 * theta3));
        var h11 = Vector256.Create((theta3 - theta2) * h);
        ReadOnlySpan<Vector256<double>> y0 = _states.Span.Slice(i * _width, _width);
        ReadOnlySpan<Vector256<double>> f0 = _derivatives.Span.Slice(i * _width, _width);
        ReadOnlySpan<Vector256<double>> y1 = _states.Span.Slice((i + 1) * _width, _width);
        ReadOnlySpan<Vector256<double>> f1 = _derivatives.Span.Slice((i + 1) * _width, _width);
        for (int v = 0; v < x.Length; v++)
        {
            x[v] = (h00 * y0[v]) + (h10 * f0[v]) + (h01 * y1[v]) + (h11 * f1[v]);
        }
    }
}
