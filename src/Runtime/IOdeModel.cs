using System;

namespace NeuralOdeGen;

/// <summary>
/// An ODE right-hand side <c>dx/dt = f(t, x; p)</c> with its derivatives, implemented by the source generator
/// for every type with a <see cref="DynamicsAttribute"/> method. All members are static so that generic code
/// over <c>TModel : struct, IOdeModel&lt;TModel&gt;</c> is fully specialised by the JIT.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IOdeModel<TSelf> where TSelf : IOdeModel<TSelf>
{
    /// <summary>Gets the number of state variables <c>n</c>.</summary>
    static abstract int StateCount { get; }

    /// <summary>Gets the number of trainable parameters <c>m</c>.</summary>
    static abstract int ParameterCount { get; }

    /// <summary>Gets the names and symbolic (SymPy syntax) forms of the model and its derivatives.</summary>
    static abstract OdeModelInfo Info { get; }

    /// <summary>Evaluates <c>dxdt = f(t, x; p)</c>.</summary>
    static abstract void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt);

    /// <summary>Writes the state Jacobian, <c>jx[i*n + j] = ∂f_i/∂x_j</c> (n×n, row-major).</summary>
    static abstract void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx);

    /// <summary>Writes the parameter Jacobian, <c>jp[i*m + k] = ∂f_i/∂p_k</c> (n×m, row-major).</summary>
    static abstract void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp);

    /// <summary>
    /// Writes the vector–Jacobian products <c>vjx = vᵀ ∂f/∂x</c> (length n) and <c>vjp = vᵀ ∂f/∂p</c> (length m):
    /// the right-hand side of the adjoint system.
    /// </summary>
    static abstract void VectorJacobianProduct(
        double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp);

    /// <summary>Writes the Jacobian–vector product <c>df = ∂f/∂x · dx + ∂f/∂p · dp</c> (forward sensitivities).</summary>
    static abstract void JacobianVectorProduct(
        double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df);

    /// <summary>Evaluates the user's own body over dual numbers (forward mode), independently of the symbolic derivatives.</summary>
    static abstract void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt);
}
