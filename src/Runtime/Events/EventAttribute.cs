using System;

namespace NeuralOdeGen;

/// <summary>
/// Marks a static method beside the type's <see cref="DynamicsAttribute"/> method as an event function
/// <c>g(t, x; θ)</c>: the event happens where <c>g</c> crosses zero in <see cref="Direction"/>. The source generator
/// makes the type implement <see cref="IOdeEvents{TSelf}"/> and emits <c>∂g/∂x</c>, <c>∂g/∂θ</c> and <c>∂g/∂t</c>
/// (and the derivatives of the <see cref="Jump"/> map), so gradients can flow through event times.
/// </summary>
/// <remarks>
/// The method takes the same state and <see cref="ParamAttribute"/> parameters as the dynamics method, with the same
/// names and in the same order (a <see cref="TimeAttribute"/> parameter is optional in either), and returns one
/// <see cref="double"/>; its body is in the grammar of a dynamics body. Events are numbered in declaration order.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class EventAttribute : Attribute
{
    /// <summary>Gets or sets which zero crossings count (default: either direction).</summary>
    public EventDirection Direction { get; set; } = EventDirection.Either;

    /// <summary>Gets or sets a value indicating whether the solve ends at the event.</summary>
    public bool Terminal { get; set; }

    /// <summary>
    /// Gets or sets the name of a static method of the same type (write <c>nameof(M)</c>) that maps the state just before
    /// the event to the state just after it, <c>x⁺ = J(t*, x⁻; θ)</c>. It takes the same parameters as the event method
    /// and returns the new state in the dynamics method's form (a <see cref="double"/>, a tuple, or a <c>Span</c> output).
    /// <see langword="null"/> when the event does not change the state.
    /// </summary>
    public string? Jump { get; set; }
}
