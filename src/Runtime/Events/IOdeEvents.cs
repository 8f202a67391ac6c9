using System;
using System.Collections.Generic;

namespace NeuralOdeGen;

/// <summary>
/// The event functions <c>g_e(t, x; θ)</c> and state jumps <c>J_e(t, x; θ)</c> of a model, implemented by the source
/// generator for every type with <see cref="EventAttribute"/> methods beside its <see cref="DynamicsAttribute"/> method.
/// Events are indexed <c>0 … EventCount − 1</c> in declaration order. Like <see cref="IOdeModel{TSelf}"/>, all members
/// are static and allocate nothing.
/// </summary>
/// <typeparam name="TSelf">The implementing model type.</typeparam>
public interface IOdeEvents<TSelf> where TSelf : IOdeModel<TSelf>, IOdeEvents<TSelf>
{
    /// <summary>Gets the number of events.</summary>
    static abstract int EventCount { get; }

    /// <summary>Gets the description of every event, in index order (a cached list).</summary>
    static abstract IReadOnlyList<EventInfo> Events { get; }

    /// <summary>Writes every event function's value, <c>g[e] = g_e(t, x; p)</c> (length <see cref="EventCount"/>).</summary>
    static abstract void EvaluateEvents(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> g);

    /// <summary>
    /// Writes the gradient of event function <paramref name="index"/>: <c>gx = ∂g/∂x</c> (length n),
    /// <c>gp = ∂g/∂p</c> (length m), and returns <c>∂g/∂t</c> (0 when the event method has no time parameter).
    /// </summary>
    static abstract double EventGradient(int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> gx, Span<double> gp);

    /// <summary>
    /// Writes the state just after event <paramref name="index"/>, <c>xPlus = J(t, x; p)</c>; for an event without a jump,
    /// copies <paramref name="x"/>.
    /// </summary>
    static abstract void ApplyJump(int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> xPlus);

    /// <summary>
    /// Writes the directional derivative of the jump map, <c>dxPlus = ∂J/∂t·dt + ∂J/∂x·dx + ∂J/∂p·dp</c>
    /// (the identity map <c>dxPlus = dx</c> for an event without a jump).
    /// </summary>
    static abstract void JumpJacobianVectorProduct(
        int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, double dt, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> dxPlus);

    /// <summary>
    /// Writes the vector–Jacobian products of the jump map, <c>vjx = vᵀ ∂J/∂x</c> (length n) and <c>vjp = vᵀ ∂J/∂p</c>
    /// (length m), and returns <c>vᵀ ∂J/∂t</c> (for an event without a jump: <c>vjx = v</c>, <c>vjp = 0</c>, returns 0).
    /// </summary>
    static abstract double JumpVectorJacobianProduct(
        int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp);

    /// <summary>Evaluates every event function over dual numbers (forward mode, time included), independently of the symbolic derivatives.</summary>
    static abstract void EvaluateEventsDual(Dual t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> g);

    /// <summary>Evaluates the jump map of event <paramref name="index"/> over dual numbers (copies <paramref name="x"/> without a jump).</summary>
    static abstract void ApplyJumpDual(int index, Dual t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> xPlus);
}
