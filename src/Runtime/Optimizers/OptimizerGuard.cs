using System;
using System.Runtime.CompilerServices;

namespace NeuralOdeGen;

/// <summary>Argument checks shared by the optimizers.</summary>
internal static class OptimizerGuard
{
    public static void ThrowIfNotPositiveFinite(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!double.IsFinite(value) || value <= 0.0)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be positive and finite.");
        }
    }

    public static void ThrowIfNotInUnitInterval(double value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (!(value >= 0.0 && value < 1.0))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be in [0, 1).");
        }
    }

    public static void ThrowIfLengthsDiffer(Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        if (parameters.Length != gradient.Length)
        {
            throw new ArgumentException(
                $"The gradient has length {gradient.Length} but there are {parameters.Length} parameters.", nameof(gradient));
        }
    }

    /// <summary>Returns the buffer, allocating it on first use and checking its length afterwards.</summary>
    public static double[] EnsureBuffer(ref double[]? buffer, int length)
    {
        if (buffer is null)
        {
            buffer = new double[length];
        }
        else if (buffer.Length != length)
        {
            throw new ArgumentException(
                $"The optimizer was used with {buffer.Length} parameters and now gets {length}; create a new optimizer per model.", "parameters");
        }

        return buffer;
    }
}
