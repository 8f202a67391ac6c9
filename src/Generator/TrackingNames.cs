namespace NeuralOdeGen.Generator;

/// <summary>Names of the incremental pipeline stages, for caching tests.</summary>
public static class TrackingNames
{
    /// <summary>The equatable parse result of each <c>[Dynamics]</c> method.</summary>
    public const string Models = "Models";

    /// <summary>The analysis of each valid model: its derivative program (equatable), or why there is none.</summary>
    public const string Analyze = "Analyze";

    /// <summary>The diagnostics of each <c>[Differentiable]</c> method, checked on its own.</summary>
    public const string Functions = "Functions";

    /// <summary>The diagnostics of each <c>[DerivativeOf]</c> method, checked on its own.</summary>
    public const string Derivatives = "Derivatives";

    /// <summary>The diagnostics of each <c>[Event]</c> method no model reads, checked on its own.</summary>
    public const string Events = "Events";

    /// <summary>The emitted source text of each valid model.</summary>
    public const string Emit = "Emit";
}
