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
/// samples in lanes: each column's block (<c>n × count</c> vectors, component-major) after the state's, each column's
/// rate one lane Jacobian–vector product with the parameter tangent shared by the group (the unit vector of its
/// parameter, zero for the columns after them). Per lane the same arithmetic, so the same bits.
/// </summary>
internal readonly struct VectorLaneSensitivitySystem<TModel> : IOdeSystem
    where TModel : struct, IOdeModel<TModel>
{
    private readonly double[] _parameters;
    private readonly double[] _unitDirection;
    private readonly int _columns;

    /// <param name="parameters">The shared parameters.</param>
    /// <param name="unitDirection">Scratch for the parameter tangent, length m, all zero between calls.</param>
    /// <param name="columns">The sensitivity columns after the state: the m parameters' and any extra ones.</param>
    public VectorLaneSensitivitySystem(double[] parameters, double[] unitDirection, int columns)
    {
        _parameters = parameters;
        _unitDirection = unitDirection;
        _columns = columns;
    }

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        ReadOnlySpan<Vector256<double>> block = MemoryMarshal.Cast<double, Vector256<double>>(y);
        Span<Vector256<double>> rates = MemoryMarshal.Cast<double, Vector256<double>>(dydt);
        int m = TModel.ParameterCount;
        int states = block.Length / (_columns + 1);
        ReadOnlySpan<Vector256<double>> x = block[..states];
        TModel.EvaluateLanes(t, x, _parameters, rates[..states]);
        for (int k = 0; k < m; k++)
        {
            _unitDirection[k] = 1.0;
            TModel.JacobianVectorProductLanes(t, x, _parameters, block.Slice(states * (k + 1), states), _unitDirection, rates.Slice(states * (k + 1), states));
            _unitDirection[k] = 0.0;
        }

        // The unit direction is all zero here: J r with no parameter part.
        for (int k = m; k < _columns; k++)
        {
            TModel.JacobianVectorProductLanes(t, x, _parameters, block.Slice(states * (k + 1), states), _unitDirection, rates.Slice(states * (k + 1), states));
        }
    }
}
