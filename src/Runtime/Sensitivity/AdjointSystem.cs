using System;

namespace NeuralOdeGen;

/// <summary>
/// The augmented system of paper Algorithm 1, <c>y = [x, λ, z]</c>:
/// <c>ẋ = f(x)</c>, <c>λ̇ = −(∂f/∂x)ᵀλ</c>, <c>ż = −(∂f/∂θ)ᵀλ</c>, integrated backwards from the horizon.
/// </summary>
internal readonly struct AdjointSystem<TModel> : IOdeSystem
    where TModel : struct, IOdeModel<TModel>
{
    private readonly double[] _parameters;

    public AdjointSystem(double[] parameters) => _parameters = parameters;

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        ReadOnlySpan<double> x = y[..n];
        TModel.Evaluate(t, x, _parameters, dydt[..n]);
        Span<double> adjointRates = dydt.Slice(n, n + m);
        TModel.VectorJacobianProduct(t, x, _parameters, y.Slice(n, n), adjointRates[..n], adjointRates[n..]);
        for (int i = 0; i < adjointRates.Length; i++)
        {
            adjointRates[i] = -adjointRates[i];
        }
    }
}
