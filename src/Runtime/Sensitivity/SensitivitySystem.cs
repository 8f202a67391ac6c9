using System;

namespace NeuralOdeGen;

/// <summary>
/// The forward-sensitivity system <c>y = [x, s_1, …, s_m, r_1, …]</c> with <c>s_k = ∂x/∂θ_k</c>:
/// <c>ẋ = f(x)</c>, <c>ṡ_k = (∂f/∂x) s_k + ∂f/∂θ_k</c>, one Jacobian–vector product per column. Columns after the
/// <c>m</c> parameter columns (<c>∂x/∂x0_j</c>, <c>∂x/∂t0</c>) depend on no parameter: <c>ṙ = (∂f/∂x) r</c>, their
/// initial values carry the meaning.
/// </summary>
internal readonly struct SensitivitySystem<TModel> : IOdeSystem
    where TModel : struct, IOdeModel<TModel>
{
    private readonly double[] _parameters;
    private readonly double[] _unitDirection;

    public SensitivitySystem(double[] parameters, double[] unitDirection)
    {
        _parameters = parameters;
        _unitDirection = unitDirection;
    }

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        int columns = (y.Length / n) - 1;
        ReadOnlySpan<double> x = y[..n];
        TModel.Evaluate(t, x, _parameters, dydt[..n]);
        for (int k = 0; k < m; k++)
        {
            _unitDirection[k] = 1.0;
            TModel.JacobianVectorProduct(t, x, _parameters, y.Slice(n * (k + 1), n), _unitDirection, dydt.Slice(n * (k + 1), n));
            _unitDirection[k] = 0.0;
        }

        // The unit direction is all zero here: J r with no parameter part.
        for (int k = m; k < columns; k++)
        {
            TModel.JacobianVectorProduct(t, x, _parameters, y.Slice(n * (k + 1), n), _unitDirection, dydt.Slice(n * (k + 1), n));
        }
    }
}
