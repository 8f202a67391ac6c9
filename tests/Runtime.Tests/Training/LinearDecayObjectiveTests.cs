using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Runtime.Tests.Training;

public sealed class LinearDecayObjectiveTests
{
    [Theory]
    [InlineData(-2.0)]
    [InlineData(-0.3)]
    [InlineData(0.7)]
    public void Evaluate_PaperModel_MatchesClosedFormsOfDesignSection1(double a)
    {
        LinearDecayObjective objective = LinearDecayObjective.Sample(targetRate: -1.0, horizon: 1.5, sampleCount: 200, seed: 3);
        var evaluation = new ObjectiveEvaluation(1, 1, 200, includeSensitivities: true);
        objective.Evaluate([a], evaluation);

        double s2 = objective.MeanSquaredInitialState;
        double t = 1.5;
        double difference = Math.Exp(a * t) - Math.Exp(-t);
        double expectedLoss = 0.5 * s2 * difference * difference;
        double expectedGradient = s2 * t * Math.Exp(a * t) * difference;
        double expectedVariance = s2 * Math.Exp(2.0 * a * t);

        // Per-sample sums of 200 terms versus the factored closed form: agreement to ~N·ε relative.
        Assert.Equal(expectedLoss, evaluation.Loss, expectedLoss * 1e-12);
        Assert.Equal(expectedGradient, evaluation.Gradient[0], Math.Abs(expectedGradient) * 1e-12);
        Assert.Equal(expectedVariance, TerminalVariance.Compute(evaluation.TerminalStates, 200).Value, expectedVariance * 1e-12);
        Assert.Equal(expectedLoss, objective.EvaluateLoss([a]), expectedLoss * 1e-12);
        for (int i = 0; i < 200; i++)
        {
            // S = ∂x_t/∂a = t·x_t exactly, the identity that makes G = t²σ_t².
            Assert.Equal(t * evaluation.TerminalStates[i], evaluation.Sensitivities[i]);
        }
    }

    [Fact]
    public void Evaluate_Gradient_MatchesCentralFiniteDifference()
    {
        LinearDecayObjective objective = LinearDecayObjective.Sample(-1.0, 1.0, 50, seed: 11);
        var evaluation = new ObjectiveEvaluation(1, 1, 50, includeSensitivities: false);
        const double a = 0.2;
        const double h = 1e-5;
        objective.Evaluate([a], evaluation);
        double finiteDifference = (objective.EvaluateLoss([a + h]) - objective.EvaluateLoss([a - h])) / (2.0 * h);

        // Central difference: truncation O(h²·L''') ≈ 1e-10, rounding ε·L/h ≈ 1e-11.
        Assert.Equal(finiteDifference, evaluation.Gradient[0], 1e-8);
    }

    [Fact]
    public void Evaluate_OverflowingRate_GivesInfiniteLoss()
    {
        LinearDecayObjective objective = LinearDecayObjective.Sample(-1.0, 1.0, 10, seed: 1);
        var evaluation = new ObjectiveEvaluation(1, 1, 10, includeSensitivities: false);
        objective.Evaluate([800.0], evaluation);

        // e^800 exceeds double.MaxValue ≈ e^709.8.
        Assert.True(double.IsPositiveInfinity(evaluation.Loss));
    }

    [Fact]
    public void Sample_SameSeed_GivesSameStates()
    {
        LinearDecayObjective first = LinearDecayObjective.Sample(-1.0, 1.0, 5, seed: 42);
        LinearDecayObjective second = LinearDecayObjective.Sample(-1.0, 1.0, 5, seed: 42);

        Assert.Equal(first.InitialStates.ToArray(), second.InitialStates.ToArray());
    }

    [Fact]
    public void Constructor_NonPositiveHorizon_ThrowsNamingIt()
    {
        ArgumentOutOfRangeException exception =
            Assert.Throws<ArgumentOutOfRangeException>(() => new LinearDecayObjective(-1.0, 0.0, [1.0]));

        Assert.Equal("horizon", exception.ParamName);
    }
}
