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

        // Implicit (stiff) solvers; gradients through them with --sensitivity forward or checkpointed-adjoint. rtol 1e-8 as the
        // explicit adaptive ones; atol 1e-12 lets small components such as Robertson's B (~1e-5 … 1e-8) keep relative
        // accuracy, where 1e-10 would not.
        ["rodas5p"] = static () => OdeSolver.Rodas5P(1e-8, 1e-12),
        ["rodas4"] = static () => OdeSolver.Rodas4(1e-8, 1e-12),
        ["kvaerno5"] = static () => OdeSolver.Kvaerno5(1e-8, 1e-12),
    };

    /// <summary>The explicit solvers a gradient can go through with any sensitivity method, as a usage message lists them.</summary>
    public const string ExplicitForGradients = "dopri5, tsit5, bs32 or rk4";

    /// <summary>The sensitivity methods that differentiate through an implicit solver, as a usage message lists them.</summary>
    public const string ImplicitSensitivities = "forward or checkpointed-adjoint";

    public static OdeSolver Create(string name) => Names.Lookup(Catalogue, name, "solver")();

    /// <summary>Creates a solver that training differentiates through with the named sensitivity method.</summary>
    /// <exception cref="UsageException">The name is unknown, or names an implicit solver and the method cannot go through it.</exception>
    public static OdeSolver CreateForGradients(string name, string sensitivity)
    {
        OdeSolver solver = Create(name);
        if (solver.IsImplicit && !SupportsImplicit(sensitivity))
        {
            throw new UsageException(
                $"--solver {name} is implicit; gradients through implicit solvers need --sensitivity {ImplicitSensitivities} (not {sensitivity}), " +
                $"or use an explicit solver: {ExplicitForGradients}.");
        }

        return solver;
    }

    /// <summary>Gets a value indicating whether the named sensitivity method has gradients through the implicit solvers.</summary>
    public static bool SupportsImplicit(string sensitivity) => sensitivity is "forward" or "checkpointed-adjoint";
}
