using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// The adjoint system <c>[λ, z]</c> of <see cref="InterpolatedAdjointSystem{TModel}"/> for a group of samples that shared
/// their forward steps in <see cref="Vector256{T}"/> lanes: <c>x(t)</c> read from the group's <see cref="TrajectoryRecord"/>
/// (the method's own dense output or cubic Hermite, component by component, so one interval serves every lane), then the
/// lane VJP. Per lane the arithmetic of <see cref="InterpolatedAdjointSystem{TModel}"/> on that lane's record.
/// </summary>
internal struct VectorLaneRecordAdjointSystem<TModel> : IOdeSystem
    where TModel : struct, IOdeModel<TModel>
{
    private readonly double[] _parameters;
    private readonly TrajectoryRecord _forward;
    private readonly AlignedVectors _interpolated;
    private readonly int _width;
    private int _interval;

    /// <param name="parameters">θ.</param>
    /// <param name="forward">The group's forward record (lane layout, <paramref name="width"/> vectors per point).</param>
    /// <param name="interpolated">Workspace for <c>x(t)</c>, at least <paramref name="width"/> vectors.</param>
    /// <param name="width">The vectors of one state block (<c>n × count</c>).</param>
    public VectorLaneRecordAdjointSystem(double[] parameters, TrajectoryRecord forward, AlignedVectors interpolated, int width)
    {
        _parameters = parameters;
        _forward = forward;
        _interpolated = interpolated;
        _width = width;

        // Where InterpolatedAdjointSystem starts its search: the last interval.
        _interval = forward.Count - 2;
    }

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        _interval = RecordIntervals.Locate(_forward, t, _interval);
        _forward.Interpolate(_interval, t, _interpolated.Doubles[..(_width * Vector256<double>.Count)]);
        ReadOnlySpan<Vector256<double>> block = MemoryMarshal.Cast<double, Vector256<double>>(y);
        Span<Vector256<double>> rates = MemoryMarshal.Cast<double, Vector256<double>>(dydt);
        TModel.VectorJacobianProductLanes(t, _interpolated.Span[.._width], _parameters, block[.._width], rates[.._width], rates[_width..]);
        StageCombinations.Negate(dydt);
    }
}
