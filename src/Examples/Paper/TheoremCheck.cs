namespace NeuralOdeGen.Examples.Paper;

/// <summary>
/// One row of the Theorem 5.1 check: the variance-corrected rule with learning rate η from a₀, its measured
/// per-iteration loss ratios, the paper's claim (1 − 2η) and the first-order-correct rate (1 − η)².
/// </summary>
/// <remarks>
/// Near a*, with δ = a − a*, the rule moves a by (η/t)(1 − e^{−δt}) ≈ η δ, so δ shrinks by (1 − η) and the
/// loss, which is quadratic in δ, by (1 − η)². The paper's (1 − 2η) keeps only the first-order term of that square.
/// </remarks>
internal sealed record TheoremCheck(
    double LearningRate,
    double InitialValue,
    double FirstStepContraction,
    double AsymptoticContraction,
    int? IterationsToTolerance)
{
    public double PaperContraction => 1.0 - (2.0 * LearningRate);

    public double FirstOrderContraction => (1.0 - LearningRate) * (1.0 - LearningRate);
}
