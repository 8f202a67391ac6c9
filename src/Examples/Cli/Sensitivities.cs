using System;
using System.Collections.Generic;

namespace NeuralOdeGen.Examples.Cli;

/// <summary>The gradient methods a command line can name.</summary>
internal static class Sensitivities
{
    public static readonly IReadOnlyDictionary<string, Func<ISensitivityMethod>> Catalogue = new Dictionary<string, Func<ISensitivityMethod>>(StringComparer.Ordinal)
    {
        ["adjoint"] = static () => new ContinuousAdjoint(),
        ["checkpointed-adjoint"] = static () => new CheckpointedAdjoint(),
        ["discrete-adjoint"] = static () => new DiscreteAdjoint(),
        ["forward"] = static () => new ForwardSensitivity(),
    };

    public static ISensitivityMethod Create(string name) => Names.Lookup(Catalogue, name, "sensitivity method")();
}
