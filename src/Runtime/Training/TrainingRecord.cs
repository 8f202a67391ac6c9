namespace NeuralOdeGen;

/// <summary>One iteration of a training run, taken at the parameters <c>θ_k</c> before the step.</summary>
/// <param name="Iteration">k (0 for the initial parameters).</param>
/// <param name="Loss">Loss(θ_k).</param>
/// <param name="Parameters">θ_k (a copy).</param>
/// <param name="GradientNorm">‖∇Loss(θ_k)‖₂.</param>
/// <param name="TerminalVariance">σ_t² = (1/N) Σᵢ ‖x_t⁽ⁱ⁾‖² at θ_k.</param>
/// <param name="StepNorm">‖θ_{k+1} − θ_k‖₂, or NaN when no step followed (the run stopped at k).</param>
/// <param name="EffectiveStepSize">
/// ‖θ_{k+1} − θ_k‖ / ‖∇Loss(θ_k)‖: the learning rate plain gradient descent would need for the same step length
/// (η/(t²σ_t²) for <see cref="VarianceCorrected"/>); NaN when no step followed, 0 for a zero gradient.
/// </param>
public sealed record TrainingRecord(
    int Iteration,
    double Loss,
    double[] Parameters,
    double GradientNorm,
    double TerminalVariance,
    double StepNorm,
    double EffectiveStepSize);
