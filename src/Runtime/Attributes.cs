using System;

namespace NeuralOdeGen;

/// <summary>
/// Marks a static method as the right-hand side <c>dx/dt = f(x; θ)</c> of an ODE. The NeuralOdeGen source
/// generator makes the containing partial type implement <see cref="IOdeModel{TSelf}"/>.
/// </summary>
/// <remarks>
/// State variables are the <see cref="double"/> parameters without <see cref="ParamAttribute"/> or
/// <see cref="TimeAttribute"/> and the elements of <see cref="StateAttribute"/> blocks, in declaration order. The method
/// returns a <see cref="double"/> for one state or a tuple of <see cref="double"/> with one element per state, in the
/// same order; or it returns <see langword="void"/> and assigns each element of one <see cref="Span{T}"/> parameter.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DynamicsAttribute : Attribute
{
    /// <summary>
    /// Gets or sets small values for <c>const int</c> members of the containing types, as <c>"H=3"</c> or
    /// <c>"H=3, N=2"</c>: the generator then also emits a nested type <c>SymbolicCheck</c>, the same method with those
    /// constants replaced, unrolled, with full symbolic forms in its <see cref="OdeModelInfo"/>. The verifier checks a
    /// model whose loops are kept at full size numerically and hands that type to SymPy. Null or empty (the default):
    /// no such type.
    /// </summary>
    public string? SymbolicCheckSizes { get; set; }
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

/// <summary>
/// Marks a <see cref="ReadOnlySpan{T}"/> of <see cref="double"/> parameter of a <see cref="DynamicsAttribute"/> method as
/// a block of <c>N</c> state variables (a vector state such as a latent vector). Blocks and scalar <see cref="double"/>
/// states are flattened into <c>x</c> in declaration order, block elements in index order. A method with state blocks
/// usually writes its result into one unattributed <see cref="Span{T}"/> of <see cref="double"/> parameter (of the total
/// state length) and returns <see langword="void"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class StateAttribute : Attribute
{
    /// <summary>Marks a <c>ReadOnlySpan&lt;double&gt;</c> parameter as a block of <paramref name="length"/> state variables.</summary>
    /// <param name="length">The number of states in the block; a compile-time constant greater than zero.</param>
    public StateAttribute(int length) => Length = length;

    /// <summary>Gets the number of states in the block.</summary>
    public int Length { get; }
}

/// <summary>Marks a <see cref="double"/> parameter of a <see cref="DynamicsAttribute"/> method as the time <c>t</c>.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class TimeAttribute : Attribute
{
}

/// <summary>
/// Marks a static method as a differentiable user function: a <see cref="DynamicsAttribute"/> method (or another
/// <c>[Differentiable]</c> method) may call it, and the NeuralOdeGen source generator differentiates through its body.
/// </summary>
/// <remarks>
/// The method is <see langword="static"/> and non-generic, takes plain <see cref="double"/> parameters (no
/// <see langword="ref"/>, <see langword="out"/>, <see langword="in"/>, <see langword="params"/> or default values),
/// returns <see cref="double"/>, and has a body in the grammar of a <see cref="DynamicsAttribute"/> body (an expression
/// body, or locals, assignments, counted loops and a final <see langword="return"/>; arithmetic, the supported
/// <see cref="Math"/> functions, the conditional operator, and calls to other <c>[Differentiable]</c> methods). It must
/// be declared in the same project as its callers, because the generator reads its source, and it cannot call itself,
/// directly or through other functions. The generator inlines the body at each call, so the derivatives, the
/// dual-number evaluation and the symbolic forms in <see cref="OdeModelInfo"/> all go through it. The method stays an
/// ordinary C# method that other code can call.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DifferentiableAttribute : Attribute
{
}

/// <summary>
/// Marks a static method as the hand-written derivative of another static method of the same type, named by
/// <see cref="Function"/>: a <see cref="DynamicsAttribute"/> method that calls that function calls it (for its value)
/// and this method (for its partial derivatives) instead of differentiating the function's body.
/// </summary>
/// <remarks>
/// The function is <see langword="static"/> and non-generic, takes one to three plain <see cref="double"/> parameters
/// and returns <see cref="double"/>; its body may be anything C# allows (the generator does not read it). The derivative
/// method takes the same parameters; for a function of one argument it returns <c>F'(x)</c> as a <see cref="double"/>,
/// for two or three arguments a tuple of <see cref="double"/> with the partial derivatives <c>∂F/∂a_i</c> in parameter
/// order. A function has at most one derivative method, which takes precedence over <see cref="DifferentiableAttribute"/>.
/// The verification path (<c>NeuralOdeGen.Verification</c>) checks the derivative against central differences of the
/// function at random points in [<see cref="Minimum"/>, <see cref="Maximum"/>] for every argument.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DerivativeOfAttribute : Attribute
{
    /// <summary>Initializes the attribute for the function named <paramref name="function"/>.</summary>
    /// <param name="function">The name of the function this method differentiates; write <c>nameof(F)</c>.</param>
    public DerivativeOfAttribute(string function) => Function = function;

    /// <summary>Gets the name of the function this method differentiates (a static method of the same type).</summary>
    public string Function { get; }

    /// <summary>Gets or sets the lower end of the interval the verification samples each argument from (default −2).</summary>
    public double Minimum { get; set; } = -2.0;

    /// <summary>Gets or sets the upper end of the interval the verification samples each argument from (default 2).</summary>
    public double Maximum { get; set; } = 2.0;
}
