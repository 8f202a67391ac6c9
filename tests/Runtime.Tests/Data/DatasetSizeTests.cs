using System;
using System.Diagnostics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Data;

/// <summary>Sizes that cannot be held are refused up front, naming the argument, the value and what fits.</summary>
public sealed class DatasetSizeTests
{
    private static Normal Standard => new(0.0, 1.0, new MersenneTwister(1));

    [Fact]
    public void SampleInitialStates_ProductOverflowsInt_ThrowsNamingSampleCountAndWhatFits()
    {
        // 2 000 000 000 × 2 states wraps around in 32-bit arithmetic; one array holds at most Array.MaxLength doubles.
        ArgumentOutOfRangeException exception = Assert.Throws<ArgumentOutOfRangeException>(
            () => Dataset.SampleInitialStates(2_000_000_000, 2, Standard));

        Assert.Equal("sampleCount", exception.ParamName);
        Assert.Equal(2_000_000_000, exception.ActualValue);
        Assert.Contains("2000000000", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"at most {Dataset.MaxSampleCount(2, 0)} samples fit", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"one array holds at most {Array.MaxLength} doubles", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SampleInitialStates_IntMaxValue_ThrowsInsteadOfOutOfMemory()
    {
        ArgumentOutOfRangeException exception = Assert.Throws<ArgumentOutOfRangeException>(
            () => Dataset.SampleInitialStates(int.MaxValue, 1, Standard));

        Assert.Equal("sampleCount", exception.ParamName);
        Assert.Contains($"at most {Dataset.MaxSampleCount(1, 0)} samples fit", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SampleTrajectory_TargetsTooLarge_ThrowsBeforeSamplingAnything()
    {
        // 300 000 000 samples fit one array of initial states, but × 10 observation times they do not fit one of targets.
        double[] times = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
        var clock = Stopwatch.StartNew();
        ArgumentOutOfRangeException exception = Assert.Throws<ArgumentOutOfRangeException>(
            () => Dataset.SampleTrajectory<Decay>(300_000_000, Standard, [-1.0], times));

        Assert.Equal("sampleCount", exception.ParamName);
        Assert.Equal(300_000_000, exception.ActualValue);
        Assert.Contains($"at most {Dataset.MaxSampleCount(1, 10)} samples fit", exception.Message, StringComparison.Ordinal);
        // Sampling 3e8 normals takes seconds; the check comes first (generous bound for a loaded machine).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Generate_TargetsTooLarge_ThrowsNamingInitialStates()
    {
        // 1 000 000 samples × 2 200 observation times = 2.2e9 target entries > Array.MaxLength.
        double[] initialStates = new double[1_000_000];
        double[] times = new double[2200];
        for (int k = 0; k < times.Length; k++)
        {
            times[k] = (k + 1) * 1e-3;
        }

        ArgumentOutOfRangeException exception = Assert.Throws<ArgumentOutOfRangeException>(
            () => Dataset.Generate<Decay>(initialStates, [-1.0], times));

        Assert.Equal("initialStates", exception.ParamName);
        Assert.Equal(1_000_000, exception.ActualValue);
        Assert.Contains($"at most {Dataset.MaxSampleCount(1, 2200)} samples fit", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxSampleCount_IsTheSmallerOfTheArrayAndTheMemoryLimit()
    {
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        int max = Dataset.MaxSampleCount(stateCount: 2, observationCount: 20);

        // Largest array: N × 20 × 2 entries; memory: N × 21 × 2 doubles in all.
        Assert.Equal(Math.Min(Array.MaxLength / 40, available / (8 * 21 * 2)), max);
        Assert.Equal(Math.Min(Array.MaxLength, available / 8), Dataset.MaxSampleCount(1, 0));
    }
}
