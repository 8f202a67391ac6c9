using System;
using System.Collections.Generic;

namespace NeuralOdeGen.Examples.Cli;

/// <summary>The solvers a command line can name.</summary>
internal static class Solvers
{
    public static readonly IReadOnlyDictionary<string, Func<OdeSolver>> Catalogue = new Dictionary<string, Func<OdeSolver>>(StringComparer.Ordinal)
    {
        ["euler"] = static () => OdeSolver.Fixed(Tableaus.Euler, 1000),
        ["midpoint"] = static () => OdeSolver.Fixed(Tableaus.Midpoint, 200),
        ["rk4"] = static () => OdeSolver.Rk4(100),
        ["bs32"] = static () => OdeSolver.Adaptive(Tableaus.BogackiShampine32, 1e-8, 1e-10),
        ["dopri5"] = static () => OdeSolver.Dopri5(1e-8, 1e-10),
        ["tsit5"] = static () => OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-8, 1e-10),
    };

    public static OdeSolver Create(string name) => Names.Lookup(Catalogue, name, "solver")();
}
