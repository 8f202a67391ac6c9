namespace NeuralOdeGen.Generator.Model;

/// <summary>The outcome of analysing one model: its derivative program, or why there is none.</summary>
/// <param name="HintName">The model's hint name, which pairs a failure with the model's <see cref="ModelSite"/>.</param>
/// <param name="Model">The analysed model, when the analysis succeeded.</param>
/// <param name="Failure">Why it did not, otherwise.</param>
internal sealed record AnalysisResult(string HintName, AnalyzedModel? Model, AnalysisFailure? Failure);
