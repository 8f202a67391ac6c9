using System;
using System.Collections.Generic;

namespace NeuralOdeGen.Runtime.Tests.Optimizers;

/// <summary>
/// The first-order optimizers' argument checks, each with the argument's name and the key words of its message
/// (house rule: exceptions for programmer errors name the argument and its value), and the paths of
/// <see cref="OptimizerState"/> and <see cref="OptimizerContext"/> that only a wrong argument reaches.
/// </summary>
public sealed class OptimizerMessageTests
{
    private static OptimizerContext Context => new(0.0, 1.0, 1, [1.0], [], null);

    public static TheoryData<Func<IOptimizer>> FirstOrder => new()
    {
        () => new Sgd(0.1),
        () => new Momentum(0.1),
        () => new Momentum(0.1, nesterov: true),
        () => new Adam(0.1),
        () => new RmsProp(0.1),
        () => new VarianceCorrected(0.5),
    };

    public static TheoryData<Func<IOptimizer>> ZeroLearningRate => new()
    {
        () => new Sgd(0.0),
        () => new Momentum(0.0),
        () => new Adam(0.0),
        () => new RmsProp(0.0),
        () => new VarianceCorrected(0.0),
    };

    [Theory]
    [MemberData(nameof(ZeroLearningRate))]
    public void Constructor_ZeroLearningRate_ThrowsNamingItAndItsRange(Func<IOptimizer> create)
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => create());

        Assert.Equal("learningRate", error.ParamName);
        Assert.Equal(0.0, error.ActualValue);
        Assert.Contains("positive and finite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MomentumOfOne_SaysTheInterval()
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => new Momentum(0.1, momentum: 1.0));

        Assert.Contains("[0, 1)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FirstOrder))]
    public void Step_ShorterGradient_ThrowsNamingBothLengths(Func<IOptimizer> create)
    {
        // An ArgumentException exactly: reading past the gradient instead would throw IndexOutOfRangeException.
        IOptimizer optimizer = create();

        ArgumentException error = Assert.Throws<ArgumentException>(() => optimizer.Step(new double[2], [1.0], Context));
        Assert.Equal("gradient", error.ParamName);
        Assert.Contains("length 1 but there are 2 parameters", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FirstOrder))]
    public void SetState_Null_ThrowsArgumentNull(Func<IOptimizer> create)
    {
        Assert.Throws<ArgumentNullException>(() => create().SetState(null!));
    }

    [Theory]
    [MemberData(nameof(FirstOrder))]
    public void SetState_AnotherOptimizersState_ThrowsNamingState(Func<IOptimizer> create)
    {
        IOptimizer optimizer = create();
        OptimizerState foreign = new GaussNewton().GetState();

        ArgumentException error = Assert.Throws<ArgumentException>(() => optimizer.SetState(foreign));
        Assert.Equal("state", error.ParamName);
        Assert.Contains($"belongs to 'GaussNewton', not to '{optimizer.Name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_SecondModelSize_SaysBothSizes()
    {
        var adam = new Adam(0.1);
        adam.Step(new double[2], [1.0, 1.0], Context);

        ArgumentException error = Assert.Throws<ArgumentException>(() => adam.Step(new double[3], [1.0, 1.0, 1.0], Context));
        Assert.Contains("used with 2 parameters and now gets 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Momentum_WithoutNesterov_IsNamedMomentum()
    {
        Assert.Equal("Momentum", new Momentum(0.1).Name);
        Assert.Equal("Momentum", new Momentum(0.1).GetState().Name);
    }

    [Fact]
    public void FirstOrder_DoNotRequireSensitivities()
    {
        // The interface's default: only Gauss–Newton asks the sensitivity method for ∂x_t/∂θ.
        Assert.False(((IOptimizer)new Sgd(0.1)).RequiresSensitivities);
    }

    [Fact]
    public void RmsProp_LegacySquareAverageState_ResumesFromItsSquareRoot()
    {
        // A checkpoint from before the square-root form stores v = 4, i.e. r = 2. With ρ = 0.75 and g = 2 the next
        // r = hypot(√0.75·2, √0.25·2) = √(3 + 1) = 2, so θ = 1 − 0.1·2/(2 + ε). From scratch r would be 1 and θ = 0.8.
        var state = new OptimizerState("RmsProp", 5, new Dictionary<string, double[]> { ["squareAverage"] = [4.0] });
        var rmsProp = new RmsProp(0.1, decay: 0.75, epsilon: 1e-8);
        rmsProp.SetState(state);
        double[] theta = [1.0];
        rmsProp.Step(theta, [2.0], Context);

        // hypot and two square roots: a few ulps of 2.
        Assert.Equal(1.0 - (0.2 / (2.0 + 1e-8)), theta[0], 1e-15);
        Assert.Equal(6, rmsProp.GetState().StepCount);
    }

    [Fact]
    public void State_GetArray_ErrorsNameTheStateArgument()
    {
        var state = new OptimizerState("Adam", 0, new Dictionary<string, double[]> { ["m"] = [1.0, 2.0] });

        Assert.Equal("state", Assert.Throws<ArgumentException>(() => state.GetArray("v")).ParamName);
        Assert.Equal("state", Assert.Throws<ArgumentException>(() => state.GetArray("m", 3)).ParamName);
        Assert.Equal("state", Assert.Throws<ArgumentException>(() => state.EnsureName("Sgd")).ParamName);
    }

    [Fact]
    public void State_GetArrayAtLengthZero_RejectsANonEmptyArray()
    {
        // −1 means "any length"; 0 is a real requirement.
        var state = new OptimizerState("Momentum", 0, new Dictionary<string, double[]> { ["velocity"] = [1.0] });

        ArgumentException error = Assert.Throws<ArgumentException>(() => state.GetArray("velocity", 0));
        Assert.Contains("length 1, expected 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Context_TerminalStatesNotAMultiple_SaysTheStateCount()
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => new OptimizerContext(0.0, 1.0, 2, new double[3], [], null));

        Assert.Contains("multiple of the state count 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Context_SensitivitiesNotAMultiple_SaysSamplesTimesStates()
    {
        // N = 2 samples of n = 3 states: the sensitivities must come in blocks of N·n = 6.
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new OptimizerContext(0.0, 1.0, 3, new double[6], new double[7], null));

        Assert.Contains("multiple of N·n = 6", error.Message, StringComparison.Ordinal);
    }
}
