using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>A group of samples of the model in <see cref="Vector256{T}"/> lanes (<see cref="VectorLanes"/>), evaluated by the generated lane code in one call.</summary>
internal readonly struct VectorLaneModelSystem<TModel> : ILaneSystem
    where TModel : struct, IOdeModel<TModel>
{
    private readonly double[] _parameters;

    public VectorLaneModelSystem(double[] parameters) => _parameters = parameters;

    public void Evaluate(double t, ReadOnlySpan<Vector256<double>> y, Span<Vector256<double>> dydt) =>
        TModel.EvaluateLanes(t, y, _parameters, dydt);
}

/// <summary>
/// The adjoint system <c>[x, λ, z]</c> of <see cref="AdjointSystem{TModel}"/> for a group of samples in lanes: the
/// blocks of <c>x</c>, <c>λ</c> and <c>z</c> one after the other, each component-major. Per lane the same arithmetic,
/// so the same bits.
/// </summary>
internal readonly struct VectorLaneAdjointSystem<TModel> : ILaneSystem
    where TModel : struct, IOdeModel<TModel>
{
    private readonly double[] _parameters;

    public VectorLaneAdjointSystem(double[] parameters) => _parameters = parameters;

    public void Evaluate(double t, ReadOnlySpan<Vector256<double>> y, Span<Vector256<double>> dydt)
    {
        int n = TModel.StateCount;
        int states = n * (y.Length / ((2 * n) + TModel.ParameterCount));
        ReadOnlySpan<Vector256<double>> x = y[..states];
        TModel.EvaluateLanes(t, x, _parameters, dydt[..states]);
        Span<Vector256<double>> adjointRates = dydt[states..];
        TModel.VectorJacobianProductLanes(t, x, _parameters, y.Slice(states, states), adjointRates[..states], adjointRates[states..]);
        LaneReverseKernels.Negate(adjointRates);
    }
}
