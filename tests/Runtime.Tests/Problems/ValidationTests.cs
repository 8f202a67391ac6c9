using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Problems;

/// <summary>Every user-facing check: the exception type, the argument it names, and the offending value in the message.</summary>
public sealed class ValidationTests
{
    private static readonly Dataset DecayData = Dataset.Terminal(1, [1.0, -0.5], [0.4, -0.2], 1.0);

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Fixed_NonPositiveSteps_Throws(int steps) =>
        AssertNames<ArgumentOutOfRangeException>(() => OdeSolver.Fixed(Tableaus.Rk4, steps), "steps", steps.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-6)]
    [InlineData(double.NaN)]
    public void Adaptive_BadRelativeTolerance_Throws(double rtol) =>
        AssertNames<ArgumentOutOfRangeException>(() => OdeSolver.Adaptive(Tableaus.DormandPrince54, rtol, 1e-6), "relativeTolerance", Text(rtol));

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    public void Adaptive_BadAbsoluteTolerance_Throws(double atol) =>
        AssertNames<ArgumentOutOfRangeException>(() => OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-6, atol), "absoluteTolerance", Text(atol));

    [Fact]
    public void Adaptive_NegativeInitialStep_Throws() =>
        AssertNames<ArgumentOutOfRangeException>(() => OdeSolver.Adaptive(Tableaus.DormandPrince54, initialStep: -0.1), "initialStep", "-0.1");

    [Fact]
    public void Adaptive_NonPositiveMaxSteps_Throws() =>
        AssertNames<ArgumentOutOfRangeException>(() => OdeSolver.Adaptive(Tableaus.DormandPrince54, maxSteps: 0), "maxSteps", "0");

    [Fact]
    public void Adaptive_TableauWithoutEmbeddedPair_Throws() =>
        AssertNames<ArgumentException>(() => OdeSolver.Adaptive(Tableaus.Rk4), "tableau", "RK4");

    [Fact]
    public void IntegratorSolve_NonFiniteTime_Throws() =>
        AssertNames<ArgumentOutOfRangeException>(() => new OdeIntegrator<Decay>(OdeSolver.Rk4()).Solve(0.0, double.NaN, [1.0], [1.0], new double[1]), "t1", "NaN");

    [Fact]
    public void IntegratorSolve_WrongStateLength_Throws() =>
        AssertNames<ArgumentException>(() => new OdeIntegrator<Decay>(OdeSolver.Rk4()).Solve(0.0, 1.0, [1.0, 2.0], [1.0], new double[1]), "initialState", "2");

    [Fact]
    public void IntegratorSolve_WrongParameterLength_Throws() =>
        AssertNames<ArgumentException>(() => new OdeIntegrator<LotkaVolterra>(OdeSolver.Rk4()).Solve(0.0, 1.0, [1.0, 2.0], [1.0], new double[2]), "parameters", "1");

    [Fact]
    public void IntegratorSolve_WrongOutputLength_Throws() =>
        AssertNames<ArgumentException>(() => new OdeIntegrator<Decay>(OdeSolver.Rk4()).Solve(0.0, 1.0, [1.0], [1.0], new double[3]), "finalState", "3");

    [Fact]
    public void IntegratorSolve_NonFiniteInitialState_Throws() =>
        AssertNames<ArgumentException>(() => new OdeIntegrator<Decay>(OdeSolver.Rk4()).Solve(0.0, 1.0, [double.NaN], [1.0], new double[1]), "initialState", "NaN");

    [Fact]
    public void IntegratorSolve_NonFiniteParameter_Throws() =>
        AssertNames<ArgumentException>(() => new OdeIntegrator<Decay>(OdeSolver.Rk4()).Solve(0.0, 1.0, [1.0], [double.PositiveInfinity], new double[1]), "parameters", "Infinity");

    [Fact]
    public void IntegratorDenseSolve_EmptyTimes_Throws() =>
        AssertNames<ArgumentException>(() => new OdeIntegrator<Decay>(OdeSolver.Rk4()).Solve(0.0, ReadOnlySpan<double>.Empty, [1.0], [1.0], new double[1]), "outputTimes", "empty");

    [Fact]
    public void IntegratorDenseSolve_DecreasingTimes_Throws() =>
        AssertNames<ArgumentException>(() => new OdeIntegrator<Decay>(OdeSolver.Rk4()).Solve(0.0, [0.5, 0.2], [1.0], [1.0], new double[2]), "outputTimes", "0.2");

    [Fact]
    public void IntegratorDenseSolve_TimesOnBothSidesOfT0_Throws() =>
        AssertNames<ArgumentException>(() => new OdeIntegrator<Decay>(OdeSolver.Rk4()).Solve(1.0, [1.5, 0.5], [1.0], [1.0], new double[2]), "outputTimes", "outputTimes[0] = 1.5");

    [Fact]
    public void DatasetCreate_Empty_Throws() =>
        AssertNames<ArgumentException>(() => Dataset.Create(1, ReadOnlySpan<double>.Empty, [1.0], ReadOnlySpan<double>.Empty), "initialStates", "empty");

    [Fact]
    public void DatasetCreate_NonPositiveStateCount_Throws() =>
        AssertNames<ArgumentOutOfRangeException>(() => Dataset.Create(0, [1.0], [1.0], [1.0]), "stateCount", "0");

    [Fact]
    public void DatasetCreate_StatesNotMultipleOfStateCount_Throws() =>
        AssertNames<ArgumentException>(() => Dataset.Create(2, [1.0, 2.0, 3.0], [1.0], [1.0, 2.0]), "initialStates", "3");

    [Fact]
    public void DatasetCreate_NonFiniteInitialState_Throws() =>
        AssertNames<ArgumentException>(() => Dataset.Create(1, [1.0, double.NaN], [1.0], [1.0, 2.0]), "initialStates", "NaN");

    [Fact]
    public void DatasetCreate_TargetLengthMismatch_Throws() =>
        AssertNames<ArgumentException>(() => Dataset.Create(1, [1.0, 2.0], [0.5, 1.0], [1.0, 2.0, 3.0]), "targets", "3");

    [Fact]
    public void DatasetCreate_NonFiniteTarget_Throws() =>
        AssertNames<ArgumentException>(() => Dataset.Create(1, [1.0], [1.0], [double.NegativeInfinity]), "targets", "-Infinity");

    [Fact]
    public void DatasetCreate_NoObservationTimes_Throws() =>
        AssertNames<ArgumentException>(() => Dataset.Create(1, [1.0], ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty), "observationTimes", "empty");

    [Theory]
    [InlineData(new[] { 0.5, 0.5 }, "0.5")]
    [InlineData(new[] { -0.1, 1.0 }, "-0.1")]
    [InlineData(new[] { 1.0, double.NaN }, "NaN")]
    public void DatasetCreate_BadObservationTimes_Throws(double[] times, string value) =>
        AssertNames<ArgumentException>(() => Dataset.Create(1, [1.0], times, new double[times.Length]), "observationTimes", value);

    [Fact]
    public void DatasetCreate_OnlyTimeZero_Throws() =>
        AssertNames<ArgumentException>(() => Dataset.Create(1, [1.0], [0.0], [1.0]), "observationTimes", "0");

    [Theory]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    public void DatasetTerminal_BadHorizon_Throws(double horizon) =>
        AssertNames<ArgumentOutOfRangeException>(() => Dataset.Terminal(1, [1.0], [1.0], horizon), "horizon", Text(horizon));

    [Fact]
    public void SampleTerminal_BadHorizon_Throws() =>
        AssertNames<ArgumentOutOfRangeException>(() => Dataset.SampleTerminal<Decay>(10, seed: 1, [-1.0], horizon: -1.0), "horizon", "-1");

    [Fact]
    public void SampleTerminal_NonPositiveSampleCount_Throws() =>
        AssertNames<ArgumentOutOfRangeException>(() => Dataset.SampleTerminal<Decay>(0, seed: 1, [-1.0], horizon: 1.0), "sampleCount", "0");

    [Fact]
    public void SampleTerminal_WrongParameterCount_Throws() =>
        AssertNames<ArgumentException>(() => Dataset.SampleTerminal<Decay>(3, seed: 1, [-1.0, 2.0], horizon: 1.0), "trueParameters", "2");

    [Fact]
    public void SampleTerminal_NonFiniteParameter_Throws() =>
        AssertNames<ArgumentException>(() => Dataset.SampleTerminal<Decay>(3, seed: 1, [double.NaN], horizon: 1.0), "trueParameters", "NaN");

    [Fact]
    public void SampleTerminal_NegativeNoise_Throws() =>
        AssertNames<ArgumentOutOfRangeException>(() => Dataset.SampleTerminal<Decay>(3, seed: 1, [-1.0], 1.0, noiseStandardDeviation: -0.5), "noiseStandardDeviation", "-0.5");

    [Fact]
    public void SampleInitialStates_NonPositiveStateCount_Throws() =>
        AssertNames<ArgumentOutOfRangeException>(() => Dataset.SampleInitialStates(3, 0, new MathNet.Numerics.Distributions.Normal()), "stateCount", "0");

    [Fact]
    public void TerminalMse_SeveralObservationTimes_Throws() =>
        AssertNames<ArgumentException>(() => new TerminalMse(Dataset.Create(1, [1.0], [0.5, 1.0], [1.0, 1.0])), "data", "2");

    [Fact]
    public void Problem_DatasetStateCountMismatch_Throws() =>
        AssertNames<ArgumentException>(() => new TerminalProblem<LotkaVolterra>(DecayData), "data", "1 states");

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Problem_NonPositiveParallelism_Throws(int degree) =>
        AssertNames<ArgumentOutOfRangeException>(() => new TerminalProblem<Decay>(DecayData, maxDegreeOfParallelism: degree), "maxDegreeOfParallelism", degree.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void ProblemGradient_WrongParameterCount_Throws() =>
        AssertNames<ArgumentException>(() => new TerminalProblem<Decay>(DecayData).Gradient([1.0, 2.0, 3.0]), "parameters", "3");

    [Fact]
    public void ProblemGradient_NonFiniteParameter_Throws() =>
        AssertNames<ArgumentException>(() => new TerminalProblem<Decay>(DecayData).Gradient([double.NaN]), "parameters", "NaN");

    [Fact]
    public void ProblemEvaluateLoss_NonFiniteParameter_Throws() =>
        AssertNames<ArgumentException>(() => new TerminalProblem<Decay>(DecayData).EvaluateLoss([double.NaN]), "parameters", "NaN");

    [Fact]
    public void ProblemGradient_ResultOfOtherShape_Throws()
    {
        var problem = new TerminalProblem<Decay>(DecayData, sensitivity: new ForwardSensitivity());
        AssertNames<ArgumentException>(() => problem.Gradient([1.0], new GradientResult(2, 1, 1, hasSensitivities: false)), "result", "CreateResult");
    }

    [Fact]
    public void CreateWorkspace_LossForOtherStateCount_Throws()
    {
        var loss = new TerminalMse(DecayData);
        AssertNames<ArgumentException>(() => new DiscreteAdjoint().CreateWorkspace<LotkaVolterra>(OdeSolver.Rk4(), loss), "loss", "1 states");
    }

    [Fact]
    public void GradientResultSensitivity_MethodWithoutSensitivities_ThrowsInvalidOperation()
    {
        GradientResult result = new TerminalProblem<Decay>(DecayData, sensitivity: new DiscreteAdjoint()).Gradient([0.5]);
        var exception = Assert.Throws<InvalidOperationException>(() => result.Sensitivity(0).ToArray());
        Assert.Contains("ForwardSensitivity", exception.Message, StringComparison.Ordinal);
    }

    private static string Text(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void AssertNames<TException>(Func<object?> action, string parameterName, string valueText)
        where TException : ArgumentException
    {
        TException exception = Assert.Throws<TException>(() => action());
        Assert.Equal(parameterName, exception.ParamName);
        Assert.Contains(valueText, exception.Message, StringComparison.Ordinal);
    }

    private static void AssertNames<TException>(Action action, string parameterName, string valueText)
        where TException : ArgumentException
    {
        TException exception = Assert.Throws<TException>(action);
        Assert.Equal(parameterName, exception.ParamName);
        Assert.Contains(valueText, exception.Message, StringComparison.Ordinal);
    }
}
