using System;
using System.Collections.Generic;
using System.Globalization;

namespace NeuralOdeGen.Examples.Cli;

/// <summary>Range checks and list parsing done after System.CommandLine has parsed the tokens.</summary>
internal static class ValueParsing
{
    public static double[] ParseList(string text, string option)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new UsageException($"{option} needs at least one number, e.g. {option} -3,-2,0,1.");
        }

        var values = new List<double>(parts.Length);
        foreach (string part in parts)
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                throw new UsageException($"{option}: '{part}' is not a finite number.");
            }

            values.Add(value);
        }

        return [.. values];
    }

    public static int AtLeast(int value, int minimum, string option) =>
        value >= minimum ? value : throw new UsageException($"{option} must be at least {minimum}; got {value}.");

    public static double Positive(double value, string option) =>
        double.IsFinite(value) && value > 0.0 ? value : throw new UsageException($"{option} must be a positive finite number; got {value.ToString(CultureInfo.InvariantCulture)}.");

    public static double NonNegative(double value, string option) =>
        double.IsFinite(value) && value >= 0.0 ? value : throw new UsageException($"{option} must be a finite number ≥ 0; got {value.ToString(CultureInfo.InvariantCulture)}.");
}
