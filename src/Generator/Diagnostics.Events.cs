using Microsoft.CodeAnalysis;

namespace NeuralOdeGen.Generator;

/// <summary>The diagnostics of <c>[Event]</c> methods and their jump maps (ids NODE040–NODE049).</summary>
internal static partial class Diagnostics
{
    /// <summary>What an event method's signature must be, quoted by NODE041.</summary>
    internal const string SupportedEventSignature =
        "an [Event] method and its jump method take the [Dynamics] method's state and [Param] parameters with the same names, types and attributes, in the same order (without its Span<double> output); a [Time] parameter is optional in each";

    public static readonly DiagnosticDescriptor EventWithoutDynamics = Create(
        "NODE040",
        "[Event] method in a type without a [Dynamics] method",
        "[Event] method '{0}' is in type '{1}', which has no [Dynamics] method; an event belongs to the model whose [Dynamics] method is in the same type");

    public static readonly DiagnosticDescriptor EventParameterMismatch = Create(
        "NODE041",
        "Event or jump parameters differ from the [Dynamics] method's",
        "{0} method '{1}': {2}; " + SupportedEventSignature);

    public static readonly DiagnosticDescriptor EventReturnType = Create(
        "NODE042",
        "[Event] method must return double",
        "[Event] method '{0}' returns '{1}'; an event function returns the one double whose zero crossings are the event");

    public static readonly DiagnosticDescriptor EventMethodShape = Create(
        "NODE043",
        "[Event] method must be a static, non-generic method of the model type",
        "[Event] method '{0}' {1}; an event is a static, non-generic method beside the [Dynamics] method of a partial type");

    public static readonly DiagnosticDescriptor BadJumpMethod = Create(
        "NODE044",
        "Jump names no single static method of the model type",
        "Jump = \"{0}\" of event '{1}': {2}; the jump is one static, non-generic, non-overloaded method of the same type (write Jump = nameof(Method))");

    public static readonly DiagnosticDescriptor JumpReturnShape = Create(
        "NODE045",
        "Jump method does not return the new state",
        "Jump method '{0}' {1}; a jump returns the state after the event in the [Dynamics] method's form: a double for one state, a tuple of {2} doubles, or void with one Span<double> output of length {2}");

    public static readonly DiagnosticDescriptor UnsupportedEventBody = Create(
        "NODE046",
        "Event or jump body not supported",
        "{0} method '{1}' {2}; event and jump bodies are differentiated symbolically, in the grammar of an unrolled [Dynamics] body");
}
