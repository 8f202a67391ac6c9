namespace NeuralOdeGen.Benchmarks.Models;

/// <summary>Predator–prey, parameters (α, β, δ, γ); derivatives generated.</summary>
public partial struct LotkaVolterra
{
    [Dynamics]
    public static (double Prey, double Predator) Rhs(
        double prey, double predator,
        [Param] double alpha, [Param] double beta, [Param] double delta, [Param] double gamma)
        => (alpha * prey - beta * prey * predator, delta * prey * predator - gamma * predator);
}
