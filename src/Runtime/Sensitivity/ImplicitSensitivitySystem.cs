using System;

namespace NeuralOdeGen;

/// <summary>
/// The forward-sensitivity system <c>y = [x, s_1, …, s_m]</c> (<see cref="SensitivitySystem{TModel}"/>) for the implicit
/// steppers, laid out as the stiff block <c>x</c> with <c>m</c> replicas (<see cref="ImplicitLayout"/>): every
/// <c>s_k</c> has the state Jacobian <c>J</c> as its own Jacobian, so one LU of <c>I − hγJ</c> serves them all.
/// </summary>
/// <remarks>
/// The coupling block <c>L_k = ∂(J s_k + ∂f/∂θ_k)/∂x</c> holds second derivatives, which the generator does not emit;
/// <see cref="CouplingProduct"/> takes it as a central difference of the generated Jacobian–vector product. That is exact
/// to rounding when <c>J s + ∂f/∂θ</c> is at most quadratic in <c>x</c> (Robertson, any model quadratic in the state) and
/// otherwise has a relative truncation error of about <c>ε^(2/3)</c> ≈ 4e-11 (Van der Pol's <c>∂f/∂μ = (1 − x²)v</c> is
/// cubic). Rosenbrock stages use it in the result; the ESDIRK Newton iteration only in its matrix.
/// </remarks>
internal readonly struct ImplicitSensitivitySystem<TModel> : IJacobianSystem
    where TModel : struct, IOdeModel<TModel>
{
    // ε^(1/3): the central difference's step that balances its O(δ²) truncation against O(ε/δ) rounding.
    private const double RelativeStep = 6.055454452393343e-06;

    private readonly SensitivitySystem<TModel> _rates;
    private readonly double[] _parameters;
    private readonly double[] _unitDirection;
    private readonly double[] _shifted;
    private readonly double[] _lower;

    /// <param name="parameters">θ.</param>
    /// <param name="unitDirection">Scratch of length m, all zero.</param>
    /// <param name="shifted">Scratch of length n.</param>
    /// <param name="lower">Scratch of length n.</param>
    public ImplicitSensitivitySystem(double[] parameters, double[] unitDirection, double[] shifted, double[] lower)
    {
        _rates = new SensitivitySystem<TModel>(parameters, unitDirection);
        _parameters = parameters;
        _unitDirection = unitDirection;
        _shifted = shifted;
        _lower = lower;
    }

    /// <summary>Gets the layout: the state and one replica per parameter.</summary>
    public static ImplicitLayout Layout => LayoutWith(0);

    /// <summary>Gets the layout with <paramref name="extraColumns"/> more replicas after the parameters' (<c>∂x/∂x0_j</c>, <c>∂x/∂t0</c>).</summary>
    public static ImplicitLayout LayoutWith(int extraColumns) => new(TModel.StateCount, TModel.ParameterCount + extraColumns, 0);

    public bool IsTimeDependent => TModel.Info.TimeName is not null;

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => _rates.Evaluate(t, y, dydt);

    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) =>
        TModel.StateJacobian(t, y[..TModel.StateCount], _parameters, jacobian);

    public void CouplingProduct(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> direction, Span<double> product)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        ReadOnlySpan<double> x = y[..n];
        double size = 0.0;
        double stateSize = 1.0;
        for (int i = 0; i < n; i++)
        {
            size = Math.Max(size, Math.Abs(direction[i]));
            stateSize = Math.Max(stateSize, Math.Abs(x[i]));
        }

        if (size == 0.0)
        {
            product.Clear();
            return;
        }

        // L_k v ≈ (g_k(x + δv) − g_k(x − δv)) / 2δ with g_k(x) = J(x) s_k + ∂f/∂θ_k(x), the step scaled to the state;
        // the columns after the parameters' have no ∂f/∂θ part (g(x) = J(x) r).
        double delta = RelativeStep * stateSize / size;
        int columns = product.Length / n;
        for (int k = 0; k < columns; k++)
        {
            ReadOnlySpan<double> column = y.Slice(n * (k + 1), n);
            Span<double> upper = product.Slice(n * k, n);
            if (k < m)
            {
                _unitDirection[k] = 1.0;
            }

            for (int i = 0; i < n; i++)
            {
                _shifted[i] = x[i] + (delta * direction[i]);
            }

            TModel.JacobianVectorProduct(t, _shifted, _parameters, column, _unitDirection, upper);
            for (int i = 0; i < n; i++)
            {
                _shifted[i] = x[i] - (delta * direction[i]);
            }

            TModel.JacobianVectorProduct(t, _shifted, _parameters, column, _unitDirection, _lower);
            if (k < m)
            {
                _unitDirection[k] = 0.0;
            }

            for (int i = 0; i < n; i++)
            {
                upper[i] = (upper[i] - _lower[i]) / (2.0 * delta);
            }
        }
    }
}
