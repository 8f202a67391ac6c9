using System;
using System.Collections.Generic;
using System.Globalization;

namespace NeuralOdeGen.Examples.Cli;

/// <summary>Range checks and list parsing done after System.CommandLine has parsed the tokens.</summary>
internal static class ValueParsing
{
    public static double[] ParseList(string text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new UsageException($"{option} needs at least one number, e.g. {option}=-3,-2,0,1.");
        }

        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new List<double>(parts.Length);
        for (int i = 0; i < parts.Length; i++)
        {
            string part = parts[i];
            if (part.Length == 0)
            {
                throw new UsageException($"{option}: item {i + 1} of '{text}' is empty; separate numbers by single commas, e.g. {option}=-3,-2,0,1.");
            }

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

    /// <summary>Returns <paramref name="value"/> unless it is missing, empty or blank: a file or folder option needs a path.</summary>
    public static string NonEmptyPath(string? value, string option) =>
        string.IsNullOrWhiteSpace(value) ? throw new UsageException($"{option} needs a path; got an empty one.") : value;

    /// <summary>
    /// Returns <paramref name="value"/> (at least 1) if that many samples of <paramref name="stateCount"/> states observed at
    /// <paramref name="observationCount"/> times fit (<see cref="Dataset.MaxSampleCount"/>); otherwise a usage error that says how many do.
    /// </summary>
    public static int SampleCount(int value, int stateCount, int observationCount, string option)
    {
        AtLeast(value, 1, option);
        int fits = Dataset.MaxSampleCount(stateCount, observationCount);
        return value <= fits
            ? value
            : throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"{option} {value} is too many: at most {fits} samples fit (each sample holds {stateCount}×{observationCount} targets and {stateCount} initial values; the limits are the largest array and the available memory)."));
    }
}
