namespace NeuralOdeGen;

/// <summary>What a <see cref="IStepSizeController"/> carries from one accepted step to the next within a solve.</summary>
/// <param name="Previous">The error (or the controller's transform of it) of the last accepted step.</param>
/// <param name="BeforePrevious">The same for the accepted step before that.</param>
public record struct StepSizeMemory(double Previous, double BeforePrevious);
