using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Problems;

/// <summary>Bad start times and observation times around them: each an exception naming the argument and the value.</summary>
public sealed class StartTimeValidationTests
{
    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void DatasetCreate_NonFiniteStartTime_Throws(double startTime, string value)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Dataset.Create(1, [1.0], [1.0], [1.0], startTime));
        Assert.Equal("startTime", exception.ParamName);
        Assert.Contains(value, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 3.0, 4.0, 1.0 }, "4")]        // backwards (the last is before t0 = 5) but not decreasing
    [InlineData(new[] { 6.0, 4.0 }, "6")]             // backwards but the first lies after t0
    [InlineData(new[] { 4.0, 6.0 }, "4")]             // forwards but the first lies before t0
    [InlineData(new[] { 7.0, 7.0 }, "7")]             // not strictly monotonic
    public void DatasetCreate_TimesNotMonotonicAwayFromStart_Throws(double[] times, string value)
    {
        var exception = Assert.Throws<ArgumentException>(() => Dataset.Create(1, [1.0], times, new double[times.Length], startTime: 5.0));
        Assert.Equal("observationTimes", exception.ParamName);
        Assert.Contains(value, exception.Message, StringComparison.Ordinal);
        Assert.Contains("start time 5", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DatasetCreate_OnlyTheStartTime_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => Dataset.Create(1, [1.0], [5.0], [1.0], startTime: 5.0));
        Assert.Equal("observationTimes", exception.ParamName);
        Assert.Contains("start time 5", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DatasetCreate_BackwardsFromNonzeroStart_KeepsStartTime()
    {
        Dataset data = Dataset.Create(1, [1.0], [4.0, 2.0, -1.0], [1.0, 2.0, 3.0], startTime: 5.0);
        Assert.Equal(5.0, data.StartTime);
        Assert.Equal(-1.0, data.Horizon);
    }

    [Fact]
    public void SampleTrajectory_BackwardsFromStartTime_TargetsAreTheClosedForm()
    {
        // ẋ = a·x from x0 at t0 = 3, observed at τ = 2 and 0.5: y = x0·e^{a(τ − 3)}.
        var x0 = new MathNet.Numerics.Distributions.ContinuousUniform(0.5, 1.5, new MathNet.Numerics.Random.MersenneTwister(5));
        Dataset data = Dataset.SampleTrajectory<Decay>(4, x0, [-0.8], [2.0, 0.5], startTime: 3.0);
        Assert.Equal(3.0, data.StartTime);
        for (int i = 0; i < 4; i++)
        {
            double initial = data.InitialState(i)[0];

            // Dopri5 at rtol 1e-10 over a span of 2.5: 1e-8 relative.
            Assert.Equal(initial * Math.Exp(0.8), data.Target(i, 0)[0], initial * Math.Exp(0.8) * 1e-8);
            Assert.Equal(initial * Math.Exp(2.0), data.Target(i, 1)[0], initial * Math.Exp(2.0) * 1e-8);
        }
    }

    [Fact]
    public void LossProblem_LossStartTimeDiffersFromDataset_ThrowsNamingBothTimes()
    {
        Dataset data = Dataset.Unlabelled(1, [1.0], [1.0, 2.0], startTime: 0.5);
        var exception = Assert.Throws<ArgumentException>(() => new LossProblem<Decay>(data, new SumLoss([1.0, 2.0], startTime: 0.0)));
        Assert.Equal("loss", exception.ParamName);
        Assert.Contains("0.5", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Workspace_CustomLossWithUnsortedTimes_ThrowsNamingTheTime()
    {
        // A custom loss is checked where every method builds its workspace, whatever built the dataset.
        var exception = Assert.Throws<ArgumentException>(() => new DiscreteAdjoint().CreateWorkspace<Decay>(OdeSolver.Rk4(), new SumLoss([2.0, 1.0, 3.0], startTime: 0.0)));
        Assert.Equal("loss", exception.ParamName);
        Assert.Contains("observation time 1 is 1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LossProblem_CustomLossBackwardsFromItsStartTime_GradientIsTheClosedForm()
    {
        // L = x(τ_1) + x(τ_2) for ẋ = a·x from x(3) = 1 at τ = 2, 1: x(τ) = e^{a(τ − 3)}, ∂L/∂a = Σ (τ − 3) e^{a(τ − 3)}.
        var problem = new LossProblem<Decay>([1.0], new SumLoss([2.0, 1.0], startTime: 3.0), OdeSolver.Dopri5(1e-12, 1e-12), new CheckpointedAdjoint());
        GradientResult result = problem.Gradient([0.4]);
        double expected = (-1.0 * Math.Exp(-0.4)) + (-2.0 * Math.Exp(-0.8));

        // Dopri5 at rtol 1e-12 both ways: 1e-10 relative.
        Assert.Equal(expected, result.Gradient[0], Math.Abs(expected) * 1e-10);
        Assert.Equal(3.0, problem.StartTime);
    }

    private sealed class SumLoss(double[] times, double startTime) : ILoss
    {
        public int SampleCount => 1;

        public int StateCount => 1;

        public ReadOnlySpan<double> ObservationTimes => times;

        public double StartTime => startTime;

        public double Evaluate(int sample, int observation, ReadOnlySpan<double> predicted, Span<double> gradient)
        {
            gradient[0] = 1.0;
            return predicted[0];
        }
    }
}
