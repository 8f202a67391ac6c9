using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// A group of samples of the model in <see cref="Vector256{T}"/> lanes (<see cref="VectorLanes"/>), evaluated by the
/// generated lane code in one call; the steps see the block as doubles.
/// </summary>
internal readonly struct VectorLaneModelSystem<TModel> : IOdeSystem
    where TModel : struct, IOdeModel<TModel>
{
    private readonly double[] _parameters;

    public VectorLaneModelSystem(double[] parameters) => _parameters = parameters;

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) =>
        TModel.EvaluateLanes(t, MemoryMarshal.Cast<double, Vector256<double>>(y), _parameters, MemoryMarshal.Cast<double, Vector256<double>>(dydt));
}

/// <summary>
/// The adjoint system <c>[x, λ, z]</c> of <see cref="AdjointSystem{TModel}"/> for a group of samples in lanes: the
/// blocks of <c>x</c>, <c>λ</c> and <c>z</c> one after the other, each component-major. Per lane the same arithmetic,
/// so the same bits.
/// </summary>
internal readonly struct VectorLaneAdjointSystem<TModel> : IOdeSystem
    where TModel : struct, IOdeModel<TModel>
{
    private readonly double[] _parameters;

    public VectorLaneAdjointSystem(double[] parameters) => _parameters = parameters;

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        ReadOnlySpan<Vector256<double>> block = MemoryMarshal.Cast<double, Vector256<double>>(y);
        Span<Vector256<double>> rates = MemoryMarshal.Cast<double, Vector256<double>>(dydt);
        int n = TModel.StateCount;
        int states = n * (block.Length / ((2 * n) + TModel.ParameterCount));
        ReadOnlySpan<Vector256<double>> x = block[..states];
        TModel.EvaluateLanes(t, x, _parameters, rates[..states]);
        Span<Vector256<double>> adjointRates = rates[states..];
        TModel.VectorJacobianProductLanes(t, x, _parameters, block.Slice(states, states), adjointRates[..states], adjointRates[states..]);
        StageCombinations.Negate(dydt[(states * Vector256<double>.Count)..]);
    }
}

/// <summary>
/// The forward-sensitivity system <c>[x, s_1 … s_m, r …]</c> of <see cref="SensitivitySystem{TModel}"/> for a group of
/// samples in lanes: each column's block (<c>n × count</c> vectors, component-major) after the state's; the state's rate
/// by the lane <c>Evaluate</c>, the columns' rates by one <see cref="IOdeModel{TSelf}.SensitivityRatesLanes"/> call (each
/// column's Jacobian–vector product with the unit vector of its parameter, zero for the columns after them). Per lane
/// the same arithmetic, so the same bits.
/// </summary>
internal readonly struct VectorLaneSensitivitySystem<TModel> : IOdeSystem
    where TModel : struct, IOdeModel<TModel>
{
    private readonly double[] _parameters;
    private readonly int _columns;

    /// <param name="parameters">The shared parameters.</param>
    /// <param name="columns">The sensitivity columns after the state: the m parameters' and any extra ones.</param>
    public VectorLaneSensitivitySystem(double[] parameters, int columns)
    {
        _parameters = parameters;
        _columns = columns;
    }

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        ReadOnlySpan<Vector256<double>> block = MemoryMarshal.Cast<double, Vector256<double>>(y);
        Span<Vector256<double>> rates = MemoryMarshal.Cast<double, Vector256<double>>(dydt);
        int states = block.Length / (_columns + 1);
        ReadOnlySpan<Vector256<double>> x = block[..states];
        TModel.EvaluateLanes(t, x, _parameters, rates[..states]);
        TModel.SensitivityRatesLanes(t, x, _parameters, block[states..], rates[states..]);
    }
}
