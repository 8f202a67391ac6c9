using System;

namespace NeuralOdeGen.Runtime.Tests.Optimizers;

/// <summary>
/// <see cref="TerminalVariance"/> against σ_t² = (1/N) Σᵢ ‖x_t⁽ⁱ⁾‖² computed by hand, including the scaled form
/// (M, s) and the entries that make it unusable (all zero, NaN anywhere, ±∞).
/// </summary>
public sealed class TerminalVarianceTests
{
    [Fact]
    public void Compute_OneSampleTwoStates_IsTheSquaredNormInScaledForm()
    {
        // x = (3, −4): M = 4, s = (3/4)² + 1 = 1.5625, σ² = 9 + 16 = 25; every quantity is exact in binary.
        TerminalVariance variance = TerminalVariance.Compute([3.0, -4.0], sampleCount: 1);

        Assert.Equal(4.0, variance.Scale);
        Assert.Equal(1.5625, variance.ScaledMean);
        Assert.Equal(25.0, variance.Value);
        Assert.True(variance.IsUsable);
    }

    [Fact]
    public void Compute_TwoSamplesOneState_DividesBySampleCount()
    {
        // x = (1, −2) as two one-state samples: σ² = (1 + 4)/2 = 2.5, M = 2, s = (1/4 + 1)/2 = 0.625 (all exact).
        TerminalVariance variance = TerminalVariance.Compute([1.0, -2.0], sampleCount: 2);

        Assert.Equal(2.0, variance.Scale);
        Assert.Equal(0.625, variance.ScaledMean);
        Assert.Equal(2.5, variance.Value);
    }

    [Fact]
    public void Compute_LargestEntryLast_ScalesByIt()
    {
        // The scale is the largest magnitude wherever it sits; s lies in [1/N, n] only with the true maximum.
        TerminalVariance variance = TerminalVariance.Compute([0.5, -1.0, 8.0], sampleCount: 3);

        Assert.Equal(8.0, variance.Scale);
        Assert.Equal(((0.5 * 0.5) + 1.0 + 64.0) / 3.0, variance.Value, 1e-15 * 65.25); // the scaled squares are exact; the division by N rounds once
    }

    [Fact]
    public void Compute_AllZero_IsZeroAndUnusable()
    {
        TerminalVariance variance = TerminalVariance.Compute([0.0, -0.0, 0.0], sampleCount: 3);

        Assert.Equal(0.0, variance.Scale);
        Assert.Equal(0.0, variance.ScaledMean);
        Assert.Equal(0.0, variance.Value);
        Assert.False(variance.IsUsable);
    }

    [Fact]
    public void Compute_NaNBeforeALargerEntry_StaysUnusable()
    {
        // A NaN must poison the scale even when a larger finite entry follows it.
        TerminalVariance variance = TerminalVariance.Compute([5.0, double.NaN, 7.0], sampleCount: 3);

        Assert.True(double.IsNaN(variance.Scale));
        Assert.False(variance.IsUsable);
    }

    [Fact]
    public void Compute_InfiniteEntry_IsUnusableWithNaNScaledMean()
    {
        TerminalVariance variance = TerminalVariance.Compute([1.0, double.NegativeInfinity], sampleCount: 1);

        Assert.Equal(double.PositiveInfinity, variance.Scale);
        Assert.True(double.IsNaN(variance.ScaledMean));
        Assert.False(variance.IsUsable);
    }

    [Fact]
    public void Compute_EntriesWhoseSquaresOverflow_StaysUsableWithExactScaledMean()
    {
        // (1e200)² overflows, the scaled form does not: M = 1e200, s = (1 + 1)/1 = 2, and only Value overflows.
        TerminalVariance variance = TerminalVariance.Compute([1e200, -1e200], sampleCount: 1);

        Assert.True(variance.IsUsable);
        Assert.Equal(1e200, variance.Scale);
        Assert.Equal(2.0, variance.ScaledMean);
        Assert.Equal(double.PositiveInfinity, variance.Value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Compute_NonPositiveSampleCount_ThrowsNamingIt(int sampleCount)
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => TerminalVariance.Compute([1.0], sampleCount));

        Assert.Equal("sampleCount", error.ParamName);
    }
}
