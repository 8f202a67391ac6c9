using System;
using System.Collections.Generic;

namespace NeuralOdeGen.Runtime.Tests.Optimizers;

/// <summary>
/// What <see cref="GaussNewton"/> refuses, and how it says so: each hyper-parameter just outside its range (and the
/// boundary values that are allowed), each malformed step, and each malformed state, with the argument's name and the
/// key words of the message.
/// </summary>
public sealed class GaussNewtonArgumentTests
{
    public static TheoryData<string, string, Func<GaussNewton>> BadHyperParameters => new()
    {
        { "learningRate", "positive", () => new GaussNewton(learningRate: 0.0) },
        { "initialDamping", "non-negative", () => new GaussNewton(initialDamping: -1.0) },
        { "initialDamping", "non-negative", () => new GaussNewton(initialDamping: double.PositiveInfinity) },
        { "dampingIncrease", "greater than 1", () => new GaussNewton(dampingIncrease: 1.0) },
        { "dampingIncrease", "greater than 1", () => new GaussNewton(dampingIncrease: double.PositiveInfinity) },
        { "dampingIncrease", "greater than 1", () => new GaussNewton(dampingIncrease: double.NaN) },
        { "dampingDecrease", "(0, 1]", () => new GaussNewton(dampingDecrease: 0.0) },
        { "dampingDecrease", "(0, 1]", () => new GaussNewton(dampingDecrease: 1.5) },
        { "dampingDecrease", "(0, 1]", () => new GaussNewton(dampingDecrease: double.NaN) },
        { "maxRejections", "maxRejections", () => new GaussNewton(maxRejections: 0) },
    };

    [Theory]
    [MemberData(nameof(BadHyperParameters))]
    public void Constructor_OutOfRange_ThrowsNamingTheArgument(string name, string words, Func<GaussNewton> create)
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => create());

        Assert.Equal(name, error.ParamName);
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BoundaryValues_AreAllowed()
    {
        // μ₀ = 0 and a decrease factor of exactly 1 (never lower μ) are inside their ranges.
        var optimizer = new GaussNewton(initialDamping: 0.0, dampingIncrease: 1.0000001, dampingDecrease: 1.0, maxRejections: 1);

        Assert.Equal(0.0, optimizer.Damping);
        Assert.Equal(1.0, optimizer.DampingDecrease);
        Assert.True(((IOptimizer)optimizer).RequiresSensitivities);
    }

    [Fact]
    public void Step_GradientLengthMismatch_ThrowsNamingGradient()
    {
        var optimizer = new GaussNewton(adaptDamping: false);

        ArgumentException error = Assert.Throws<ArgumentException>(
            () => optimizer.Step(new double[2], [1.0], new OptimizerContext(0.0, 1.0, 1, [1.0], [1.0, 1.0], null)));
        Assert.Equal("gradient", error.ParamName);
    }

    [Fact]
    public void Step_SensitivitiesForAnotherParameterCount_ThrowsWithTheExpectedShape()
    {
        // N = 1, n = 2 and m = 1 need 2 sensitivities; 4 is a valid context (a multiple of N·n) but not for this θ.
        var optimizer = new GaussNewton(adaptDamping: false);

        ArgumentException error = Assert.Throws<ArgumentException>(
            () => optimizer.Step(new double[1], [1.0], new OptimizerContext(0.0, 1.0, 2, [1.0, 1.0], new double[4], null)));
        Assert.Equal("context", error.ParamName);
        Assert.Contains("length 4, expected N·n·m = 1·2·1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_AdaptiveDampingWithoutLossEvaluator_ThrowsNamingIt()
    {
        var optimizer = new GaussNewton();

        ArgumentException error = Assert.Throws<ArgumentException>(
            () => optimizer.Step(new double[1], [1.0], new OptimizerContext(0.0, 1.0, 1, [1.0], [1.0], null)));
        Assert.Equal("context", error.ParamName);
        Assert.Contains("LossEvaluator", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_NaNGradientComponent_ThrowsNamingItsIndex()
    {
        var optimizer = new GaussNewton(adaptDamping: false);
        double[] theta = [1.0, 2.0];

        OptimizerException error = Assert.Throws<OptimizerException>(
            () => optimizer.Step(theta, [1.0, double.NaN], new OptimizerContext(0.0, 1.0, 1, [1.0], [1.0, 0.0], null)));
        Assert.Contains("Gradient component 1 is NaN", error.Message, StringComparison.Ordinal);
        Assert.Equal([1.0, 2.0], theta);
    }

    [Fact]
    public void Step_SensitivitiesWhoseSquaresOverflow_ThrowsInsteadOfStepping()
    {
        // ∂x/∂θ = 1e200: G = 1e400 = ∞.
        var optimizer = new GaussNewton(adaptDamping: false);
        double[] theta = [1.0];

        OptimizerException error = Assert.Throws<OptimizerException>(
            () => optimizer.Step(theta, [1.0], new OptimizerContext(0.0, 1.0, 1, [1.0], [1e200], null)));
        Assert.Contains("not finite", error.Message, StringComparison.Ordinal);
        Assert.Equal(1.0, theta[0]);
    }

    [Fact]
    public void SetState_NullOrAnotherOptimizers_Throws()
    {
        var optimizer = new GaussNewton();

        Assert.Throws<ArgumentNullException>(() => optimizer.SetState(null!));
        ArgumentException error = Assert.Throws<ArgumentException>(() => optimizer.SetState(new Sgd(0.1).GetState()));
        Assert.Equal("state", error.ParamName);

        // The name check comes first: without it the missing damping array would be reported instead.
        Assert.Contains("belongs to 'Sgd', not to 'GaussNewton'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void SetState_StoredDampingOutOfRange_ThrowsNamingState(double damping)
    {
        var state = new OptimizerState("GaussNewton", 0, new Dictionary<string, double[]> { ["damping"] = [damping] });

        ArgumentException error = Assert.Throws<ArgumentException>(() => new GaussNewton().SetState(state));
        Assert.Equal("state", error.ParamName);
        Assert.Contains("damping", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetState_ZeroDampingAndStepCount_AreRestored()
    {
        var state = new OptimizerState("GaussNewton", 7, new Dictionary<string, double[]> { ["damping"] = [0.0] });
        var optimizer = new GaussNewton(initialDamping: 5.0);
        optimizer.SetState(state);

        Assert.Equal(0.0, optimizer.Damping);
        Assert.Equal(7, optimizer.GetState().StepCount);
    }
}
