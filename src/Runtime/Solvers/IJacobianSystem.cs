using System;

namespace NeuralOdeGen;

/// <summary>A right-hand side that also provides its dense state Jacobian, as the implicit steppers need.</summary>
/// <remarks>
/// For an augmented system (<see cref="ImplicitLayout"/>) the Jacobian is that of the stiff block only, and the
/// dependence of the other components on the stiff block comes from <see cref="CouplingProduct"/>.
/// </remarks>
internal interface IJacobianSystem : IOdeSystem
{
    /// <summary>Gets a value indicating whether <c>F</c> depends on <c>t</c> explicitly (otherwise <c>∂F/∂t = 0</c>).</summary>
    bool IsTimeDependent { get; }

    /// <summary>Writes <c>jacobian[i*n + j] = ∂F_i/∂y_j</c> for the stiff block (n×n, row-major).</summary>
    void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian);

    /// <summary>
    /// Writes <c>product = (∂F_rest/∂y_stiff) · direction</c> at (<paramref name="t"/>, <paramref name="y"/>): how the components
    /// after the stiff block (<paramref name="product"/>, their count) change with the stiff block along
    /// <paramref name="direction"/> (length n). A plain model has no such components and writes nothing.
    /// </summary>
    void CouplingProduct(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> direction, Span<double> product);
}
