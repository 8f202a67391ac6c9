namespace NeuralOdeGen.Examples.Paper;

/// <summary>One run of <see cref="PaperExperiment"/>: a method from an initial value.</summary>
/// <param name="Method">"Sgd", "Adam", "VarianceCorrected" or "GaussNewton".</param>
/// <param name="InitialValue">a₀.</param>
/// <param name="Result">The training result; <see cref="TrainingResult.History"/> holds a_k and Loss(a_k).</param>
internal sealed record PaperTrajectory(string Method, double InitialValue, TrainingResult Result);
