using System;

namespace NeuralOdeGen.Verification.Tests.Examples;

/// <summary>[Differentiable] functions for the models below, in another type (and file) than the models.</summary>
public static class Activations
{
    /// <summary>The Hill activation xⁿ / (kⁿ + xⁿ).</summary>
    [Differentiable]
    public static double Hill(double x, double k, double n) => Math.Pow(x, n) / (Math.Pow(k, n) + Math.Pow(x, n));

    /// <summary>
    /// log(1 + eˣ) in a block body with a local. (The overflow-safe form max(x, 0) + log(1 + e^−|x|) is checked
    /// numerically in Generator.Tests: SymPy, whose symbols are complex, cannot reduce |Hill − ½| to decide it.)
    /// </summary>
    [Differentiable]
    public static double Softplus(double x)
    {
        double e = Math.Exp(x);
        return Math.Log(1.0 + e);
    }

    /// <summary>A function calling two functions.</summary>
    [Differentiable]
    public static double SoftHill(double x, double k, double n) => Softplus(Hill(x, k, n) - 0.5);
}

/// <summary>A gene activated by itself through a Hill function and degraded through a nested function.</summary>
public partial struct SelfActivation
{
    [Dynamics]
    public static (double Mrna, double Protein) Rhs(
        double mrna, double protein, [Param] double beta, [Param] double k, [Param] double n, [Param] double gamma)
        => ((beta * Activations.Hill(protein, k, n)) - (gamma * mrna), mrna - Activations.SoftHill(protein, k, n));
}
