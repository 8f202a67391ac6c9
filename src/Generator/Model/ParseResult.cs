namespace NeuralOdeGen.Generator.Model;

/// <summary>
/// The outcome of parsing one [Dynamics] method: a model when it is valid (with its <see cref="ModelSite"/>), and the
/// diagnostics found.
/// </summary>
internal sealed record ParseResult(ModelSpec? Model, EquatableArray<DiagnosticInfo> Diagnostics, ModelSite? Site = null)
{
    /// <summary>
    /// The same method at the small sizes of <c>[Dynamics(SymbolicCheckSizes = "H=3")]</c>, as the nested type
    /// <c>SymbolicCheck</c> (unrolled, with full symbolic forms), or null.
    /// </summary>
    public ModelSpec? SymbolicCheck { get; init; }

    /// <summary>Where <see cref="SymbolicCheck"/> sits: the method's site under the nested type's hint name.</summary>
    public ModelSite? SymbolicCheckSite { get; init; }

    /// <summary>The models to analyse and emit: <see cref="Model"/>, then <see cref="SymbolicCheck"/>.</summary>
    public EquatableArray<ModelSpec> Models() =>
        Model is null ? EquatableArray<ModelSpec>.Empty
        : SymbolicCheck is null ? new EquatableArray<ModelSpec>([Model])
        : new EquatableArray<ModelSpec>([Model, SymbolicCheck]);

    /// <summary>The sites of <see cref="Models"/>.</summary>
    public EquatableArray<ModelSite> Sites() =>
        Site is null ? EquatableArray<ModelSite>.Empty
        : SymbolicCheckSite is null ? new EquatableArray<ModelSite>([Site])
        : new EquatableArray<ModelSite>([Site, SymbolicCheckSite]);
}
