using System;
using Xunit;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>Agreement of two result arrays relative to the largest magnitude of the expected one (the shared-step tests).</summary>
internal static class RelativeAgreement
{
    /// <summary>Asserts <c>max |expected − actual| ≤ relative · max |expected|</c>, with both numbers in the message.</summary>
    public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double relative)
    {
        double scale = 0.0;
        foreach (double value in expected)
        {
            scale = Math.Max(scale, Math.Abs(value));
        }

        double difference = MaxAbsoluteDifference(expected, actual);
        Assert.True(difference <= relative * scale, $"max difference {difference:e3} against scale {scale:e3}");
    }

    /// <summary>The largest entrywise difference of two arrays of equal length.</summary>
    public static double MaxAbsoluteDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        Assert.Equal(a.Length, b.Length);
        double largest = 0.0;
        for (int i = 0; i < a.Length; i++)
        {
            largest = Math.Max(largest, Math.Abs(a[i] - b[i]));
        }

        return largest;
    }
}
