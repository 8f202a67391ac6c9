namespace NeuralOdeGen.Generator.Model;

/// <summary>The outcome of emitting one model: the file, or the internal error that prevented it.</summary>
internal sealed record EmitResult(string HintName, string? Source, DiagnosticInfo? Error);
