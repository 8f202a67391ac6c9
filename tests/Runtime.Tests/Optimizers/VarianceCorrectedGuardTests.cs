using System;

namespace NeuralOdeGen.Runtime.Tests.Optimizers;

/// <summary>
/// <see cref="VarianceCorrected"/>'s checks before it writes a step: the horizon, the terminal states, each gradient
/// component, and the step itself (its own overflow, and the overflow of θ − step), each one just past its edge, with
/// the parameters left as they were.
/// </summary>
public sealed class VarianceCorrectedGuardTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Step_HorizonNotPositiveFinite_ThrowsNamingContext(double horizon)
    {
        var rule = new VarianceCorrected(0.5);

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(
            () => rule.Step(new double[1], [1.0], new OptimizerContext(0.0, horizon, 1, [1.0], [], null)));
        Assert.Equal("context", error.ParamName);
        Assert.Contains("horizon", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_NoTerminalStates_ThrowsNamingContext()
    {
        var rule = new VarianceCorrected(0.5);

        ArgumentException error = Assert.Throws<ArgumentException>(
            () => rule.Step(new double[1], [1.0], new OptimizerContext(0.0, 1.0, 0, [], [], null)));
        Assert.Equal("context", error.ParamName);
        Assert.Contains("terminal states", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_NaNInTheSecondGradientComponent_ThrowsNamingThatComponent()
    {
        var rule = new VarianceCorrected(0.5);
        double[] theta = [1.0, 2.0];

        OptimizerException error = Assert.Throws<OptimizerException>(
            () => rule.Step(theta, [1.0, double.NaN], new OptimizerContext(0.0, 1.0, 1, [1.0], [], null)));
        Assert.Contains("Gradient component 1 is NaN", error.Message, StringComparison.Ordinal);
        Assert.Equal([1.0, 2.0], theta);
    }

    [Fact]
    public void Step_AllTerminalStatesZero_SaysTheVarianceIsZero()
    {
        var rule = new VarianceCorrected(0.5);

        OptimizerException error = Assert.Throws<OptimizerException>(
            () => rule.Step(new double[1], [1.0], new OptimizerContext(0.0, 1.0, 1, [0.0], [], null)));
        Assert.Contains("σ_t² is zero", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_StepOverflows_ThrowsNamingTheParameterAndLeavesIt()
    {
        // σ_t² = (1e-200)² underflows, and g/σ_t² = 1e300/1e-400 overflows: step = ∞ for parameter 0.
        var rule = new VarianceCorrected(0.5);
        double[] theta = [3.0];

        OptimizerException error = Assert.Throws<OptimizerException>(
            () => rule.Step(theta, [1e300], new OptimizerContext(0.0, 1.0, 1, [1e-200], [], null)));
        Assert.Contains("parameter 0 is not finite", error.Message, StringComparison.Ordinal);
        Assert.Equal(3.0, theta[0]);
    }

    [Fact]
    public void Step_ParameterMinusStepOverflows_ThrowsAndLeavesIt()
    {
        // σ_t² = 1, t = 1, η = 1: the step is g = 1e308 itself (finite), but θ − step = −1.5e308 − 1e308 = −∞.
        var rule = new VarianceCorrected(1.0);
        double[] theta = [-1.5e308];

        Assert.Throws<OptimizerException>(() => rule.Step(theta, [1e308], new OptimizerContext(0.0, 1.0, 1, [1.0], [], null)));
        Assert.Equal(-1.5e308, theta[0]);
    }

    [Fact]
    public void Step_HugeStatesAndShortHorizon_ChecksTheScaledStepNotTheRawGradient()
    {
        // x_t = 1e200 (σ_t² = 1e400, beyond double), t = 1e-100, g = 1e300, η = 1: the step g/(t² σ_t²) = 1e300/(1e-200·1e400)
        // = 1e100 is finite, although g·η/t² = 1e500 alone is not; the check must look at the scaled step.
        var rule = new VarianceCorrected(1.0);
        double[] theta = [0.0];
        rule.Step(theta, [1e300], new OptimizerContext(0.0, 1e-100, 1, [1e200], [], null));

        // A handful of roundings on the way: relative 1e-14.
        Assert.Equal(-1e100, theta[0], 1e86);
    }

    [Fact]
    public void Step_LongHorizonAndHugeGradient_StepsByTheirFiniteRatio()
    {
        // t = 1e100, σ_t² = 1, η = 1: η/(t² σ²) = 1e-200 is formed first, so g·1e-200 = 1e200·1e-200 = 1 never overflows.
        var rule = new VarianceCorrected(1.0);
        double[] theta = [5.0];
        rule.Step(theta, [1e200], new OptimizerContext(0.0, 1e100, 1, [1.0], [], null));

        // 1e100², 1/1e200 and 1e200·1e-200 each round once: a few ulps of 1.
        Assert.Equal(4.0, theta[0], 1e-14);
    }
}
