using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// Groups of samples of the model in <see cref="Vector256{T}"/> lanes, laid out group after group with the
/// model's <c>n</c> state vectors each (see <see cref="VectorLanes"/>); evaluated by the generated lane code.
/// </summary>
internal readonly struct VectorLaneModelSystem<TModel> : ILaneSystem
    where TModel : struct, IOdeModel<TModel>
{
    private readonly double[] _parameters;

    public VectorLaneModelSystem(double[] parameters) => _parameters = parameters;

    public void Evaluate(double t, ReadOnlySpan<Vector256<double>> y, Span<Vector256<double>> dydt)
    {
        int n = TModel.StateCount;
        for (int offset = 0; offset + n <= y.Length; offset += n)
        {
            TModel.EvaluateLanes(t, y.Slice(offset, n), _parameters, dydt.Slice(offset, n));
        }
    }
}

/// <summary>
/// The adjoint system <c>[x, λ, z]</c> of <see cref="AdjointSystem{TModel}"/> for groups of samples in lanes, each
/// group's <c>2n + m</c> vectors after the previous group's: per lane the same arithmetic, so the same bits.
/// </summary>
internal readonly struct VectorLaneAdjointSystem<TModel> : ILaneSystem
    where TModel : struct, IOdeModel<TModel>
{
    private readonly double[] _parameters;

    public VectorLaneAdjointSystem(double[] parameters) => _parameters = parameters;

    public void Evaluate(double t, ReadOnlySpan<Vector256<double>> y, Span<Vector256<double>> dydt)
    {
        int n = TModel.StateCount;
        int d = (2 * n) + TModel.ParameterCount;
        for (int offset = 0; offset + d <= y.Length; offset += d)
        {
            ReadOnlySpan<Vector256<double>> x = y.Slice(offset, n);
            TModel.EvaluateLanes(t, x, _parameters, dydt.Slice(offset, n));
            Span<Vector256<double>> adjointRates = dydt.Slice(offset + n, d - n);
            TModel.VectorJacobianProductLanes(t, x, _parameters, y.Slice(offset + n, n), adjointRates[..n], adjointRates[n..]);
            for (int i = 0; i < adjointRates.Length; i++)
            {
                adjointRates[i] = -adjointRates[i];
            }
        }
    }
}
