using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.Models;

/// <summary>Predator–prey dynamics, exactly as written in DESIGN.md §3.</summary>
public partial struct LotkaVolterra
{
    [Dynamics]
    public static (double Prey, double Predator) Rhs(
        double prey, double predator,
        [Param] double alpha, [Param] double beta, [Param] double delta, [Param] double gamma)
        => (alpha * prey - beta * prey * predator, delta * prey * predator - gamma * predator);
}
