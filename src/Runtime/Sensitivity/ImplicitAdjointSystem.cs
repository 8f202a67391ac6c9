using System;

namespace NeuralOdeGen;

/// <summary>
/// The adjoint system <c>y = [λ, μ]</c>, <c>λ' = −Jᵀλ</c>, <c>μ' = −(∂f/∂θ)ᵀλ</c>, for the implicit steppers, with the state
/// <c>x(t)</c> read from the recorded forward trajectory (cubic Hermite, as <see cref="InterpolatedAdjointSystem{TModel}"/>).
/// It is as stiff as the forward problem: its stiff block is <c>λ</c> with Jacobian <c>−Jᵀ</c>, and <c>μ</c> is a quadrature
/// (<see cref="ImplicitLayout"/>) whose coupling <c>−(∂f/∂θ)ᵀ v</c> is one vector–Jacobian product, exact.
/// </summary>
internal struct ImplicitAdjointSystem<TModel> : IJacobianSystem
    where TModel : struct, IOdeModel<TModel>
{
    private readonly double[] _parameters;
    private readonly TrajectoryRecord _forward;
    private readonly double[] _state;
    private readonly double[] _stateJacobian;
    private readonly double[] _stateProduct;
    private int _interval;

    /// <param name="parameters">θ.</param>
    /// <param name="forward">The forward solve's accepted points with their derivatives.</param>
    /// <param name="state">Scratch of length n.</param>
    /// <param name="stateJacobian">Scratch of length n².</param>
    /// <param name="stateProduct">Scratch of length n.</param>
    public ImplicitAdjointSystem(double[] parameters, TrajectoryRecord forward, double[] state, double[] stateJacobian, double[] stateProduct)
    {
        _parameters = parameters;
        _forward = forward;
        _state = state;
        _stateJacobian = stateJacobian;
        _stateProduct = stateProduct;
        _interval = forward.Count - 2;
    }

    /// <summary>Gets the layout: <c>λ</c> stiff, <c>μ</c> a quadrature.</summary>
    public static ImplicitLayout Layout => new(TModel.StateCount, 0, TModel.ParameterCount);

    /// <summary>Gets <see langword="true"/>: <c>x(t)</c> makes the system time-dependent even for an autonomous model.</summary>
    public readonly bool IsTimeDependent => true;

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        int n = TModel.StateCount;
        ReadOnlySpan<double> x = StateAt(t);
        TModel.VectorJacobianProduct(t, x, _parameters, y[..n], dydt[..n], dydt[n..]);
        for (int i = 0; i < dydt.Length; i++)
        {
            dydt[i] = -dydt[i];
        }
    }

    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian)
    {
        int n = TModel.StateCount;
        TModel.StateJacobian(t, StateAt(t), _parameters, _stateJacobian);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                jacobian[(i * n) + j] = -_stateJacobian[(j * n) + i];
            }
        }
    }

    public void CouplingProduct(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> direction, Span<double> product)
    {
        TModel.VectorJacobianProduct(t, StateAt(t), _parameters, direction, _stateProduct, product);
        for (int i = 0; i < product.Length; i++)
        {
            product[i] = -product[i];
        }
    }

    private ReadOnlySpan<double> StateAt(double t)
    {
        _interval = RecordIntervals.Locate(_forward, t, _interval);
        _forward.Interpolate(_interval, t, _state);
        return _state;
    }
}
