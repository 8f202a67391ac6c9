namespace NeuralOdeGen.Generator.Model;

/// <summary>The outcome of parsing one [Dynamics] method: a model when it is valid, and the diagnostics found.</summary>
internal sealed record ParseResult(ModelSpec? Model, EquatableArray<DiagnosticInfo> Diagnostics);
