using System;
using System.Collections.Generic;
using System.Linq;

namespace NeuralOdeGen.Examples.Cli;

/// <summary>Looks up a kebab-case name in a catalogue and explains the choices when it is not there.</summary>
internal static class Names
{
    public static T Lookup<T>(IReadOnlyDictionary<string, T> catalogue, string value, string what)
    {
        if (catalogue.TryGetValue(value.Trim().ToLowerInvariant(), out T? found))
        {
            return found;
        }

        throw new UsageException($"unknown {what} '{value}'; choose one of: {string.Join(", ", catalogue.Keys.Order(StringComparer.Ordinal))}.");
    }
}
