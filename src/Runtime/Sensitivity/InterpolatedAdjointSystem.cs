using System;

namespace NeuralOdeGen;

/// <summary>
/// The adjoint system <c>y = [λ, z]</c> with the state <c>x(t)</c> read from the recorded forward trajectory
/// (cubic Hermite between accepted points) instead of being integrated backwards.
/// </summary>
internal struct InterpolatedAdjointSystem<TModel> : IOdeSystem
    where TModel : struct, IOdeModel<TModel>
{
    private readonly double[] _parameters;
    private readonly TrajectoryRecord _forward;
    private readonly double[] _state;
    private int _interval;

    public InterpolatedAdjointSystem(double[] parameters, TrajectoryRecord forward, double[] stateBuffer)
    {
        _parameters = parameters;
        _forward = forward;
        _state = stateBuffer;
        _interval = forward.Count - 2;
    }

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        int n = TModel.StateCount;
        _interval = RecordIntervals.Locate(_forward, t, _interval);
        _forward.Interpolate(_interval, t, _state);
        TModel.VectorJacobianProduct(t, _state, _parameters, y[..n], dydt[..n], dydt[n..]);
        for (int i = 0; i < dydt.Length; i++)
        {
            dydt[i] = -dydt[i];
        }
    }
}
