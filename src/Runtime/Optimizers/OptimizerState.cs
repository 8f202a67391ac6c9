using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace NeuralOdeGen;

/// <summary>
/// The serialisable state of an <see cref="IOptimizer"/>: its name, the number of steps taken, and named
/// arrays (moment estimates, damping, …). Round-trips through System.Text.Json without loss.
/// </summary>
public sealed class OptimizerState
{
    /// <summary>Creates a state.</summary>
    /// <param name="name">The optimizer's <see cref="IOptimizer.Name"/>.</param>
    /// <param name="stepCount">The number of steps taken so far.</param>
    /// <param name="arrays">Named arrays; copied.</param>
    [JsonConstructor]
    public OptimizerState(string name, long stepCount, IReadOnlyDictionary<string, double[]> arrays)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(stepCount);
        ArgumentNullException.ThrowIfNull(arrays);
        Name = name;
        StepCount = stepCount;
        var copy = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, double[]> pair in arrays)
        {
            copy.Add(pair.Key, pair.Value is null
                ? throw new ArgumentException($"The array '{pair.Key}' is null.", nameof(arrays))
                : (double[])pair.Value.Clone());
        }

        Arrays = copy;
    }

    /// <summary>Gets the optimizer's name.</summary>
    public string Name { get; }

    /// <summary>Gets the number of steps taken so far.</summary>
    public long StepCount { get; }

    /// <summary>Gets the named arrays, ordinal-sorted by name.</summary>
    public IReadOnlyDictionary<string, double[]> Arrays { get; }

    /// <summary>Checks that this state belongs to the optimizer called <paramref name="expectedName"/>.</summary>
    /// <exception cref="ArgumentException">The names differ.</exception>
    public void EnsureName(string expectedName)
    {
        if (!string.Equals(Name, expectedName, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The optimizer state belongs to '{Name}', not to '{expectedName}'.", "state");
        }
    }

    /// <summary>Returns the array called <paramref name="key"/>, checking its length.</summary>
    /// <param name="key">The array's name.</param>
    /// <param name="expectedLength">The required length, or −1 for any.</param>
    /// <exception cref="ArgumentException">The array is missing or has another length.</exception>
    public double[] GetArray(string key, int expectedLength = -1)
    {
        if (!Arrays.TryGetValue(key, out double[]? array))
        {
            throw new ArgumentException($"The optimizer state of '{Name}' has no array '{key}'.", "state");
        }

        if (expectedLength >= 0 && array.Length != expectedLength)
        {
            throw new ArgumentException(
                $"The optimizer state array '{key}' of '{Name}' has length {array.Length}, expected {expectedLength}.", "state");
        }

        return array;
    }
}
