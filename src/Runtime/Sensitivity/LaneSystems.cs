using System;

namespace NeuralOdeGen;

/// <summary>
/// Several independent samples of the model stacked into one block-diagonal system (sample-major): a fixed-step
/// solve of the stack does, component by component, exactly the arithmetic of the per-sample solves, but shares
/// the stepper's per-step work and lets the CPU overlap the samples' dependency chains.
/// </summary>
internal readonly struct LaneModelSystem<TModel> : IOdeSystem
    where TModel : struct, IOdeModel<TModel>
{
    private readonly double[] _parameters;

    public LaneModelSystem(double[] parameters) => _parameters = parameters;

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        int n = TModel.StateCount;
        for (int offset = 0; offset + n <= y.Length; offset += n)
        {
            TModel.Evaluate(t, y.Slice(offset, n), _parameters, dydt.Slice(offset, n));
        }
    }
}

/// <summary>Several samples' adjoint systems <c>[x, λ, z]</c> stacked sample-major (see <see cref="LaneModelSystem{TModel}"/>).</summary>
internal readonly struct LaneAdjointSystem<TModel> : IOdeSystem
    where TModel : struct, IOdeModel<TModel>
{
    private readonly double[] _parameters;

    public LaneAdjointSystem(double[] parameters) => _parameters = parameters;

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        int d = (2 * TModel.StateCount) + TModel.ParameterCount;
        var single = new AdjointSystem<TModel>(_parameters);
        for (int offset = 0; offset + d <= y.Length; offset += d)
        {
            single.Evaluate(t, y.Slice(offset, d), dydt.Slice(offset, d));
        }
    }
}
