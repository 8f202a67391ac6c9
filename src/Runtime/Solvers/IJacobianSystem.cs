using System;

namespace NeuralOdeGen;

/// <summary>A right-hand side that also provides its dense state Jacobian, as the implicit steppers need.</summary>
internal interface IJacobianSystem : IOdeSystem
{
    /// <summary>Gets a value indicating whether <c>F</c> depends on <c>t</c> explicitly (otherwise <c>∂F/∂t = 0</c>).</summary>
    bool IsTimeDependent { get; }

    /// <summary>Writes <c>jacobian[i*n + j] = ∂F_i/∂y_j</c> (n×n, row-major).</summary>
    void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian);
}
