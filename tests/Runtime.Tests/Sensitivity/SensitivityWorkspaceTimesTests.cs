using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>
/// The loss's start and observation times every workspace checks before solving: a finite start, a last time away from
/// it, and times strictly monotonic away from the start in the direction of the last one (the first may equal the
/// start), each refusal with the loss's name, the offending index and value, and the direction. Whole-number times, so
/// the messages print the same in every culture.
/// </summary>
public sealed class SensitivityWorkspaceTimesTests
{
    [Theory]
    [InlineData(0.0, new[] { 1.0, 2.0, 3.0 })]
    [InlineData(0.0, new[] { 0.0, 3.0 })] // the first time may be the start itself
    [InlineData(4.0, new[] { 3.0, 1.0, 0.0 })] // backwards
    [InlineData(4.0, new[] { 4.0, 0.0 })]
    public void CreateWorkspace_MonotonicTimesAwayFromTheStart_AreAccepted(double start, double[] times) =>
        Assert.NotNull(Create(start, times));

    [Fact]
    public void CreateWorkspace_StartNotFinite_IsRefused()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => Create(double.NaN, [1.0]));

        Assert.Equal("loss", error.ParamName);
        Assert.Contains("The loss's start time is ", error.Message, StringComparison.Ordinal);
        Assert.Contains("; it must be finite.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateWorkspace_NoObservationTimes_SaysSo()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => Create(0.0, []));

        Assert.Equal("loss", error.ParamName);
        Assert.StartsWith("The loss's last observation time must differ from its start time 0; it has 0 observation times.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateWorkspace_LastTimeAtTheStart_NamesIt()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => Create(2.0, [2.0]));

        Assert.StartsWith("The loss's last observation time must differ from its start time 2; it has 1 observation times, the last 2.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, new[] { 2.0, 1.0, 3.0 }, "observation time 1 is 1; observation times must be finite and strictly increasing from the start time 0.")]
    [InlineData(0.0, new[] { 1.0, 1.0, 3.0 }, "observation time 1 is 1; observation times must be finite and strictly increasing from the start time 0.")]
    [InlineData(1.0, new[] { 0.0, 3.0 }, "observation time 0 is 0; observation times must be finite and strictly increasing from the start time 1.")]
    [InlineData(4.0, new[] { 2.0, 3.0, 0.0 }, "observation time 1 is 3; observation times must be finite and strictly decreasing from the start time 4.")]
    [InlineData(4.0, new[] { 5.0, 0.0 }, "observation time 0 is 5; observation times must be finite and strictly decreasing from the start time 4.")]
    public void CreateWorkspace_TimeOutOfOrder_NamesItsIndexValueAndDirection(double start, double[] times, string message)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => Create(start, times));

        Assert.Equal("loss", error.ParamName);
        Assert.StartsWith("The loss's " + message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateWorkspace_NonFiniteTimeBeforeTheLast_IsRefused()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => Create(0.0, [1.0, double.PositiveInfinity, 3.0]));

        Assert.Contains("observation time 1 is ", error.Message, StringComparison.Ordinal);
    }

    private static SensitivityWorkspace<Shear> Create(double start, double[] times) =>
        new ForwardSensitivity().CreateWorkspace<Shear>(OdeSolver.Rk4(4), new FixedTimesLoss(start, times));

    private sealed class FixedTimesLoss(double start, double[] times) : ILoss
    {
        public int SampleCount => 1;

        public int StateCount => 2;

        public ReadOnlySpan<double> ObservationTimes => times;

        public double StartTime => start;

        public double Evaluate(int sample, int observation, ReadOnlySpan<double> predicted, Span<double> gradient) => 0.0;
    }
}
