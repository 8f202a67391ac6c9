namespace NeuralOdeGen.Generator.Model;

/// <summary>
/// Where a valid model sits in the source, kept beside its <see cref="ModelSpec"/> rather than in it: the analysis stage
/// sees no locations (so moving a method does not re-differentiate it), and the few diagnostics it finds are placed here.
/// </summary>
/// <param name="HintName">The model's <see cref="ModelSpec.HintName"/>: the key that pairs an analysis with its site.</param>
/// <param name="MethodName">The [Dynamics] method's name, as an internal error names it.</param>
/// <param name="Method">The method's identifier.</param>
/// <param name="ReturnValue">The returned expression (or the whole method), where a size diagnostic points.</param>
internal sealed record ModelSite(string HintName, string MethodName, LocationInfo? Method, LocationInfo? ReturnValue)
{
    /// <summary>Where the loop path would refuse the body (NODE038 when its symbolic forms turn out too large), or null.</summary>
    public LocatedLoopProblem? LoopProblem { get; init; }
}

/// <summary>A construct the kept loops do not support: where it is, its source text, and the reason (see <c>Analysis/LoopAnalyzer</c>).</summary>
internal sealed record LocatedLoopProblem(LocationInfo? Location, string Construct, string Reason);
