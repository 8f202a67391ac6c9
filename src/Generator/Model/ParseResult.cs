namespace NeuralOdeGen.Generator.Model;

/// <summary>The outcome of parsing one [Dynamics] method: a model when it is valid, and the diagnostics found.</summary>
internal sealed record ParseResult(ModelSpec? Model, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>The outcome of emitting one model: the file, or the internal error that prevented it.</summary>
internal sealed record EmitResult(string HintName, string? Source, DiagnosticInfo? Error);
