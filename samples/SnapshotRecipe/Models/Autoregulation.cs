using System;
using NeuralOdeGen;

namespace SnapshotRecipe.Models;

/// <summary>A protein that represses its own production through a Hill function: dx/dt = β / (1 + (x/K)ⁿ) − γx.</summary>
public partial struct Autoregulation
{
    [Dynamics]
    public static double Rhs(double x, [Param] double beta, [Param] double k, [Param] double n, [Param] double gamma)
        => (beta * Repression(x, k, n)) - (gamma * x);

    /// <summary>Kⁿ / (Kⁿ + xⁿ): the fraction of time the promoter is free.</summary>
    [Differentiable]
    public static double Repression(double x, double k, double n) => Math.Pow(k, n) / (Math.Pow(k, n) + Math.Pow(x, n));
}
