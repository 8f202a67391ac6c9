namespace NeuralOdeGen.Generator.Model;

/// <summary>
/// The outcome of parsing one [Dynamics] method: a model when it is valid (with its <see cref="ModelSite"/>), and the
/// diagnostics found.
/// </summary>
internal sealed record ParseResult(ModelSpec? Model, EquatableArray<DiagnosticInfo> Diagnostics, ModelSite? Site = null);
