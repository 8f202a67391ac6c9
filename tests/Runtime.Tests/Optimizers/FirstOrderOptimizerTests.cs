using System;
using System.Text.Json;
using NeuralOdeGen;

namespace NeuralOdeGen.Runtime.Tests.Optimizers;

public sealed class FirstOrderOptimizerTests
{
    private static OptimizerContext EmptyContext => new(0.0, 1.0, 1, [1.0], [], null);

    [Fact]
    public void Sgd_FirstStep_IsLearningRateTimesGradient()
    {
        var sgd = new Sgd(0.1);
        double[] theta = [1.0, -2.0];
        sgd.Step(theta, [3.0, -0.5], EmptyContext);

        // Hand-computed: 1 − 0.1·3 = 0.7, −2 − 0.1·(−0.5) = −1.95 (exactly representable up to one rounding).
        Assert.Equal(0.7, theta[0], 1e-15);
        Assert.Equal(-1.95, theta[1], 1e-15);
    }

    [Fact]
    public void Adam_FirstStep_HasMagnitudeLearningRateByBiasCorrection()
    {
        var adam = new Adam(0.5);
        double[] theta = [0.0, 0.0, 0.0];
        adam.Step(theta, [1e-6, -3.0, 250.0], EmptyContext);

        // m̂ = g and v̂ = g² after bias correction, so the step is η·g/(|g| + ε): η up to the relative ε/|g| ≤ 1e-2 for g = 1e-6.
        Assert.Equal(-0.5 * 1e-6 / (1e-6 + 1e-8), theta[0], 1e-15);
        Assert.Equal(0.5, theta[1], 1e-8);
        Assert.Equal(-0.5, theta[2], 1e-10);
    }

    [Fact]
    public void Adam_SecondStep_MatchesHandComputedBiasCorrectedMoments()
    {
        var adam = new Adam(0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8);
        double[] theta = [1.0];
        adam.Step(theta, [2.0], EmptyContext);
        adam.Step(theta, [-1.0], EmptyContext);

        // Hand: m₂ = 0.9·0.2 − 0.1 = 0.08, v₂ = 0.999·0.004 + 0.001 = 0.004996; m̂ = 0.08/0.19, v̂ = 0.004996/0.001999;
        // θ₁ = 1 − 0.1·2/(2 + ε).
        double mHat = 0.08 / 0.19;
        double vHat = 0.004996 / (1.0 - (0.999 * 0.999));
        double expected = 1.0 - (0.1 * 2.0 / (2.0 + 1e-8)) - (0.1 * mHat / (Math.Sqrt(vHat) + 1e-8));
        Assert.Equal(expected, theta[0], 1e-14);
    }

    [Fact]
    public void Momentum_TwoSteps_MatchHandComputedVelocity()
    {
        var momentum = new Momentum(0.1, momentum: 0.5);
        double[] theta = [0.0];
        momentum.Step(theta, [1.0], EmptyContext);
        momentum.Step(theta, [1.0], EmptyContext);

        // v₁ = 1, θ₁ = −0.1; v₂ = 0.5 + 1 = 1.5, θ₂ = −0.25.
        Assert.Equal(-0.25, theta[0], 1e-15);
    }

    [Fact]
    public void Nesterov_TwoSteps_MatchHandComputedLookAhead()
    {
        var nesterov = new Momentum(0.1, momentum: 0.5, nesterov: true);
        double[] theta = [0.0];
        nesterov.Step(theta, [1.0], EmptyContext);
        nesterov.Step(theta, [1.0], EmptyContext);

        // v₁ = 1, θ₁ = −0.1·(1 + 0.5) = −0.15; v₂ = 1.5, θ₂ = −0.15 − 0.1·(1 + 0.75) = −0.325.
        Assert.Equal(-0.325, theta[0], 1e-15);
        Assert.Equal("Nesterov", nesterov.Name);
    }

    [Fact]
    public void RmsProp_FirstStep_MatchesHandComputed()
    {
        var rmsProp = new RmsProp(0.01, decay: 0.9, epsilon: 1e-8);
        double[] theta = [1.0];
        rmsProp.Step(theta, [2.0], EmptyContext);

        // v = 0.1·4 = 0.4, step = 0.01·2/(√0.4 + 1e-8).
        Assert.Equal(1.0 - (0.02 / (Math.Sqrt(0.4) + 1e-8)), theta[0], 1e-15);
    }

    [Fact]
    public void Adam_StateRoundTripThroughJson_ContinuesIdentically()
    {
        var original = new Adam(0.05);
        double[] theta = [1.0, 2.0];
        original.Step(theta, [0.3, -0.7], EmptyContext);
        original.Step(theta, [0.1, 0.2], EmptyContext);

        string json = JsonSerializer.Serialize(original.GetState());
        var restored = new Adam(0.05);
        restored.SetState(JsonSerializer.Deserialize<OptimizerState>(json)!);
        double[] a = (double[])theta.Clone();
        double[] b = (double[])theta.Clone();
        original.Step(a, [-0.4, 0.9], EmptyContext);
        restored.Step(b, [-0.4, 0.9], EmptyContext);

        // Bit-identical: JSON doubles round-trip exactly and the step count is restored.
        Assert.Equal(a, b);
        Assert.Equal(3, restored.GetState().StepCount);
    }

    [Fact]
    public void SetState_OtherOptimizersState_ThrowsNamingBoth()
    {
        var adam = new Adam(0.1);
        ArgumentException exception = Assert.Throws<ArgumentException>(() => adam.SetState(new Sgd(0.1).GetState()));

        Assert.Contains("'Sgd'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'Adam'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NegativeLearningRate_ThrowsNamingIt()
    {
        ArgumentOutOfRangeException exception = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(-1.0));

        Assert.Equal("learningRate", exception.ParamName);
    }

    [Fact]
    public void Step_GradientLengthMismatch_Throws()
    {
        var sgd = new Sgd(0.1);
        double[] theta = [1.0, 2.0];

        Assert.Throws<ArgumentException>(() => sgd.Step(theta, [1.0], EmptyContext));
    }
}
