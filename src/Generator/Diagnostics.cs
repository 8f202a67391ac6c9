using Microsoft.CodeAnalysis;

namespace NeuralOdeGen.Generator;

/// <summary>Every diagnostic the generator reports. Ids are stable; each has a section in docs/diagnostics.md.</summary>
internal static partial class Diagnostics
{
    private const string Category = "NeuralOdeGen";

    /// <summary>
    /// The help link's stem: the reference page in this repository, relative to its root (the repository has no
    /// published address to link to). The compiler prints it after the message, e.g. <c>(docs/diagnostics.md#node014)</c>.
    /// </summary>
    public const string HelpLinkBase = "docs/diagnostics.md#";

    /// <summary>What a [Dynamics] body may contain, quoted by the "unsupported" messages.</summary>
    internal const string SupportedConstructs =
        "supported: double locals (double or var) with an initialiser, assignments to them (= += -= *= /= ++ --), " +
        "counted for loops with constant bounds, elements of [Param(N)] and [State(N)] spans, scratch spans (stackalloc double[N]) and " +
        "their elements, a single final return (or element assignments to a Span<double> output), + - * / and unary -/+, " +
        "parentheses, numeric literals, const fields, the listed Math functions, and the conditional operator " +
        "c ? a : b with conditions built from < <= > >= == != && || !";

    /// <summary>What a span index may be built from, quoted by NODE020.</summary>
    internal const string SupportedIndex =
        "an index into a span (a [Param(N)] or [State(N)] block, a scratch span, the output span) is built from int literals, const fields and loop variables with + - * and must lie in [0, N) in every iteration";

    public static readonly DiagnosticDescriptor TypeNotPartial = Create(
        "NODE001",
        "Containing type must be partial",
        "Type '{0}' must be declared partial so that the generator can make it implement IOdeModel<{1}>");

    public static readonly DiagnosticDescriptor TypeIsStatic = Create(
        "NODE002",
        "Containing type cannot be static",
        "Type '{0}' is {1} and cannot implement IOdeModel<{0}>; declare it as a non-static partial struct or class");

    public static readonly DiagnosticDescriptor MultipleDynamicsMethods = Create(
        "NODE003",
        "Only one [Dynamics] method per type",
        "Type '{0}' already has the [Dynamics] method '{1}'; only one [Dynamics] method per type is supported");

    public static readonly DiagnosticDescriptor MethodNotStaticOrGeneric = Create(
        "NODE004",
        "[Dynamics] method must be static and non-generic",
        "[Dynamics] method '{0}' must be {1}");

    public static readonly DiagnosticDescriptor BadParameter = Create(
        "NODE005",
        "[Dynamics] parameters must be plain double values",
        "Parameter '{0}' {1}; every parameter of a [Dynamics] method must be a plain 'double' (no ref/out/in/params, no default value)");

    public static readonly DiagnosticDescriptor NoState = Create(
        "NODE006",
        "[Dynamics] method has no state variable",
        "[Dynamics] method '{0}' has no state variable: the state is the double parameters without [Param] or [Time]");

    public static readonly DiagnosticDescriptor BadReturnType = Create(
        "NODE007",
        "[Dynamics] method must return double or a tuple of double",
        "[Dynamics] method '{0}' returns '{1}'; it must return 'double' (one state) or a tuple of 'double' (one element per state), or return 'void' and assign a Span<double> output parameter");

    public static readonly DiagnosticDescriptor ReturnArityMismatch = Create(
        "NODE008",
        "Return arity differs from the number of states",
        "[Dynamics] method '{0}' returns {1} value(s) but has {2} state variable(s); return one value per state, in order");

    public static readonly DiagnosticDescriptor BadTimeParameter = Create(
        "NODE009",
        "Invalid [Time] parameter",
        "Parameter '{0}' {1}; a [Dynamics] method has at most one [Time] parameter, and it cannot also be [Param]");

    public static readonly DiagnosticDescriptor UnsupportedConstruct = Create(
        "NODE010",
        "Unsupported statement or expression in a [Dynamics] body",
        "{0} is not supported in a [Dynamics] body; " + SupportedConstructs);

    public static readonly DiagnosticDescriptor UnsupportedMethod = Create(
        "NODE011",
        "Call to an unsupported method",
        "Call to '{0}' is not supported in a [Dynamics] body; the supported methods are {1}");

    public static readonly DiagnosticDescriptor Reassignment = Create(
        "NODE012",
        "Assignment to a parameter or an existing local",
        "'{0}' cannot be assigned here: the method's parameters are read-only, and a local is assigned only by a statement of its own (x = e; x += e; ...), not inside an expression");

    public static readonly DiagnosticDescriptor UnsupportedSymbol = Create(
        "NODE013",
        "Reference to an unsupported symbol",
        "'{0}' is a {1} and cannot be used in a [Dynamics] body; only the method's parameters, its own locals and const double fields are supported");

    public static readonly DiagnosticDescriptor NonDoubleExpression = Create(
        "NODE014",
        "Expression is not of type double",
        "Expression '{0}' has type '{1}'; a [Dynamics] body computes with 'double' only (other numeric types are allowed as compile-time constants)");

    public static readonly DiagnosticDescriptor GenericType = Create(
        "NODE015",
        "Containing type cannot be generic",
        "Type '{0}' is generic; a [Dynamics] method must be declared in a non-generic type that is not nested in a generic type");

    public static readonly DiagnosticDescriptor MemberConflict = Create(
        "NODE016",
        "Type already declares a member the generator emits",
        "Type '{0}' already declares '{1}', which the generator emits to implement IOdeModel<{0}>; rename or remove it");

    public static readonly DiagnosticDescriptor UnsupportedLoop = Create(
        "NODE017",
        "Loop is not a counted loop with constant bounds",
        "{0}; a [Dynamics] body supports counted loops for (int j = A; j < B; j++) (or j <= B, ++j, j += c) where A, B and c > 0 are compile-time constants, unrolled by the generator");

    public static readonly DiagnosticDescriptor LoopVariableAssigned = Create(
        "NODE018",
        "Loop variable assigned in the loop body",
        "'{0}' is the variable of a counted for loop and is read-only in its body; only the loop's own increment changes it");

    public static readonly DiagnosticDescriptor BadBlockLength = Create(
        "NODE019",
        "Parameter block needs a positive constant length",
        "Parameter '{0}' {1}; a block of trainable parameters is written [Param(N)] ReadOnlySpan<double> name with a constant N > 0, and a single parameter [Param] double name");

    public static readonly DiagnosticDescriptor BadIndex = Create(
        "NODE020",
        "Span index is not constant or out of range",
        "{0}; " + SupportedIndex);

    public static readonly DiagnosticDescriptor SpanNotParameter = Create(
        "NODE021",
        "Span parameter that is not a [Param(N)] or [State(N)] block",
        "Parameter '{0}' is a read-only span without [Param(N)] or [State(N)]; a ReadOnlySpan<double> parameter is a block of trainable parameters ([Param(N)]) or of states ([State(N)])");

    public static readonly DiagnosticDescriptor BadStateBlock = Create(
        "NODE028",
        "State block needs a read-only span and a positive constant length",
        "Parameter '{0}' {1}; a block of states is written [State(N)] ReadOnlySpan<double> name with a constant N > 0, and a single state is a plain double");

    public static readonly DiagnosticDescriptor BadOutputSpan = Create(
        "NODE029",
        "Span<double> output needs a void method, and only one",
        "{0}; a [Dynamics] method either returns double or a tuple of double, or returns void and assigns one unattributed Span<double> parameter whose length is the total number of states");

    public static readonly DiagnosticDescriptor OutputNotAssigned = Create(
        "NODE030",
        "Output element never assigned",
        "Element(s) {1} of the output '{0}' are never assigned; assign every element of the Span<double> output exactly once");

    public static readonly DiagnosticDescriptor OutputRead = Create(
        "NODE031",
        "Output span is read",
        "'{0}' reads the output '{1}', which is write-only (its contents on entry are the caller's); assign each element once with '=' and accumulate in a local or a scratch span");

    public static readonly DiagnosticDescriptor OutputAssignedTwice = Create(
        "NODE032",
        "Output element assigned twice",
        "Element {0}[{1}] of the output is assigned a second time{2}; assign every element of the Span<double> output exactly once");

    public static readonly DiagnosticDescriptor ScratchReadBeforeAssigned = Create(
        "NODE033",
        "Scratch element read before it is assigned",
        "Element {0}[{1}] is read before it is assigned{2}; assign each element of a scratch span before reading it (a compound assignment h[i] += e reads it too)");

    public static readonly DiagnosticDescriptor BadScratchSpan = Create(
        "NODE034",
        "Unsupported scratch span",
        "{0}; a scratch span is declared at the top level of a [Dynamics] body as Span<double> name = stackalloc double[N]; with a constant N > 0, and used only through its elements name[i]");

    public static readonly DiagnosticDescriptor UncountedLoop = Create(
        "NODE035",
        "Loop that is not a counted for loop",
        "{0} is not supported in a [Dynamics] body; write a counted loop for (int j = A; j < B; j++) with constant A and B (const fields and literals), whose number of iterations does not depend on the data");

    public static readonly DiagnosticDescriptor InputWritten = Create(
        "NODE036",
        "Input span written",
        "'{0}' writes into the input '{1}'; state and parameter spans are read-only inputs of the model: copy what you need into a local or a scratch span (Span<double> h = stackalloc double[N];) and change that");

    public static readonly DiagnosticDescriptor ScratchSpanEscapes = Create(
        "NODE037",
        "Scratch span escapes or is aliased",
        "'{0}' {1}; a scratch span is used only through its elements {2}[i] (read, =, +=, -=): it cannot be copied to another span variable, sliced, passed to a method, returned or stored, so the generator can follow every element it differentiates");

    public static readonly DiagnosticDescriptor LoopPathUnsupported = Create(
        "NODE038",
        "Construct the kept loops do not support",
        "{0}: this body is too large to unroll ({1}), so its loops must be kept, and kept loops do not support {2}; they support nested counted loops, double locals (=, +=, -=), scratch spans written before they are read, + - * /, Math.Tanh, Exp, Log, Sqrt, Sin, Cos, Tan, Sinh, Cosh and Atan");

    public static readonly DiagnosticDescriptor BadSymbolicCheckSizes = Create(
        "NODE039",
        "SymbolicCheckSizes cannot make a small program",
        "SymbolicCheckSizes = \"{0}\": {1}; give small values for const int fields of the model's type, as \"H=3\" or \"H=3, N=2\", so that the same method unrolls at those sizes (the generated type SymbolicCheck is what SymPy checks)");

    public static readonly DiagnosticDescriptor InternalError = Create(
        "NODE999",
        "Internal generator error",
        "The NeuralOdeGen generator failed on '{0}' ({1}: {2}); no code was generated for this model. Please report this as a bug.");

    /// <summary>What a [Differentiable] function's signature must be, quoted by NODE022.</summary>
    internal const string SupportedFunction =
        "a [Differentiable] function is a static, non-generic method of a type, with a body in this project, plain 'double' parameters (no ref/out/in/params, no default value) and a 'double' return";

    public static readonly DiagnosticDescriptor BadFunctionSignature = Create(
        "NODE022",
        "[Differentiable] method has an unsupported signature",
        "[Differentiable] method '{0}' {1}; " + SupportedFunction);

    public static readonly DiagnosticDescriptor FunctionWithoutSource = Create(
        "NODE023",
        "[Differentiable] method without source in this compilation",
        "Call to '{0}', a [Differentiable] method {1}; the generator differentiates the source of a [Differentiable] method, so it must be declared in the same project as the model that calls it");

    public static readonly DiagnosticDescriptor RecursiveFunction = Create(
        "NODE024",
        "Recursive call to a [Differentiable] function",
        "Call to '{0}' is recursive ({1}); [Differentiable] functions are inlined into the model, so a function cannot call itself, directly or through other functions");

    public static readonly DiagnosticDescriptor BadDerivativeTarget = Create(
        "NODE025",
        "[DerivativeOf] names no supported function",
        "[DerivativeOf(\"{0}\")]: '{0}' {1}; a function with a hand-written derivative is a static, non-generic method of the same type as its derivative, with 1 to 3 plain 'double' parameters and a 'double' return");

    public static readonly DiagnosticDescriptor BadDerivativeSignature = Create(
        "NODE026",
        "[DerivativeOf] method has the wrong signature",
        "[DerivativeOf] method '{0}' {1}; a derivative method is static and takes the function's 'double' parameters; it returns F'(x) as a 'double' for a function of one argument, and a tuple of the partial derivatives in parameter order for two or three");

    public static readonly DiagnosticDescriptor DuplicateDerivative = Create(
        "NODE027",
        "Second [DerivativeOf] method for one function",
        "[DerivativeOf] method '{0}' differentiates '{1}', which already has the derivative method '{2}'; a function has one derivative method");

    private static DiagnosticDescriptor Create(string id, string title, string message) =>
        new(
            id,
            title,
            message,
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinkBase + id.ToLowerInvariant());
}
