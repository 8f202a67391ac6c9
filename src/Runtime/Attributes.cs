using System;

namespace NeuralOdeGen;

/// <summary>
/// Marks a static method as the right-hand side <c>dx/dt = f(x; θ)</c> of an ODE. The NeuralOdeGen source
/// generator makes the containing partial type implement <see cref="IOdeModel{TSelf}"/>.
/// </summary>
/// <remarks>
/// State variables are the <see cref="double"/> parameters without <see cref="ParamAttribute"/> or
/// <see cref="TimeAttribute"/>, in declaration order. The method returns a <see cref="double"/> for one state
/// or a tuple of <see cref="double"/> with one element per state, in the same order.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DynamicsAttribute : Attribute
{
}

/// <summary>
/// Marks a parameter of a <see cref="DynamicsAttribute"/> method as trainable: a <see cref="double"/> with
/// <c>[Param]</c> is one parameter θ; a <see cref="ReadOnlySpan{T}"/> of <see cref="double"/> with <c>[Param(N)]</c> is a
/// block of <c>N</c> parameters (a weight matrix or bias vector), flattened into <c>p</c> in declaration order.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class ParamAttribute : Attribute
{
    /// <summary>Marks a scalar <see cref="double"/> parameter.</summary>
    public ParamAttribute()
    {
    }

    /// <summary>Marks a <c>ReadOnlySpan&lt;double&gt;</c> parameter as a block of <paramref name="length"/> trainable parameters.</summary>
    /// <param name="length">The number of parameters in the block; a compile-time constant greater than zero.</param>
    public ParamAttribute(int length) => Length = length;

    /// <summary>Gets the block length of a span parameter, or 0 for a scalar <see cref="double"/> parameter.</summary>
    public int Length { get; }
}

/// <summary>Marks a <see cref="double"/> parameter of a <see cref="DynamicsAttribute"/> method as the time <c>t</c>.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class TimeAttribute : Attribute
{
}
