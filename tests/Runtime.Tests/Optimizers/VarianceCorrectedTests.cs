using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Runtime.Tests.Optimizers;

public sealed class VarianceCorrectedTests
{
    private const double TargetRate = -1.0;

    [Theory]
    [InlineData(0.1, -2.5)]
    [InlineData(0.1, -0.5)]
    [InlineData(0.1, 1.5)]
    [InlineData(0.5, -2.5)]
    [InlineData(0.5, -1.5)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.5, 2.0)]
    public void Step_ExactDecay_FollowsClosedFormRecursion(double eta, double a0)
    {
        const double t = 1.0;
        LinearDecayObjective objective = LinearDecayObjective.Sample(TargetRate, t, sampleCount: 500, seed: 7);
        var optimizer = new VarianceCorrected(eta);
        var evaluation = new ObjectiveEvaluation(1, 1, 500, includeSensitivities: false);
        double[] theta = [a0];
        double expected = a0;
        for (int k = 0; k < 25; k++)
        {
            objective.Evaluate(theta, evaluation);
            optimizer.Step(theta, evaluation.Gradient, new OptimizerContext(evaluation.Loss, t, 1, evaluation.TerminalStates, [], objective));

            // a_{k+1} = a_k − (η/t)(1 − e^{(a*−a_k)t}): ∇Loss/(t²σ_t²) with both sample sums cancelling mean(x0²).
            expected -= eta / t * (1.0 - Math.Exp((TargetRate - expected) * t));

            // Sample sums carry ~N·ε relative error per step, amplified at most |1 − η e^{(a*−a)t}| ≤ 3.7 per step here.
            Assert.Equal(expected, theta[0], 1e-10);
        }
    }

    [Fact]
    public void Step_NonFiniteGradient_ThrowsWithoutTouchingParameters()
    {
        var optimizer = new VarianceCorrected(0.5);
        double[] theta = [3.0];

        OptimizerException exception = Assert.Throws<OptimizerException>(
            () => optimizer.Step(theta, [double.PositiveInfinity], new OptimizerContext(1.0, 1.0, 1, [1.0], [], null)));

        Assert.Equal(3.0, theta[0]);
        Assert.Contains("Infinity", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_OverflowingTerminalStates_ThrowsInsteadOfNaN()
    {
        // Naively g/(t²σ²) = ∞/∞ = NaN; the optimizer must say the variance overflowed instead.
        var optimizer = new VarianceCorrected(0.5);
        double[] theta = [3.0];

        OptimizerException exception = Assert.Throws<OptimizerException>(
            () => optimizer.Step(theta, [1.0], new OptimizerContext(1.0, 1.0, 1, [double.PositiveInfinity, 1.0], [], null)));

        Assert.Equal(3.0, theta[0]);
        Assert.Contains("overflow", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_LargeButFiniteStates_ComputesStepWithoutIntermediateOverflow()
    {
        // x_t = 1e200: σ² = 1e400 overflows as a double, but g/σ² with g = 1e400·c cannot be stored either;
        // with g = 1e300 the true step is η·1e300/1e400 = 0.5e-100, which the scaled computation recovers.
        var optimizer = new VarianceCorrected(0.5);
        double[] theta = [0.0];
        optimizer.Step(theta, [1e300], new OptimizerContext(1.0, 1.0, 1, [1e200], [], null));

        // Three roundings in g/M/M·η/(t²s).
        Assert.Equal(-0.5e-100, theta[0], 1e-115);
    }

    [Fact]
    public void Step_ZeroTerminalStates_Throws()
    {
        var optimizer = new VarianceCorrected(0.5);
        double[] theta = [3.0];

        Assert.Throws<OptimizerException>(() => optimizer.Step(theta, [0.0], new OptimizerContext(0.0, 1.0, 1, [0.0, 0.0], [], null)));
    }

    [Fact]
    public void Step_TwoStates_UsesSquaredNormSummedOverStates()
    {
        // σ_t² = (1/N) Σ ‖x‖² = ((3² + 4²) + (0² + 0²))/2 = 12.5; step = η g/(t²σ²) = 0.5·5/(4·12.5) = 0.05.
        var optimizer = new VarianceCorrected(0.5);
        double[] theta = [1.0];
        optimizer.Step(theta, [5.0], new OptimizerContext(1.0, 2.0, 2, [3.0, 4.0, 0.0, 0.0], [], null));

        Assert.Equal(0.95, theta[0], 1e-15);
    }
}
