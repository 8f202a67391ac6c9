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

/// <summary>Marks a <see cref="double"/> parameter of a <see cref="DynamicsAttribute"/> method as a trainable parameter θ.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class ParamAttribute : Attribute
{
}

/// <summary>Marks a <see cref="double"/> parameter of a <see cref="DynamicsAttribute"/> method as the time <c>t</c>.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class TimeAttribute : Attribute
{
}
