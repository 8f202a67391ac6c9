using System.Globalization;

namespace NeuralOdeGen.Generator.Model;

/// <summary>Why the analysis of a model produced no derivative program.</summary>
internal enum AnalysisFailureKind
{
    /// <summary>A symbolic form would expand past <see cref="Ir.ExpansionSize.Limit"/> operations (NODE010 at the returned value).</summary>
    TooLarge,

    /// <summary>An expression too deep to differentiate on this thread's stack (NODE010 at the method).</summary>
    TooDeep,

    /// <summary>A bug: the analysis threw (NODE999 at the method).</summary>
    InternalError,
}

/// <summary>
/// A failed analysis, without a location (the analysis sees none): <see cref="ToDiagnostic"/> places it at the model's
/// <see cref="ModelSite"/>, with the id and location the parser used to report it at.
/// </summary>
internal sealed record AnalysisFailure(AnalysisFailureKind Kind, string ExceptionType = "", string Message = "")
{
    public DiagnosticInfo ToDiagnostic(ModelSite? site) => Kind switch
    {
        AnalysisFailureKind.TooLarge when site?.LoopProblem is { } problem => DiagnosticInfo.Create(
            Diagnostics.LoopPathUnsupported,
            problem.Location,
            problem.Construct,
            $"its symbolic forms exceed {Ir.ExpansionSize.Limit.ToString(CultureInfo.InvariantCulture)} operations",
            problem.Reason),
        AnalysisFailureKind.TooLarge => DiagnosticInfo.Create(
            Diagnostics.UnsupportedConstruct,
            site?.ReturnValue,
            $"A body whose symbolic forms (the right-hand side and Jacobian entries written out as trees for OdeModelInfo) exceed {Ir.ExpansionSize.Limit.ToString(CultureInfo.InvariantCulture)} operations"),
        AnalysisFailureKind.TooDeep => DiagnosticInfo.Create(
            Diagnostics.UnsupportedConstruct,
            site?.Method,
            "An expression nested this deeply (thousands of levels)"),
        _ => DiagnosticInfo.Create(Diagnostics.InternalError, site?.Method, site?.MethodName ?? "", ExceptionType, Message),
    };
}
