using System;
using System.Collections.Generic;
using System.Linq;

namespace NeuralOdeGen.Runtime.Tests.Optimizers;

/// <summary>
/// The contract around the optimizers: <see cref="OptimizerContext"/>'s shape checks, <see cref="OptimizerState"/>'s
/// copies and lookups, the hyper-parameter ranges every constructor enforces, and a state restored into a fresh
/// optimizer continuing exactly where the original left off.
/// </summary>
public sealed class OptimizerContractTests
{
    private static OptimizerContext Context => new(0.0, 1.0, 1, [1.0], [], null);

    [Fact]
    public void Context_TwoSamplesOfThreeStates_CountsSamplesAndSensitivities()
    {
        var context = new OptimizerContext(0.25, 2.0, 3, new double[6], new double[12], null);

        Assert.Equal(2, context.SampleCount);
        Assert.Equal(3, context.StateCount);
        Assert.True(context.HasSensitivities);
        Assert.Equal(0.25, context.Loss);
        Assert.Equal(2.0, context.Horizon);
    }

    [Fact]
    public void Context_NoSensitivities_SaysSo()
    {
        var context = new OptimizerContext(0.0, 1.0, 2, new double[4], [], null);

        Assert.False(context.HasSensitivities);
        Assert.Equal(2, context.SampleCount);
    }

    [Fact]
    public void Context_NoStatesAtAll_HasZeroSamples()
    {
        var context = new OptimizerContext(0.0, 1.0, 0, [], [], null);

        Assert.Equal(0, context.SampleCount);
    }

    [Fact]
    public void Context_NegativeStateCount_ThrowsNamingIt()
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => new OptimizerContext(0.0, 1.0, -1, [], [], null));

        Assert.Equal("stateCount", error.ParamName);
    }

    [Fact]
    public void Context_TerminalStatesNotAMultipleOfStateCount_ThrowsNamingThem()
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => new OptimizerContext(0.0, 1.0, 2, new double[3], [], null));

        Assert.Equal("terminalStates", error.ParamName);
    }

    [Fact]
    public void Context_StatesWithZeroStateCount_ThrowsNamingThem()
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => new OptimizerContext(0.0, 1.0, 0, [1.0], [], null));

        Assert.Equal("terminalStates", error.ParamName);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(7)]
    public void Context_SensitivitiesNotAMultipleOfSamplesTimesStates_ThrowNamingThem(int length)
    {
        // N·n = 2·3 = 6: 5 and 7 are not multiples (12 is, see above).
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new OptimizerContext(0.0, 1.0, 3, new double[6], new double[length], null));

        Assert.Equal("sensitivities", error.ParamName);
    }

    [Fact]
    public void Context_SensitivitiesWithoutStates_ThrowNamingThem()
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => new OptimizerContext(0.0, 1.0, 1, [], [1.0], null));

        Assert.Equal("sensitivities", error.ParamName);
    }

    [Fact]
    public void State_Constructor_CopiesArraysAndSortsNamesOrdinally()
    {
        double[] m = [1.0, 2.0];
        var state = new OptimizerState("Adam", 3, new Dictionary<string, double[]> { ["v"] = [4.0, 5.0], ["m"] = m, ["V"] = [6.0] });
        m[0] = 99.0;

        Assert.Equal(["V", "m", "v"], state.Arrays.Keys.ToArray());
        Assert.Equal([1.0, 2.0], state.GetArray("m"));
        Assert.Equal(3, state.StepCount);
        Assert.Equal("Adam", state.Name);
    }

    [Fact]
    public void State_GetArray_ChecksPresenceAndLength()
    {
        var state = new OptimizerState("RmsProp", 1, new Dictionary<string, double[]> { ["squareAverage"] = [1.0, 2.0] });

        Assert.Equal(2, state.GetArray("squareAverage", 2).Length);
        Assert.Equal(2, state.GetArray("squareAverage").Length);
        ArgumentException wrongLength = Assert.Throws<ArgumentException>(() => state.GetArray("squareAverage", 3));
        Assert.Contains("length 2, expected 3", wrongLength.Message, StringComparison.Ordinal);
        ArgumentException missing = Assert.Throws<ArgumentException>(() => state.GetArray("velocity"));
        Assert.Contains("no array 'velocity'", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void State_EmptyLengthZeroArray_IsAcceptedAtLengthZero()
    {
        var state = new OptimizerState("Momentum", 0, new Dictionary<string, double[]> { ["velocity"] = [] });

        Assert.Empty(state.GetArray("velocity", 0));
    }

    [Fact]
    public void State_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => new OptimizerState("", 0, new Dictionary<string, double[]>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OptimizerState("Sgd", -1, new Dictionary<string, double[]>()));
        Assert.Throws<ArgumentNullException>(() => new OptimizerState("Sgd", 0, null!));
        ArgumentException nullArray = Assert.Throws<ArgumentException>(() => new OptimizerState("Sgd", 0, new Dictionary<string, double[]> { ["m"] = null! }));
        Assert.Contains("'m'", nullArray.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void State_EnsureName_IsOrdinalAndCaseSensitive()
    {
        var state = new OptimizerState("Adam", 0, new Dictionary<string, double[]>());

        state.EnsureName("Adam");
        Assert.Throws<ArgumentException>(() => state.EnsureName("adam"));
    }

    public static TheoryData<string, Func<IOptimizer>> BadHyperParameters => new()
    {
        { "learningRate", () => new Sgd(0.0) },
        { "learningRate", () => new Sgd(double.NaN) },
        { "learningRate", () => new Sgd(double.PositiveInfinity) },
        { "learningRate", () => new VarianceCorrected(-0.5) },
        { "momentum", () => new Momentum(0.1, momentum: 1.0) },
        { "momentum", () => new Momentum(0.1, momentum: -0.1) },
        { "momentum", () => new Momentum(0.1, momentum: double.NaN) },
        { "beta1", () => new Adam(0.1, beta1: 1.0) },
        { "beta2", () => new Adam(0.1, beta2: -1e-3) },
        { "epsilon", () => new Adam(0.1, epsilon: 0.0) },
        { "decay", () => new RmsProp(0.1, decay: 1.0) },
        { "epsilon", () => new RmsProp(0.1, epsilon: -1e-8) },
    };

    [Theory]
    [MemberData(nameof(BadHyperParameters))]
    public void Constructor_HyperParameterOutOfRange_ThrowsNamingIt(string name, Func<IOptimizer> create)
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => create());

        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void Constructor_ZeroMomentumAndDecay_AreAllowed()
    {
        // [0, 1) includes 0: with β = 0 momentum is plain gradient descent.
        var momentum = new Momentum(0.5, momentum: 0.0);
        double[] theta = [1.0];
        momentum.Step(theta, [2.0], Context);
        momentum.Step(theta, [2.0], Context);

        Assert.Equal(-1.0, theta[0]); // 1 − 0.5·2 − 0.5·2, exact
        Assert.Equal(0.0, new RmsProp(0.1, decay: 0.0).Decay);
    }

    public static TheoryData<Func<IOptimizer>> StatefulOptimizers => new()
    {
        () => new Momentum(0.1, momentum: 0.5),
        () => new Momentum(0.1, momentum: 0.5, nesterov: true),
        () => new Adam(0.1),
        () => new RmsProp(0.1, decay: 0.9),
    };

    [Theory]
    [MemberData(nameof(StatefulOptimizers))]
    public void Step_OtherParameterCountAfterFirstStep_ThrowsNamingParameters(Func<IOptimizer> create)
    {
        IOptimizer optimizer = create();
        optimizer.Step(new double[2], [1.0, 1.0], Context);

        ArgumentException error = Assert.Throws<ArgumentException>(() => optimizer.Step(new double[3], [1.0, 1.0, 1.0], Context));
        Assert.Equal("parameters", error.ParamName);
    }

    [Theory]
    [MemberData(nameof(StatefulOptimizers))]
    public void SetState_IntoFreshOptimizer_ContinuesBitForBit(Func<IOptimizer> create)
    {
        IOptimizer original = create();
        double[] theta = [0.5, -1.5];
        original.Step(theta, [0.3, -2.0], Context);
        original.Step(theta, [-0.7, 1.0], Context);

        IOptimizer restored = create();
        restored.SetState(original.GetState());
        double[] a = (double[])theta.Clone();
        double[] b = (double[])theta.Clone();
        original.Step(a, [0.2, 0.4], Context);
        restored.Step(b, [0.2, 0.4], Context);

        // The accumulated moments decide the third step; a restore that dropped them would step as from scratch.
        Assert.Equal(a, b);
        Assert.Equal(3, restored.GetState().StepCount);
        double[] fromScratch = (double[])theta.Clone();
        create().Step(fromScratch, [0.2, 0.4], Context);
        Assert.NotEqual(a, fromScratch);
    }

    [Theory]
    [MemberData(nameof(StatefulOptimizers))]
    public void SetState_BeforeAnyStep_RestartsFromZeroMoments(Func<IOptimizer> create)
    {
        IOptimizer used = create();
        double[] theta = [1.0, 2.0];
        used.Step(theta, [1.0, -1.0], Context);
        used.SetState(create().GetState());

        double[] a = [1.0, 2.0];
        double[] b = [1.0, 2.0];
        used.Step(a, [0.5, 0.25], Context);
        create().Step(b, [0.5, 0.25], Context);

        Assert.Equal(b, a);
        Assert.Equal(1, used.GetState().StepCount);
    }

    [Fact]
    public void Sgd_StateRoundTrip_KeepsTheStepCount()
    {
        var sgd = new Sgd(0.1);
        sgd.Step(new double[1], [1.0], Context);
        sgd.Step(new double[1], [1.0], Context);
        var restored = new Sgd(0.1);
        restored.SetState(sgd.GetState());

        Assert.Equal(2, restored.GetState().StepCount);
        Assert.Equal("Sgd", restored.GetState().Name);
        Assert.Empty(restored.GetState().Arrays);
    }

    [Fact]
    public void VarianceCorrected_StateRoundTrip_KeepsTheStepCountAndRejectsOthers()
    {
        var rule = new VarianceCorrected(0.5);
        double[] theta = [0.0];
        rule.Step(theta, [1.0], Context);
        var restored = new VarianceCorrected(0.5);
        restored.SetState(rule.GetState());

        Assert.Equal(1, restored.GetState().StepCount);
        Assert.Throws<ArgumentException>(() => restored.SetState(new Sgd(0.1).GetState()));
        Assert.Throws<ArgumentNullException>(() => restored.SetState(null!));
    }
}
