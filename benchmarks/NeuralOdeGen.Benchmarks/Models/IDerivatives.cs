using System;

namespace NeuralOdeGen.Benchmarks.Models;

/// <summary>
/// The three derivative members under comparison, with the <see cref="IOdeModel{TSelf}"/> signatures, so one
/// generic loop (specialised per struct by the JIT) drives both the generated and the hand-derived code.
/// </summary>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
public interface IDerivatives<TSelf>
    where TSelf : struct, IDerivatives<TSelf>
{
    /// <summary>Gets the number of states.</summary>
    static abstract int StateCount { get; }

    /// <summary>Gets the number of parameters.</summary>
    static abstract int ParameterCount { get; }

    /// <summary>Writes <c>∂f/∂x</c>, row-major n×n.</summary>
    static abstract void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx);

    /// <summary>Writes <c>∂f/∂p</c>, row-major n×m.</summary>
    static abstract void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp);

    /// <summary>Writes <c>vᵀ∂f/∂x</c> and <c>vᵀ∂f/∂p</c>.</summary>
    static abstract void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp);
}
