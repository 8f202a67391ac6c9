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
/// <para>
/// In detail (each rule a compile error NODE040–NODE046 at its place, see docs/diagnostics.md): the method is static,
/// non-generic and in the type of the <see cref="DynamicsAttribute"/> method; the parameters match the dynamics
/// method's states and parameters in name, type and attributes (<c>[State(N)]</c> and <c>[Param(N)]</c> blocks
/// included, its <c>Span&lt;double&gt;</c> output not), with at most one <c>[Time]</c> parameter anywhere in the list,
/// named as the dynamics method's when that has one. Event and jump bodies are always unrolled and differentiated
/// symbolically (also when the dynamics keeps its loops); they may not call <c>[DerivativeOf]</c> functions. For a type
/// split over files, declaration order is by file path, then position.
/// </para>
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
    /// <see langword="null"/> when the event does not change the state. The method is static, non-generic and not
    /// overloaded; it may add one unattributed <c>Span&lt;double&gt;</c> output (then it returns <see langword="void"/>).
    /// </summary>
    public string? Jump { get; set; }
}
